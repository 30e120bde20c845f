"""RD101 missing-responsible."""

from __future__ import annotations

from collections.abc import Iterator

from roadmapdocs.model import ActivityField
from roadmapdocs.rules.base import Context, Hit, Phrase, Severity, rule
from roadmapdocs.rules.builtin._shared import nobody, rows_to_fill


@rule("RD101", "missing-responsible", Severity.ERROR)
def missing_responsible(context: Context) -> Iterator[Hit]:
    """Мероприятие или контрольная точка без ответственного.

    Мероприятие, за которое никто не отвечает, не будет выполнено: в плане должно быть видно,
    кто его исполняет — должностное лицо, орган или названные люди.

    Проверяются все мероприятия планов, у которых есть столбец ответственных, и все контрольные
    точки. Строки, которые только объединяют вложенные мероприятия, не проверяются: ответственных
    указывают у вложенных.

    Пример: «мероприятие 2.3: не указан ответственный».
    """
    for row in rows_to_fill(context, ActivityField.RESPONSIBLE):
        if nobody(row.item.responsible):
            yield Hit(
                (*row.path, "responsible"),
                Phrase("не указан ответственный", "no one is responsible"),
                Phrase(
                    "укажите должность, орган или ФИО исполнителя",
                    "name a position, a body or a person",
                ),
            )
