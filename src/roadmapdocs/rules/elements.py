"""Naming an element the way the document numbers it: «мероприятие 2.3», «показатель 1.2/3».

A methodologist looks for «контрольная точка 14» in her table, not for
``control_points[13]``; so the name uses the number printed in the document where there is one,
and the position only where the document prints none.
"""

from __future__ import annotations

from typing import Any

from roadmapdocs.messages import Lang
from roadmapdocs.model.document import DocumentBase
from roadmapdocs.model.kinds import PLAN, SECTION, spec_of
from roadmapdocs.sourcemap import PathKey


def _number(item: Any, position: int) -> str:
    """The number the document prints for ``item``, else its position (1-based)."""
    printed = getattr(item, "number", None)
    if isinstance(printed, str) and printed.strip():
        return printed.strip().rstrip(".")
    return str(position + 1)


def _at(items: Any, index: Any) -> Any:
    if isinstance(items, list) and isinstance(index, int) and 0 <= index < len(items):
        return items[index]
    return None


def _plan_element(plan: Any, path: PathKey, row: str, lang: Lang) -> str:
    """Name what ``path`` points at inside a plan."""
    if len(path) >= 2 and path[0] == "sections":
        section = _at(plan.sections, path[1])
        if section is None:
            return ""
        rest = path[2:]
        if rest and rest[0] == "activities" and len(rest) >= 2:
            return _activity_element(
                section.activities, rest[1:], row, _number(section, int(path[1]))
            )
        return f"{SECTION.in_(lang)} {_number(section, int(path[1]))}"
    if len(path) >= 2 and path[0] == "activities":
        return _activity_element(plan.activities, path[1:], row, "")
    return PLAN.in_(lang)


def _activity_element(items: list[Any], path: PathKey, row: str, prefix: str) -> str:
    """The deepest activity on ``path`` (a ``row`` of the plan: «мероприятие»); an unnumbered
    one is numbered from its parent."""
    activity = _at(items, path[0])
    if activity is None:
        return ""
    printed = getattr(activity, "number", None)
    if isinstance(printed, str) and printed.strip():
        number = printed.strip().rstrip(".")
    else:
        number = f"{prefix}.{int(path[0]) + 1}" if prefix else str(int(path[0]) + 1)
    rest = path[1:]
    if len(rest) >= 2 and rest[0] == "activities":
        deeper = _activity_element(activity.activities, rest[1:], row, number)
        if deeper:
            return deeper
    return f"{row} {number}"


def element(document: DocumentBase, path: PathKey, lang: Lang) -> str:
    """The element at ``path`` as the document numbers it; empty when the path leads nowhere."""
    if not path:
        return ""
    spec = spec_of(document)
    for plan_path, plan in spec.plan_tables(document):
        if path[: len(plan_path)] == plan_path:
            return _in_plan(
                document,
                plan_path,
                _plan_element(plan, path[len(plan_path) :], spec.activity.in_(lang), lang),
                lang,
            )
    head = str(path[0])
    listed = spec.element_list(head)
    if listed is not None and len(path) >= 2:
        items = getattr(document, head, None)
        item = _at(items, path[1])
        if item is None:
            return ""
        number = _number(item, int(path[1]))
        if listed.groups is not None and len(path) >= 4 and path[2] == "indicators":
            inner = _at(getattr(item, "indicators", None), path[3])
            if inner is not None:
                return f"{listed.groups.in_(lang)} {number}/{_number(inner, int(path[3]))}"
        return f"{listed.label.in_(lang)} {number}"
    return spec.label(head, lang) or head


def _in_plan(document: DocumentBase, plan_path: PathKey, inner: str, lang: Lang) -> str:
    """An element of a plan that stands elsewhere than the document's own ``plan``: named with
    what holds the plan («механизмы реализации, …», «приложение 2, …»)."""
    if plan_path == ("plan",) or not inner:
        return inner
    owner = plan_path[:-1]
    if not owner:  # a plan of its own field: the mechanisms of a roadmap
        label = spec_of(document).label(str(plan_path[0]), lang) or str(plan_path[0])
        return f"{label}, {inner}"
    # With one item in the owner's list there is nothing to tell apart: «мероприятие 1.1».
    siblings = getattr(document, str(owner[0]), None)
    if isinstance(siblings, list) and len(siblings) == 1 and inner != PLAN.in_(lang):
        return inner
    return f"{element(document, owner, lang)}, {inner}"
