"""Deadlines (сроки) as structured terms: what a plan's «Сроки» column says, in dates.

A deadline is read from the text people actually write («Февраль – март 2024», «до 20 января
2022», «Ежегодно: март, май», «по плану СКИРО ПК и ПРО») into a :class:`Deadline`: a kind, the
first and last day it covers, a recurrence, a remark. Reading never fails: what is not understood
stays as text with kind ``text``. Writing back (:meth:`Deadline.format`) gives the customary
Russian form, and reading that form again gives the same term.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from enum import Enum
from functools import lru_cache
from typing import Any, Literal

from babel.dates import get_month_names

from roadmapdocs.lang._deadline_words import plain, tokens
from roadmapdocs.lang.dates import format_date


class DeadlineKind(str, Enum):
    """What kind of term a deadline text states."""

    DATE = "date"
    """Один день: «21.02.2023»."""
    PERIOD = "period"
    """Отрезок: месяц, квартал, полугодие, год, учебный год, «с … по …»."""
    BY = "by"
    """Не позднее дня: «до 20 января 2022»."""
    FROM = "from"
    """Начиная с дня: «с февраля 2024»."""
    SEVERAL = "several"
    """Несколько сроков: «май, октябрь 2024 г.»."""
    RECURRING = "recurring"
    """Повторяется: «ежеквартально», «Ежегодно: март, май»."""
    WHOLE_PERIOD = "whole_period"
    """Весь период документа: «весь период», «постоянно»."""
    AS_NEEDED = "as_needed"
    """По необходимости."""
    SCHEDULE = "schedule"
    """По графику или плану, утверждённому отдельно."""
    RELATIVE = "relative"
    """От события: «в течение 2 дней со дня …»."""
    TEXT = "text"
    """Не разобран; текст сохранён как есть."""


class Frequency(str, Enum):
    """The unit a recurring term repeats in."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    YEAR = "year"
    SCHOOL_QUARTER = "school_quarter"
    """Учебная четверть."""
    SCHOOL_HALF_YEAR = "school_half_year"
    """Учебное полугодие."""


@dataclass(frozen=True)
class Recurrence:
    """How often a recurring term repeats: every ``interval`` units of ``frequency``.

    ``months`` are the months of a yearly term («Ежегодно: март, май» → (3, 5)); ``day`` is the
    day of the month a monthly term falls due («до 25 числа каждого месяца» → 25).
    """

    frequency: Frequency
    interval: int = 1
    months: tuple[int, ...] = ()
    day: int | None = None


FormatStyle = Literal["text", "numeric"]
"""``text`` writes months in words («до 20 января 2022 г.»), ``numeric`` days as «20.01.2022»."""


@dataclass(frozen=True)
class Deadline:
    """A term as written (``text``) and as understood (``kind``, ``start``, ``end`` …).

    ``start`` and ``end`` are the first and the last day the term covers, both inclusive; either
    is ``None`` when the text does not fix it (a term «с февраля 2024» has no end, a month named
    without a year has no dates until the document's period places it). A ``several`` term keeps
    its pieces in ``parts`` and spans their hull.
    """

    text: str
    kind: DeadlineKind = DeadlineKind.TEXT
    start: date | None = None
    end: date | None = None
    note: str | None = None
    """Примечание в скобках или после срока: «по утвержденному графику»."""
    recurrence: Recurrence | None = None
    parts: tuple[Deadline, ...] = field(default=())

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Deadline:
        """Build a deadline from its structured YAML form.

        ``{text: …}`` is read like a plain string; ``{kind: period, start: 2024-02-01, end:
        2024-03-31}`` is taken as given and its text written by :meth:`format`. Raises
        :class:`ValueError` with a message for the author of the document.
        """
        return _from_mapping(data)

    def to_data(self) -> str:
        """What YAML and JSON keep: the original text."""
        return self.text

    def format(self, style: FormatStyle = "text") -> str:
        """The term in customary Russian; reading it back gives the same term."""
        return _format(self, style)

    def is_overdue(self, as_of: date) -> bool:
        """Whether the last day of the term is before ``as_of``; terms with no end never are."""
        return self.end is not None and self.end < as_of

    def sort_key(self) -> tuple[bool, date, date, str]:
        """Order for monitoring: by last day, terms with no known end after all others."""
        return (
            self.end is None,
            self.end or date.max,
            self.start or date.min,
            self.text,
        )


def parse_deadline(text: str, *, within: tuple[date, date] | None = None) -> Deadline:
    """Read a deadline text; never raises.

    ``within`` is the document's own period; it places months and days whose year the text
    leaves out and gives «весь период» its dates.
    """
    return _parse_cached(text, within)


# --- reading ----------------------------------------------------------------------------------

# A term in the grammar: the first and last day it covers in a given year, and the year the text
# names, if it names one. Yearless terms wait for a neighbour's year or the document's period.
Span = tuple[date, date]


@dataclass(frozen=True)
class _Term:
    span: Callable[[int], Span]
    year: int | None
    is_day: bool = False

    def at(self, year: int) -> Span:
        return self.span(year)


@dataclass(frozen=True)
class _Reading:
    kind: DeadlineKind
    start: date | None = None
    end: date | None = None
    recurrence: Recurrence | None = None
    parts: tuple[Deadline, ...] = ()
    note: str | None = None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _months(first: int, last: int) -> Callable[[int], Span]:
    return lambda year: (date(year, first, 1), _month_end(year, last))


def _day(day: int, month: int) -> Callable[[int], Span]:
    def span(year: int) -> Span:
        when = date(year, month, day)
        return (when, when)

    return span


def _school_span(first_month: int, last_month: int) -> Callable[[int], Span]:
    """A span of a school year that begins in September of the given year."""

    def span(year: int) -> Span:
        first_year = year if first_month >= 9 else year + 1
        last_year = year if last_month >= 9 else year + 1
        return (date(first_year, first_month, 1), _month_end(last_year, last_month))

    return span


# The halves and quarters of a school year. A school year runs 1 September – 31 August, but its
# lessons end in May; the summer is holidays and examinations, which no half or quarter covers.
# Quarter boundaries vary by region; these are the customary approximations.
_SCHOOL_HALVES = {1: (9, 12), 2: (1, 5)}
_SCHOOL_QUARTERS = {1: (9, 10), 2: (11, 12), 3: (1, 3), 4: (4, 5)}

_Y = r"(?: (\d{4}))?"
_TERMS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], _Term]], ...] = (
    (
        re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})"),
        lambda m: _Term(_day(int(m[1]), int(m[2])), _full_year(m[3]), is_day=True),
    ),
    (
        re.compile(r"(\d{1,2}) m(\d{1,2})" + _Y),
        lambda m: _Term(_day(int(m[1]), int(m[2])), _year(m[3]), is_day=True),
    ),
    (
        re.compile(r"m(\d{1,2})" + _Y),
        lambda m: _Term(_months(int(m[1]), int(m[1])), _year(m[2])),
    ),
    (
        re.compile(r"([1-4])q" + _Y),
        lambda m: _Term(_months(3 * int(m[1]) - 2, 3 * int(m[1])), _year(m[2])),
    ),
    (
        re.compile(r"([12])h" + _Y),
        lambda m: _Term(_months(6 * int(m[1]) - 5, 6 * int(m[1])), _year(m[2])),
    ),
    (
        re.compile(r"([12])h (?:sy(\d{4})|uy)"),
        lambda m: _Term(_school_span(*_SCHOOL_HALVES[int(m[1])]), _year(m[2])),
    ),
    (
        re.compile(r"([1-4])c(?: (?:sy(\d{4})|uy))?"),
        lambda m: _Term(_school_span(*_SCHOOL_QUARTERS[int(m[1])]), _year(m[2])),
    ),
    (re.compile(r"(\d{4})"), lambda m: _Term(_months(1, 12), int(m[1]))),
    (re.compile(r"(?:sy(\d{4})|uy)"), lambda m: _Term(_school_span(9, 8), _year(m[1]))),
)


def _year(text: str | None) -> int | None:
    return int(text) if text else None


def _full_year(text: str) -> int:
    return int(text) if len(text) == 4 else 2000 + int(text)


def _term(item: str) -> _Term | None:
    for pattern, build in _TERMS:
        match = pattern.fullmatch(item)
        if match:
            return build(match)
    return None


def _place(term: _Term, within: tuple[date, date] | None) -> Span | None:
    """The term's dates: in its own year, else in the first year of ``within`` it falls in."""
    if term.year is not None:
        return term.at(term.year)
    if within is None:
        return None
    first, last = within
    for year in range(first.year - 1, last.year + 1):
        start, end = term.at(year)
        if start <= last and end >= first:
            return (start, end)
    return term.at(first.year)


def _range(left: _Term, right: _Term, within: tuple[date, date] | None) -> Span | None:
    """«Февраль – март 2024», «ноябрь 2024 – май 2025», «сентябрь – май»: the year one side
    names goes to the other, and a range that would run backwards crosses a new year."""
    if left.year is None and right.year is not None:
        last = right.at(right.year)
        first = left.at(right.year)
        if first[0] > last[0]:
            first = left.at(right.year - 1)
        return (first[0], last[1])
    placed = _place(left, within)
    if placed is None:
        return None
    if right.year is None:
        last = right.at(placed[0].year)
        if last[1] < placed[0]:
            last = right.at(placed[0].year + 1)
    else:
        last = right.at(right.year)
    return (placed[0], last[1])


_DAY_RANGE = re.compile(r"(?:с )?(\d{1,2})(?: - | по )(\d{1,2}) m(\d{1,2})" + _Y)
_RANGE = re.compile(r"(?:с )?(.+?)(?: - | по | до )(.+)")
_BY = re.compile(
    r"(?:в срок |срок )?(?:до|не позднее|не позже|к)(?: чем)?(?: конца| окончания)? (.+)"
)
_FROM = re.compile(r"(?:начиная |, )?(?:с|со) (.+)")
_FROM_TAIL = re.compile(r" (?:и далее|постоянно|по настоящее время|и по настоящее время)$")
_PERIOD_PREFIX = re.compile(r"(?:в течение|в период|в|во|на|за|течение|период)(?: всего)? ")
_YEAR_SEQUENCE = re.compile(r"\d{4}(?: - \d{4})?(?: \d{4}(?: - \d{4})?)+")
_YEAR_ITEM = re.compile(r"\d{4}(?: - \d{4})?")
_LIST_SEPARATOR = re.compile(r", |; | и ")


def _span_of(item: str, within: tuple[date, date] | None) -> tuple[Span | None, bool] | None:
    """Dates of one item (a term or a range) and whether it is a single day; None if unread."""
    day_range = _DAY_RANGE.fullmatch(item)
    if day_range:
        first, last, month = int(day_range[1]), int(day_range[2]), int(day_range[3])
        whole = _Term(lambda y: (date(y, month, first), date(y, month, last)), _year(day_range[4]))
        return _place(whole, within), False
    single = _term(item)
    if single is not None:
        return _place(single, within), single.is_day
    pair = _RANGE.fullmatch(item)
    if pair:
        left, right = _term(pair[1]), _term(pair[2])
        if left is not None and right is not None:
            return _range(left, right, within), False
    return None


def _terms(text: str, within: tuple[date, date] | None) -> _Reading | None:
    """The calendar grammar: dates, periods, «до …», «с …», lists of them."""
    text = _FROM_TAIL.sub("", text)
    by = _BY.fullmatch(text)
    if by:
        read = _span_of(_PERIOD_PREFIX.sub("", by[1], count=1), within)
        if read is None:
            return None
        span, _ = read
        return _Reading(DeadlineKind.BY, end=span[1] if span else None)
    starts_with_from = _FROM.fullmatch(text)
    if starts_with_from and not _RANGE.fullmatch(text[text.index(" ") + 1 :].strip()):
        read = _span_of(starts_with_from[1], within)
        if read is None:
            return None
        span, _ = read
        return _Reading(DeadlineKind.FROM, start=span[0] if span else None)
    text = _PERIOD_PREFIX.sub("", text, count=1)
    read = _span_of(text, within)
    if read is not None:
        span, is_day = read
        kind = DeadlineKind.DATE if is_day else DeadlineKind.PERIOD
        return _Reading(kind, *(span or (None, None)))
    return _several(text, within)


def _several(text: str, within: tuple[date, date] | None) -> _Reading | None:
    """«май, октябрь 2024 г.», «III квартал 2024, 2025 годов», «декабрь, июнь 2024, 2025»."""
    if _YEAR_SEQUENCE.fullmatch(text):
        items = _YEAR_ITEM.findall(text)
    else:
        items = _LIST_SEPARATOR.split(text)
    if len(items) < 2:
        return None
    terms = [_term(item) for item in items]
    years = _trailing_years(items, terms)
    spans: list[Span | None] = []
    if years:
        # A run of bare years after a term shares that term and every yearless one before it
        # among them: «декабрь, июнь 2024 г., 2025 г.» is four months.
        head = terms[: len(terms) - len(years) + 1]
        spans = [t.at(year) for year in years for t in head if t is not None]
    else:
        following: int | None = None
        for item, term in zip(reversed(items), reversed(terms), strict=True):
            read = _span_of(item, within) if term is None else None
            if term is None and read is None:
                return None
            if term is not None:
                if term.year is not None:
                    following = term.year
                    spans.append(term.at(term.year))
                elif following is not None:
                    spans.append(term.at(following))
                else:
                    spans.append(_place(term, within))
            elif read is not None:
                spans.append(read[0])
        spans.reverse()
    parts = tuple(_part(span) for span in spans)
    known = [span for span in spans if span is not None]
    hull = (
        (min(s for s, _ in known), max(e for _, e in known)) if len(known) == len(spans) else None
    )
    start, end = hull or (None, None)
    return _Reading(DeadlineKind.SEVERAL, start, end, parts=parts)


def _trailing_years(items: list[str], terms: list[_Term | None]) -> list[int]:
    run = 0
    while run < len(items) - 1 and re.fullmatch(r"\d{4}", items[-1 - run]):
        run += 1
    if run == 0:
        return []
    anchor = terms[-1 - run]
    head = terms[: len(terms) - run - 1]
    if anchor is None or anchor.year is None or re.fullmatch(r"\d{4}", items[-1 - run]):
        return []
    if any(t is None or t.year is not None for t in head):
        return []
    return [anchor.year, *(int(year) for year in items[len(items) - run :])]


def _part(span: Span | None) -> Deadline:
    if span is None:
        return Deadline(text="", kind=DeadlineKind.PERIOD)
    kind = DeadlineKind.DATE if span[0] == span[1] else DeadlineKind.PERIOD
    made = Deadline(text="", kind=kind, start=span[0], end=span[1])
    return replace(made, text=made.format())


_AS_NEEDED = re.compile(
    r"(?:по|при) (?:мере )?необходимости|по (?:мере )?(?:запрос|потребност|поступлени|возникновени)"
)
_RELATIVE = re.compile(
    r"за \d*\s?(?:рабоч\w+ |календарн\w+ )?(?:дн|день|недел|месяц)\w* до"
    r"|в течение \d+ (?:рабоч\w+ |календарн\w+ )?(?:дн|день|недел|месяц|час)"
    r"|не позднее \d+ (?:рабоч\w+ |календарн\w+ )?(?:дн|день|недел|месяц)"
    r"|(?:со|с) дня |с момента |^после |^по (?:итогам|окончании|завершении|результатам) "
    r"|^по факту|^на следующий день|^в день "
)
_SCHEDULE = re.compile(
    r"(?:по|согласно|в соответствии со?) (?:\w+ ){0,2}"
    r"(?:граф|план(?:у|ом)?\b|пану\b|срок|календар|регламент|расписани)"
    r"|по плану - графику|^по граф|в (?:установленные )?сроки,? (?:установлен|определ)"
)
_WHOLE = re.compile(
    r"(?:весь|в течение|на протяжении|в период)(?: всего)? (?:период|срок|года?\b|учебного года"
    r"|реализаци)\w*.*|весь год|постоянно|систематически|круглогодично|регулярно"
)


def _recurrences(text: str) -> list[tuple[re.Match[str], Recurrence]]:
    found: list[tuple[re.Match[str], Recurrence]] = []
    for pattern, make in _RECURRING:
        for match in pattern.finditer(text):
            if not any(m.start() <= match.start() < m.end() for m, _ in found):
                found.append((match, make(match)))
    found.sort(key=lambda pair: pair[0].start())
    return found


_TIMES_A_YEAR = {
    1: Frequency.YEAR,
    2: Frequency.HALF_YEAR,
    4: Frequency.QUARTER,
    12: Frequency.MONTH,
}
_UNIT = {
    "месяц": Frequency.MONTH,
    "квартал": Frequency.QUARTER,
    "полгода": Frequency.HALF_YEAR,
    "полугодие": Frequency.HALF_YEAR,
    "год": Frequency.YEAR,
    "неделю": Frequency.WEEK,
    "четверть": Frequency.SCHOOL_QUARTER,
}
_RECURRING: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], Recurrence]], ...] = (
    (
        re.compile(r"(?:ежемесячно,? )?до (\d{1,2}) числа (?:каждого месяца|ежемесячно|месяца)"),
        lambda m: Recurrence(Frequency.MONTH, day=int(m[1])),
    ),
    (
        re.compile(r"ежемесячно,? до (\d{1,2}) числа"),
        lambda m: Recurrence(Frequency.MONTH, day=int(m[1])),
    ),
    (re.compile(r"ежемесячно|каждый месяц"), lambda m: Recurrence(Frequency.MONTH)),
    (re.compile(r"ежеквартально|каждый квартал"), lambda m: Recurrence(Frequency.QUARTER)),
    (re.compile(r"еженедельно|каждую неделю"), lambda m: Recurrence(Frequency.WEEK)),
    (re.compile(r"ежедневно|каждый день"), lambda m: Recurrence(Frequency.DAY)),
    (re.compile(r"ежегодно|каждый год"), lambda m: Recurrence(Frequency.YEAR)),
    (
        re.compile(r"(?:1|один) раз в (\d{1,2}) (?:месяц|месяца|месяцев)\b"),
        lambda m: Recurrence(Frequency.MONTH, interval=int(m[1])),
    ),
    (
        re.compile(r"(?:1 |один )?раз в (месяц|квартал|полгода|полугодие|год|неделю|четверть)\b"),
        lambda m: Recurrence(_UNIT[m[1]]),
    ),
    (
        re.compile(r"(2|4|12|два|четыре) раза? в год"),
        lambda m: Recurrence(_TIMES_A_YEAR[int({"два": "2", "четыре": "4"}.get(m[1], m[1]))]),
    ),
    (
        re.compile(
            r"по (?:окончании|итогам|завершении) (?:каждой )?(?:учебной )?четверти"
            r"|по (?:учебным )?четвертям|ежечетвертно"
        ),
        lambda m: Recurrence(Frequency.SCHOOL_QUARTER),
    ),
    (
        re.compile(
            r"по (?:окончании|итогам|завершении) (?:каждого )?учебного полугодия"
            r"|по полугодиям учебного года|по учебным полугодиям"
        ),
        lambda m: Recurrence(Frequency.SCHOOL_HALF_YEAR),
    ),
    (
        re.compile(r"по (?:окончании|итогам) (?:каждого )?полугодия|по полугодиям|раз в полгода"),
        lambda m: Recurrence(Frequency.HALF_YEAR),
    ),
)

_PARENTHESES = re.compile(r"\s*\(([^()]*)\)")
_REMARK_TAIL = re.compile(
    r"\s+(с (?:ежемесячн|ежеквартальн|ежегодн|промежуточн|итогов)\w*"
    r" (?:отч[её]т|мониторинг)\w*.*)$",
    re.IGNORECASE,
)
_STRIP = " ,.;:-"


def _read(text: str, within: tuple[date, date] | None) -> Deadline:
    written = " ".join(text.split())
    remarks = [m.strip() for m in _PARENTHESES.findall(written) if m.strip()]
    body = _PARENTHESES.sub("", written).strip()
    tail = _REMARK_TAIL.search(body)
    if tail:
        remarks.append(tail[1].strip())
        body = body[: tail.start()]
    if not body.strip(_STRIP) and remarks:
        body, remarks = remarks[0], remarks[1:]
    reading = _understand(plain(body).strip(_STRIP), within)
    if reading is None:
        return Deadline(text=text)
    notes = [*remarks, *([reading.note] if reading.note else [])]
    return Deadline(
        text=text,
        kind=reading.kind,
        start=reading.start,
        end=reading.end,
        note="; ".join(notes) or None,
        recurrence=reading.recurrence,
        parts=reading.parts,
    )


def _understand(text: str, within: tuple[date, date] | None) -> _Reading | None:
    if not text:
        return None
    whole = within or (None, None)
    if _AS_NEEDED.search(text):
        return _Reading(DeadlineKind.AS_NEEDED)
    recurring = _recurrences(text)
    if len(recurring) > 1:
        parts = tuple(
            Deadline(
                text=m[0], kind=DeadlineKind.RECURRING, start=whole[0], end=whole[1], recurrence=r
            )
            for m, r in recurring
        )
        return _Reading(DeadlineKind.SEVERAL, whole[0], whole[1], parts=parts)
    if recurring:
        return _recurring(text, *recurring[0], within)
    if _RELATIVE.search(text):
        return _Reading(DeadlineKind.RELATIVE)
    schedule = _SCHEDULE.search(text)
    if schedule:
        before = text[: schedule.start()].strip(_STRIP)
        window = _understand(before, within) if before else None
        if window is None or window.kind not in (DeadlineKind.PERIOD, DeadlineKind.WHOLE_PERIOD):
            window = _Reading(DeadlineKind.SCHEDULE, *whole)
        return _Reading(DeadlineKind.SCHEDULE, window.start, window.end)
    if _WHOLE.fullmatch(text) and not re.search(r"\d", text):
        return _Reading(DeadlineKind.WHOLE_PERIOD, *whole)
    return _terms(tokens(text), within)


def _recurring(
    text: str, match: re.Match[str], recurrence: Recurrence, within: tuple[date, date] | None
) -> _Reading:
    """A recurring term and what surrounds it: the months of a yearly term, or its window."""
    rest = (text[: match.start()] + " " + text[match.end() :]).strip(_STRIP + " ")
    start, end = within or (None, None)
    if not rest:
        return _Reading(DeadlineKind.RECURRING, start, end, recurrence=recurrence)
    rest_tokens = tokens(rest).strip(_STRIP)
    months = re.fullmatch(r"(?:в )?(m\d{1,2}(?:(?:, | и )m\d{1,2})*)", rest_tokens)
    if months and recurrence.frequency in (Frequency.YEAR, Frequency.HALF_YEAR):
        numbers = tuple(int(n) for n in re.findall(r"\d+", months[1]))
        recurrence = replace(recurrence, months=numbers)
        return _Reading(DeadlineKind.RECURRING, start, end, recurrence=recurrence)
    window = _terms(rest_tokens, within)
    if window is not None and window.kind is not DeadlineKind.SEVERAL:
        return _Reading(
            DeadlineKind.RECURRING,
            window.start or start,
            window.end or end,
            recurrence=recurrence,
        )
    return _Reading(DeadlineKind.RECURRING, start, end, recurrence=recurrence, note=rest)


@lru_cache(maxsize=8192)
def _parse_cached(text: str, within: tuple[date, date] | None) -> Deadline:
    try:
        return _read(text, within)
    except (ValueError, OverflowError):
        # Dates the calendar does not have («32 января», «29 февраля 2023», year 0 after
        # arithmetic) are not a term; the text is kept for a person to read.
        return Deadline(text=text)


# --- writing ----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _month_names() -> tuple[dict[int, str], dict[int, str]]:
    """Nominative («февраль») and genitive («февраля») month names from CLDR."""
    nominative = get_month_names("wide", context="stand-alone", locale="ru")
    genitive = get_month_names("wide", context="format", locale="ru")
    return dict(nominative.items()), dict(genitive.items())


_ROMAN_NUMERALS = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _day_text(day: date, style: FormatStyle) -> str:
    return format_date(day, "short" if style == "numeric" else "long")


def _is_month_start(day: date) -> bool:
    return day.day == 1


def _is_month_end(day: date) -> bool:
    return day == _month_end(day.year, day.month)


def _format(deadline: Deadline, style: FormatStyle) -> str:
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


# --- the structured YAML form -----------------------------------------------------------------

_NEEDS = {
    DeadlineKind.DATE: ("start",),
    DeadlineKind.PERIOD: ("start", "end"),
    DeadlineKind.BY: ("end",),
    DeadlineKind.FROM: ("start",),
}
_KIND_NAMES = ", ".join(kind.value for kind in DeadlineKind)


def _from_mapping(data: Mapping[str, Any]) -> Deadline:
    unknown = set(data) - {"text", "kind", "start", "end", "note", "recurrence"}
    if unknown:
        raise ValueError(f"в сроке неизвестные поля: {', '.join(sorted(map(str, unknown)))}")
    text, kind_value = data.get("text"), data.get("kind")
    kind = _kind(kind_value) if kind_value is not None else None
    if text is not None:
        if not isinstance(text, str) or not text.strip():
            raise ValueError("текст срока («text») должен быть непустой строкой")
        parsed = parse_deadline(text)
        if kind is not None and parsed.kind is not kind and parsed.kind is not DeadlineKind.TEXT:
            raise ValueError(
                f"срок «{text}» читается как «{parsed.kind.value}», а указан вид «{kind.value}»"
            )
        return parsed
    if kind is None:
        raise ValueError("у срока должен быть текст («text») или вид («kind») с датами")
    start, end = _date(data.get("start"), "start"), _date(data.get("end"), "end")
    for name in _NEEDS.get(kind, ()):
        if {"start": start, "end": end}[name] is None:
            raise ValueError(f"у срока вида «{kind.value}» должна быть дата «{name}»")
    if kind is DeadlineKind.DATE:
        end = start if end is None else end
        if end != start:
            raise ValueError("у срока вида «date» начало и конец — один и тот же день")
    if start is not None and end is not None and start > end:
        raise ValueError(
            f"срок начинается ({start:%d.%m.%Y}) позже, чем кончается ({end:%d.%m.%Y})"
        )
    recurrence = _recurrence(data.get("recurrence"))
    if kind is DeadlineKind.RECURRING and recurrence is None:
        raise ValueError("у повторяющегося срока должна быть периодичность («recurrence»)")
    if kind in (
        DeadlineKind.SEVERAL,
        DeadlineKind.SCHEDULE,
        DeadlineKind.RELATIVE,
        DeadlineKind.TEXT,
    ):
        raise ValueError(f"срок вида «{kind.value}» задаётся текстом («text»)")
    note = data.get("note")
    made = Deadline(
        text="",
        kind=kind,
        start=start,
        end=end,
        note=str(note) if note is not None else None,
        recurrence=recurrence,
    )
    return replace(made, text=made.format())


def _kind(value: Any) -> DeadlineKind:
    try:
        return DeadlineKind(value)
    except ValueError:
        raise ValueError(f"неизвестный вид срока «{value}»; возможны: {_KIND_NAMES}") from None


def _date(value: Any, name: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"«{name}» срока должна быть датой вида 2024-02-01, а не «{value}»")


def _recurrence(value: Any) -> Recurrence | None:
    if value is None:
        return None
    if not isinstance(value, Mapping) or "frequency" not in value:
        raise ValueError("периодичность («recurrence») задаётся полем «frequency»")
    try:
        frequency = Frequency(value["frequency"])
    except ValueError:
        names = ", ".join(f.value for f in Frequency)
        raise ValueError(
            f"неизвестная периодичность «{value['frequency']}»; возможны: {names}"
        ) from None
    interval, day = value.get("interval", 1), value.get("day")
    months = tuple(value.get("months", ()))
    if not isinstance(interval, int) or interval < 1:
        raise ValueError("интервал периодичности («interval») — целое число от 1")
    if any(not isinstance(m, int) or not 1 <= m <= 12 for m in months):
        raise ValueError("месяцы периодичности («months») — числа от 1 до 12")
    if day is not None and (not isinstance(day, int) or not 1 <= day <= 31):
        raise ValueError("день периодичности («day») — число от 1 до 31")
    return Recurrence(frequency, interval=interval, months=months, day=day)
