"""RD501 share-unit-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from roadmapdocs.model.walk import indicator_lists
from roadmapdocs.rules.base import Context, Hit, Phrase, Severity, rule
from roadmapdocs.rules.builtin._shared import (
    SHARE_NAME,
    SHARE_UNIT,
    blank,
    percent,
    value_numbers,
)


@rule("RD501", "share-unit-mismatch", Severity.WARNING)
def share_unit_mismatch(context: Context) -> Iterator[Hit]:
    """Показатель «Доля …», у которого единица или значения — не доля.

    «Доля педагогов, прошедших курсы» измеряется в процентах; если в единице стоит «человек»,
    а в значениях — «2» или «5 чел.», то показатель либо назван неверно («Количество …»), либо
    заполнен не теми числами. Проверяется единица измерения, базовое и целевые значения:
    значение доли — это процент (есть знак «%» или единица «%») не больше 100; в значении со
    знаком «%» считаются числа перед ним, так что «24 % (120 чел.)» — доля.

    Пример: «показатель 1/2: показатель назван «Доля …», а единица измерения «человек»».
    """
    for table in indicator_lists(context.document):
        for index, indicator in enumerate(table.items):
            if not SHARE_NAME.match(indicator.name):
                continue
            path = (*table.path, index)
            unit = (indicator.unit or "").strip()
            if unit and not SHARE_UNIT.match(unit):
                yield Hit(
                    (*path, "unit"),
                    Phrase(
                        f"показатель назван «Доля …», а единица измерения «{unit}»",
                        f"the indicator is a share («Доля …») but its unit is «{unit}»",
                    ),
                    Phrase(
                        "укажите единицу «%» или назовите показатель «Количество …»",
                        "use «%» or rename the indicator «Количество …»",
                    ),
                )
                continue
            for key, value in _values(indicator.baseline, indicator.values):
                if not _is_share(value, unit):
                    field = ("baseline",) if key is None else ("values", key)
                    yield Hit(
                        (*path, *field),
                        Phrase(
                            f"показатель назван «Доля …», а значение «{value}» — не процент",
                            f"the indicator is a share («Доля …»), «{value}» is not a percentage",
                        ),
                        Phrase(
                            "укажите значение в процентах или назовите показатель «Количество …»",
                            "give a percentage or rename the indicator «Количество …»",
                        ),
                    )
                    break


def _values(baseline: str | None, values: dict[str, str]) -> Iterator[tuple[str | None, str]]:
    if not blank(baseline):
        yield None, baseline or ""
    for key, value in values.items():
        if not blank(value):
            yield key, value


def _is_share(value: str, unit: str) -> bool:
    """A value reads as a share: a percentage up to 100, or a number when the unit is «%»."""
    numbers = value_numbers(value)
    if not numbers:
        return True  # «не менее чем в прошлом году», «положительная динамика»: not a count either
    if not percent(value, unit):
        return False
    return all(n <= 100 for n in numbers)
