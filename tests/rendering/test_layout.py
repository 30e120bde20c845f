"""Layout from settings: the Normal style's size, section margins, and settings refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

import roadmapdocs
from roadmapdocs.errors import TemplateError
from roadmapdocs.rendering.layout import text_of
from tests.rendering.conftest import load_example


def _render(tmp_path: Path, settings: dict[str, Any]) -> Any:
    out = roadmapdocs.render(load_example("school-order"), tmp_path / "o.docx", settings=settings)
    return docx.Document(str(out))


@pytest.mark.parametrize(
    ("settings", "size", "left"),
    [
        ({}, 14, 30),
        ({"font_size": 13, "margins": {"left": 25}}, 13, 25),
        ({"font_size": 12.5}, 12.5, 30),
    ],
)
def test_font_size_and_margins_come_from_settings(
    settings: dict[str, Any], size: float, left: float, tmp_path: Path
) -> None:
    document = _render(tmp_path, settings)
    assert document.styles["Normal"].font.size == Pt(size)
    assert len(document.sections) > 1, "the order's appendix should be a section of its own"
    for section in document.sections:
        assert abs(section.left_margin - Mm(left)) < Mm(0.1)
        # A margin not set keeps the template's value: settings merge key by key.
        assert abs(section.top_margin - Mm(20)) < Mm(0.1)


def test_table_text_follows_its_own_size(tmp_path: Path) -> None:
    document = _render(tmp_path, {"table_font_size": 10})
    assert document.styles["RD Table Text"].font.size == Pt(10)
    assert document.styles["Normal"].font.size == Pt(14)


@pytest.mark.parametrize(
    "settings",
    [
        {"font_size": 100},
        {"margins": {"left": 5}},
        {"margins": {"middle": 10}},
        {"date_style": "по-старинке"},
    ],
)
def test_invalid_settings_are_a_template_error(settings: dict[str, Any], tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="неверные настройки"):
        _render(tmp_path, settings)
    assert not (tmp_path / "o.docx").exists()


@pytest.mark.parametrize(
    ("orientation", "landscape"), [("auto", True), ("landscape", True), ("portrait", False)]
)
def test_appendix_orientation_setting(orientation: str, landscape: bool, tmp_path: Path) -> None:
    first, *appendix = _render(tmp_path, {"appendix_orientation": orientation}).sections
    assert first.page_width < first.page_height
    assert all((s.page_width > s.page_height) == landscape for s in appendix)


def _plan_tables(document: Any) -> list[Any]:
    from docx.oxml.ns import qn

    style_id = next(s.style_id for s in document.styles if s.name == "RD Plan Table")
    return [
        table
        for table in document.element.body.iter(qn("w:tbl"))
        if table.find(f"{qn('w:tblPr')}/{qn('w:tblStyle')}").get(qn("w:val")) == style_id
    ]


def _check_fitted(table: Any) -> int:
    """The first row repeated, every cell as wide as the grid columns it spans, the table as
    wide as its grid; returns the number of rows."""
    from docx.oxml.ns import qn

    grid = [int(c.get(qn("w:w"))) for c in table.find(qn("w:tblGrid"))]
    tbl_w = table.find(f"{qn('w:tblPr')}/{qn('w:tblW')}")
    assert int(tbl_w.get(qn("w:w"))) == sum(grid)
    assert table.find(f"{qn('w:tblPr')}/{qn('w:tblLayout')}").get(qn("w:type")) == "fixed"
    rows = table.findall(qn("w:tr"))
    for index, row in enumerate(rows):
        tr_pr = row.find(qn("w:trPr"))
        assert (tr_pr.find(qn("w:tblHeader")) is not None) == (index == 0)
        position = 0
        for cell in row.findall(qn("w:tc")):
            span_element = cell.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
            span = int(span_element.get(qn("w:val"))) if span_element is not None else 1
            tc_w = cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
            assert tc_w.get(qn("w:type")) == "dxa"
            assert int(tc_w.get(qn("w:w"))) == sum(grid[position : position + span])
            position += span
        assert position == len(grid)
    return len(rows)


def _big_order(activities: int) -> Any:
    data = roadmapdocs.to_data(load_example("school-order"))
    sections = [
        {
            "number": str(s + 1),
            "text": f"Направление {s + 1}",
            "activities": [
                {
                    "number": f"{s + 1}.{i + 1}",
                    "text": f"Мероприятие {s + 1}.{i + 1} " + "очень " * (i % 7),
                    "deadline": "ноябрь 2024",
                    "responsible": ["заместитель директора"],
                    "result": "Протокол",
                }
                for i in range(10)
            ],
        }
        for s in range(activities // 10)
    ]
    data["appendices"][0]["plan"]["activities"] = sections
    return roadmapdocs.load(data)


def test_plan_tables_are_fitted_row_by_row(tmp_path: Path) -> None:
    # 450 activities and 45 section rows: more rows than are measured for widths, section
    # headings spanning the whole table among them.
    out = roadmapdocs.render(_big_order(450), tmp_path / "big.docx")
    tables = _plan_tables(docx.Document(str(out)))
    assert tables
    assert sum(_check_fitted(t) for t in tables) > 495


def test_fitting_adds_missing_cell_properties() -> None:
    from docx.oxml import parse_xml

    from roadmapdocs.rendering.layout import TableFont, _Table, column_widths, fit_rows
    from roadmapdocs.settings import Settings

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    table = parse_xml(
        f"<w:tbl {w}><w:tblPr/><w:tblGrid><w:gridCol w:w='100'/></w:tblGrid>"
        "<w:tr><w:tc><w:p><w:r><w:t>№</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:tcPr/><w:p><w:r><w:t>Мероприятие</w:t></w:r></w:p></w:tc></w:tr>"
        "<w:tr><w:tc><w:tcPr><w:gridSpan w:val='2'/></w:tcPr><w:p/></w:tc></w:tr>"
        "<w:tr><w:tc><w:tcPr><w:tcW w:w='1' w:type='auto'/></w:tcPr><w:p/></w:tc>"
        "<w:tc><w:p><w:r><w:t>Провести педагогический совет</w:t></w:r></w:p></w:tc></w:tr>"
        "</w:tbl>"
    )
    fitted = _Table(table, 9000, 9000)
    font = TableFont(Settings())
    widths = column_widths(fitted.sample(), fitted.columns, 9000, font)
    fitted.apply(widths)
    lines, cells = fit_rows(fitted.rows, fitted.spans, widths, font)
    assert cells == [2, 1, 2]
    fitted.paginate(lines, cells, 276, 9000)
    assert _check_fitted(table) == 3


@pytest.mark.parametrize("hyphenation", [True, False])
def test_text_is_russian_and_tables_are_hyphenated(hyphenation: bool, tmp_path: Path) -> None:
    import zipfile

    from docx.oxml.ns import qn
    from lxml import etree

    out = roadmapdocs.render(
        load_example("school-order"), tmp_path / "o.docx", settings={"hyphenation": hyphenation}
    )
    with zipfile.ZipFile(out) as package:
        styles = etree.fromstring(package.read("word/styles.xml"))
        settings = etree.fromstring(package.read("word/settings.xml"))
        body = etree.fromstring(package.read("word/document.xml"))
    default = styles.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}"
    )
    assert default.get(qn("w:val")) == "ru-RU"
    assert {
        lang.get(qn("w:val")) for part in (styles, body) for lang in part.iter(qn("w:lang"))
    } == {"ru-RU"}
    auto = settings.find(qn("w:autoHyphenation"))
    assert auto.get(qn("w:val")) == ("true" if hyphenation else "false")
    # In schema order: after the default tab stop, which Word requires before it.
    assert auto.getprevious().tag == qn("w:defaultTabStop")
    document = docx.Document(str(out))
    suppressed = {
        name: document.styles[name].element.pPr.find(qn("w:suppressAutoHyphens")).get(qn("w:val"))
        for name in ("Normal", "RD Table Text")
    }
    assert suppressed == {"Normal": "true", "RD Table Text": "false"}


def _rows(table: Any) -> list[tuple[bool, bool, bool, str]]:
    """Each row as (repeats on every page, kept whole, kept with the next row, text)."""
    found = []
    for row in table.findall(qn("w:tr")):
        tr_pr = row.find(qn("w:trPr"))
        paragraphs = list(row.iter(qn("w:p")))
        keep = all(p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None for p in paragraphs)
        found.append(
            (
                tr_pr.find(qn("w:tblHeader")) is not None,
                tr_pr.find(qn("w:cantSplit")) is not None,
                keep,
                text_of(row),
            )
        )
    return found


def test_tall_rows_may_break_and_headers_stay_with_what_follows(tmp_path: Path) -> None:
    out = roadmapdocs.render(load_example("school-order"), tmp_path / "o.docx")
    (table,) = _plan_tables(docx.Document(str(out)))
    rows = _rows(table)
    assert rows[0][:3] == (True, True, True)  # the header: repeated, whole, with the first row
    assert not any(header for header, *_ in rows[1:])
    tallest = max(rows[1:], key=lambda row: len(row[3]))
    shortest = min(rows[1:], key=lambda row: len(row[3]))
    assert not tallest[1], "a row taller than a fifth of the page may break across pages"
    assert shortest[1], "a short row is kept whole"
    # Only section rows (one cell across the table) are kept with the row after them.
    cells = [len(row.findall(qn("w:tc"))) for row in table.findall(qn("w:tr"))]
    kept = [index for index, (*_, keep, _text) in enumerate(rows) if keep and index > 0]
    assert all(cells[index] == 1 for index in kept)


def test_section_rows_stay_with_their_first_activity(tmp_path: Path) -> None:
    out = roadmapdocs.render(load_example("passport"), tmp_path / "p.docx")
    document = docx.Document(str(out))
    plan = max(_plan_tables(document), key=lambda t: len(t.findall(qn("w:tr"))))
    rows = _rows(plan)
    sections = [row for row in rows[1:] if row[3].startswith(("1. ", "2. ", "10. "))]
    assert sections
    assert all(whole and keep for _, whole, keep, _ in sections)


def test_the_repeated_rows_are_the_data_header(tmp_path: Path) -> None:
    out = roadmapdocs.render(load_example("passport"), tmp_path / "p.docx")
    exams = next(t for t in _plan_tables(docx.Document(str(out))) if "Предмет" in _rows(t)[1][3])
    repeated = [text for header, *_, text in _rows(exams) if header]
    # The source's header: an empty merged row over «Предмет / Всего / …».
    assert len(repeated) == 2
    assert repeated[1].startswith("ПредметВсего")


@pytest.mark.parametrize("name", ["school-order", "passport", "municipal-roadmap"])
def test_a_rows_texts_read_at_once_are_its_cells_texts(name: str, tmp_path: Path) -> None:
    from roadmapdocs.rendering.layout import _cell_text, _cell_texts

    out = roadmapdocs.render(load_example(name), tmp_path / "x.docx")
    rows = list(docx.Document(str(out)).element.body.iter(qn("w:tr")))
    assert rows
    for row in rows:
        assert _cell_texts(row) == [_cell_text(tc) for tc in row.iterchildren(qn("w:tc"))]


def test_keep_with_next_stands_where_the_schema_puts_it() -> None:
    from docx.oxml import parse_xml

    from roadmapdocs.rendering.layout import _keep_with_next

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    styled = parse_xml(f"<w:p {w}><w:pPr><w:pStyle w:val='A'/><w:jc w:val='center'/></w:pPr></w:p>")
    bare = parse_xml(f"<w:p {w}><w:r><w:t>Раздел</w:t></w:r></w:p>")
    plain = parse_xml(f"<w:p {w}><w:pPr><w:jc w:val='center'/></w:pPr></w:p>")
    for paragraph in (styled, bare, plain):
        _keep_with_next(paragraph)
        _keep_with_next(paragraph)  # once only
    assert [c.tag.split("}")[1] for c in styled.pPr] == ["pStyle", "keepNext", "jc"]
    assert [c.tag.split("}")[1] for c in bare.pPr] == ["keepNext"]
    assert bare[0].tag == qn("w:pPr")
    assert [c.tag.split("}")[1] for c in plain.pPr] == ["keepNext", "jc"]


def test_a_plan_tables_end_stays_with_a_signature_kept_with_it(tmp_path: Path) -> None:
    out = roadmapdocs.render(load_example("passport"), tmp_path / "p.docx")
    plan = max(_plan_tables(docx.Document(str(out))), key=lambda t: len(t.findall(qn("w:tr"))))
    following = plan.getnext()
    assert (
        following.tag == qn("w:p")
        and following.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None
    )
    assert _rows(plan)[-1][2], "the last row is kept with the paragraph after the table"
    # Tables not followed by such a paragraph keep their last row free.
    others = [t for t in _plan_tables(docx.Document(str(out))) if len(t) and t is not plan]
    assert any(not _rows(t)[-1][2] for t in others)


def test_the_chart_style_is_found_as_python_docx_reads_paragraph_styles() -> None:
    import docx as python_docx

    from roadmapdocs.authoring.builder import new_document, paragraph
    from roadmapdocs.rendering.layout import CHART_STYLE, paragraphs_in_style

    def slow(word: object) -> list[object]:
        return [
            p._p
            for p in word.paragraphs  # type: ignore[attr-defined]
            if p.style is not None and p.style.name == CHART_STYLE
        ]

    plain = python_docx.Document()
    plain.add_paragraph("текст")
    with_place, without_place = new_document(), new_document()
    paragraph(with_place, "текст")
    paragraph(with_place, "statuses", style=CHART_STYLE)
    paragraph(without_place, "текст")
    in_table = new_document()
    in_table.add_table(rows=1, cols=1).cell(0, 0).paragraphs[0].style = CHART_STYLE
    default = new_document()
    default.styles[CHART_STYLE].element.default = True
    paragraph(default, "текст")
    for word, expected in (
        (plain, False),
        (with_place, True),
        (without_place, False),
        (in_table, False),
        (default, True),
    ):
        found = [p._p for p in paragraphs_in_style(word, CHART_STYLE)]
        assert found == slow(word)
        assert bool(found) is expected


def test_style_look_ups_find_what_python_docx_finds() -> None:
    """``named_style`` and ``style_id`` answer as ``document.styles[name]`` does, for every style
    of every built-in template, for a name no style has and for a name with quotes in it (which
    an XPath written out around the name could not even read)."""
    from docx.enum.style import WD_STYLE_TYPE

    from roadmapdocs.rendering.layout import named_style, style_id
    from roadmapdocs.templates import Registry

    registry = Registry(use_env=False, packs=False)
    words = [docx.Document(str(registry.get(name).docx)) for name in registry.names()]
    quoted = docx.Document()
    quoted.styles.add_style("Стиль \"план\" 'А'", WD_STYLE_TYPE.PARAGRAPH)
    words.append(quoted)
    checked = 0
    for word in words:
        for style in word.styles:
            if style.name is None:
                continue
            found = named_style(word, style.name)
            assert found is not None
            if '"' not in style.name:  # python-docx's own look-up cannot read quotes
                assert found.element is word.styles[style.name].element
            # style_id takes the name as the file stores it («header», not «Header»)
            stored = style.element.name_val
            ids = [s.style_id for s in word.styles if s.element.name_val == stored]
            assert style_id(word, stored) == next((i for i in ids if i), None)
            checked += 1
        assert named_style(word, "нет такого стиля") is None
        assert style_id(word, "нет такого стиля") is None
    assert checked > 100
    assert style_id(quoted, "Стиль \"план\" 'А'") is not None
    assert named_style(quoted, "Стиль \"план\" 'А'") is not None
    assert named_style(quoted, 'Нет "такого"') is None
