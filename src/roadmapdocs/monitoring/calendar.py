"""The terms of documents as a calendar (.ics, RFC 5545), for Outlook, Google or Thunderbird.

Each dated term of an activity or a control point becomes a component:

- a day or a period («21.02.2023», «март 2024», «II квартал») — an all-day event over its days;
- «до 15 октября» — a to-do due that day (a calendar shows it on the day, and it can be ticked
  off when done; an activity with status «выполнено» comes ticked);
- «с февраля 2024» — an all-day event on its first day;
- several terms («май, октябрь 2024») — a component for each;
- a recurring term («ежеквартально», «ежемесячно», «ежегодно: март, май») — an event with a
  recurrence rule, from the start of the document's period to its end.

Terms without a date (as needed, by a schedule, unread text, recurring with no period to place
them) are not in the calendar; :class:`Calendar` counts them so that the command says so.

A UID is made of what the document is (kind, organisation, title) and what the term belongs
to (number, text, part), not of the file's name: re-importing an updated calendar updates its
events instead of doubling them, even after the file is renamed. DTSTAMP is the
``SOURCE_DATE_EPOCH`` when set, else the newest input's modification time, so that the same
inputs give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from roadmapdocs.lang.deadline import Deadline, DeadlineKind, Frequency
from roadmapdocs.lang.status import Status
from roadmapdocs.model.activity import Activity, ControlPoint
from roadmapdocs.model.document import DocumentBase
from roadmapdocs.model.kinds import spec_of

_PRODID = "-//roadmapdocs//Сроки дорожных карт//RU"
_SUMMARY_CHARS = 120

_RULES: dict[Frequency, dict[str, Any]] = {
    Frequency.DAY: {"freq": "DAILY"},
    Frequency.WEEK: {"freq": "WEEKLY"},
    Frequency.MONTH: {"freq": "MONTHLY"},
    Frequency.QUARTER: {"freq": "MONTHLY", "interval": 3},
    Frequency.HALF_YEAR: {"freq": "MONTHLY", "interval": 6},
    Frequency.YEAR: {"freq": "YEARLY"},
    # A school quarter or half-year has no fixed length; every 2 or 5 months comes nearest.
    Frequency.SCHOOL_QUARTER: {"freq": "MONTHLY", "interval": 2},
    Frequency.SCHOOL_HALF_YEAR: {"freq": "MONTHLY", "interval": 5},
}


@dataclass
class Calendar:
    """The calendar made, and how many terms it holds and left out."""

    data: bytes
    placed: int = 0
    undated: int = 0
    undated_terms: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Term:
    document: DocumentBase
    label: str
    item: Activity | ControlPoint
    deadline: Deadline


def _terms(document: DocumentBase, label: str) -> Iterator[_Term]:
    for _, plan in spec_of(document).plan_tables(document):
        for activity in plan.walk():
            if activity.deadline is not None and activity.deadline.text.strip():
                yield _Term(document, label, activity, activity.deadline)
    for point in getattr(document, "control_points", None) or ():
        if isinstance(point, ControlPoint) and point.deadline and point.deadline.text.strip():
            yield _Term(document, label, point, point.deadline)


def _identity(document: DocumentBase) -> str:
    organisation = document.organisation
    owner = (organisation.short_name or organisation.full_name or "") if organisation else ""
    return "\x1f".join((document.kind, owner, " ".join(document.title.split())))


def _uid(term: _Term, part: int, seen: dict[str, int]) -> str:
    key = "\x1f".join((_identity(term.document), term.item.number or "", term.item.text, str(part)))
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    # Two rows alike in number and text in one document: the second gets a suffix of its own.
    count = seen.get(digest, 0)
    seen[digest] = count + 1
    return f"{digest}-{count}@roadmapdocs" if count else f"{digest}@roadmapdocs"


def _summary(item: Activity | ControlPoint) -> str:
    text = " ".join(item.text.split())
    if len(text) > _SUMMARY_CHARS:
        text = text[: _SUMMARY_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return f"{item.number} {text}" if item.number else text


def _description(term: _Term) -> str:
    item = term.item
    lines = [f"Срок: {term.deadline.text}"]
    people = [str(party) for party in item.responsible if str(party).strip()]
    if people:
        lines.append("Ответственные: " + "; ".join(people))
    if item.result:
        lines.append(f"Результат: {item.result}")
    if isinstance(item, Activity) and item.status is not None:
        lines.append(f"Состояние: {item.status.value}")
    document = term.document
    organisation = document.organisation
    owner = (organisation.short_name or organisation.full_name) if organisation else None
    title = " ".join(document.title.split())
    lines.append("Документ: " + ", ".join(p for p in (title, owner, term.label) if p))
    return "\n".join(lines)


def _pieces(deadline: Deadline, within: tuple[dt.date, dt.date] | None) -> list[tuple[str, Any]]:
    """What the term becomes: («event», (start, end)), («todo», due), («recurring», (start,
    end, rule)), one per part; an empty list for a term without a date."""
    kind = deadline.kind
    if kind is DeadlineKind.SEVERAL:
        return [piece for part in deadline.parts for piece in _pieces(part, within)]
    if kind is DeadlineKind.RECURRING and deadline.recurrence is not None:
        start = deadline.start or (within[0] if within else None)
        end = deadline.end or (within[1] if within else None)
        if start is None or end is None:
            return []
        rule = dict(_RULES[deadline.recurrence.frequency])
        if deadline.recurrence.interval > 1:
            rule["interval"] = rule.get("interval", 1) * deadline.recurrence.interval
        if deadline.recurrence.months:
            rule["bymonth"] = list(deadline.recurrence.months)
        if deadline.recurrence.day:
            rule["bymonthday"] = deadline.recurrence.day
        rule["until"] = end
        return [("recurring", (start, rule))]
    if kind is DeadlineKind.BY and deadline.end is not None:
        return [("todo", deadline.end)]
    if kind is DeadlineKind.FROM and deadline.start is not None:
        return [("event", (deadline.start, deadline.start))]
    if (
        deadline.start is not None
        and deadline.end is not None
        and kind
        in (
            DeadlineKind.DATE,
            DeadlineKind.PERIOD,
            DeadlineKind.WHOLE_PERIOD,
        )
    ):
        return [("event", (deadline.start, deadline.end))]
    return []


def calendar(
    documents: Sequence[tuple[DocumentBase, str]], *, stamp: dt.datetime, name: str | None = None
) -> Calendar:
    """The calendar of every dated term of ``documents`` (each with the label of its file)."""
    from icalendar import Calendar as ICalendar
    from icalendar import Event, Todo

    book = ICalendar()
    book.add("prodid", _PRODID)
    book.add("version", "2.0")
    book.add("calscale", "GREGORIAN")
    book.add("x-wr-calname", name or "Сроки мероприятий")
    made = Calendar(b"")
    seen: dict[str, int] = {}
    for document, label in documents:
        within = document.within
        for term in _terms(document, label):
            pieces = _pieces(term.deadline, within)
            if not pieces:
                made.undated += 1
                made.undated_terms.append(f"{label}: {_summary(term.item)} — {term.deadline.text}")
                continue
            made.placed += 1
            for part, (what, when) in enumerate(pieces):
                component: Any
                done = isinstance(term.item, Activity) and term.item.status is Status.DONE
                if what == "todo":
                    component = Todo()
                    component.add("due", when)
                    component.add("status", "COMPLETED" if done else "NEEDS-ACTION")
                else:
                    component = Event()
                    start = when[0]
                    component.add("dtstart", start)
                    if what == "recurring":
                        component.add("dtend", start + dt.timedelta(days=1))
                        component.add("rrule", when[1])
                    else:
                        component.add("dtend", when[1] + dt.timedelta(days=1))
                    component.add("transp", "TRANSPARENT")
                component.add("uid", _uid(term, part, seen))
                component.add("dtstamp", stamp)
                component.add("summary", _summary(term.item))
                component.add("description", _description(term))
                book.add_component(component)
    made.data = book.to_ical()
    return made
