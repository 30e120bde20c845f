"""The tables of a mail-merge: the rows of a .csv or .xlsx file, as text."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from pathlib import Path
from typing import Any

from roadmapdocs.errors import Location, RoadmapdocsError
from roadmapdocs.messages import Phrase

_WRONG_TYPE = Phrase(
    "таблица должна быть в формате .csv или .xlsx", "the table must be a .csv or .xlsx file"
)
_NO_HEADER = Phrase("в таблице нет заголовков столбцов", "the table has no column headers")
_NOT_UTF8 = Phrase("таблица не читается как UTF-8: {detail}", "the table is not UTF-8: {detail}")
_BROKEN_XLSX = Phrase(
    "таблица Excel не открывается: {detail}", "the Excel table does not open: {detail}"
)


def read_table(path: str | os.PathLike[str]) -> list[dict[str, str]]:
    """The rows of a .csv (UTF-8 with or without BOM; «;» or «,») or .xlsx (first sheet) table.

    Headers are stripped; empty cells are empty strings; wholly empty rows are dropped.
    """
    table = Path(path)
    if table.suffix.lower() == ".xlsx":
        rows = _xlsx_rows(table)
    elif table.suffix.lower() == ".csv":
        rows = _csv_rows(table)
    else:
        raise RoadmapdocsError(_WRONG_TYPE, Location(str(table)))
    if not rows:
        raise RoadmapdocsError(_NO_HEADER, Location(str(table)))
    header = [h.strip() for h in rows[0]]
    return [
        dict(zip(header, (c.strip() for c in row), strict=False))
        for row in rows[1:]
        if any(c.strip() for c in row)
    ]


def _csv_rows(table: Path) -> list[list[str]]:
    try:
        text = table.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RoadmapdocsError(_NOT_UTF8.format(detail=exc), Location(str(table))) from None
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=";,")
    except csv.Error:
        dialect = csv.excel  # one column: no delimiter to find
    return list(csv.reader(io.StringIO(text), dialect))


def _xlsx_rows(table: Path) -> list[list[str]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(table, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many unrelated types for a damaged file
        raise RoadmapdocsError(_BROKEN_XLSX.format(detail=exc), Location(str(table))) from None
    try:
        return [
            [_cell_text(value) for value in row]
            for row in book.worksheets[0].iter_rows(values_only=True)
        ]
    finally:
        book.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel keeps «226» as 226.0
    return str(value)
