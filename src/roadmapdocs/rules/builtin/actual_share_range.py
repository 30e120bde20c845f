"""RD703 actual-share-range."""

from __future__ import annotations

from collections.abc import Iterator

from roadmapdocs.model import Indicator
from roadmapdocs.model.walk import indicator_lists
from roadmapdocs.rules.base import Context, Hit, Phrase, Severity, rule
from roadmapdocs.rules.builtin._shared import SHARE_NAME, blank, percent, value_numbers
from roadmapdocs.sourcemap import PathKey


@rule("RD703", "actual-share-range", Severity.ERROR)
def actual_share_range(context: Context) -> Iterator[Hit]:
    """Значение доли меньше 0 или больше 100 %.

    Доля — это процент: значение со знаком «%» или значение показателя, единица которого —
    «%», «доля», «процент». Факт (``actual``) вне 0–100 % — опечатка («540 %» вместо «54 %»)
    или число людей, вписанное вместо доли. Диапазон («80–85 %») проверяется с обоих концов; в
    значении со знаком «%» считаются числа перед ним, так что «24 % (120 чел.)» — доля 24 %.

    Базовое и целевые значения показателя, названного «Доля …» («Удельный вес …»,
    «Процент …»), проверяет RD501 share-unit-mismatch; у остальных долей — например, «Охват
    детей дополнительным образованием» с единицей «%» — их проверяет это правило, так что каждое
    значение проверяется одним правилом. Дата проверки правилу не нужна.

    Пример: «показатель 2: факт за I полугодие 2024 — «112 %», доля не может быть больше 100 %».
    """
    for table in indicator_lists(context.document):
        for index, indicator in enumerate(table.items):
            path = (*table.path, index)
            for field, said, value in _checked(indicator):
                if not percent(value, indicator.unit):
                    continue
                wrong = [n for n in value_numbers(value) if not 0 <= n <= 100]
                if not wrong:
                    continue
                low = wrong[0] < 0
                yield Hit(
                    (*path, *field),
                    Phrase(
                        f"{said.ru} — «{value}», доля не может быть "
                        + ("меньше 0" if low else "больше 100 %"),
                        f"{said.en} is «{value}»; a share cannot be "
                        + ("below 0" if low else "above 100 %"),
                    ),
                    Phrase(
                        "проверьте значение: доля — от 0 до 100 %",
                        "check the value: a share is from 0 to 100 %",
                    ),
                )


def _checked(indicator: Indicator) -> Iterator[tuple[PathKey, Phrase, str]]:
    """The values this rule reads, with their field paths and how a message names them: the
    actual ones always, the planned ones where RD501 does not read them."""
    if not SHARE_NAME.match(indicator.name):
        if not blank(indicator.baseline):
            yield (
                ("baseline",),
                Phrase("базовое значение", "the baseline"),
                indicator.baseline or "",
            )
        for period, value in indicator.values.items():
            if not blank(value):
                yield (
                    ("values", period),
                    Phrase(f"план на {period}", f"the target for {period}"),
                    value,
                )
    for period, value in indicator.actual.items():
        if not blank(value):
            yield (
                ("actual", period),
                Phrase(f"факт за {period}", f"the actual value for {period}"),
                value,
            )
