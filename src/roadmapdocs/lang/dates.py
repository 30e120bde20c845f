"""Dates in Russian documents: «5 сентября 2024 г.» in running text, «05.09.2024» in requisites."""

from __future__ import annotations

from datetime import date
from typing import Literal

from babel.dates import format_date as _babel_format_date

DateStyle = Literal["long", "short"]

# The long form is CLDR's own Russian long date (genitive month, «г.»), so month names and the
# «г.» come from CLDR rather than from a table of ours. The short form is pinned to four-digit
# years: ГОСТ Р 7.0.97-2016 writes requisite dates as ДД.ММ.ГГГГ, while CLDR's short pattern
# would print the year as it is stored, without padding.
_PATTERNS: dict[str, str] = {"long": "long", "short": "dd.MM.yyyy"}


def format_date(value: date, style: DateStyle = "long") -> str:
    """Write ``value`` as «5 сентября 2024 г.» (``"long"``) or «05.09.2024» (``"short"``)."""
    try:
        pattern = _PATTERNS[style]
    except KeyError:
        raise ValueError(f"unknown date style {style!r}; expected 'long' or 'short'") from None
    return str(_babel_format_date(value, pattern, locale="ru"))
