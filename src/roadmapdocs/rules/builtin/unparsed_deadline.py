"""RD602 unparsed-deadline."""

from __future__ import annotations

from collections.abc import Iterator

from roadmapdocs.rules.base import Context, Hit, Phrase, Severity, rule
from roadmapdocs.rules.builtin._terms import terms, unparsed


@rule("RD602", "unparsed-deadline", Severity.INFO)
def unparsed_deadline(context: Context) -> Iterator[Hit]:
    """Срок, который не удалось понять как даты или периодичность.

    Такой срок печатается как написан, но правила ``overdue`` и ``deadline-outside-period`` его не
    проверяют. Обычно это опечатка («ноябрь-октябрь 2024») или оборот, который стоит сказать
    определённее: «по мере необходимости» вместо месяца.

    Пример: «мероприятие 2.3: срок «в свободное время» не распознан».
    """
    for _, path, deadline in terms(context):
        if unparsed(deadline):
            yield Hit(
                path,
                Phrase(
                    f"срок «{deadline.text}» не распознан", f"term «{deadline.text}» not understood"
                ),
                Phrase(
                    "напишите месяц и год («март 2025»), период или периодичность («ежемесячно»)",
                    "write a month and year, a period or a frequency",
                ),
            )
