"""The order as ГОСТ Р 7.0.97 and custom set it: the preamble word, names that do not break,
the letterhead's capital, quotes, empty cells and the appendix mark — each as the settings say."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

import roadmapdocs
from roadmapdocs import Appendix, Order
from tests.rendering.conftest import docx_paragraphs, load_example

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def order() -> Order:
    document = load_example("school-order")
    assert isinstance(document, Order)
    return document


def _render(order: Order, tmp_path: Path, **settings: Any) -> docx.document.Document:
    out = roadmapdocs.render(order, tmp_path / "order.docx", settings=settings)
    return docx.Document(str(out))


def _paragraph(word: docx.document.Document, starts: str) -> Any:
    return next(p for p in word.paragraphs if p.text.startswith(starts))


@pytest.mark.parametrize(
    ("style", "printed"),
    [("upper", "ПРИКАЗЫВАЮ:"), ("spaced", "п р и к а з ы в а ю:")],
)
def test_the_preamble_word_stands_apart(
    order: Order, tmp_path: Path, style: str, printed: str
) -> None:
    word = _render(order, tmp_path, preamble_style=style)
    (found,) = [p for p in word.paragraphs if p.text == printed]
    assert found.paragraph_format.space_before.pt == 12
    assert found.paragraph_format.space_after.pt == 12


def test_declined_names_keep_surname_and_initials_together(order: Order, tmp_path: Path) -> None:
    clause = _paragraph(_render(order, tmp_path), "2. ")
    assert f"Лаврушкиной{NBSP}Е.А., Романовой{NBSP}И.Е., Балабановой{NBSP}Н.В." in clause.text


def test_declined_names_follow_the_nbsp_setting(order: Order, tmp_path: Path) -> None:
    clause = _paragraph(_render(order, tmp_path, nbsp=False), "2. ")
    assert "Лаврушкиной Е.А., Романовой И.Е." in clause.text


def test_the_letterhead_capitalises_the_name_and_nothing_else(order: Order, tmp_path: Path) -> None:
    assert order.organisation is not None
    assert order.organisation.full_name.startswith("муниципальное")
    texts = [p.text for p in _render(order, tmp_path).paragraphs]
    assert texts[1].startswith("Муниципальное бюджетное общеобразовательное учреждение")
    basis = next(t for t in texts if t.startswith("Руководствуясь"))
    assert "Устава муниципального бюджетного" in basis


@pytest.mark.parametrize(
    ("quotes", "expected"),
    [
        (True, "Вебинар «Муниципальные „итоги“ мониторинга»"),
        (False, 'Вебинар «Муниципальные "итоги" мониторинга»'),
    ],
)
def test_quotes_inside_quotes_become_lapki(
    order: Order, tmp_path: Path, quotes: bool, expected: str
) -> None:
    mixed = order.model_copy(deep=True)
    activity = mixed.appendices[0].plan.activities[1].activities[2]
    activity.text = 'Вебинар «Муниципальные "итоги" мониторинга»'
    out = roadmapdocs.render(mixed, tmp_path / "o.docx", settings={"quotes": quotes, "nbsp": False})
    assert expected in list(docx_paragraphs(out))


@pytest.mark.parametrize(("empty_cell", "printed"), [(None, "—"), ("", ""), ("нет", "нет")])
def test_an_empty_cell_prints_the_setting(
    order: Order, tmp_path: Path, empty_cell: str | None, printed: str
) -> None:
    settings = {} if empty_cell is None else {"empty_cell": empty_cell}
    word = _render(order, tmp_path, **settings)
    table = word.tables[0]
    # Row of activity 1.7: no result; its last cell is the result column.
    (row,) = [r for r in table.rows if r.cells[0].text == "1.7"]
    assert row.cells[-1].text == printed
    # An empty level carries on the level named above: a dash would say there is none.
    assert row.cells[1].text == ""


def _marks(word: docx.document.Document) -> list[Any]:
    return [
        p for p in word.paragraphs if p.style is not None and p.style.name == "RD Appendix Mark"
    ]


@pytest.mark.parametrize(
    ("appendices", "numbered", "first_line"),
    [
        (1, False, ["Приложение"]),
        (1, True, ["Приложение № 1"]),
        (2, False, ["Приложение № 1", "Приложение № 2"]),
    ],
)
def test_a_single_appendix_is_not_numbered_unless_asked(
    order: Order, tmp_path: Path, appendices: int, numbered: bool, first_line: list[str]
) -> None:
    document = order.model_copy(deep=True)
    first = document.appendices[0]
    document.appendices = [first, Appendix(number="2", title="Второе", plan=first.plan)][
        :appendices
    ]
    word = _render(document, tmp_path, number_single_appendix=numbered, nbsp=False)
    assert [m.text.split("\n")[0] for m in _marks(word)] == first_line


def test_the_appendix_mark_is_a_left_aligned_block_at_the_right_margin(
    order: Order, tmp_path: Path
) -> None:
    (mark,) = _marks(_render(order, tmp_path))
    frame = mark._p.pPr.find(qn("w:framePr"))
    assert frame is not None
    assert (frame.get(qn("w:hAnchor")), frame.get(qn("w:xAlign"))) == ("margin", "right")
    assert mark.style.paragraph_format.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.LEFT


def test_heading_rows_are_bold_and_a_section_row_is_merged(order: Order, tmp_path: Path) -> None:
    table = _render(order, tmp_path).tables[0]
    by_number = {row.cells[0].text: row for row in table.rows[1:]}

    def bold(number: str) -> bool:
        runs = [r for c in by_number[number].cells for p in c.paragraphs for r in p.runs]
        return all(r.bold for r in runs if r.text.strip())

    assert bold("1") and bold("2") and bold("3")
    assert not bold("1.1") and not bold("3.1")
    section = by_number["3"]._tr
    spans = [tc.tcPr.find(qn("w:gridSpan")) for tc in section.findall(qn("w:tc"))]
    assert len(spans) == 1 and spans[0] is not None


def test_the_execution_mark_stays_blank_to_be_filled_in(tmp_path: Path) -> None:
    passport = load_example("passport")
    out = roadmapdocs.render(passport, tmp_path / "passport.docx")
    (table,) = [
        t
        for t in docx.Document(str(out)).tables
        if "Отметка об исполнении" in t.rows[0].cells[-1].text
    ]
    activity_rows = [r for r in table.rows[1:] if len({c._tc for c in r.cells}) > 1]
    assert activity_rows
    assert all(r.cells[-1].text == "" for r in activity_rows)
    assert any(c.text == "—" for r in activity_rows for c in r.cells)
