"""The numbered lists of a document, as the numbering rules read them."""

from __future__ import annotations

from dataclasses import dataclass, field

from roadmapdocs.loader import Document, PathKey
from roadmapdocs.model import Order, Passport, Project, Roadmap
from roadmapdocs.model.walk import indicator_lists, plans, sibling_lists
from roadmapdocs.rules.builtin._shared import parse_number


@dataclass
class Numbered:
    """A list of numbered items: each item's path and its number, parsed (None if unreadable)."""

    scope: PathKey
    """Where a number must be unique: the list itself, or for activities the whole plan,
    since their numbers are hierarchical («2.3» names one row of the plan)."""
    items: list[tuple[PathKey, tuple[int, ...] | None]] = field(default_factory=list)


def numbered_lists(document: Document) -> list[Numbered]:
    """Each list whose items carry printed numbers; unnumbered items are left out (no gap)."""
    found: list[Numbered] = []

    def add(path: PathKey, items: list[object], scope: PathKey | None = None) -> None:
        numbered = [
            ((*path, index), parse_number(getattr(item, "number", None)))
            for index, item in enumerate(items)
            if getattr(item, "number", None)
        ]
        if len(numbered) > 1 or scope is not None:
            found.append(Numbered(scope or path, numbered))

    if isinstance(document, Roadmap):
        add(("control_points",), list(document.control_points))
        add(("directions",), list(document.directions))
    if isinstance(document, (Roadmap, Passport)):
        add(("indicator_groups",), list(document.indicator_groups))
    if isinstance(document, (Roadmap, Passport, Project, Order)):
        for table in indicator_lists(document):
            add(table.path, list(table.items))
        for plan_path, plan in plans(document):
            add((*plan_path, "sections"), list(plan.sections))
            for siblings in sibling_lists(plan, plan_path):
                add(siblings.path, list(siblings.items), scope=plan_path)
    return found
