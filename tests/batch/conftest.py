"""Shared inputs of the batch tests: a folder with a broken file, tables to merge, a file's text."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import docx
import openpyxl
import pytest

from tests.conftest import EXAMPLES

ORDER = EXAMPLES / "school-order.yaml"
ROADMAP = EXAMPLES / "school-roadmap.yaml"
BROKEN = "kind: order\nlevel: school\nnumber: [unclosed\n"


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(ORDER, folder)
    shutil.copy(ROADMAP, folder)
    (folder / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    (folder / "notes.txt").write_text("не документ", encoding="utf-8")
    return folder


def table_rows(count: int) -> list[dict[str, str]]:
    return [
        {
            "organisation.short_name": f"МБОУ «Школа {100 + i}»",
            "number": f"{500 + i}/к",
            "place": "Вязьма" if i % 2 else "Ельня",
        }
        for i in range(count)
    ]


def write_csv(path: Path, rows: list[dict[str, str]], *, delimiter: str, bom: bool) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[dict[str, str]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(rows[0]))
    for row in rows:
        sheet.append(list(row.values()))
    book.save(path)
    return path


def docx_text(path: Path | None) -> str:
    assert path is not None
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells).replace("\xa0", " ")
