"""Requisite dates as documents write them: «05.09.2024», «5 сентября 2024 г.», «05.09.24»."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

# The months as a date in running text names them, in the genitive: «5 сентября 2024 г.».
MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "января",
            "февраля",
            "марта",
            "апреля",
            "мая",
            "июня",
            "июля",
            "августа",
            "сентября",
            "октября",
            "ноября",
            "декабря",
        ),
        start=1,
    )
}
# «5 сентября 2024 г.», ««05» сентября 2024 г.», «"05" сентября 2024 года», «5 сентября 2024»;
# the year may be written short, «5 сентября 24 г.».
_WORDED = re.compile(
    r"[«\"“„']?\s*(\d{1,2})\s*[»\"”“']?\s+([а-яё]+)\s+(\d{4}|\d{2})\s*(?:г\.?|года?)?",
    re.IGNORECASE,
)
# «05.09.2024», «5.9.2024», «05.09.24».
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})")


class ShortYearDate(dt.date):
    """A requisite date whose year was written with two digits: «05.09.24».

    It is the date it names, and compares, hashes and prints as one; what it adds is how it was
    written, so that validation can ask for the year in full. A year «yy» is 20yy: the dates of
    the orders and plans this library reads are of this century, and an office that writes
    «05.09.24» means 2024.
    """

    __slots__ = ("full", "written")

    written: str
    """The text as it stood: «05.09.24»."""
    full: str
    """The same text with the year in four digits: «05.09.2024»."""

    def __new__(
        cls, year: int, month: int, day: int, written: str = "", full: str = ""
    ) -> ShortYearDate:
        self = super().__new__(cls, year, month, day)
        self.written = written
        self.full = full
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        # date pickles its state alone; the spelling goes with it here.
        return (type(self), (self.year, self.month, self.day, self.written, self.full))


def _no_such_date(text: str) -> PydanticCustomError:
    return PydanticCustomError("date_invalid", "there is no such date: {text}", {"text": text})


def _russian_date(value: Any) -> Any:
    """Accept the ways requisites write a date: «05.09.2024», «5 сентября 2024 г.»,
    ««05» сентября 2024 г.», beside ISO «2024-09-05». A year in two digits is read in this
    century, «05.09.24» as 5 September 2024, and kept as a :class:`ShortYearDate`."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    dotted = _DOTTED.fullmatch(text)
    if dotted is not None:
        return _date(text, dotted, int(dotted.group(2)))
    worded = _WORDED.fullmatch(text.replace("\u00a0", " "))
    if worded is not None and worded.group(2).lower() in MONTHS:
        return _date(text, worded, MONTHS[worded.group(2).lower()])
    return value


def _date(text: str, match: re.Match[str], month: int) -> dt.date:
    """The date ``text`` names, as ``match`` found its day (group 1) and year (group 3)."""
    day, year = int(match.group(1)), match.group(3)
    try:
        if len(year) == 4:
            return dt.date(int(year), month, day)
        start, end = match.span(3)
        full = f"{text[:start]}{2000 + int(year)}{text[end:]}"
        return ShortYearDate(2000 + int(year), month, day, written=text, full=full)
    except ValueError:
        raise _no_such_date(text) from None


def requisite_date(text: str) -> dt.date | None:
    """The date ``text`` writes as a requisite does, or None where it writes none (or no real
    one): what a rule reads out of a stamp typed by hand."""
    try:
        found = _russian_date(text)
    except PydanticCustomError:
        return None
    return found if isinstance(found, dt.date) else None


Date = Annotated[
    dt.date,
    # The schema accepts any text: «5 сентября 2024 г.» is no ISO date, and the model reads it.
    BeforeValidator(_russian_date, json_schema_input_type=str),
]
"""A date, written «05.09.2024», «5 сентября 2024 г.», ««05» сентября 2024 г.» or «2024-09-05»;
a two-digit year, «05.09.24», is read as 2024 and marked so (:class:`ShortYearDate`)."""
