"""The tables of a mail-merge: the rows of a .csv or .xlsx file, as text.

A table is input like any other, so it is bounded (:mod:`roadmapdocs.limits`: ``file_bytes``
before it is read, ``csv_cell_chars`` for each cell, the archive bounds for an .xlsx) and read
so that nothing is silently lost: a quote left open, a row with more values than the table has
columns, or a column named twice is a located error (file and line), not a merged or dropped
row.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from roadmapdocs import limits
from roadmapdocs.archive import check_xlsx, limit_exceeded
from roadmapdocs.errors import Location, RoadmapdocsError
from roadmapdocs.messages import Phrase, phrase

_WRONG_TYPE = Phrase(
    "таблица должна быть в формате .csv или .xlsx", "the table must be a .csv or .xlsx file"
)
_NO_HEADER = Phrase("в таблице нет заголовков столбцов", "the table has no column headers")
_NOT_UTF8 = Phrase("таблица не читается как UTF-8: {detail}", "the table is not UTF-8: {detail}")
_BROKEN_XLSX = Phrase(
    "таблица Excel не открывается: {detail}", "the Excel table does not open: {detail}"
)
_NOT_A_FILE = Phrase("таблица — не файл", "the table is not a file")
_UNCLOSED = Phrase(
    "кавычка, открытая в этой строке, не закрыта до конца файла: все строки ниже слились бы в "
    'одну ячейку; закройте кавычку (кавычка внутри ячейки пишется двумя: "")',
    "a quote opened on this line is not closed before the end of the file: every line below "
    'would merge into one cell; close the quote (a quote inside a cell is written twice: "")',
)
_SWALLOWED = Phrase(
    "кавычка, открытая в этой строке, захватывает строку {line} таблицы целиком ({text}): "
    "похоже, кавычка не закрыта там, где кончается ячейка; закройте её (кавычка внутри ячейки "
    'пишется двумя: "")',
    "a quote opened on this line takes in the whole of table line {line} ({text}): the quote "
    'seems not to be closed where its cell ends; close it (a quote inside a cell is written twice: "")',
)
_BAD_QUOTE = Phrase(
    "кавычки расставлены неверно: ячейка в кавычках должна быть в них целиком, а "
    'кавычка внутри неё пишется двумя: ""',
    "the quotes are misplaced: a quoted cell must be quoted as a whole, and a quote "
    'inside it is written twice: ""',
)
_EXTRA_VALUES = Phrase(
    "значений в строке: {count}, а столбцов с заголовками: {columns}; значение «{value}» "
    "пропало бы — проверьте разделители и кавычки или добавьте заголовок столбца",
    "the row has {count} values but the table has {columns} headed columns: the value «{value}» "
    "would be lost; check the delimiters and quotes, or add a column header",
)
_TWICE = Phrase(
    "столбец «{name}» назван дважды (столбцы {first} и {second}): значения одного из них "
    "пропали бы",
    "column «{name}» is named twice (columns {first} and {second}): the values of one would be "
    "lost",
)
_SWALLOW_COLUMNS = 3
"""A quoted cell's later line is taken for a swallowed row only in a table of at least this many
columns: with two, a line of a genuine two-line cell holding one delimiter is too common."""

Rows = list[tuple[int, list[str]]]
"""Each row with the line (of a .csv file) or row number (of a sheet) where it starts."""


@dataclass(frozen=True)
class Table:
    """A table as :func:`read_rows` gives it: its header and its rows, each with where it
    stands, so that what is wrong in a cell can be said with its row."""

    header: list[str]
    """The column headers, stripped; "" for a column without one."""
    header_line: int
    """The line (of a .csv file) or the row (of a sheet) the header stands on."""
    rows: list[tuple[int, list[str]]]
    """The rows that hold anything, each with its line or row number and its cells, stripped,
    one per column of the header (a row may end early: the columns after its last cell are
    empty)."""
    sheet: str | None = None
    """The sheet an .xlsx table was read from; None for a .csv file."""

    def where(self, file: str, line: int, column: int | None = None) -> Location:
        """The place of row ``line`` (and of column ``column``, from 1) as errors give it: a
        line of a .csv file; the sheet, row and column of a workbook."""
        if self.sheet is None:
            return Location(file, line=line)
        return Location(file, sheet=self.sheet, row=line, column=column)


def read_table(path: str | os.PathLike[str]) -> list[dict[str, str]]:
    """The rows of a .csv (UTF-8 with or without BOM; «;» or «,») or .xlsx (first sheet) table.

    Headers are stripped; empty cells are empty strings; wholly empty rows are dropped.
    """
    found = read_rows(path)
    return [dict(zip(found.header, row, strict=False)) for _, row in found.rows]


def read_rows(path: str | os.PathLike[str]) -> Table:
    """The table of :func:`read_table`, with the line or row number of each row and the
    sheet it was read from."""
    table = Path(path)
    where = Location(str(table))
    suffix = table.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise RoadmapdocsError(_WRONG_TYPE, where)
    _check_size(table)
    sheet: str | None = None
    if suffix == ".xlsx":
        rows, sheet = _xlsx_rows(table)
    else:
        rows = _csv_rows(table)
    if not rows:
        raise RoadmapdocsError(_NO_HEADER, where)
    header = [h.strip() for h in rows[0][1]]
    _check_header(table, rows[0][0], header)
    width = len(header)
    for line, row in rows[1:]:
        extra = [cell for cell in row[width:] if cell.strip()]
        if extra:
            raise RoadmapdocsError(
                _EXTRA_VALUES.format(count=len(row), columns=width, value=_short(extra[0])),
                Location(str(table), line=line),
            )
    kept = [
        (line, [c.strip() for c in row[:width]])
        for line, row in rows[1:]
        if any(c.strip() for c in row)
    ]
    return Table(header, rows[0][0], kept, sheet)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:59] + "…"


def _check_size(table: Path) -> None:
    where = Location(str(table))
    try:
        found = table.stat()
    except OSError as exc:
        raise RoadmapdocsError(phrase("unreadable", detail=exc.strerror or exc), where) from None
    if not table.is_file():
        raise RoadmapdocsError(_NOT_A_FILE, where)
    if found.st_size > limits.current().file_bytes:
        size = Phrase("файл занимает {size} байт", "the file takes {size} bytes")
        raise limit_exceeded(
            "file_bytes", size.format(size=f"{found.st_size:,}".replace(",", " ")), where
        )


def _check_header(table: Path, line: int, header: list[str]) -> None:
    seen: dict[str, int] = {}
    for number, name in enumerate(header, start=1):
        if not name:
            continue
        if name in seen:
            raise RoadmapdocsError(
                _TWICE.format(name=name, first=seen[name], second=number),
                Location(str(table), line=line),
            )
        seen[name] = number


def _cell_too_long(table: Path, line: int, cell: Phrase, length: int) -> RoadmapdocsError:
    found = Phrase(
        "в ячейке {cell} слишком много знаков (больше {length})",
        "cell {cell} holds too many characters (more than {length})",
    ).format(cell=cell, length=f"{length:,}".replace(",", " "))
    return limit_exceeded("csv_cell_chars", found, Location(str(table), line=line))


def _csv_rows(table: Path) -> Rows:
    try:
        text = table.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RoadmapdocsError(_NOT_UTF8.format(detail=exc), Location(str(table))) from None
    dialect = _dialect(text)
    bound = limits.current().csv_cell_chars
    # The csv module's own bound (128 KiB by default) is process-wide: it is set for this read
    # only, to the limit roadmapdocs documents, so that a long cell is a located error.
    previous = csv.field_size_limit(bound)
    try:
        rows = list(_records(table, csv.reader(io.StringIO(text), dialect, strict=True), bound))
    finally:
        csv.field_size_limit(previous)
    _check_swallowed(table, rows, dialect)
    return rows


class _Semicolon(csv.excel):
    delimiter = ";"


def _dialect(text: str) -> type[csv.Dialect]:
    """«;» (what Russian Excel writes) or «,», whichever the header line holds more of.

    The header line decides, not a guess over the whole text: a sample cut inside a quoted cell
    or a stray quote makes the csv module's sniffer pick a quote character or a delimiter that
    silently splits or merges cells. Quoting is always Excel's: «"» around a cell, «""» inside.
    """
    header = text.split("\n", 1)[0]
    return _Semicolon if header.count(";") >= header.count(",") and ";" in header else csv.excel


def _records(table: Path, reader: Any, bound: int) -> Iterator[tuple[int, list[str]]]:
    """Each record with the line it starts on; a csv error becomes a located one."""
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            detail = str(exc)
            if "field limit" in detail:
                # The cell that broke the bound is on the line being read.
                line = reader.line_num
                raise _cell_too_long(table, line, _csv_place(line), bound) from None
            if "unexpected end of data" in detail:
                raise RoadmapdocsError(_UNCLOSED, Location(str(table), line=start)) from None
            raise RoadmapdocsError(_BAD_QUOTE, Location(str(table), line=reader.line_num)) from None
        yield start, row
        start = reader.line_num + 1


def _csv_place(line: int) -> Phrase:
    return Phrase("строки {line}", "of line {line}").format(line=line)


def _check_swallowed(table: Path, rows: Rows, dialect: type[csv.Dialect]) -> None:
    """A quoted cell spanning lines, one of which is by itself a whole row of the table, is
    taken for a quote that was left open and closed by a later one."""
    if not rows or len(rows[0][1]) < _SWALLOW_COLUMNS:
        return
    width = len(rows[0][1])
    delimiter = dialect.delimiter
    for line, row in rows[1:]:
        for cell in row:
            if "\n" not in cell and "\r" not in cell:
                continue
            for offset, part in enumerate(cell.splitlines()[1:], start=1):
                if part.count(delimiter) == width - 1:
                    raise RoadmapdocsError(
                        _SWALLOWED.format(line=line + offset, text=_short(part)),
                        Location(str(table), line=line),
                    )


def _xlsx_rows(table: Path) -> tuple[Rows, str]:
    check_xlsx(table)
    import openpyxl
    from openpyxl.utils import get_column_letter

    try:
        book = openpyxl.load_workbook(table, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many unrelated types for a damaged file
        raise RoadmapdocsError(_BROKEN_XLSX.format(detail=exc), Location(str(table))) from None
    bound = limits.current().csv_cell_chars
    try:
        rows: Rows = []
        for number, values in enumerate(_sheet_rows(book), start=1):
            row = [_cell_text(value) for value in values]
            for column, cell in enumerate(row, start=1):
                if len(cell) > bound:
                    place = f"{get_column_letter(column)}{number}"
                    raise _cell_too_long(table, number, Phrase(place, place), bound)
            rows.append((number, row))
        return rows, str(book.worksheets[0].title)
    finally:
        book.close()


def _sheet_rows(book: Any) -> Iterable[tuple[object, ...]]:
    rows: Iterable[tuple[object, ...]] = book.worksheets[0].iter_rows(values_only=True)
    return rows


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel keeps «226» as 226.0
    return str(value)
