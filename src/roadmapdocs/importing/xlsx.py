"""Reading an Excel workbook (.xlsx) into the neutral form of :mod:`roadmapdocs.importing.raw`.

Each sheet with something written on it is one :class:`RawTable`: the rectangle from column A
to the last column used and from the first row used to the last, rows with nothing in them left
out. A title typed above the header («План мероприятий…» in A1) is simply the table's first
rows; the recogniser finds the header. Rows and columns keep the sheet's numbers, so
«лист «План», строка 14, столбец 3» is the cell C14 a person sees.

Values are written as Excel shows them in Russian: whole numbers without «.0», fractions with
a decimal comma («2,5»), percentages as «85%», dates as «05.09.2024». Formulas give the value
Excel saved with the file. A merged range appears once, at its top-left cell, with its spans.
"""

from __future__ import annotations

import datetime as dt
import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from roadmapdocs.archive import as_load_error, check_xlsx
from roadmapdocs.importing.docx import ole_contents, opened
from roadmapdocs.importing.outcome import refuse
from roadmapdocs.importing.raw import Place, RawCell, RawDocument, RawRow, RawTable
from roadmapdocs.messages import Phrase

__all__ = ["read", "shown"]

_MAX_CELLS = 2_000_000
"""Cells of the rectangle of one sheet; a plan has a few thousand. One value in a far corner
would otherwise make a grid of billions."""

_XLS = Phrase(
    "это файл Excel 97–2003 (.xls): сохраните его в Excel как .xlsx («Файл → Сохранить как → "
    "Книга Excel»)",
    "this is an Excel 97–2003 file (.xls): save it in Excel as .xlsx («File → Save As → Excel "
    "Workbook»)",
)
_ENCRYPTED = Phrase(
    "книга защищена паролем (зашифрована), и прочесть её нельзя: откройте её в Excel, снимите "
    "пароль («Файл → Сведения → Защитить книгу → Зашифровать с использованием пароля», "
    "очистите поле) и сохраните",
    "the workbook is password-protected (encrypted) and cannot be read: open it in Excel, "
    "remove the password («File → Info → Protect Workbook → Encrypt with Password», clear the "
    "field) and save it",
)
_WORKBOOK = Phrase("таблица Excel (.xlsx)", "Excel workbook (.xlsx)")
_TOO_LARGE = Phrase(
    "на листе «{sheet}» заполнены ячейки от строки {top} до {bottom} и до столбца {right}: это "
    "{cells} ячеек, больше, чем бывает в плане ({bound}); удалите лишнее (значения далеко за "
    "таблицей)",
    "the sheet «{sheet}» has cells filled from row {top} to {bottom} and up to column {right}: "
    "{cells} cells, more than a plan has ({bound}); delete what is far outside the table",
)


def _number(value: float, percent: bool) -> str:
    if percent:
        value *= 100
    if float(value).is_integer() and abs(value) < 1e16:
        text = str(int(value))
    else:
        text = f"{value:.15g}".replace(".", ",")
    return text + "%" if percent else text


def shown(value: Any, number_format: str = "General") -> str:
    """A cell's value as Excel shows it in Russian; ``""`` for an empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ИСТИНА" if value else "ЛОЖЬ"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.strftime("%d.%m.%Y")
        if value.date() == dt.date(1899, 12, 30):  # a time alone: day 0 of Excel's calendar
            return value.strftime("%H:%M")
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, (int, float)):
        return _number(value, "%" in str(number_format or ""))
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.strip() for line in text.split("\n")).strip()


@dataclass(frozen=True)
class _Merge:
    rows: int
    columns: int


def _sheet(sheet: Any, number: int, path: Path) -> RawTable | None:
    """The sheet's used rectangle as a table, or None for a sheet with nothing written."""
    # The cells the file holds, without making the empty ones a sheet's iteration would.
    cells: dict[tuple[int, int], Any] = sheet._cells
    texts: dict[tuple[int, int], str] = {}
    for (row, column), cell in cells.items():
        text = shown(cell.value, cell.number_format)
        if text:
            texts[row, column] = text
    if not texts:
        return None
    merges: dict[tuple[int, int], _Merge] = {}
    covered: set[tuple[int, int]] = set()
    for bounds in sheet.merged_cells.ranges:
        top, left = bounds.min_row, bounds.min_col
        if (top, left) not in texts:
            continue  # a merge of empty cells is only a frame
        merges[top, left] = _Merge(bounds.max_row - top + 1, bounds.max_col - left + 1)
    top = min(row for row, _ in texts)
    bottom = max([row for row, _ in texts] + [r + m.rows - 1 for (r, _), m in merges.items()])
    right = max([c for _, c in texts] + [c + m.columns - 1 for (_, c), m in merges.items()])
    if (bottom - top + 1) * right > _MAX_CELLS:
        raise refuse(
            path,
            "too-large",
            _TOO_LARGE.format(
                sheet=sheet.title,
                top=top,
                bottom=bottom,
                right=right,
                cells=(bottom - top + 1) * right,
                bound=_MAX_CELLS,
            ),
        )
    for (row, column), merge in merges.items():
        covered.update(
            (r, c)
            for r in range(row, row + merge.rows)
            for c in range(column, column + merge.columns)
            if (r, c) != (row, column)
        )
    occupied = {row for row, _ in texts} | {row for row, _ in covered}
    rows: list[RawRow] = []
    for row in range(top, bottom + 1):
        if row not in occupied:
            continue
        out: list[RawCell] = []
        for column in range(1, right + 1):
            if (row, column) in covered:
                continue
            text = texts.get((row, column), "")
            merge = merges.get((row, column), _Merge(1, 1))
            # Rows left out inside a merge would make its span too long.
            rowspan = sum(1 for r in range(row, row + merge.rows) if r in occupied)
            cell = cells.get((row, column))
            bold = bool(text) and cell is not None and bool(cell.font and cell.font.b)
            out.append(
                RawCell(
                    text=text,
                    place=Place(sheet=sheet.title, table=number, row=row, column=column),
                    colspan=merge.columns,
                    rowspan=rowspan,
                    bold=bold,
                )
            )
        rows.append(RawRow(cells=tuple(out), place=Place(sheet=sheet.title, table=number, row=row)))
    return RawTable(rows=tuple(rows), place=Place(sheet=sheet.title, table=number), columns=right)


def read(path: str | os.PathLike[str]) -> RawDocument:
    """Each sheet of the workbook at ``path`` with anything on it, as a table.

    Raises :class:`~roadmapdocs.errors.LoadError` for a file that is not a sound .xlsx (and
    :class:`~roadmapdocs.errors.LimitExceeded` for one past the bounds of
    :mod:`roadmapdocs.limits`), before openpyxl reads it.
    """
    file = Path(path)
    held = ole_contents(file, ("Workbook", "Book"))
    if held == "encrypted":
        raise refuse(file, "encrypted", _ENCRYPTED)
    if held is not None:
        raise refuse(file, "old-format", _XLS)
    import openpyxl
    from openpyxl.worksheet.worksheet import Worksheet

    def load() -> Any:
        with warnings.catch_warnings():
            # openpyxl warns of what it drops (data validation, slicers): none of it is text.
            warnings.simplefilter("ignore")
            # Not read-only: merged ranges are only known so; the archive check bounds the work.
            return openpyxl.load_workbook(file, read_only=False, data_only=True)

    workbook = opened(file, _WORKBOOK, lambda: check_xlsx(file, broken=as_load_error), load)
    tables: list[RawTable] = []
    try:
        for number, sheet in enumerate(workbook.worksheets, start=1):
            if not isinstance(sheet, Worksheet):
                continue
            table = _sheet(sheet, number, file)
            if table is not None:
                tables.append(table)
    finally:
        workbook.close()
    return RawDocument(blocks=tuple(tables), source=str(file))
