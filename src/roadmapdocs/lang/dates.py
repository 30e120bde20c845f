"""Dates in Russian documents: «5 сентября 2024 г.» in running text, «05.09.2024» in requisites."""

from __future__ import annotations

from datetime import date
from typing import Literal

from roadmapdocs.lang.months import GENITIVE

DateStyle = Literal["long", "short"]


def format_date(value: date, style: DateStyle = "long") -> str:
    """Write ``value`` as «5 сентября 2024 г.» (``"long"``) or «05.09.2024» (``"short"``).

    The long form is CLDR's genitive month name between the day and the year, as babel writes
    the pattern «d MMMM y 'г'.»; CLDR's own long pattern puts a narrow no-break space (U+202F)
    before «г.», while these documents keep words together with the ordinary no-break space
    that ``nbsp`` adds. ГОСТ Р 7.0.97-2016 writes requisite dates as ДД.ММ.ГГГГ, with four year
    digits whatever the year.
    """
    if style == "long":
        return f"{value.day} {GENITIVE[value.month - 1]} {value.year} г."
    if style == "short":
        return f"{value.day:02d}.{value.month:02d}.{value.year:04d}"
    raise ValueError(f"unknown date style {style!r}; expected 'long' or 'short'")
