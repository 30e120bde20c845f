"""Building the neutral form of a Word or Excel file by hand, as a reader would give it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from roadmapdocs.importing.raw import (
    Block,
    Place,
    RawCell,
    RawDocument,
    RawParagraph,
    RawRow,
    RawTable,
)
from roadmapdocs.model.activity import Plan


@dataclass(frozen=True)
class C:
    """A cell to build: its text, spans and boldness."""

    text: str
    colspan: int = 1
    rowspan: int = 1
    bold: bool = False


def raw_table(
    rows: Sequence[Sequence[str | C]],
    *,
    number: int = 1,
    header: Sequence[int] = (),
    columns: int | None = None,
) -> RawTable:
    """A table from rows of texts (or :class:`C`); merged cells are given once, as readers
    give them, and the columns they cover from above are skipped when placing the others."""
    covered: dict[tuple[int, int], bool] = {}
    built: list[RawRow] = []
    width = 0
    for r, row in enumerate(rows):
        cells: list[RawCell] = []
        column = 0
        for item in row:
            spec = item if isinstance(item, C) else C(item)
            while (r, column) in covered:
                column += 1
            place = Place(table=number, row=r + 1, column=column + 1)
            cells.append(RawCell(spec.text, place, spec.colspan, spec.rowspan, spec.bold))
            for below in range(r + 1, r + spec.rowspan):
                for c in range(column, column + spec.colspan):
                    covered[(below, c)] = True
            column += spec.colspan
        width = max(width, column)
        built.append(RawRow(tuple(cells), Place(table=number, row=r + 1), r in header))
    return RawTable(tuple(built), Place(table=number), columns or width)


def para(text: str, number: int, **style: bool | str) -> RawParagraph:
    return RawParagraph(text, Place(paragraph=number), **style)  # type: ignore[arg-type]


def raw_document(*blocks: str | RawParagraph | RawTable, source: str = "test.docx") -> RawDocument:
    """A document from paragraphs (texts or built ones) and tables, numbered in order."""
    built: list[Block] = []
    paragraphs = 0
    for block in blocks:
        if isinstance(block, str):
            paragraphs += 1
            built.append(RawParagraph(block, Place(paragraph=paragraphs)))
        elif isinstance(block, RawParagraph):
            paragraphs += 1
            built.append(block)
        else:
            built.append(block)
    return RawDocument(tuple(built), source)


def plan_table(plan: Plan, *, number: int = 1, title: str | None = None) -> RawTable:
    """The table a render of ``plan`` prints: its header, a row across the table for each
    section (and for an activity printed as one), a row of cells for each activity."""
    from roadmapdocs.rendering.context import plan_rows

    titles = [column.title for column in plan.table_columns]
    rows: list[list[str | C]] = []
    header = [0]
    if title is not None:
        rows.append([C(title, colspan=len(titles), bold=True)])
        header = [1]
    rows.append([C(t, bold=True) for t in titles])
    for row in plan_rows(plan):
        if row["kind"] in ("section", "note"):
            title_cell = C(_read(row["title"]), colspan=len(titles), bold=row["kind"] == "section")
            rows.append([title_cell])
        else:
            rows.append(
                [C(_read(cell), bold=row["heading"] and bool(cell)) for cell in row["cells"]]
            )
    return raw_table(rows, number=number, header=header)


def _read(text: str) -> str:
    """A cell's text as a reader gives it: each line stripped of the spaces at its ends."""
    return "\n".join(line.strip() for line in text.split("\n"))


def activity_texts(plan: Plan) -> list[tuple[str | None, str, str, str, str | None]]:
    """What a round trip must keep of each activity: number, text, the deadline's and the
    responsible's texts, result; rows with nothing in them are not activities."""
    found = []
    for activity in plan.walk():
        deadline = activity.deadline.text if activity.deadline is not None else ""
        responsible = "\n".join(str(party) for party in activity.responsible)
        row = (activity.number, _read(activity.text), deadline, responsible, activity.result)
        if any(row):
            found.append(row)
    return found
