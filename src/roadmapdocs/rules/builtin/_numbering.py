"""The numbered lists of a document, as the numbering rules read them."""

from __future__ import annotations

from dataclasses import dataclass, field

from roadmapdocs.model import Document
from roadmapdocs.model.kinds import spec_of
from roadmapdocs.model.walk import indicator_lists, plans, sibling_lists, value_at
from roadmapdocs.rules.builtin._shared import parse_number
from roadmapdocs.sourcemap import PathKey


@dataclass
class Numbered:
    """A list of numbered items: each item's path and its number, parsed (None if unreadable)."""

    scope: PathKey
    """Where a number must be unique: the list itself, or for activities the whole plan,
    since their numbers are hierarchical («2.3» names one row of the plan)."""
    items: list[tuple[PathKey, tuple[int, ...] | None]] = field(default_factory=list)
    parent: tuple[int, ...] | None = ()
    """The number the list's first item continues: ``()`` for a list of its own (it starts at
    1), the section's or activity's number for the activities under it (3 → 3.1), ``None``
    when the parent has no readable number."""


def numbered_lists(document: Document) -> list[Numbered]:
    """Each list whose items carry printed numbers; unnumbered items are left out (no gap)."""
    found: list[Numbered] = []

    def add(
        path: PathKey,
        items: list[object],
        scope: PathKey | None = None,
        parent: tuple[int, ...] | None = (),
    ) -> None:
        numbered = [
            ((*path, index), parse_number(getattr(item, "number", None)))
            for index, item in enumerate(items)
            if getattr(item, "number", None)
        ]
        if len(numbered) > 1 or scope is not None:
            found.append(Numbered(scope or path, numbered, parent))

    for listed in spec_of(document).lists:
        if listed.numbered and not listed.indicators:  # indicator tables come next
            add((listed.field,), list(getattr(document, listed.field, None) or ()))
    for table in indicator_lists(document):
        add(table.path, list(table.items))
    for plan_path, plan in plans(document):
        add((*plan_path, "sections"), list(plan.sections))
        for siblings in sibling_lists(plan, plan_path):
            owner = _owner(document, siblings.path)
            parent = () if owner is None else parse_number(getattr(owner, "number", None))
            add(siblings.path, list(siblings.items), scope=plan_path, parent=parent)
    return found


def _owner(document: Document, path: PathKey) -> object | None:
    """The section or activity whose ``activities`` list is at ``path``; None for a plan's own."""
    if len(path) < 3 or not isinstance(path[-2], int):
        return None
    return value_at(document, path[:-1])
