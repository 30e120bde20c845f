"""Walking a document: every text value, requisite date, plan, activity and indicator, each with
its field path, and back from a path to its value.

The paths are the ones the loader records locations for, so ``locate(doc, path)`` finds the line
of anything a walk yields, and a finding can be anchored at the exact cell it concerns.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

from pydantic import BaseModel

from roadmapdocs.lang.deadline import Deadline
from roadmapdocs.model.activity import Activity, ControlPoint, Plan, Section
from roadmapdocs.model.document import DocumentBase
from roadmapdocs.model.indicator import Indicator
from roadmapdocs.model.kinds import spec_of
from roadmapdocs.model.order import AppendixReference, Order
from roadmapdocs.model.organisation import Organisation
from roadmapdocs.sourcemap import PathKey

# Fields that name a choice from a fixed set rather than hold the document's words.
_NOT_PROSE = frozenset({"kind", "level", "field", "gender"})

# Requisites: the fields that identify a document or an organisation rather than say anything —
# the order's date, registration number and place, the same requisites as an appendix quotes
# them, an organisation's short name and place. «1560/ПК» is a number, «МБОУ «ЛГ»» a name.
_REQUISITES: dict[type[BaseModel], frozenset[str]] = {
    Order: frozenset({"date", "number", "place"}),
    AppendixReference: frozenset({"date", "number"}),
    Organisation: frozenset({"short_name", "place"}),
}


@functools.cache
def requisites(model: type[BaseModel]) -> frozenset[str]:
    """The fields of ``model`` that are requisites, those its bases declare included."""
    return frozenset().union(*(_REQUISITES.get(base, frozenset()) for base in model.__mro__))


def texts(
    node: object, path: PathKey = (), *, with_requisites: bool = True
) -> Iterator[tuple[PathKey, str]]:
    """Every piece of text in ``node`` with its path, in document order.

    Deadlines count as their written text; indicator values as text under their period key.
    Without ``with_requisites`` the requisites (:func:`requisites`) are left out: what reads the
    document's prose, as the abbreviation rules do, has no business in a registration number.
    """
    found = leaves(node, path)
    return iter(found.texts if with_requisites else found.prose)


@dataclass(frozen=True)
class Leaves:
    """What :func:`texts` (with and without requisites) and :func:`dates` yield for one node,
    found in one walk: each in its own order, which is the document's."""

    texts: tuple[tuple[PathKey, str], ...]
    prose: tuple[tuple[PathKey, str], ...]
    """The texts but the requisites' (``texts(node, with_requisites=False)``)."""
    dates: tuple[tuple[PathKey, dt.date], ...]


def leaves(node: object, path: PathKey = ()) -> Leaves:
    """:func:`texts` with and without requisites and :func:`dates` of ``node``, walked once: the
    rules need all three, and each walk of a large plan costs as much as a rule.

    A stack rather than recursion: nested generators passed every text up through each level of
    a plan (section, activity, sub-activity, responsible party …), which cost more than the walk
    itself on a large plan."""
    found_texts: list[tuple[PathKey, str]] = []
    prose: list[tuple[PathKey, str]] = []
    found_dates: list[tuple[PathKey, dt.date]] = []
    # (path, value, whether it lies under a requisite)
    stack: list[tuple[PathKey, object, bool]] = [(path, node, False)]
    while stack:
        path, node, requisite = stack.pop()
        if isinstance(node, str) and not isinstance(node, Enum):
            found_texts.append((path, node))
            if not requisite:
                prose.append((path, node))
        elif isinstance(node, Deadline):
            found_texts.append((path, node.text))
            if not requisite:
                prose.append((path, node.text))
        elif isinstance(node, dt.date):
            found_dates.append((path, node))
        elif isinstance(node, BaseModel):
            children: list[tuple[PathKey, object, bool]] = []
            skip = requisites(type(node))
            for name in type(node).model_fields:
                value = getattr(node, name)
                # Neither a missing value nor a choice from a fixed set is text or a date.
                if value is None or (name in _NOT_PROSE and isinstance(value, str)):
                    continue
                children.append(((*path, name), value, requisite or name in skip))
            stack.extend(reversed(children))
        elif isinstance(node, dict):
            stack.extend(reversed([((*path, str(k)), v, requisite) for k, v in node.items()]))
        elif isinstance(node, (list, tuple)):
            stack.extend(reversed([((*path, i), v, requisite) for i, v in enumerate(node)]))
    return Leaves(tuple(found_texts), tuple(prose), tuple(found_dates))


def dates(node: object, path: PathKey = ()) -> Iterator[tuple[PathKey, dt.date]]:
    """Every date field in ``node`` with its path, in document order: the requisite dates.
    The dates a deadline stands for are the deadline's, not fields, and are not among them."""
    return iter(leaves(node, path).dates)


def value_at(node: object, path: PathKey) -> object:
    """What ``path`` leads to inside ``node``: a name reads a field (or a mapping's key), a number
    an item of a list. None where the path leads nowhere."""
    for key in path:
        if isinstance(key, int):
            node = node[key] if isinstance(node, list | tuple) and 0 <= key < len(node) else None
        elif isinstance(node, dict):
            node = node.get(key)
        else:
            node = getattr(node, key, None)
        if node is None:
            return None
    return node


def plans(document: DocumentBase) -> Iterator[tuple[PathKey, Plan]]:
    """Every plan table of the document, where its kind says they stand (plan-schedule,
    mechanisms, order appendices …)."""
    return spec_of(document).plan_tables(document)


@dataclass(frozen=True)
class Sibling:
    """Activities that share a parent: the unit in which numbering and order are checked."""

    path: PathKey
    """Path of the list itself: ``plan.sections[1].activities``."""
    items: list[Activity]


def sibling_lists(plan: Plan, path: PathKey) -> Iterator[Sibling]:
    """Each list of activities of a plan: top level, each section's, each activity's children."""

    def nested(items: list[Activity], where: PathKey) -> Iterator[Sibling]:
        if items:
            yield Sibling(where, items)
        for index, item in enumerate(items):
            yield from nested(item.activities, (*where, index, "activities"))

    yield from nested(plan.activities, (*path, "activities"))
    for index, section in enumerate(plan.sections):
        yield from nested(section.activities, (*path, "sections", index, "activities"))


def activities(document: DocumentBase) -> Iterator[tuple[PathKey, Activity, Plan]]:
    """Every activity of every plan, nested ones included, with its path and its plan."""
    for plan_path, plan in plans(document):
        for siblings in sibling_lists(plan, plan_path):
            for index, activity in enumerate(siblings.items):
                yield (*siblings.path, index), activity, plan


def sections(document: DocumentBase) -> Iterator[tuple[PathKey, Section]]:
    """Every section of every plan."""
    for plan_path, plan in plans(document):
        for index, section in enumerate(plan.sections):
            yield (*plan_path, "sections", index), section


def control_points(document: DocumentBase) -> Iterator[tuple[PathKey, ControlPoint]]:
    """The control points of the document (kinds without any have none)."""
    for index, point in enumerate(getattr(document, "control_points", None) or ()):
        if isinstance(point, ControlPoint):
            yield ("control_points", index), point


@dataclass(frozen=True)
class IndicatorList:
    """Indicators shown in one table, with the periods (columns) that table has."""

    path: PathKey
    items: list[Indicator]
    periods: list[str]


def indicator_lists(document: DocumentBase) -> Iterator[IndicatorList]:
    """Every table of indicators in the document: its kind's indicator lists, whose periods
    are those their values name, then each indicator group, whose periods are its columns."""
    lists = spec_of(document).lists
    for listed in lists:
        if listed.indicators:
            items = list(getattr(document, listed.field, None) or ())
            periods: list[str] = []
            for item in items:
                periods.extend(p for p in item.values if p not in periods)
            yield IndicatorList((listed.field,), items, periods)
    for listed in lists:
        if listed.groups is not None:
            for index, group in enumerate(getattr(document, listed.field, None) or ()):
                yield IndicatorList(
                    (listed.field, index, "indicators"), group.indicators, group.columns
                )
