"""Dates in running text and in requisites."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roadmapdocs.lang.dates import format_date


@pytest.mark.parametrize(
    ("value", "style", "expected"),
    [
        (date(2024, 9, 5), "long", "5 сентября 2024 г."),
        (date(2024, 9, 5), "short", "05.09.2024"),
        (date(2022, 1, 20), "long", "20 января 2022 г."),
        (date(2024, 3, 1), "long", "1 марта 2024 г."),
        (date(2024, 5, 31), "long", "31 мая 2024 г."),
        (date(2025, 12, 31), "short", "31.12.2025"),
        (datetime(2024, 9, 5, 23, 59), "short", "05.09.2024"),
        # ДД.ММ.ГГГГ has four year digits whatever the year
        (date(999, 1, 2), "short", "02.01.0999"),
    ],
)
def test_format_date(value: date, style: str, expected: str) -> None:
    assert format_date(value, style) == expected  # type: ignore[arg-type]


def test_long_is_the_default() -> None:
    assert format_date(date(2024, 9, 5)) == "5 сентября 2024 г."


def test_unknown_style_is_refused() -> None:
    with pytest.raises(ValueError, match="medium"):
        format_date(date(2024, 9, 5), "medium")  # type: ignore[arg-type]


@given(st.dates(min_value=date(1000, 1, 1)))
def test_short_form_reads_back(value: date) -> None:
    assert datetime.strptime(format_date(value, "short"), "%d.%m.%Y").date() == value


@given(st.dates(min_value=date(1000, 1, 1)))
def test_long_form_is_day_month_year(value: date) -> None:
    day, month, year, mark = format_date(value, "long").split(" ")
    assert (int(day), int(year), mark) == (value.day, value.year, "г.")
    assert month.endswith(("я", "а"))  # the genitive: «января», «марта»
