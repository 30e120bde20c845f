"""The faster passes of rendering give exactly what the passes they replace give."""

from __future__ import annotations

from pathlib import Path

from docxtpl import DocxTemplate
from hypothesis import given
from hypothesis import strategies as st

from roadmapdocs.rendering.docx import _Template
from roadmapdocs.templates import Registry

_TEXT = st.text(alphabet="ab \t\n\a\f<>", max_size=8).map(
    lambda t: t.replace("<", "&lt;").replace(">", "&gt;")
)
_RUN = st.builds(
    lambda props, text: f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>',
    st.sampled_from(["", "<w:rPr><w:b/></w:rPr>"]),
    _TEXT,
)
_PARAGRAPH = st.builds(
    lambda props, runs: f"<w:p>{props}{''.join(runs)}</w:p>",
    st.sampled_from(["", '<w:pPr><w:jc w:val="center"/></w:pPr>']),
    st.lists(_RUN, max_size=3),
)
_BODY = st.lists(
    st.one_of(
        _PARAGRAPH, st.just("\n"), st.just("<w:tbl><w:tr><w:tc>"), st.just("</w:tc></w:tr></w:tbl>")
    ),
    max_size=8,
).map("".join)


@given(_BODY)
def test_listing_is_resolved_as_docxtpl_does(xml: str) -> None:
    ours = _Template.__new__(_Template)
    theirs = DocxTemplate.__new__(DocxTemplate)
    assert ours.resolve_listing(xml) == theirs.resolve_listing(xml)


_SOUP = st.lists(
    st.sampled_from(
        [
            "<w:p>",
            '<w:p w:rsidR="1">',
            "</w:p>",
            "<w:pPr/>",
            "<w:r><w:t>",
            "</w:t></w:r>",
            "<w:tbl>",
            "a",
            "<",
            "\n",
            "\t",
            "\a",
            "\f",
        ]
    ),
    max_size=24,
).map("".join)


@given(st.one_of(_SOUP, st.lists(st.one_of(_BODY, _SOUP), max_size=4).map("".join)))
def test_listing_is_resolved_as_docxtpl_does_in_any_nesting(xml: str) -> None:
    # Paragraphs inside paragraphs (text boxes), stray ends and characters between paragraphs:
    # the paragraphs are found from the characters, and must be the ones docxtpl's scan finds.
    ours = _Template.__new__(_Template)
    theirs = DocxTemplate.__new__(DocxTemplate)
    assert ours.resolve_listing(xml) == theirs.resolve_listing(xml)


def test_patched_template_xml_is_kept_and_the_same() -> None:
    template = Registry().get("school/order")
    ours, theirs = _Template(str(template.docx)), DocxTemplate(str(template.docx))
    ours.render_init()
    theirs.render_init()
    source = theirs.get_xml()
    assert ours.patch_xml(source) == theirs.patch_xml(source)
    assert ours.patch_xml(source) is ours.patch_xml(source)


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _cell(span: int) -> str:
    props = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span > 1 else ""
    return f"<w:tc>{props}<w:p/></w:tc>"


_TABLES = st.builds(
    lambda grid, rows: (
        "<w:tbl><w:tblPr/><w:tblGrid>"
        + "".join(f'<w:gridCol w:w="{1000 + 10 * i}"/>' for i in range(grid))
        + "</w:tblGrid>"
        + "".join("<w:tr>" + "".join(_cell(span) for span in row) + "</w:tr>" for row in rows)
        + "</w:tbl>"
    ),
    st.integers(min_value=1, max_value=6),
    st.lists(st.lists(st.integers(min_value=1, max_value=3), max_size=7), max_size=4),
)


@given(st.lists(_TABLES, min_size=1, max_size=3))
def test_tables_are_fixed_as_docxtpl_fixes_them(tables: list[str]) -> None:
    import docx
    from lxml import etree

    xml = f"<w:document {_W}><w:body>{''.join(tables)}<w:p/></w:body></w:document>"
    ours = _Template.__new__(_Template)
    ours.docx = docx.Document()
    theirs = DocxTemplate.__new__(DocxTemplate)
    assert etree.tostring(ours.fix_tables(xml)) == etree.tostring(theirs.fix_tables(xml))


def test_a_template_changed_on_disk_is_read_again(tmp_path: Path) -> None:
    import roadmapdocs
    from roadmapdocs.authoring.builder import new_document, paragraph, save
    from tests.rendering.conftest import docx_paragraphs, load_example, make_template

    template = make_template(tmp_path, "Первый вариант")
    document = load_example("school-order")
    first = roadmapdocs.render(document, tmp_path / "1.docx", template=template)
    assert "Первый вариант" in list(docx_paragraphs(first))
    edited = new_document()
    paragraph(edited, "Второй, исправленный вариант")
    save(edited, template.docx)
    second = roadmapdocs.render(document, tmp_path / "2.docx", template=template)
    assert "Второй, исправленный вариант" in list(docx_paragraphs(second))


def test_renders_from_the_kept_template_do_not_share_state(tmp_path: Path) -> None:
    import zipfile

    import roadmapdocs
    from tests.rendering.conftest import load_example

    order, roadmap = load_example("school-order"), load_example("school-roadmap")
    first = roadmapdocs.render(order, tmp_path / "1.docx")
    roadmapdocs.render(roadmap, tmp_path / "r.docx")
    roadmapdocs.render(order, tmp_path / "2.docx", settings={"font_size": 12})
    again = roadmapdocs.render(order, tmp_path / "3.docx")
    for part in ("word/document.xml", "word/styles.xml", "word/header1.xml"):
        assert zipfile.ZipFile(first).read(part) == zipfile.ZipFile(again).read(part)


@given(_BODY, st.sampled_from(["", "{{ 'x' }}", "\n<w:p>{{ 1 }}</w:p>", "a{_{b}_}c{_%d%_}"]))
def test_a_part_is_rendered_as_docxtpl_renders_it(xml: str, tag: str) -> None:
    from types import SimpleNamespace

    from roadmapdocs.rendering.docx import shared_environment

    source = f"<w:body>{xml}<w:p><w:r><w:t>{tag}</w:t></w:r></w:p></w:body>"
    part = SimpleNamespace(partname="/word/document.xml")
    ours = _Template.__new__(_Template)
    theirs = DocxTemplate.__new__(DocxTemplate)
    environment = shared_environment()
    assert ours.render_xml_part(source, part, {}, environment) == theirs.render_xml_part(
        source, part, {}, environment
    )


_BREAKS = st.lists(
    st.sampled_from(["\n", "<w:p ", "<w:p>", "<w:pPr>", "a", "<", ">"]), max_size=12
).map("".join)


@given(_BREAKS)
def test_line_breaks_before_paragraphs_go_as_docxtpl_removes_them(xml: str) -> None:
    import re

    from roadmapdocs.rendering.docx import _BREAK_BEFORE_PARAGRAPH

    theirs = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)  # docxtpl's render_xml_part
    assert _BREAK_BEFORE_PARAGRAPH.sub("", xml) == theirs


_DRAWING = '<w:r><w:drawing><wp:inline><wp:docPr id="{id}" name="p"/></wp:inline></w:drawing></w:r>'


@given(st.lists(st.lists(st.integers(1, 3), max_size=3), max_size=4), st.integers(0, 5))
def test_drawing_ids_are_renumbered_as_docxtpl_does(
    paragraphs: list[list[int]], start: int
) -> None:
    # Drawings in paragraphs, in text boxes and in tables: the same elements get the same
    # numbers in the same order as docxtpl's XPath gives them.
    from lxml import etree

    body = "".join(
        "<w:p>" + "".join(_DRAWING.format(id=i) for i in ids) + "</w:p>" for ids in paragraphs
    )
    xml = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
        f"<w:body><w:tbl><w:tr><w:tc>{body}</w:tc></w:tr></w:tbl>{body}</w:body></w:document>"
    )
    ours, theirs = _Template.__new__(_Template), DocxTemplate.__new__(DocxTemplate)
    ours.docx_ids_index = theirs.docx_ids_index = start
    mine, docxtpl = etree.fromstring(xml), etree.fromstring(xml)
    ours.fix_docpr_ids(mine)
    theirs.fix_docpr_ids(docxtpl)
    assert etree.tostring(mine) == etree.tostring(docxtpl)
    assert ours.docx_ids_index == theirs.docx_ids_index
