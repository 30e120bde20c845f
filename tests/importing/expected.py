"""What importing a typed document must give back, read off the document it was typed from.

The facts are the ones a person checks on paper: every activity row of every plan table (its
number, text, deadline, responsible and result as the table shows them) and, for an order, its
number, date, signer and clauses. The same functions read the facts of what the import gave,
so that the two are compared like for like: :func:`facts` of the source document against
:func:`facts` of the imported one.

An activity that heads others and fills no cell but its number and text prints as a section
row across the table (:func:`roadmapdocs.rendering.context.plan_rows`); it is a section here
too, whether the import makes it a :class:`~roadmapdocs.model.Section` or such an activity.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from roadmapdocs.model import Activity, Order, Passport, Plan, Project, Roadmap
from roadmapdocs.model.activity import ActivityField
from tests.importing.typed import clause_line

_TITLE_FIELDS = {ActivityField.NUMBER, ActivityField.TEXT}


def fold(text: str | None) -> str:
    """``text`` with every run of whitespace (line breaks, tabs, non-breaking spaces) one
    space, and none at the ends: how texts are compared."""
    return " ".join((text or "").split())


@dataclass(frozen=True)
class ActivityFacts:
    """One activity row of a plan table."""

    number: str
    text: str
    deadline: str
    """The deadline as written («сентябрь-октябрь 2024»)."""
    responsible: str
    """Each party as :class:`~roadmapdocs.model.Party` prints (``str``), joined by «, »."""
    result: str

    def folded(self) -> ActivityFacts:
        return ActivityFacts(*(fold(value) for value in self.__dict__.values()))


@dataclass(frozen=True)
class PlanFacts:
    """One plan table: where it stands, its section rows and its activity rows."""

    where: str
    """«plan», «mechanisms», «appendices[0].plan»."""
    sections: tuple[str, ...]
    """The section rows, «1. Организационные мероприятия»."""
    activities: tuple[ActivityFacts, ...]


@dataclass(frozen=True)
class OrderFacts:
    """The requisites and the operative part of an order."""

    number: str
    date: dt.date | None
    signer_position: str
    signer_surname: str
    clauses: tuple[str, ...]
    """Each clause as printed after its number: addressees in the dative, then the text."""
    subclauses: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Facts:
    kind: str
    plans: tuple[PlanFacts, ...]
    order: OrderFacts | None = None

    @property
    def activities(self) -> list[ActivityFacts]:
        """The activity rows of every plan, in document order."""
        return [activity for plan in self.plans for activity in plan.activities]


def plans(document: Any) -> Iterator[tuple[str, Plan]]:
    """The plans of a document that hold anything, in the order the document prints them."""
    found: list[tuple[str, Plan | None]] = []
    if isinstance(document, Order):
        found = [(f"appendices[{i}].plan", a.plan) for i, a in enumerate(document.appendices)]
    elif isinstance(document, Roadmap):
        found = [("plan", document.plan), ("mechanisms", document.mechanisms)]
    elif isinstance(document, Passport | Project):
        found = [("plan", document.plan)]
    for where, plan in found:
        if plan is not None and (plan.sections or plan.activities):
            yield where, plan


def _deadline(activity: Activity) -> str:
    return activity.deadline.text if activity.deadline is not None else ""


def _facts(activity: Activity, shown: set[ActivityField] | None) -> ActivityFacts:
    def keep(name: ActivityField, value: str) -> str:
        return value if shown is None or name in shown else ""

    return ActivityFacts(
        number=keep(ActivityField.NUMBER, activity.number or ""),
        text=keep(ActivityField.TEXT, activity.text),
        deadline=keep(ActivityField.DEADLINE, _deadline(activity)),
        responsible=keep(
            ActivityField.RESPONSIBLE, ", ".join(str(party) for party in activity.responsible)
        ),
        result=keep(ActivityField.RESULT, activity.result or ""),
    )


def plan_facts(where: str, plan: Plan, *, shown_only: bool = True) -> PlanFacts:
    """The rows of ``plan``'s table. With ``shown_only`` a field the table has no column for
    is empty, as the typed table cannot hold it; without, every field is taken as it is (what
    an import gave)."""
    columns = {column.field for column in plan.table_columns}
    shown = columns if shown_only else None
    sections: list[str] = []
    activities: list[ActivityFacts] = []

    def add(activity: Activity, depth: int) -> None:
        heads = depth == 0 and bool(activity.activities)
        rest = [getattr(activity, field.value) for field in columns - _TITLE_FIELDS]
        if heads and not any(rest):
            sections.append(" ".join(p for p in (activity.number, activity.text) if p))
        else:
            activities.append(_facts(activity, shown))
        for child in activity.activities:
            add(child, depth + 1)

    for activity in plan.activities:
        add(activity, 0)
    for section in plan.sections:
        sections.append(" ".join(p for p in (section.number, section.title) if p))
        for activity in section.activities:
            add(activity, 1)
    return PlanFacts(where, tuple(sections), tuple(activities))


def order_facts(order: Order) -> OrderFacts:
    person = order.signer.person
    return OrderFacts(
        number=order.number or "",
        date=order.date,
        signer_position=order.signer.position or "",
        signer_surname=person.surname if person else "",
        clauses=tuple(clause_line(clause) for clause in order.clauses),
        subclauses=tuple(tuple(clause.subclauses) for clause in order.clauses),
    )


def facts(document: Any, *, shown_only: bool = True) -> Facts:
    """The facts of ``document`` (a loaded :data:`roadmapdocs.Document`): of the source of a
    typed file with ``shown_only`` (the default), of what an import gave without."""
    return Facts(
        kind=document.kind,
        plans=tuple(
            plan_facts(where, plan, shown_only=shown_only) for where, plan in plans(document)
        ),
        order=order_facts(document) if isinstance(document, Order) else None,
    )
