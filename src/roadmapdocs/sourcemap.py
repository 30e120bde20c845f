"""Where each value of a document came from: a file, a line and a column per field path.

The reader of a format writes a :class:`SourceMap` while it reads (the YAML loader today, a
Word importer tomorrow); rules and comments read it through :func:`locate`. Neither side knows
the other: a rule names a field path, and the map says where that field was written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

from roadmapdocs.errors import Location

PathKey = tuple[Union[str, int], ...]  # noqa: UP007
"""A field path: ``("plan", "sections", 1, "activities", 3)``."""


def format_path(path: PathKey) -> str:
    """``('plan', 'sections', 1, 'activities', 3)`` → ``plan.sections[1].activities[3]``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass(eq=False)
class SourceMap:
    """Where each value (and each mapping key) of a parsed file stands.

    Where a document was read from is not part of what it is: two documents with the same data
    are equal whether they came from a file, from text or from Python.
    """

    file: str | None
    values: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    keys: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def __eq__(self, other: object) -> bool:
        return other is None or isinstance(other, SourceMap)

    __hash__ = None  # type: ignore[assignment]

    def locate(self, path: PathKey, *, at_key: bool = False) -> Location:
        """The place of the value at ``path``, else of the nearest value that encloses it."""
        if at_key and path in self.keys:
            line, column = self.keys[path]
            return Location(self.file, line, column, format_path(path))
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found:
                return Location(self.file, found[0], found[1], format_path(path))
        return Location(self.file, None, None, format_path(path))


def attach(document: object, source: SourceMap) -> None:
    """Remember where ``document`` was read from (a private attribute of every document)."""
    document._origin = source  # type: ignore[attr-defined]


def source_of(document: object) -> SourceMap | None:
    """The map a reader attached to ``document``; None for a document built in Python."""
    found = getattr(document, "_origin", None)
    return found if isinstance(found, SourceMap) else None


def locate(document: object, path: PathKey) -> Location:
    """Where in its source the value at ``path`` of ``document`` stands (no line: not read)."""
    source = source_of(document)
    if source is not None:
        return source.locate(path)
    return Location(None, None, None, format_path(path))
