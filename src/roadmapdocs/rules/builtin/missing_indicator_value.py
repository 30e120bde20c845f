"""RD105 missing-indicator-value."""

from __future__ import annotations

from collections.abc import Iterator

from roadmapdocs.model.walk import indicator_lists
from roadmapdocs.rules.base import Context, Hit, Phrase, Severity, rule
from roadmapdocs.rules.builtin._shared import blank


@rule("RD105", "missing-indicator-value", Severity.WARNING)
def missing_indicator_value(context: Context) -> Iterator[Hit]:
    """Показатель без целевого значения на период или пустая строка таблицы показателей.

    Таблица показателей задаёт периоды — свои столбцы («2020/2021», «2021/2022») или те, на
    которые заданы значения других показателей. Показатель, у которого на один из этих периодов
    нет значения, не даёт проверить результат; строка без наименования — пустая строка.
    Перечень показателей без значений (одни наименования) проверяется только на пустые строки.

    Пример: «показатель 1/3: нет целевого значения на 2021/2022».
    """
    for table in indicator_lists(context.document):
        for index, indicator in enumerate(table.items):
            path = (*table.path, index)
            values = {k: v for k, v in indicator.values.items() if not blank(v)}
            if blank(indicator.name):
                if not values and blank(indicator.baseline):
                    yield Hit(
                        path,
                        Phrase("пустая строка показателя", "empty indicator row"),
                        Phrase("заполните строку или удалите её", "fill the row in or remove it"),
                    )
                else:
                    yield Hit(
                        (*path, "name"),
                        Phrase("у показателя нет наименования", "the indicator has no name"),
                    )
                continue
            missing = [p for p in table.periods if p not in values]
            if missing:
                where = (*path, "values", missing[0]) if missing[0] in indicator.values else path
                periods = ", ".join(missing)
                yield Hit(
                    where,
                    Phrase(f"нет целевого значения на {periods}", f"no target value for {periods}"),
                    Phrase("укажите целевое значение", "give the target value"),
                )
