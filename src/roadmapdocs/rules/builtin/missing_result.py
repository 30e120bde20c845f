"""RD103 missing-result."""

from __future__ import annotations

from collections.abc import Iterator

from roadmapdocs.model import Activity, ActivityField
from roadmapdocs.rules.base import Context, Hit, Phrase, Severity, rule
from roadmapdocs.rules.builtin._shared import blank, rows_to_fill


@rule("RD103", "missing-result", Severity.WARNING)
def missing_result(context: Context) -> Iterator[Hit]:
    """Мероприятие без ожидаемого результата там, где в плане есть такой столбец.

    Столбец «Ожидаемый результат» («Показатель реализации», «Управленческие решения»,
    «Ключевой результат») говорит, по чему судить о выполнении. Пустая ячейка в нём — пропуск.
    Планы без этого столбца не проверяются; строки, объединяющие вложенные мероприятия, тоже.

    Пример: «мероприятие 1.7: не указан ожидаемый результат».
    """
    for row in rows_to_fill(context, ActivityField.RESULT, control_points=False):
        item = row.item
        if isinstance(item, Activity) and blank(item.result):
            yield Hit(
                (*row.path, "result"),
                Phrase("не указан ожидаемый результат", "no expected result"),
                Phrase(
                    "укажите результат, по которому видно, что мероприятие выполнено",
                    "state the result that shows the activity is done",
                ),
            )
