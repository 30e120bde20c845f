"""A document read from Word or Excel as its author laid it out, before anything is recognised.

Readers (:mod:`roadmapdocs.importing.docx`, :mod:`roadmapdocs.importing.xlsx`) turn a file into
a :class:`RawDocument`: its paragraphs and tables in reading order, each with the place a person
finds it by («абзац 7», «таблица 2, строка 14»). What the blocks mean — a letterhead, a plan, a
section row — is decided afterwards, from this neutral form alone, so that Word and Excel files
are recognised by the same code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from roadmapdocs.errors import Location


@dataclass(frozen=True)
class Place:
    """Where a block or a cell stands, in the user's terms; numbers count from 1."""

    paragraph: int | None = None
    """«абзац 7»: the paragraph's number among the body's paragraphs outside tables."""
    table: int | None = None
    """«таблица 2»: the table's number in the document (a sheet's, in a workbook)."""
    row: int | None = None
    """«строка 14»: the row's number in its table, header rows included."""
    column: int | None = None
    """The cell's first grid column."""
    sheet: str | None = None
    """The sheet's name, for a workbook."""

    def describe(self) -> str:
        """«таблица 2, строка 14», «абзац 7», «лист «План», строка 3» (the words a finding is
        located by in such a file)."""
        return Location(
            column=self.column,
            table=self.table,
            row=self.row,
            paragraph=self.paragraph,
            sheet=self.sheet,
        ).within


@dataclass(frozen=True)
class RawCell:
    """One cell as the grid holds it: merged cells appear once, at their first grid column
    and first row, with their spans."""

    text: str
    """The cell's text; its paragraphs and line breaks joined by «\\n», each line stripped of
    the spaces at its ends, auto-numbering labels written in («1.1. …»)."""
    place: Place
    colspan: int = 1
    rowspan: int = 1
    bold: bool = False
    """Every letter of the cell is bold (a section row, a header)."""

    @property
    def lines(self) -> list[str]:
        """The non-empty lines of the text."""
        return [line for line in self.text.split("\n") if line.strip()]


@dataclass(frozen=True)
class RawRow:
    """A row of a table: its cells left to right (merged ones once), and whether Word repeats
    it at the head of every page (a header row)."""

    cells: tuple[RawCell, ...]
    place: Place
    header: bool = False
    """Marked «repeat as header row» in Word (``w:tblHeader``)."""


@dataclass(frozen=True)
class RawTable:
    """A table (or a sheet's used range) with the width of its grid in columns."""

    rows: tuple[RawRow, ...]
    place: Place
    columns: int


@dataclass(frozen=True)
class RawParagraph:
    """A paragraph outside tables."""

    text: str
    """Its text, line breaks as «\\n», the auto-numbering label written in front («1.»)."""
    place: Place
    bold: bool = False
    """Every letter is bold."""
    centered: bool = False
    right: bool = False
    """Aligned to the right margin (an approval stamp, an appendix mark), or set in a frame at
    the right."""
    style: str = ""
    """The paragraph style's name, as Word shows it («Heading 1», «List Paragraph»)."""
    page_break_before: bool = False
    """A page break stands before it (a break character, «page break before», or a new
    section): an appendix often starts so."""


Block = RawParagraph | RawTable


@dataclass(frozen=True)
class RawDocument:
    """A whole file: its blocks in reading order, its footnotes, and what it is."""

    blocks: tuple[Block, ...]
    source: str
    """The file's name, as errors and notes cite it."""
    footnotes: tuple[str, ...] = field(default_factory=tuple)
    """The texts of its footnotes, in order."""

    @property
    def paragraphs(self) -> list[RawParagraph]:
        return [block for block in self.blocks if isinstance(block, RawParagraph)]

    @property
    def tables(self) -> list[RawTable]:
        return [block for block in self.blocks if isinstance(block, RawTable)]
