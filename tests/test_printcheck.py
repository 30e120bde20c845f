"""The print checker finds each defect in a small document made to have it, and none in one
made without: these tests do not depend on how well the templates lay out today."""

from __future__ import annotations

import shutil
from collections.abc import Callable

import docx
import pytest
from docx.document import Document as WordDocument
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.shared import Cm, Pt
from docx.table import Table, _Row

from roadmapdocs.rendering.pdf import convert_to_pdf
from tests.printcheck import PrintReport, check

pytestmark = [
    pytest.mark.skipif(
        shutil.which("soffice") is None, reason="LibreOffice (soffice) не установлен"
    ),
    pytest.mark.skipif(
        shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) не установлены"
    ),
]

LONG_WORD = "Электроэнергетический"
HYPHENATED = "Электро\u00adэнерге\u00adтический"
SECTION = "2. Второй раздел плана"
ROW = Pt(20)


def _document() -> WordDocument:
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Liberation Serif"
    style.font.size = Pt(12)
    style.paragraph_format.space_after = Pt(0)
    return document


def _table(document: WordDocument, widths: list[Cm]) -> Table:
    table = document.add_table(rows=0, cols=len(widths))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    return table


def _row(table: Table, *texts: str, height: Pt | None = ROW, whole: bool = False) -> _Row:
    """A row of ``texts``; ``height`` exact; ``whole`` keeps it from breaking across pages."""
    row = table.add_row()
    for cell, text, width in zip(row.cells, texts, (c.width for c in table.columns), strict=True):
        cell.width = width
        cell.paragraphs[0].text = text
    if height is not None:
        row.height = height
        row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
    if whole:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    return row


def _header(table: Table, *texts: str) -> None:
    row = _row(table, *texts)
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _section_row(table: Table, title: str) -> None:
    row = _row(table, title, *([""] * (len(table.columns) - 1)))
    merged = row.cells[0].merge(row.cells[-1])
    merged.paragraphs[0].runs[0].bold = True


def _rows_to_fill(document: WordDocument) -> int:
    """How many exact-height rows fill the first page's height between its margins."""
    section = document.sections[0]
    usable = section.page_height - section.top_margin - section.bottom_margin
    return int(usable // ROW)


def broken_word(document: WordDocument) -> None:
    table = _table(document, [Cm(2.0), Cm(10)])
    _row(table, LONG_WORD, "слово шире своего столбца", height=None)


def hyphenated_word(document: WordDocument) -> None:
    table = _table(document, [Cm(2.5), Cm(10)])
    _row(table, HYPHENATED, "слово с мягкими переносами", height=None)
    _row(table, "Короткие", f"{LONG_WORD} в широком столбце", height=None)


def tall_row(document: WordDocument) -> None:
    table = _table(document, [Cm(3), Cm(12)])
    _header(table, "№", "Мероприятие")
    for number in range(1, 9):
        _row(table, str(number), f"Короткое мероприятие {number}")
    # A row with text in one cell only looks like a paragraph but for its place in the table.
    _row(table, "", "Короткое мероприятие 9")
    _row(
        table,
        "10",
        "Высокое мероприятие, которое целиком не помещается",
        height=Pt(500),
        whole=True,
    )


def flowing_rows(document: WordDocument) -> None:
    table = _table(document, [Cm(3), Cm(12)])
    _header(table, "№", "Мероприятие")
    for number in range(1, 70):
        _row(table, str(number), f"Мероприятие номер {number}")


def stranded_section(document: WordDocument) -> None:
    table = _table(document, [Cm(3), Cm(12)])
    _header(table, "№", "Мероприятие")
    for number in range(1, _rows_to_fill(document) - 2):
        _row(table, f"1.{number}", f"Мероприятие первого раздела {number}")
    _section_row(table, SECTION)
    _row(table, "2.1", "Высокое мероприятие второго раздела", height=Pt(200), whole=True)


def section_mid_page(document: WordDocument) -> None:
    table = _table(document, [Cm(3), Cm(12)])
    _header(table, "№", "Мероприятие")
    for number in range(1, 10):
        _row(table, f"1.{number}", f"Мероприятие первого раздела {number}")
    _section_row(table, SECTION)
    for number in range(1, 50):
        _row(table, f"2.{number}", f"Мероприятие второго раздела {number}")


def hidden_text(document: WordDocument) -> None:
    paragraph = document.add_paragraph("Видимый текст. ")
    run = paragraph.add_run("Скрытыйтекст")
    run.font.hidden = True
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("Вторая страница")


BUILDERS: dict[str, Callable[[WordDocument], None]] = {
    builder.__name__: builder
    for builder in (
        broken_word,
        hyphenated_word,
        tall_row,
        flowing_rows,
        stranded_section,
        section_mid_page,
        hidden_text,
    )
}


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, PrintReport]:
    """Every small document, converted in one LibreOffice run and checked."""
    folder = tmp_path_factory.mktemp("printcheck")
    sources = []
    for name, build in BUILDERS.items():
        document = _document()
        build(document)
        sources.append(folder / f"{name}.docx")
        document.save(str(sources[-1]))
    pdfs = convert_to_pdf(sources)
    return {
        source.stem: check(pdf, source, sections=[SECTION])
        for source, pdf in zip(sources, pdfs, strict=True)
    }


def test_a_long_word_in_a_narrow_column_is_broken(reports: dict[str, PrintReport]) -> None:
    report = reports["broken_word"]
    assert [("".join(b.pieces), b.page) for b in report.broken_words] == [(LONG_WORD, 1)]
    assert len(report.broken_words[0].pieces) >= 2


def test_words_broken_at_soft_hyphens_or_kept_whole_are_not(
    reports: dict[str, PrintReport],
) -> None:
    assert reports["hyphenated_word"].broken_words == []


def test_a_tall_row_pushed_overleaf_leaves_a_part_empty_page(
    reports: dict[str, PrintReport],
) -> None:
    report = reports["tall_row"]
    assert report.pages == 2
    (page,) = report.part_empty_pages
    assert page.page == 1
    assert page.fill < 0.5
    assert "Короткое мероприятие 9" in page.last_words


def test_rows_that_flow_fill_their_pages(reports: dict[str, PrintReport]) -> None:
    report = reports["flowing_rows"]
    assert report.pages >= 2
    assert report.part_empty_pages == []


def test_a_section_row_at_a_page_foot_is_stranded(reports: dict[str, PrintReport]) -> None:
    report = reports["stranded_section"]
    assert report.pages == 2
    assert [(s.page, s.title) for s in report.stranded_sections] == [(1, SECTION)]
    assert report.part_empty_pages == []


def test_a_section_row_amid_its_activities_is_not(reports: dict[str, PrintReport]) -> None:
    report = reports["section_mid_page"]
    assert report.pages >= 2
    assert report.stranded_sections == []


def test_text_the_pdf_does_not_print_is_missing(reports: dict[str, PrintReport]) -> None:
    (missing,) = reports["hidden_text"].missing_texts
    assert missing.words == ("Скрытыйтекст",)


@pytest.mark.parametrize("name", ["hyphenated_word", "flowing_rows", "section_mid_page"], ids=str)
def test_documents_made_without_defects_have_none(
    reports: dict[str, PrintReport], name: str
) -> None:
    assert reports[name].defects == 0


def test_a_word_split_by_a_page_break_is_not_lost() -> None:
    from tests.printcheck import Block, Box, Line, Page, missing_texts

    def page(number: int, *lines: tuple[str, ...]) -> Page:
        box = Box(0, 0, 10, 10)
        blocks = tuple(Block(box, (Line(box, words),)) for words in lines)
        return Page(number, 595, 842, blocks)

    pages = [page(1, ("Мониторинг", "пред-")), page(2, ("5",), ("Сроки",), ("метной", "работы"))]
    assert missing_texts(pages, ["Мониторинг предметной работы"]) == []
    lost = missing_texts(pages, ["Мониторинг предметной подготовки"])
    assert [m.words for m in lost] == [("подготовки",)]
    # The first piece broken again across the lines above: «ин-» / «дивидуально-» / «групповой».
    box = Box(0, 0, 10, 10)
    foot = Block(box, (Line(box, ("График", "ин-")), Line(box, ("дивидуально-",))))
    pages = [Page(1, 595, 842, (foot,)), page(2, ("5",), ("групповой", "консультации"))]
    assert missing_texts(pages, ["График индивидуально-групповой консультации"]) == []
    lost = missing_texts(pages, ["График индивидуально-групповой работы"])
    assert [m.words for m in lost] == [("работы",)]
