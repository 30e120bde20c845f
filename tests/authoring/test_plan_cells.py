"""What the built-in templates put into each table cell: a run's properties once each, and none
on an ordinary cell of a plan table (its look is the table text style's)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

import roadmapdocs
from tests.conftest import EXAMPLES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
EXAMPLE_FILES = sorted(p for p in EXAMPLES.glob("*.yaml"))


def rendered(example: Path, out: Path) -> etree._Element:
    path = roadmapdocs.render(roadmapdocs.load(example), out / f"{example.stem}.docx")
    return etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_a_run_carries_each_property_once(example: Path, tmp_path: Path) -> None:
    # The schema allows each run property once; with two «w:b» (a data table's header rows
    # had «off» then «on») Word and LibreOffice may each take a different one.
    for properties in rendered(example, tmp_path).iter(W + "rPr"):
        tags = [child.tag for child in properties]
        assert len(tags) == len(set(tags)), etree.tostring(properties, encoding="unicode")


def runs_of(body: etree._Element, number: str | None) -> list[etree._Element]:
    """The runs holding text in the one table row whose first cell reads ``number``."""

    def first_cell(row: etree._Element) -> str:
        cell = row.find(W + "tc")
        return "".join(cell.itertext()).strip() if cell is not None else ""

    rows = [r for r in body.iter(W + "tr") if first_cell(r) == number]
    assert len(rows) == 1, number
    found = [r for r in rows[0].iter(W + "r") if "".join(r.itertext()).strip()]
    assert found
    return found


def _bold(run: etree._Element) -> bool:
    found = run.find(f"{W}rPr/{W}b")
    return found is not None and found.get(W + "val") not in ("0", "false")


def test_ordinary_plan_cells_have_no_run_properties_and_heading_rows_are_bold(
    tmp_path: Path,
) -> None:
    # In the example order activity 1 heads 1.1, 1.2, …: its row is bold, theirs are plain.
    document = roadmapdocs.load(EXAMPLES / "school-order.yaml")
    head = document.appendices[0].plan.activities[0]
    nested = head.activities[0]
    body = rendered(EXAMPLES / "school-order.yaml", tmp_path)

    assert all(r.find(W + "rPr") is None for r in runs_of(body, nested.number))
    assert all(_bold(r) for r in runs_of(body, head.number))


def test_a_report_row_is_bold_when_overdue_and_plain_cells_have_no_run_properties(
    tmp_path: Path,
) -> None:
    # In the example report activity 2.1 is overdue on 01.10.2024 and 2.2 is done.
    import subprocess
    import sys

    out = tmp_path / "report.docx"
    source = EXAMPLES / "monitoring" / "school-roadmap-status.yaml"
    command = [sys.executable, "-m", "roadmapdocs", "report", str(source), "--as-of", "01.10.2024"]
    done = subprocess.run([*command, "-o", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    body = etree.fromstring(zipfile.ZipFile(out).read("word/document.xml"))

    assert all(_bold(r) for r in runs_of(body, "2.1"))
    assert all(r.find(W + "rPr") is None for r in runs_of(body, "2.2"))
