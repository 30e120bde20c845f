"""RD703 actual-share-range."""

from __future__ import annotations

from collections.abc import Iterator

from roadmapdocs.lang.numbers import number
from roadmapdocs.model.walk import indicator_lists
from roadmapdocs.rules.base import Context, Hit, Phrase, Severity, rule
from roadmapdocs.rules.builtin._shared import SHARE_UNIT, blank


@rule("RD703", "actual-share-range", Severity.ERROR)
def actual_share_range(context: Context) -> Iterator[Hit]:
    """Фактическое значение доли меньше 0 или больше 100 %.

    Доля — это процент: значение со знаком «%» или значение показателя, единица которого —
    «%», «доля», «процент». Факт (``actual``) вне 0–100 % — опечатка («540 %» вместо «54 %»)
    или число людей, вписанное вместо доли; плановые значения долей проверяет RD501.

    Пример: «показатель 2: факт за I полугодие 2024 — «112 %», доля не может быть больше 100 %».
    """
    for table in indicator_lists(context.document):
        for index, indicator in enumerate(table.items):
            percent_unit = bool(SHARE_UNIT.match(indicator.unit or ""))
            for period, value in indicator.actual.items():
                if blank(value) or ("%" not in value and not percent_unit):
                    continue
                found = number(value)
                if found is None or 0 <= found <= 100:
                    continue
                yield Hit(
                    (*table.path, index, "actual", period),
                    Phrase(
                        f"факт за {period} — «{value}», доля не может быть "
                        + ("меньше 0" if found < 0 else "больше 100 %"),
                        f"the actual value for {period} is «{value}»; a share cannot be "
                        + ("below 0" if found < 0 else "above 100 %"),
                    ),
                    Phrase(
                        "проверьте значение: доля — от 0 до 100 %",
                        "check the value: a share is from 0 to 100 %",
                    ),
                )
