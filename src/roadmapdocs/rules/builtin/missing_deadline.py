"""RD102 missing-deadline."""

from __future__ import annotations

from collections.abc import Iterator

from roadmapdocs.model import ActivityField
from roadmapdocs.rules.base import Context, Hit, Phrase, Severity, rule
from roadmapdocs.rules.builtin._shared import no_term, rows_to_fill


@rule("RD102", "missing-deadline", Severity.ERROR)
def missing_deadline(context: Context) -> Iterator[Hit]:
    """Мероприятие или контрольная точка без срока.

    Без срока мероприятие нельзя ни проконтролировать, ни признать просроченным. Срок может
    быть любым, каким его пишут в планах: «Февраль – март 2024», «ежеквартально»,
    «в течение срока реализации».

    Проверяются мероприятия планов со столбцом сроков и все контрольные точки; строки,
    объединяющие вложенные мероприятия, не проверяются.

    Пример: «контрольная точка 3: не указан срок».
    """
    for row in rows_to_fill(context, ActivityField.DEADLINE):
        if no_term(row.item.deadline):
            yield Hit(
                (*row.path, "deadline"),
                Phrase("не указан срок", "no deadline"),
                Phrase(
                    "укажите срок: месяц и год, период или периодичность",
                    "give a term: month and year, a period or a frequency",
                ),
            )
