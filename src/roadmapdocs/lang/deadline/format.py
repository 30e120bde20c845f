"""Writing deadlines back in the customary Russian form; reading that form gives the same term."""

from __future__ import annotations

import calendar
from datetime import date
from functools import lru_cache

from roadmapdocs.lang.dates import format_date
from roadmapdocs.lang.deadline.value import (
    Deadline,
    DeadlineKind,
    FormatStyle,
    Frequency,
    Recurrence,
)
from roadmapdocs.lang.months import month_names


@lru_cache(maxsize=1)
def _month_names() -> tuple[dict[int, str], dict[int, str]]:
    """Nominative («февраль») and genitive («февраля») month names from CLDR."""
    nominative = month_names("wide", "stand-alone")
    genitive = month_names("wide", "format")
    return dict(nominative.items()), dict(genitive.items())


_ROMAN_NUMERALS = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _day_text(day: date, style: FormatStyle) -> str:
    return format_date(day, "short" if style == "numeric" else "long")


def _is_month_start(day: date) -> bool:
    return day.day == 1


def _is_month_end(day: date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def format_deadline(deadline: Deadline, style: FormatStyle) -> str:
    """The term in customary Russian, in ``style``; reading it back gives the same term."""
    kind, start, end = deadline.kind, deadline.start, deadline.end
    if kind is DeadlineKind.DATE and start is not None:
        return _day_text(start, style)
    if kind is DeadlineKind.PERIOD and start is not None and end is not None:
        return _period_text(start, end, style)
    if kind is DeadlineKind.BY and end is not None:
        if style == "text" and end.month == 12 and end.day == 31:
            return f"до конца {end.year} г."
        if style == "text" and _is_month_end(end) and end.day != 1:
            return f"до конца {_month_names()[1][end.month]} {end.year} г."
        return f"до {_day_text(end, style)}"
    if kind is DeadlineKind.FROM and start is not None:
        if style == "text" and start.month == 1 and start.day == 1:
            return f"с {start.year} г."
        if style == "text" and start.day == 1:
            return f"с {_month_names()[1][start.month]} {start.year} г."
        return f"с {_day_text(start, style)}"
    if kind is DeadlineKind.SEVERAL and deadline.parts:
        return ", ".join(part.format(style) for part in deadline.parts)
    if kind is DeadlineKind.RECURRING and deadline.recurrence is not None:
        return _recurrence_text(deadline.recurrence)
    if kind is DeadlineKind.WHOLE_PERIOD and not deadline.text:
        return "весь период"
    if kind is DeadlineKind.AS_NEEDED and not deadline.text:
        return "по мере необходимости"
    return " ".join(deadline.text.split())


def _period_text(start: date, end: date, style: FormatStyle) -> str:
    nominative, genitive = _month_names()
    if style == "text" and _is_month_start(start) and _is_month_end(end):
        if start.month == 1 and end.month == 12:
            if start.year == end.year:
                return f"{start.year} г."
            return f"{start.year}–{end.year} гг."
        if start.month == 9 and end.month == 8 and end.year == start.year + 1:
            return f"{start.year}/{end.year} учебный год"
        if start.year == end.year:
            first, last = start.month, end.month
            if first in (1, 7) and last == first + 5:
                return f"{_ROMAN_NUMERALS[last // 6]} полугодие {start.year} г."
            if first % 3 == 1 and last % 3 == 0:
                if last == first + 2:
                    return f"{_ROMAN_NUMERALS[last // 3]} квартал {start.year} г."
                return (
                    f"{_ROMAN_NUMERALS[first // 3 + 1]}–{_ROMAN_NUMERALS[last // 3]} "
                    f"кварталы {start.year} г."
                )
            if first == last:
                return f"{nominative[first]} {start.year} г."
            return f"{nominative[first]} – {nominative[last]} {start.year} г."
        return f"{nominative[start.month]} {start.year} г. – {nominative[end.month]} {end.year} г."
    if style == "numeric":
        return f"{_day_text(start, style)} – {_day_text(end, style)}"
    if start.year == end.year and start.month == end.month:
        return f"с {start.day} по {end.day} {genitive[end.month]} {end.year} г."
    if start.year == end.year:
        opening = f"{start.day} {genitive[start.month]}"
        return f"с {opening} по {end.day} {genitive[end.month]} {end.year} г."
    return f"с {_day_text(start, style)} по {_day_text(end, style)}"


_EVERY = {
    Frequency.DAY: "ежедневно",
    Frequency.WEEK: "еженедельно",
    Frequency.MONTH: "ежемесячно",
    Frequency.QUARTER: "ежеквартально",
    Frequency.HALF_YEAR: "1 раз в полгода",
    Frequency.YEAR: "ежегодно",
    Frequency.SCHOOL_QUARTER: "по окончании каждой учебной четверти",
    Frequency.SCHOOL_HALF_YEAR: "по окончании каждого учебного полугодия",
}


def _recurrence_text(recurrence: Recurrence) -> str:
    if recurrence.frequency is Frequency.MONTH and recurrence.day is not None:
        return f"до {recurrence.day} числа каждого месяца"
    if recurrence.frequency is Frequency.MONTH and recurrence.interval > 1:
        return f"1 раз в {recurrence.interval} {_months_word(recurrence.interval)}"
    text = _EVERY[recurrence.frequency]
    if recurrence.months:
        nominative = _month_names()[0]
        return f"{text}: " + ", ".join(nominative[m] for m in recurrence.months)
    return text


def _months_word(count: int) -> str:
    if count % 10 == 1 and count % 100 != 11:
        return "месяц"
    if count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14):
        return "месяца"
    return "месяцев"
