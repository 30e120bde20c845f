"""A report on execution made from a document with statuses: what stands how, as of a date.

:func:`report` reads every plan table of a roadmap, passport, order or project and gives a
:class:`~roadmapdocs.model.report.Report`: the count of activities by state (:class:`Tally`),
the activities of each section with their state, and the indicators target against actual.

How an activity is counted (docs/monitoring.md says the same for users):

- an activity that heads nested ones is counted through them; a row with no text is skipped;
- its status is its ``status``; without one, a mark that starts with a status word
  («Выполнено 12.10.2024, протокол № 3») gives the status, the date and the evidence; any
  other written mark («протокол № 3») counts as done, since the column «Отметка об
  исполнении» is filled only when the work is done;
- done, cancelled and postponed activities are never overdue; any other whose term ended
  before the date of the report is overdue; the rest are in progress (when so marked) or not
  yet due. Done after the last day of its term is «с нарушением срока».
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from roadmapdocs.lang.deadline import Deadline
from roadmapdocs.lang.numbers import deviation
from roadmapdocs.lang.status import Status, read_mark
from roadmapdocs.model.activity import Activity, Plan
from roadmapdocs.model.document import DocumentBase
from roadmapdocs.model.indicator import Indicator
from roadmapdocs.model.kinds import spec_of
from roadmapdocs.model.report import (
    IndicatorProgress,
    PeriodValue,
    ProgressRow,
    ProgressSection,
    Report,
    Tally,
)

STATES: dict[str, str] = {
    "done": "выполнено",
    "done_late": "выполнено с нарушением срока",
    "in_progress": "выполняется",
    "overdue": "просрочено",
    "not_due": "срок не наступил",
    "postponed": "перенесено",
    "cancelled": "отменено",
}
"""How the report words each state of :class:`Tally`."""


@dataclass(frozen=True)
class Execution:
    """How one activity stands: its status as given or read from its mark, date, evidence."""

    status: Status | None
    done: date | None
    report: str | None


def execution(activity: Activity) -> Execution:
    """The status, done date and evidence of ``activity``: its own fields, else what its
    «Отметка об исполнении» says."""
    if activity.status is not None:
        return Execution(activity.status, activity.done, activity.report)
    mark = (activity.execution_mark or "").strip()
    if mark:
        read = read_mark(mark)
        if read is not None:
            return Execution(read.status, activity.done or read.done, read.report or None)
        return Execution(Status.DONE, activity.done, mark)
    return Execution(None, activity.done, activity.report)


def state(deadline: Deadline | None, run: Execution, as_of: date) -> tuple[str, bool]:
    """The field of :class:`Tally` an activity counts in, and whether it was done late."""
    status = run.status
    end = deadline.end if deadline is not None else None
    if status is Status.DONE:
        return "done", bool(run.done and end and run.done > end)
    if status is Status.CANCELLED:
        return "cancelled", False
    if status is Status.POSTPONED:
        return "postponed", False
    if deadline is not None and deadline.is_overdue(as_of):
        return "overdue", False
    if status is Status.IN_PROGRESS:
        return "in_progress", False
    return "not_due", False


def count(states: Iterable[tuple[str, bool]]) -> Tally:
    """The tally of some activities' states."""
    totals = dict.fromkeys(Tally.model_fields, 0)
    for name, late in states:
        totals["total"] += 1
        totals[name] += 1
        totals["done_late"] += late
    return Tally(**totals)


def _leaves(activity: Activity) -> Iterator[Activity]:
    if activity.activities:
        for child in activity.activities:
            yield from _leaves(child)
    elif activity.text.strip() or activity.number:
        yield activity


def _row(activity: Activity, as_of: date) -> tuple[ProgressRow, tuple[str, bool]]:
    run = execution(activity)
    name, late = state(activity.deadline, run, as_of)
    row = ProgressRow(
        number=activity.number,
        text=activity.text,
        deadline=activity.deadline.text if activity.deadline else None,
        responsible="\n".join(str(party) for party in activity.responsible) or None,
        state=STATES["done_late" if late else name],
        done=run.done,
        report=run.report,
        overdue=name == "overdue",
        late=late,
    )
    return row, (name, late)


def _numbered(number: str | None, activities: Iterable[Activity]) -> Iterator[tuple[str, Activity]]:
    """Each activity counted in a section, with the number the report shows: its own, or the
    one a reader would count for an activity the plan leaves unnumbered («2.3» — the third of
    section 2)."""
    stem = (number or "").strip().rstrip(".")
    place = 0
    for activity in activities:
        for leaf in _leaves(activity):
            place += 1
            shown = leaf.number or (f"{stem}.{place}" if stem else str(place))
            yield shown, leaf


def _section(
    number: str | None, title: str, activities: Iterable[Activity], as_of: date
) -> ProgressSection:
    rows: list[ProgressRow] = []
    states: list[tuple[str, bool]] = []
    for shown, leaf in _numbered(number, activities):
        row, state_ = _row(leaf, as_of)
        row.number = shown
        rows.append(row)
        states.append(state_)
    return ProgressSection(number=number, title=title, tally=count(states), rows=rows)


def _groups(plan: Plan) -> Iterator[tuple[str | None, str, list[Activity]]]:
    """The sections of a plan as a report shows them: a top-level activity that heads others
    stands for a section of its own, the loose ones between such form untitled sections."""
    loose: list[Activity] = []
    for activity in plan.activities:
        if activity.activities:
            if loose:
                yield None, "", loose
                loose = []
            yield activity.number, activity.text, activity.activities
        else:
            loose.append(activity)
    if loose:
        yield None, "", loose
    for section in plan.sections:
        yield section.number, section.title, section.activities


def sections(document: DocumentBase, as_of: date) -> list[ProgressSection]:
    """The sections of every plan table of ``document``, with their activities' states."""
    found: list[ProgressSection] = []
    for _, plan in spec_of(document).plan_tables(document):
        for number, title, activities in _groups(plan):
            section = _section(number, title, activities, as_of)
            if section.rows:
                found.append(section)
    return found


def shown_numbers(plan: Plan) -> dict[int, str]:
    """The number a report shows for each activity of ``plan`` it counts, by ``id`` of the
    activity: so that a table of statuses can name an unnumbered activity as the report
    numbers it."""
    return {
        id(leaf): shown
        for number, _, activities in _groups(plan)
        for shown, leaf in _numbered(number, activities)
    }


def _indicators(document: DocumentBase) -> Iterator[Indicator]:
    kind = spec_of(document)
    for element in kind.lists:
        items = getattr(document, element.field, None) or []
        if element.indicators:
            yield from (i for i in items if isinstance(i, Indicator))
        elif element.groups is not None:
            for group in items:
                yield from getattr(group, "indicators", [])


def indicators(document: DocumentBase) -> list[IndicatorProgress]:
    """Every indicator of ``document`` target against actual, when any has an actual value."""
    every = list(_indicators(document))
    if not any(i.actual for i in every):
        return []
    found = []
    for indicator in every:
        periods = list(indicator.values)
        periods.extend(p for p in indicator.actual if p not in periods)
        values = [
            PeriodValue(
                period=period,
                target=indicator.values.get(period, ""),
                actual=indicator.actual.get(period, ""),
                deviation=deviation(
                    indicator.values.get(period, ""), indicator.actual.get(period, "")
                ),
            )
            for period in periods
        ]
        found.append(
            IndicatorProgress(
                number=indicator.number, name=indicator.name, unit=indicator.unit, values=values
            )
        )
    return found


_GENITIVE = (
    ("паспорт дорожной карты", "дорожной карты"),
    ("дорожная карта", "дорожной карты"),
    ("план мероприятий", "плана мероприятий"),
    ("план-график", "плана-графика"),
    ("план", "плана"),
    ("программа", "программы"),
)


def subject(document: DocumentBase) -> str:
    """What the report is on, in the genitive, as its title continues «Информация о ходе
    реализации …»: «дорожной карты по повышению качества образования»."""
    title = " ".join(document.title.split())
    lowered = title.lower()
    for nominative, genitive in _GENITIVE:
        for said, put in ((genitive, genitive), (nominative, genitive)):
            if re.match(re.escape(said) + r"(?![а-яё-])", lowered):
                return put + title[len(said) :]
    kind = document.kind
    if kind == "order":
        number_, day = getattr(document, "number", None), getattr(document, "date", None)
        said = "плана мероприятий, утверждённого приказом"
        if day is not None:
            said += f" от {day:%d.%m.%Y}"
        if number_:
            said += f" № {number_}"
        return f"{said} «{title}»" if title else said
    if kind == "project":
        name = getattr(document, "name", None) or title
        return f"регионального проекта «{name}»" if name else "регионального проекта"
    return f"дорожной карты «{title}»" if title else "дорожной карты"


def report(document: DocumentBase, as_of: date) -> Report:
    """The report on ``document`` as of ``as_of``. A report given (a summary saved as YAML)
    is returned as it is."""
    if isinstance(document, Report):
        return document
    parts = sections(document, as_of)
    tally = sum((s.tally for s in parts), Tally())
    said = subject(document)
    return Report(
        level=document.level,
        title=f"Информация о ходе реализации {said}",
        organisation=document.organisation,
        period=document.period,
        as_of=as_of,
        subject=said,
        tally=tally,
        sections=parts,
        indicators=indicators(document),
        signer=getattr(document, "signer", None),
    )
