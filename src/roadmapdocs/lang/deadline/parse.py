"""Reading deadline texts: the grammar that turns what a «Сроки» column says into terms.

Reading never fails: what is not understood stays as text with kind ``text``. The words are first
reduced to a small token language (:mod:`.words`); the grammar reads the tokens.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from roadmapdocs.lang.deadline.value import Deadline, DeadlineKind, Frequency, Recurrence
from roadmapdocs.lang.deadline.words import plain, tokens


def parse_deadline(text: str, *, within: tuple[date, date] | None = None) -> Deadline:
    """Read a deadline text; never raises.

    ``within`` is the document's own period; it places months and days whose year the text
    leaves out and gives «весь период» its dates.
    """
    return _parse_cached(text, within)


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
