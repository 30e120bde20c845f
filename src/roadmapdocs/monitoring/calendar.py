"""The calendar of terms: every dated term of a document as an iCalendar file (.ics).

:func:`calendar` takes loaded documents and gives the bytes of one calendar with an entry for
each term of their plan tables (nested activities too) and control points, for Outlook, Google
Calendar, Thunderbird or Apple Calendar to import. :func:`from_files` does the same for files
and folders, the way ``roadmapdocs calendar`` reads them.

How a term becomes an entry (docs/monitoring-calendar.md says the same for users):

- a period or a date (``period``, ``date``) is an all-day event from its first day to its last
  (``DTEND`` is the day after the last, as RFC 5545 has all-day spans end);
- «до 15 октября» (``by``) is an all-day event on that day; with ``todo`` it is a to-do
  (``VTODO``) due that day instead, completed when the activity is done. Events are the
  default because Google Calendar and Outlook leave the to-dos of an imported file out;
- «с февраля 2024» (``from``) is an event on its first day;
- several terms (``several``) are an entry each;
- a recurring term is an event with a recurrence rule, from the start of its window (the
  document's period unless the term names its own) until its end; school quarters and
  half-years end, approximately, on the last day of October, December, March and May. With
  no window to count from, it is left out and counted (:attr:`Terms.unanchored`);
- «весь период», «постоянно» — an all-day event over the document's period (marked free
  time, as every entry is, so that it does not fill a schedule);
- the rest — as needed, by a schedule, relative to an event, text that was not understood, a
  month without a year — has no date of its own and is left out and counted
  (:attr:`Terms.undated`).

Each entry's ``UID`` is a hash of the document's identity (kind, organisation, title — not its
file, so a renamed file keeps its UIDs), the number and text of the activity and the index of
the part; a calendar program that imports the file again updates its entries instead of
doubling them. Entries that would share a UID get a counter, in document order. ``DTSTAMP``
is ``SOURCE_DATE_EPOCH`` when it is set, else the time the newest input file was changed: the
same inputs give the same bytes.
"""

from __future__ import annotations

import calendar as month_calendar
import hashlib
import os
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import icalendar

from roadmapdocs import pipeline
from roadmapdocs.errors import LoadError, Location, OutputError, Problem, RoadmapdocsError
from roadmapdocs.importing import is_importable
from roadmapdocs.lang.deadline import Deadline, DeadlineKind, Frequency, Recurrence
from roadmapdocs.lang.status import Status
from roadmapdocs.loader import SUFFIXES
from roadmapdocs.messages import DEFAULT_LANG, Lang, Phrase
from roadmapdocs.model.document import DocumentBase
from roadmapdocs.model.kinds import spec_of
from roadmapdocs.model.person import Party
from roadmapdocs.model.walk import control_points
from roadmapdocs.monitoring.progress import execution
from roadmapdocs.rendering import moment

__all__ = [
    "PRODID",
    "SUMMARY_LENGTH",
    "Terms",
    "build",
    "calendar",
    "check_output",
    "from_files",
    "load_all",
    "sources",
    "stamp_of",
]

PRODID = "-//roadmapdocs//NONSGML roadmapdocs//RU"
"""Who made the calendar, as RFC 5545 asks. No version in it: a newer roadmapdocs writes the
same calendar of the same documents."""

SUMMARY_LENGTH = 120
"""The longest title of an entry, in characters; a longer text is cut at a word and ends in
«…» (the whole text is in the description)."""

SUFFIX = ".ics"

Labelled = tuple[str, DocumentBase]
"""A document and what the description calls it: its file's name."""

_NAME = Phrase("Сроки мероприятий", "Terms of activities")
_NAME_OF = Phrase("Сроки мероприятий — {whose}", "Terms of activities — {whose}")
_POINT = Phrase("КТ", "CP")
_UNNAMED_ACTIVITY = Phrase("Мероприятие", "Activity")
_UNNAMED_POINT = Phrase("Контрольная точка", "Control point")
_ACTIVITY_TEXT = Phrase("Мероприятие: {text}", "Activity: {text}")
_POINT_TEXT = Phrase("Контрольная точка: {text}", "Control point: {text}")
_TERM = Phrase("Срок: {text}", "Term: {text}")
_PART = Phrase(
    "Срок: {text} (здесь — {part}: {index} из {count})",
    "Term: {text} ({part} here: {index} of {count})",
)
_SCHOOL_TERMS = Phrase(
    "Окончание учебных четвертей и полугодий взято приблизительно: последний день октября, "
    "декабря, марта и мая.",
    "The ends of school quarters and half-years are approximate: the last day of October, "
    "December, March and May.",
)
_RESPONSIBLE = Phrase("Ответственные: {names}", "Responsible: {names}")
_RESULT = Phrase("Ожидаемый результат: {result}", "Expected result: {result}")
_STATE = Phrase("Состояние: {state}", "State: {state}")
_DOCUMENT = Phrase("Документ: {title}", "Document: {title}")
_FILE = Phrase("Файл: {file}", "File: {file}")
_NOT_ICS = Phrase(
    "календарь записывается в файл .ics, а не «{name}»",
    "a calendar is written to an .ics file, not «{name}»",
)
_NO_DOCUMENTS = Phrase(
    "в папке нет документов (.yaml, .yml, .json, .docx, .xlsx)",
    "the folder holds no documents (.yaml, .yml, .json, .docx, .xlsx)",
)

# Characters a calendar's text cannot hold (RFC 5545 allows no control character but the tab
# and the line break, written «\n») or that other readers take for line ends (U+2028, U+2029):
# each becomes a space.
_UNSAFE = frozenset(("Cc", "Cs", "Zl", "Zp"))


@dataclass(frozen=True)
class Terms:
    """A calendar of terms and what went into it."""

    data: bytes
    """The .ics file."""
    terms: int
    """Terms stated in the documents (activities and control points with a «Сроки»)."""
    placed: int
    """Terms with at least one entry in the calendar."""
    entries: int
    """Events and to-dos in the calendar: a term of several parts has one per part."""
    undated: int
    """Terms left out for want of a date of their own: as needed, by a schedule, relative to
    an event, not understood, a month with no year to place it, the whole period of a
    document without one."""
    unanchored: int
    """Recurring terms left out for want of a period to count their repetitions from."""


@dataclass(frozen=True)
class _Rule:
    """A recurrence as RFC 5545 writes it (``RRULE``)."""

    freq: str
    interval: int = 1
    months: tuple[int, ...] = ()
    monthday: int | None = None
    """The day of the month an occurrence falls on; -1 is the last."""

    def value(self, until: date) -> dict[str, Any]:
        rule: dict[str, Any] = {"FREQ": self.freq}
        if self.interval > 1:
            rule["INTERVAL"] = self.interval
        if self.months:
            rule["BYMONTH"] = list(self.months)
        if self.monthday is not None:
            rule["BYMONTHDAY"] = self.monthday
        rule["UNTIL"] = until
        return rule


@dataclass(frozen=True)
class _Span:
    """The days of one entry: from ``start`` to ``end``, both inclusive."""

    start: date
    end: date
    due: bool = False
    """A «до …» term: the day the work is due."""
    rule: _Rule | None = None
    until: date | None = None
    note: Phrase | None = None
    index: int = 0
    """The part of a term of several parts; 0 for a term of one."""
    part: Deadline | None = None


@dataclass(frozen=True)
class _Item:
    """An activity or a control point, as the calendar sees it."""

    point: bool
    number: str
    text: str
    deadline: Deadline
    responsible: tuple[str, ...]
    result: str | None
    status: Status | None
    done: date | None


def _clean(text: str) -> str:
    """``text`` with every character a calendar cannot hold made a space (line breaks kept)."""
    if all(c == "\n" or unicodedata.category(c) not in _UNSAFE for c in text):
        return text
    return "".join(c if c == "\n" or unicodedata.category(c) not in _UNSAFE else " " for c in text)


def _flat(text: str | None) -> str:
    """``text`` on one line, its runs of spaces one space."""
    return " ".join(_clean(text or "").split())


def _shorten(text: str, limit: int = SUMMARY_LENGTH) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:–—-") + "…"


def _day(value: date) -> date:
    """A plain date (a subclass the model uses would print the same, but need not)."""
    return date(value.year, value.month, value.day)


# Recurrence ---------------------------------------------------------------------------------

_SCHOOL_QUARTER_ENDS = (3, 5, 10, 12)
_SCHOOL_HALF_YEAR_ENDS = (5, 12)


def _rule(recurrence: Recurrence) -> tuple[_Rule, Phrase | None]:
    """The ``RRULE`` a recurrence is best written as, and a remark if it is approximate."""
    every = max(1, recurrence.interval)
    frequency = recurrence.frequency
    day = recurrence.day
    if frequency is Frequency.SCHOOL_QUARTER:
        return _Rule("YEARLY", 1, _SCHOOL_QUARTER_ENDS, -1), _SCHOOL_TERMS
    if frequency is Frequency.SCHOOL_HALF_YEAR:
        return _Rule("YEARLY", 1, _SCHOOL_HALF_YEAR_ENDS, -1), _SCHOOL_TERMS
    if frequency is Frequency.DAY:
        return _Rule("DAILY", every), None
    if frequency is Frequency.WEEK:
        return _Rule("WEEKLY", every), None
    months = tuple(sorted({m for m in recurrence.months if 1 <= m <= 12}))
    if months:  # «Ежегодно: март, май» — the first day of each month named, or its «day»
        return _Rule("YEARLY", every, months, day or 1), None
    if frequency is Frequency.YEAR:
        return _Rule("YEARLY", every), None
    months_apart = {Frequency.QUARTER: 3, Frequency.HALF_YEAR: 6}.get(frequency, 1)
    return _Rule("MONTHLY", every * months_apart, monthday=day), None


def _in_month(year: int, month: int, monthday: int) -> date | None:
    last = month_calendar.monthrange(year, month)[1]
    if monthday == -1:
        return date(year, month, last)
    return date(year, month, monthday) if 1 <= monthday <= last else None


def _first(rule: _Rule, start: date, end: date) -> date | None:
    """The first day the rule falls on between ``start`` and ``end``: DTSTART, which RFC 5545
    wants to be an occurrence itself."""
    if start > end:
        return None
    if rule.monthday is None:
        return start
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        if not rule.months or month in rule.months:
            found = _in_month(year, month, rule.monthday)
            if found is not None and start <= found <= end:
                return found
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


# Placing terms ------------------------------------------------------------------------------


def _single(deadline: Deadline, within: tuple[date, date] | None) -> tuple[_Span | None, bool]:
    """The span of a term of one part, and whether it is lost for want of a period."""
    kind, start, end = deadline.kind, deadline.start, deadline.end
    if kind is DeadlineKind.RECURRING:
        if deadline.recurrence is None:
            return None, False
        start = start or (within[0] if within else None)
        end = end or (within[1] if within else None)
        if start is None or end is None:
            return None, True
        rule, note = _rule(deadline.recurrence)
        first = _first(rule, start, end)
        if first is None:
            return None, False
        return _Span(_day(first), _day(first), rule=rule, until=_day(end), note=note), False
    if kind is DeadlineKind.WHOLE_PERIOD:
        # «весь период», «постоянно»: the document's period is its date.
        start = start or (within[0] if within else None)
        end = end or (within[1] if within else None)
    if kind in (
        DeadlineKind.PERIOD,
        DeadlineKind.DATE,
        DeadlineKind.SEVERAL,
        DeadlineKind.WHOLE_PERIOD,
    ):
        if start is None or end is None:
            return None, False
        return _Span(_day(start), _day(max(start, end))), False
    if kind is DeadlineKind.BY and end is not None:
        return _Span(_day(end), _day(end), due=True), False
    if kind is DeadlineKind.FROM and start is not None:
        return _Span(_day(start), _day(start)), False
    return None, False


def _spans(deadline: Deadline, within: tuple[date, date] | None) -> tuple[list[_Span], bool]:
    """The entries a term makes, and whether a recurring part of it is lost for want of a
    period."""
    if deadline.kind is DeadlineKind.SEVERAL and deadline.parts:
        spans: list[_Span] = []
        lost = False
        for index, part in enumerate(deadline.parts):
            span, unanchored = _single(part, within)
            lost = lost or unanchored
            if span is not None:
                spans.append(replace(span, index=index, part=part))
        return [s for s in spans if _fits(s)], lost
    span, lost = _single(deadline, within)
    return ([span] if span is not None and _fits(span) else []), lost


def _fits(span: _Span) -> bool:
    """Whether the day after the span exists (DTEND): 31.12.9999 has none."""
    return span.end < date.max


# The documents ------------------------------------------------------------------------------


def _items(document: DocumentBase) -> Iterator[_Item]:
    """Every term of the document: its plan tables in order, then its control points."""
    for _, plan in spec_of(document).plan_tables(document):
        for activity in plan.walk():
            if activity.deadline is None:
                continue
            run = execution(activity)
            yield _Item(
                point=False,
                number=activity.number or "",
                text=activity.text,
                deadline=activity.deadline,
                responsible=_names(activity.responsible),
                result=activity.result,
                status=run.status,
                done=run.done,
            )
    for _, point in control_points(document):
        if point.deadline is None:
            continue
        yield _Item(
            point=True,
            number=point.number or "",
            text=point.text,
            deadline=point.deadline,
            responsible=_names(point.responsible),
            result=point.result,
            status=None,
            done=None,
        )


def _names(parties: Sequence[Party]) -> tuple[str, ...]:
    return tuple(name for name in (_flat(str(p)) for p in parties) if name)


def _stated(deadline: Deadline) -> bool:
    """Whether a «Сроки» cell says anything: an empty one is no term."""
    return bool(deadline.text.strip()) or deadline.kind is not DeadlineKind.TEXT


def _whose(document: DocumentBase) -> str:
    organisation = document.organisation
    if organisation is None:
        return ""
    return _flat(organisation.short_name or organisation.full_name)


def _identity(document: DocumentBase) -> tuple[str, ...]:
    """What a document is, whatever its file is called: its kind, organisation and title."""
    return (document.kind, _whose(document), _flat(document.title))


def _uid_base(identity: tuple[str, ...], item: _Item, index: int) -> str:
    key = (*identity, "point" if item.point else "activity", _flat(item.number))
    key = (*key, _flat(item.text), str(index))
    digest = hashlib.sha256("\x1f".join(key).encode("utf-8")).hexdigest()
    return digest[:32]


def _summary(item: _Item, lang: Lang) -> tuple[str, bool]:
    """The title of an entry, and whether the text had to be shortened for it."""
    number = _flat(item.number)
    lead = f"{_POINT.in_(lang)} {number}".strip() if item.point else number
    whole = f"{lead} {_flat(item.text)}".strip()
    if not whole:
        return (_UNNAMED_POINT if item.point else _UNNAMED_ACTIVITY).in_(lang), False
    short = _shorten(whole)
    return short, short != whole


def _state(item: _Item, lang: Lang) -> str | None:
    if item.status is None:
        return None
    word = item.status.value if lang == "ru" else item.status.code.replace("_", " ")
    if item.done is not None:
        word += f" {item.done:%d.%m.%Y}"
    return word


def _title(document: DocumentBase, lang: Lang) -> str:
    title = _flat(document.title) or spec_of(document).title.in_(lang)
    whose = _whose(document)
    return f"{title} ({whose})" if whose else title


def _description(
    item: _Item, span: _Span, document: DocumentBase, label: str, shortened: bool, lang: Lang
) -> str:
    lines: list[str] = []
    if shortened:
        whole = (_POINT_TEXT if item.point else _ACTIVITY_TEXT).format(text=_flat(item.text))
        lines.append(whole.in_(lang))
    term = _flat(item.deadline.text)
    if span.part is not None:
        count = len(item.deadline.parts)
        part = _flat(span.part.text) or f"{span.start:%d.%m.%Y}"
        worded = _PART.format(text=term, part=part, index=span.index + 1, count=count)
        lines.append(worded.in_(lang))
    elif term:
        lines.append(_TERM.format(text=term).in_(lang))
    if span.note is not None:
        lines.append(span.note.in_(lang))
    if item.responsible:
        lines.append(_RESPONSIBLE.format(names="; ".join(item.responsible)).in_(lang))
    result = _clean(item.result or "").strip()
    if result:
        lines.append(_RESULT.format(result=result).in_(lang))
    state = _state(item, lang)
    if state:
        lines.append(_STATE.format(state=state).in_(lang))
    lines.append(_DOCUMENT.format(title=_title(document, lang)).in_(lang))
    if label:
        lines.append(_FILE.format(file=_flat(label)).in_(lang))
    return "\n".join(lines)


def _component(
    item: _Item,
    span: _Span,
    uid: str,
    stamp: datetime,
    document: DocumentBase,
    label: str,
    todo: bool,
    lang: Lang,
) -> icalendar.Component:
    summary, shortened = _summary(item, lang)
    description = _description(item, span, document, label, shortened, lang)
    entry: icalendar.Component
    if todo and span.due:
        entry = icalendar.Todo()
        entry.add("uid", uid)
        entry.add("dtstamp", stamp)
        entry.add("due", span.end)
        entry.add("summary", summary)
        entry.add("description", description)
        if item.status is Status.DONE:
            entry.add("status", "COMPLETED")
            entry.add("percent-complete", 100)
            if item.done is not None:
                finished = datetime(item.done.year, item.done.month, item.done.day)
                entry.add("completed", finished.replace(tzinfo=timezone.utc))
        elif item.status is Status.CANCELLED:
            entry.add("status", "CANCELLED")
        elif item.status is Status.IN_PROGRESS:
            entry.add("status", "IN-PROCESS")
        else:
            entry.add("status", "NEEDS-ACTION")
        return entry
    entry = icalendar.Event()
    entry.add("uid", uid)
    entry.add("dtstamp", stamp)
    entry.add("dtstart", span.start)
    entry.add("dtend", span.end + timedelta(days=1))
    if span.rule is not None and span.until is not None:
        entry.add("rrule", span.rule.value(span.until))
    entry.add("summary", summary)
    entry.add("description", description)
    if item.status is Status.CANCELLED:
        entry.add("status", "CANCELLED")
    # A term is not a meeting: the days it spans are not busy ones.
    entry.add("transp", "TRANSPARENT")
    return entry


def _labelled(documents: Iterable[DocumentBase | Labelled]) -> list[Labelled]:
    found: list[Labelled] = []
    for entry in documents:
        if isinstance(entry, DocumentBase):
            file = pipeline.source_file(entry)
            found.append((file.name if file is not None else "", entry))
        else:
            found.append(entry)
    return found


def stamp_of(files: Iterable[str | os.PathLike[str]]) -> datetime:
    """``DTSTAMP`` of a calendar made from ``files``: ``SOURCE_DATE_EPOCH`` when it is set,
    else the time the newest of them was changed (whole seconds, UTC), else now."""
    fixed = moment.fixed()
    if fixed is not None:
        return fixed
    times: list[float] = []
    for file in files:
        try:
            times.append(Path(file).stat().st_mtime)
        except OSError:
            continue
    if not times:
        return moment.now().replace(microsecond=0)
    return datetime.fromtimestamp(int(max(times)), timezone.utc)


def build(
    documents: Iterable[DocumentBase | Labelled],
    *,
    stamp: datetime | None = None,
    todo: bool = False,
    name: str | None = None,
    lang: Lang = DEFAULT_LANG,
) -> Terms:
    """The calendar of the terms of ``documents`` (each a document, or a pair of what the
    description calls it and the document) and the count of what went in and what did not.

    ``stamp`` is ``DTSTAMP``; by default :func:`stamp_of` the files the documents were loaded
    from. ``todo`` makes «до …» terms to-dos; ``name`` names the calendar.
    """
    labelled = _labelled(documents)
    if stamp is None:
        files = [pipeline.source_file(d) for _, d in labelled]
        stamp = stamp_of(f for f in files if f is not None)
    stamp = stamp.astimezone(timezone.utc).replace(microsecond=0)
    made = icalendar.Calendar()
    made.add("prodid", PRODID)
    made.add("version", "2.0")
    made.add("calscale", "GREGORIAN")
    made.add("method", "PUBLISH")
    made.add("x-wr-calname", _clean(name).strip() if name else _name(labelled, lang))
    terms = placed = entries = undated = unanchored = 0
    issued: set[str] = set()
    for label, document in labelled:
        within = document.within
        identity = _identity(document)
        for item in _items(document):
            if not _stated(item.deadline):
                continue
            terms += 1
            spans, lost = _spans(item.deadline, within)
            if not spans:
                if lost:
                    unanchored += 1
                else:
                    undated += 1
                continue
            placed += 1
            for span in spans:
                uid = _unique(_uid_base(identity, item, span.index), issued)
                made.add_component(_component(item, span, uid, stamp, document, label, todo, lang))
                entries += 1
    return Terms(made.to_ical(), terms, placed, entries, undated, unanchored)


def _unique(base: str, issued: set[str]) -> str:
    """``base@roadmapdocs``, or, if an earlier entry has it, the same with the first free
    counter: the same documents give the same UIDs in the same order."""
    uid = f"{base}@roadmapdocs"
    count = 1
    while uid in issued:
        count += 1
        uid = f"{base}-{count}@roadmapdocs"
    issued.add(uid)
    return uid


def _name(labelled: Sequence[Labelled], lang: Lang) -> str:
    """«Сроки мероприятий — МБОУ СОШ № 8» for the documents of one organisation, else plain
    «Сроки мероприятий»."""
    whose = {_whose(d) for _, d in labelled}
    if len(whose) == 1 and "" not in whose:
        return _NAME_OF.format(whose=whose.pop()).in_(lang)
    return _NAME.in_(lang)


def calendar(
    documents: Iterable[DocumentBase | Labelled],
    *,
    stamp: datetime | None = None,
    todo: bool = False,
    name: str | None = None,
    lang: Lang = DEFAULT_LANG,
) -> bytes:
    """The .ics file of the terms of ``documents`` (see :func:`build`)."""
    return build(documents, stamp=stamp, todo=todo, name=name, lang=lang).data


def check_output(output: str | os.PathLike[str]) -> None:
    """Refuse an output that is not an .ics file, before anything is read."""
    path = Path(output)
    if path.suffix.lower() != SUFFIX:
        raise OutputError(_NOT_ICS.format(name=path.name), Location(str(output)))


def sources(entries: Sequence[str | os.PathLike[str]]) -> list[Path]:
    """Files and folders as files, each once: a folder is every document inside it (not in
    its subfolders), in the order of their names. A folder with none is a located error."""
    found: dict[Path, None] = {}
    for entry in entries:
        path = Path(entry)
        if not path.is_dir():
            found.setdefault(path)
            continue
        inside = [
            item
            for item in sorted(path.iterdir())
            if item.is_file() and (item.suffix.lower() in SUFFIXES or is_importable(item))
        ]
        if not inside:
            raise LoadError([Problem(Location(str(path)), "no_documents", _NO_DOCUMENTS.in_())])
        for item in inside:
            found.setdefault(item)
    return list(found)


def load_all(
    files: Sequence[str | os.PathLike[str]], lang: Lang = DEFAULT_LANG
) -> tuple[list[Labelled], list[RoadmapdocsError]]:
    """Every file loaded, each with its file's name; and the error of each that would not
    load, so that a command can say all of them at once."""
    loaded: list[Labelled] = []
    failed: list[RoadmapdocsError] = []
    for file in files:
        try:
            loaded.append((Path(file).name, pipeline.load(file, lang)))
        except RoadmapdocsError as error:
            failed.append(error)
    return loaded, failed


def from_files(
    entries: Sequence[str | os.PathLike[str]],
    *,
    todo: bool = False,
    name: str | None = None,
    lang: Lang = DEFAULT_LANG,
) -> Terms:
    """The calendar of the documents in ``entries`` (files and folders, see :func:`sources`),
    each described by its file's name. Every file is loaded before anything is made: a bad
    one raises its located error, and there is no calendar."""
    files = sources(entries)
    loaded, failed = load_all(files, lang)
    if failed:
        raise failed[0]
    return build(loaded, stamp=stamp_of(files), todo=todo, name=name, lang=lang)
