"""RD601 deadline-outside-period."""

from __future__ import annotations

from collections.abc import Iterator

from roadmapdocs.rules.base import Context, Hit, Phrase, Severity, rule
from roadmapdocs.rules.builtin._terms import show, terms


@rule("RD601", "deadline-outside-period", Severity.WARNING)
def deadline_outside_period(context: Context) -> Iterator[Hit]:
    """Срок мероприятия выходит за период документа.

    Дорожная карта на 2024/2025 учебный год не может назначить мероприятие на март 2026 года:
    либо ошибка в годе, либо мероприятие из другого плана. Правило работает, когда у документа
    задан период (``period``) и срок удалось понять как даты.

    Пример: «мероприятие 4.2: срок «март 2026» выходит за период документа
    (01.09.2024–31.08.2025)».
    """
    within = context.document.within
    if within is None:
        return
    first, last = within
    for _, path, deadline in terms(context):
        start, end = deadline.start, deadline.end
        if (start is not None and start < first) or (end is not None and end > last):
            period = f"{show(first)}–{show(last)}"
            yield Hit(
                path,
                Phrase(
                    f"срок «{deadline.text}» выходит за период документа ({period})",
                    f"the term «{deadline.text}» falls outside the document's period ({period})",
                ),
                Phrase("проверьте год в сроке", "check the year of the term"),
            )
