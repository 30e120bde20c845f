"""Seed text extractions read back into cells and rows, re-joined across page breaks.

The extraction puts a tab between the cells of a row and a blank line where a page ends. A row
that a page break cuts goes on in the same columns of the next non-blank line, so a cell of an
example may be the two halves joined by a space (none before punctuation).
"""

from __future__ import annotations

from collections.abc import Iterable


def normalise(text: str) -> str:
    """Collapse every run of whitespace (line breaks inside a cell included) into one space."""
    return " ".join(text.split())


def _cells(line: str) -> list[str]:
    return [normalise(c) for c in line.split("\t")]


def _padded(cells: list[str], width: int) -> list[str]:
    return cells + [""] * (width - len(cells))


def _join(head: str, tail: str) -> str:
    # A break before punctuation («…по УВР» / «, руководители») joins without a space.
    separator = "" if tail[:1] in (",", ".", ";", ":") else " "
    return f"{head}{separator}{tail}".strip()


def _joined(head: list[str], tail: list[str]) -> list[str]:
    width = max(len(head), len(tail))
    pairs = zip(_padded(head, width), _padded(tail, width), strict=True)
    return [_join(h, t) for h, t in pairs]


def table_rows(lines: Iterable[str], *, key: int, width: int) -> list[list[str]]:
    """The rows of a tab-separated table, ``width`` cells each, rows cut by a page break re-joined.

    ``key`` is a column every row of the table fills (the number, or the term): a line after a
    blank line that leaves it empty is the rest of the row above, not a row of its own. Rows
    that span the table (section headings) come out as one cell followed by empty ones.
    """
    rows: list[list[str]] = []
    after_break = False
    for line in lines:
        if not line.strip():
            after_break = True
            continue
        cells = _padded(_cells(line), width)
        if rows and after_break and not cells[key]:
            rows[-1] = _joined(rows[-1], cells)
        else:
            rows.append(cells)
        after_break = False
    return rows


class SeedCells:
    """Every cell of a seed as written, and every cell joined with its continuation.

    Which lines continue a row depends on the table, so both readings of a cell cut by a blank
    line are kept; lines with no tab (headings, paragraphs) are one cell each.
    """

    def __init__(self, seed: str) -> None:
        lines = seed.splitlines()
        found: list[str] = []
        for i, line in enumerate(lines):
            cells = _cells(line)
            found.extend(c for c in cells if c)
            if i + 1 < len(lines) and not lines[i + 1].strip():
                following = next((nxt for nxt in lines[i + 1 :] if nxt.strip()), None)
                if following is not None and line.strip():
                    found.extend(c for c in _joined(cells, _cells(following)) if c)
        self._cells = found
        self._whole = set(found)

    def __contains__(self, text: object) -> bool:
        """Whether ``text`` is one whole cell of the seed (whitespace aside)."""
        return isinstance(text, str) and normalise(text) in self._whole

    def within(self, text: str) -> bool:
        """Whether ``text`` stands inside one cell: an item of a list, or text after a label."""
        wanted = normalise(text)
        return bool(wanted) and any(wanted in cell for cell in self._cells)
