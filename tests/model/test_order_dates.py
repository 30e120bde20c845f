"""Requisite dates with the year written in two digits: read in this century, and marked so."""

from __future__ import annotations

import copy
import pickle
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

import roadmapdocs
from roadmapdocs import LoadError, Order
from roadmapdocs.loader import dumps
from roadmapdocs.model.order import ShortYearDate

_MONTHS = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря"
MONTHS = _MONTHS.split()


def _order(written: str) -> Order:
    document = roadmapdocs.load({"kind": "order", "title": "Приказ", "date": written})
    assert isinstance(document, Order)
    return document


@pytest.mark.parametrize(
    ("written", "expected", "full"),
    [
        ("05.09.24", date(2024, 9, 5), "05.09.2024"),
        ("5.9.24", date(2024, 9, 5), "5.9.2024"),
        ("01.02.00", date(2000, 2, 1), "01.02.2000"),
        ("31.12.99", date(2099, 12, 31), "31.12.2099"),
        ("5 сентября 24 г.", date(2024, 9, 5), "5 сентября 2024 г."),
        ("«05» сентября 24 г.", date(2024, 9, 5), "«05» сентября 2024 г."),
        ("5\u00a0сентября\u00a024", date(2024, 9, 5), "5\u00a0сентября\u00a02024"),
    ],
)
def test_a_two_digit_year_is_read_in_this_century(written: str, expected: date, full: str) -> None:
    read = _order(written).date
    assert isinstance(read, ShortYearDate)
    assert read == expected
    assert (read.written, read.full) == (written, full)


@pytest.mark.parametrize("written", ["05.09.2024", "5 сентября 2024 г.", "2024-09-05"])
def test_a_year_in_full_is_a_plain_date(written: str) -> None:
    read = _order(written).date
    assert read == date(2024, 9, 5)
    assert type(read) is date


def test_an_appendix_reference_reads_a_short_year_too() -> None:
    document = roadmapdocs.load(
        {"kind": "order", "appendices": [{"reference": {"date": "05.09.24", "number": "1"}}]}
    )
    assert isinstance(document, Order)
    reference = document.appendices[0].reference
    assert reference is not None
    assert isinstance(reference.date, ShortYearDate)
    assert reference.date == date(2024, 9, 5)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)), st.booleans())
def test_any_date_of_the_century_survives_its_year_written_short(day: date, worded: bool) -> None:
    short = f"{day.day} {MONTHS[day.month - 1]} {day:%y} г." if worded else f"{day:%d.%m.%y}"
    read = _order(short).date
    assert isinstance(read, ShortYearDate)
    assert read == day
    # The spelling the warning asks for is the same date with its year in full, and no longer
    # a short one.
    spelt_out = _order(read.full).date
    assert spelt_out == day
    assert type(spelt_out) is date


@pytest.mark.parametrize(
    ("written", "type_"),
    [
        ("31.02.24", "date_invalid"),
        ("30 февраля 24 г.", "date_invalid"),
        ("05.09.202", "date_from_datetime_parsing"),
        ("5 сентября 202 г.", "date_from_datetime_parsing"),
    ],
)
def test_an_impossible_or_odd_short_date_is_a_located_error(written: str, type_: str) -> None:
    with pytest.raises(LoadError) as raised:
        roadmapdocs.load(f"kind: order\ntitle: Приказ\ndate: {written}\n")
    (problem,) = raised.value.problems
    assert (problem.type, problem.location.line, problem.location.path) == (type_, 3, "date")


def test_the_mark_survives_a_copy_and_a_pickle() -> None:
    document = _order("05.09.24")
    for copied in (copy.deepcopy(document), pickle.loads(pickle.dumps(document))):
        assert isinstance(copied, Order)
        assert isinstance(copied.date, ShortYearDate)
        assert (copied.date, copied.date.written) == (date(2024, 9, 5), "05.09.24")


def test_a_short_year_is_written_back_in_full() -> None:
    written = dumps(_order("05.09.24"))
    assert "2024-09-05" in written
    reread = roadmapdocs.load(written)
    assert isinstance(reread, Order)
    assert type(reread.date) is date
