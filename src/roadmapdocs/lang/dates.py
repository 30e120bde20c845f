"""Dates in Russian documents: «5 сентября 2024 г.» in running text, «05.09.2024» in requisites."""

from __future__ import annotations

from datetime import date
from typing import Literal

from babel.dates import format_date as _babel_format_date

DateStyle = Literal["long", "short"]

# Month names come from CLDR (its genitive «format» names); the layout is spelled out because
# CLDR's own long pattern puts a narrow no-break space (U+202F) before «г.», while these documents
# keep words together with the ordinary no-break space that ``nbsp`` adds. ГОСТ Р 7.0.97-2016
# writes requisite dates as ДД.ММ.ГГГГ, with four year digits whatever the year.
_PATTERNS: dict[str, str] = {"long": "d MMMM y 'г'.", "short": "dd.MM.yyyy"}


def format_date(value: date, style: DateStyle = "long") -> str:
    """Write ``value`` as «5 сентября 2024 г.» (``"long"``) or «05.09.2024» (``"short"``)."""
    try:
        pattern = _PATTERNS[style]
    except KeyError:
        raise ValueError(f"unknown date style {style!r}; expected 'long' or 'short'") from None
    return str(_babel_format_date(value, pattern, locale="ru"))
