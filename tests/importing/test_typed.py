"""The typed documents themselves: that each example, typed by hand the way a secretary types
it, is the file the import tests mean — it opens, holds its tables, merges its section rows
across, carries one row on into a second, and writes an order's date and number on one line.

What the import reads back from these files is tested beside the import itself."""

from __future__ import annotations

import itertools
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

import roadmapdocs
from roadmapdocs.model import Order, Passport, Project, Roadmap
from roadmapdocs.rendering.context import plan_rows
from tests.conftest import EXAMPLES
from tests.importing.expected import facts, fold, plans
from tests.importing.typed import LONG_TABLE, STYLES, clause_line, date_text, type_document

NAMES = sorted(path.stem for path in EXAMPLES.glob("*.yaml"))
CASES = [(name, style) for name in NAMES for style in STYLES]


@pytest.fixture(scope="module")
def typed(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Every example typed in every style, once for the module."""
    folder = tmp_path_factory.mktemp("typed")
    return {
        (name, style): type_document(
            roadmapdocs.load(EXAMPLES / f"{name}.yaml"),
            folder / style / f"{name}.docx",
            style=style,
        )
        for name, style in CASES
    }


def _cell_text(tc: object) -> str:
    """A cell's text, its paragraphs on lines."""
    return "\n".join(
        "".join(t.text or "" for t in p.iter(qn("w:t")))
        for p in tc.iter(qn("w:p"))  # type: ignore[attr-defined]
    )


def _rows(table: object) -> list[list[str]]:
    return [[_cell_text(tc) for tc in tr.tc_lst] for tr in table._tbl.tr_lst]  # type: ignore[attr-defined]


def _tables_expected(document: object) -> int:
    """How many tables the typed document has: its plans and the other tables its kind prints."""
    if isinstance(document, Order):
        return len(document.appendices)
    if isinstance(document, Roadmap):
        mechanisms = document.mechanisms
        return (
            bool(document.risk_groups)
            + len(document.indicator_groups)
            + bool(document.control_points)
            + 1
            + bool(mechanisms and (mechanisms.sections or mechanisms.activities))
        )
    if isinstance(document, Passport):
        return len(document.problem.tables) + 1 + len(document.indicator_groups) + 1
    assert isinstance(document, Project)
    tabular = any(i.unit or i.baseline or i.values for i in document.indicators)
    return 1 + tabular + bool(document.control_points)


def _plan_tables(path: Path, document: object) -> list[tuple[object, object]]:
    """Each plan of the document with the table typed for it: the next table whose first row
    is the plan's column titles."""
    tables = docx.Document(str(path)).tables
    found = []
    start = 0
    for _, plan in plans(document):
        titles = [column.title for column in plan.table_columns]
        index = next(i for i in range(start, len(tables)) if _rows(tables[i])[0] == titles)
        found.append((plan, tables[index]))
        start = index + 1
    return found


@pytest.mark.parametrize(("name", "style"), CASES)
def test_opens_with_its_tables(typed: dict[tuple[str, str], Path], name: str, style: str) -> None:
    document = roadmapdocs.load(EXAMPLES / f"{name}.yaml")
    opened = docx.Document(str(typed[name, style]))
    assert len(opened.tables) == _tables_expected(document)
    normal = opened.styles["Normal"].font
    assert (normal.name, normal.size.pt) == ("Times New Roman", 14)
    for line in document.title.split("\n"):
        assert any(
            p.text == line and p.runs[0].bold and p.alignment == 1 for p in opened.paragraphs
        ), line


@pytest.mark.parametrize(("name", "style"), CASES)
def test_plan_tables(typed: dict[tuple[str, str], Path], name: str, style: str) -> None:
    """Section rows are one cell across the table, in bold; one activity goes on in a second
    row holding only the rest of its text; a long table has its header row once more."""
    document = roadmapdocs.load(EXAMPLES / f"{name}.yaml")
    for plan, table in _plan_tables(typed[name, style], document):
        columns = [column.field.value for column in plan.table_columns]
        titles = [column.title for column in plan.table_columns]
        rows = _rows(table)
        trs = table._tbl.tr_lst  # type: ignore[attr-defined]
        assert table.style.name == "Table Grid"  # type: ignore[attr-defined]
        across = [tr for tr in trs if len(tr.tc_lst) == 1]
        printed = [r for r in plan_rows(plan) if r["kind"] in ("section", "note")]
        assert len(across) == len(printed)
        assert all(tr.tc_lst[0].grid_span == len(columns) for tr in across)
        sections = [r for r in printed if r["kind"] == "section"]
        for tr in across[: len(sections)]:
            assert all(b.get(qn("w:val"), "1") != "0" for b in tr.iter(qn("w:b")))
            assert list(tr.iter(qn("w:b"))), "a section row is bold"
        # The continuation: the number cell (or, without one, every cell but the text) empty,
        # and the text the rest of the row above's.
        text_at = columns.index("text")
        whole = {fold(r["cells"][text_at]) for r in plan_rows(plan) if r["kind"] == "activity"}
        carried = [
            (index, row)
            for index, (above, row) in enumerate(itertools.pairwise(rows), start=1)
            if len(row) == len(columns)
            and len(above) == len(columns)
            and row[text_at]
            and not any(cell for i, cell in enumerate(row) if i != text_at)
            and fold(f"{above[text_at]} {row[text_at]}") in whole
            and fold(above[text_at]) not in whole
        ]
        assert len(carried) == 1, "one activity is carried on into a second row"
        index, row = carried[0]
        if "number" in columns:
            assert row[columns.index("number")] == ""
        # Nor does Word number it: no list numbering in the row.
        assert not list(trs[index].iter(qn("w:numPr")))
        repeats = sum(1 for row in rows if row == titles)
        assert repeats in (1, 2)
        assert (repeats == 2) == (len(rows) - repeats >= LONG_TABLE)


ORDERS = [(name, style) for name, style in CASES if name.endswith(("order", "order-clean"))]


@pytest.mark.parametrize(("name", "style"), ORDERS)
def test_order_requisites(typed: dict[tuple[str, str], Path], name: str, style: str) -> None:
    """Date and number on one line set apart by tabs, the signer with initials first, each
    appendix after a page break, the clauses with addressees in the dative."""
    document = roadmapdocs.load(EXAMPLES / f"{name}.yaml")
    assert isinstance(document, Order)
    opened = docx.Document(str(typed[name, style]))
    texts = [p.text for p in opened.paragraphs]
    line = f"{date_text(document)}\t\t\t\t№ {document.number}"
    assert line == "05.09.2024\t\t\t\t№ 226/1-г"
    assert line in texts
    assert texts.index(line) > texts.index("ПРИКАЗ")
    assert "Директор школы\t\t\tТ.А. Оловянникова" in texts
    marks = [i for i, text in enumerate(texts) if text.startswith("Приложение № ")]
    assert len(marks) == len(document.appendices)
    for index in marks:
        before = opened.paragraphs[index - 1]._p
        assert any(br.get(qn("w:type")) == "page" for br in before.iter(qn("w:br")))
        assert opened.paragraphs[index].alignment == 2  # right
    expected = facts(document).order
    assert expected is not None
    assert (
        "Заместителям директора школы Лаврушкиной Е.А., Романовой И.Е., Балабановой Н.В."
        in (expected.clauses[1])
    )
    for number, clause in enumerate(document.clauses, 1):
        typed_line = f"{number}. {clause_line(clause)}" if style == "secretary" else None
        if typed_line is not None:
            assert typed_line in texts
        else:
            assert clause_line(clause) in texts


@pytest.mark.parametrize("name", NAMES)
def test_autonumbering(typed: dict[tuple[str, str], Path], name: str) -> None:
    """With auto-numbering the numbers are Word's: numbering.xml holds «%1.» / «%1.%2.» levels
    and the numbered paragraphs refer to them, with no number typed in their text."""
    document = roadmapdocs.load(EXAMPLES / f"{name}.yaml")
    opened = docx.Document(str(typed[name, "autonumber"]))
    numbering = opened.part.numbering_part.element
    texts = {lvl.get(qn("w:val")) for lvl in numbering.iter(qn("w:lvlText"))}
    referenced = list(opened.element.body.iter(qn("w:numPr")))
    assert referenced, "numbered paragraphs refer to the numbering"
    if isinstance(document, Order):
        assert {"%1.", "%1.%2."} <= texts
        assert not [p for p in opened.paragraphs if p.text.startswith("1. ")]
    plain = docx.Document(str(typed[name, "secretary"]))
    assert not list(plain.element.body.iter(qn("w:numPr")))
