"""Month names and dates are babel's (CLDR's) without babel: the same words, the same dates,
and no CLDR data loaded to read a deadline or print a date."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from babel.dates import format_date as babel_format_date
from babel.dates import get_month_names
from hypothesis import given
from hypothesis import strategies as st

from roadmapdocs.lang.dates import format_date
from roadmapdocs.lang.months import month_names


@pytest.mark.parametrize("width", ["wide", "abbreviated"])
@pytest.mark.parametrize("context", ["format", "stand-alone"])
def test_month_names_are_cldrs(width: str, context: str) -> None:
    expected = dict(get_month_names(width, context=context, locale="ru").items())
    assert month_names(width, context) == expected  # type: ignore[arg-type]


@given(st.dates())
def test_dates_are_written_as_babel_writes_them(value: date) -> None:
    assert format_date(value, "long") == babel_format_date(value, "d MMMM y 'г'.", locale="ru")
    assert format_date(value, "short") == babel_format_date(value, "dd.MM.yyyy", locale="ru")


def test_deadlines_and_dates_need_no_babel() -> None:
    code = (
        "import sys, datetime\n"
        "import roadmapdocs\n"
        "from roadmapdocs.lang.typography import nbsp\n"
        "roadmapdocs.load('kind: order\\nlevel: school\\ntitle: Об утверждении\\n"
        "date: 2024-09-05\\n')\n"
        "print(roadmapdocs.parse_deadline('до 20 января 2022 г.').format())\n"
        "print(roadmapdocs.format_date(datetime.date(2024, 9, 5)))\n"
        "print(nbsp('5 сентября'))\n"
        "print('babel' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    lines = done.stdout.splitlines()
    assert lines == ["до 20 января 2022 г.", "5 сентября 2024 г.", "5\u00a0сентября", "False"]
