"""The Word and Excel readers: what a file holds comes back in the neutral form, cell for cell.

Files are built here with python-docx and openpyxl, as secretaries make them: merged cells,
header rows, line breaks, Word's own auto-numbering; and one document our templates print.
Broken files are each one Russian message naming the file.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import shutil
import subprocess
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.styles import Font

import roadmapdocs
from roadmapdocs.errors import LoadError, RoadmapdocsError
from roadmapdocs.importing import docx as word
from roadmapdocs.importing import xlsx as excel
from roadmapdocs.importing.raw import RawCell, RawDocument, RawParagraph, RawTable
from tests.conftest import EXAMPLES


def _save(document: Any, path: Path) -> Path:
    document.save(str(path))
    return path


def _texts(raw: RawDocument) -> list[str]:
    return [p.text for p in raw.paragraphs]


def _grid(table: RawTable) -> list[list[tuple[str, int, int]]]:
    return [[(c.text, c.colspan, c.rowspan) for c in row.cells] for row in table.rows]


def _mark_header(row: Any) -> None:
    tr = row._tr
    tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))


# --- Word: tables ---------------------------------------------------------------------------


def test_merged_cells_come_once_with_their_spans(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=4, cols=3)
    heads = ("№", "Мероприятие", "Срок")
    for cell, text in zip(table.rows[0].cells, heads, strict=True):
        cell.text = text
    _mark_header(table.rows[0])
    section = table.cell(1, 0).merge(table.cell(1, 2))
    section.text = "1. Организационное направление"
    table.cell(2, 0).text = "1.1"
    table.cell(3, 0).text = "1.2"
    table.cell(2, 1).text = "Совещание"
    table.cell(3, 1).text = "Анализ"
    deadline = table.cell(2, 2).merge(table.cell(3, 2))
    deadline.text = "сентябрь 2024"

    raw = word.read(_save(document, tmp_path / "plan.docx"))

    (found,) = raw.tables
    assert found.columns == 3
    assert _grid(found) == [
        [("№", 1, 1), ("Мероприятие", 1, 1), ("Срок", 1, 1)],
        [("1. Организационное направление", 3, 1)],
        [("1.1", 1, 1), ("Совещание", 1, 1), ("сентябрь 2024", 1, 2)],
        [("1.2", 1, 1), ("Анализ", 1, 1)],
    ]
    assert [row.header for row in found.rows] == [True, False, False, False]
    assert found.rows[2].cells[2].place.describe() == "таблица 1, строка 3, столбец 3"
    assert found.rows[3].cells[1].place.column == 2


def test_cell_text_joins_paragraphs_and_breaks_and_nested_tables(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("До таблицы")
    table = document.add_table(rows=1, cols=2)
    cell = table.cell(0, 0)
    cell.paragraphs[0].add_run("  Управление образования ")
    run = cell.paragraphs[0].add_run()
    run.add_break()
    run.add_text("  (УОиМП)  ")
    cell.add_paragraph(" второй абзац ")
    inner = table.cell(0, 1).add_table(rows=2, cols=1)
    inner.cell(0, 0).text = "вложенная 1"
    inner.cell(1, 0).text = "вложенная 2"
    document.add_table(rows=1, cols=1).cell(0, 0).text = "вторая"

    raw = word.read(_save(document, tmp_path / "cells.docx"))

    first, second = raw.tables
    texts = [c.text for c in first.rows[0].cells]
    assert texts[0] == "Управление образования\n(УОиМП)\nвторой абзац"
    assert texts[1].split("\n") == ["вложенная 1", "вложенная 2"]
    assert first.place.table == 1 and second.place.table == 2
    assert second.rows[0].cells[0].place.describe() == "таблица 2, строка 1, столбец 1"
    assert raw.blocks[0] == raw.paragraphs[0]  # reading order: the paragraph, then the tables


def test_grid_before_and_after_shift_the_cells(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for index, cell in enumerate(table.rows[0].cells):
        cell.text = f"h{index}"
    tr = table.rows[1]._tr
    tcs = tr.findall(qn("w:tc"))
    tr.remove(tcs[0])
    tr.remove(tcs[2])
    tcs[1].xpath("./w:p")[0].append(parse_xml(f"<w:r {nsdecls('w')}><w:t>mid</w:t></w:r>"))
    tr.insert(
        0,
        parse_xml(
            f'<w:trPr {nsdecls("w")}><w:gridBefore w:val="1"/><w:gridAfter w:val="1"/></w:trPr>'
        ),
    )

    raw = word.read(_save(document, tmp_path / "before.docx"))

    (cell,) = raw.tables[0].rows[1].cells
    assert (cell.text, cell.place.column) == ("mid", 2)
    assert raw.tables[0].columns == 3


def test_bold_cells_and_paragraphs(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    table.cell(0, 0).paragraphs[0].add_run("жирный").bold = True
    mixed = table.cell(0, 1).paragraphs[0]
    mixed.add_run("наполовину ").bold = True
    mixed.add_run("жирный")
    table.cell(0, 2).paragraphs[0].add_run("Сильный", style="Strong")
    styled = document.add_paragraph("Раздел", style="Heading 1")
    document.add_paragraph().add_run("ПРИКАЗ").bold = True
    spaced = document.add_paragraph()
    spaced.add_run("  ")  # spaces do not make a paragraph less bold
    spaced.add_run("Заголовок").bold = True
    assert styled.style is not None

    raw = word.read(_save(document, tmp_path / "bold.docx"))

    assert [c.bold for c in raw.tables[0].rows[0].cells] == [True, False, True]
    heading, order, title = raw.paragraphs
    assert heading.style == "Heading 1"
    assert heading.bold  # Heading 1 of the default template is bold through its style
    assert order.bold and title.bold and title.text == "Заголовок"


def test_a_table_style_makes_its_first_row_bold(tmp_path: Path) -> None:
    document = docx.Document()
    styled = document.add_table(rows=2, cols=2, style="Light List")
    plain = document.add_table(rows=2, cols=2, style="Light List")
    for table in (styled, plain):
        for row in table.rows:
            for cell in row.cells:
                cell.text = "текст"
    look = plain._tbl.tblPr.find(qn("w:tblLook"))
    if look is None:
        look = parse_xml(f"<w:tblLook {nsdecls('w')}/>")
        plain._tbl.tblPr.append(look)
    look.set(qn("w:firstRow"), "0")  # «строка заголовка» unticked in the table's design

    raw = word.read(_save(document, tmp_path / "styled.docx"))

    first, second = raw.tables
    assert [[c.bold for c in row.cells] for row in first.rows] == [[True, True], [False, False]]
    assert not any(c.bold for row in second.rows for c in row.cells)


def test_alignment_frames_and_page_breaks(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("УТВЕРЖДАЮ").alignment = 2  # right
    document.add_paragraph("ПРИКАЗ").alignment = 1  # center
    framed = document.add_paragraph("Приложение\nк приказу")
    framed._p.get_or_add_pPr().append(
        parse_xml(f'<w:framePr {nsdecls("w")} w:xAlign="right" w:hAnchor="margin"/>')
    )
    document.add_paragraph("До разрыва")
    document.add_page_break()
    document.add_paragraph("После разрыва")
    document.add_paragraph("Без разрыва")
    before = document.add_paragraph("Свойство «с новой страницы»")
    before.paragraph_format.page_break_before = True
    document.add_section()
    document.add_paragraph("Новый раздел")
    inline = document.add_paragraph()
    inline.add_run().add_break(docx.enum.text.WD_BREAK.PAGE)
    inline.add_run("Разрыв в начале")

    raw = word.read(_save(document, tmp_path / "layout.docx"))

    by_text = {p.text: p for p in raw.paragraphs}
    assert by_text["УТВЕРЖДАЮ"].right and not by_text["УТВЕРЖДАЮ"].centered
    assert by_text["ПРИКАЗ"].centered
    assert by_text["Приложение\nк приказу"].right
    breaks = [p.text for p in raw.paragraphs if p.page_break_before]
    assert breaks == [
        "После разрыва",
        "Свойство «с новой страницы»",
        "Новый раздел",
        "Разрыв в начале",
    ]
    numbers = [p.place.paragraph for p in raw.paragraphs]
    assert numbers == sorted(numbers) and numbers[0] == 1
    # The empty paragraph holding the break is counted, not given.
    before_break, after_break = by_text["До разрыва"], by_text["После разрыва"]
    assert (before_break.place.paragraph, after_break.place.paragraph) == (4, 6)


def test_tabs_and_soft_hyphens(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Директор школы")
    paragraph.add_run().add_tab()
    paragraph.add_run("Т.А. Оловянникова")
    document.add_paragraph("му\u00adни\u00adци\u00adпаль\u00adный")

    raw = word.read(_save(document, tmp_path / "tabs.docx"))

    assert _texts(raw) == ["Директор школы\tТ.А. Оловянникова", "муниципальный"]


def test_controls_insertions_and_links_are_read_deletions_not(tmp_path: Path) -> None:
    document = docx.Document()
    body = document.element.body
    sectpr = body.find(qn("w:sectPr"))
    for xml in (
        "<w:sdt><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>В элементе управления</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>",
        "<w:p><w:r><w:t xml:space='preserve'>Было </w:t></w:r>"
        "<w:del w:id='1' w:author='a'><w:r><w:delText>удалено </w:delText></w:r></w:del>"
        "<w:ins w:id='2' w:author='a'><w:r><w:t>вставлено</w:t></w:r></w:ins></w:p>",
        "<w:p><w:hyperlink><w:r><w:t>ссылка</w:t></w:r></w:hyperlink>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>скрыто</w:t></w:r></w:p>",
    ):
        element = parse_xml(xml.replace(">", f" {nsdecls('w')}>", 1))  # the first tag
        sectpr.addprevious(element)

    raw = word.read(_save(document, tmp_path / "controls.docx"))

    assert _texts(raw) == ["В элементе управления", "Было вставлено", "ссылка"]


_MC_V = (
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def test_text_boxes_are_read_once_before_their_paragraph(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Приказ")
    anchor = document.add_paragraph("План мероприятий")
    box = (
        "<w:txbxContent><w:p><w:r><w:t>УТВЕРЖДАЮ</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Директор школы</w:t></w:r></w:p></w:txbxContent>"
    )
    anchor._p.insert(
        1,
        parse_xml(
            f"<w:r {nsdecls('w', 'wp')} {_MC_V}><mc:AlternateContent>"
            '<mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:positionH relativeFrom="margin">'
            f"<wp:align>right</wp:align></wp:positionH>{box}</wp:anchor></w:drawing></mc:Choice>"
            f'<mc:Fallback><w:pict><v:shape style="position:absolute"><v:textbox>{box}'
            "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
        ),
    )
    old = document.add_paragraph("Старый Word")
    old._p.append(
        parse_xml(
            f'<w:r {nsdecls("w")} {_MC_V}><w:pict><v:shape style="mso-position-horizontal: right">'
            "<v:textbox><w:txbxContent><w:p><w:r><w:t>Приложение 1</w:t></w:r></w:p>"
            "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
        )
    )

    raw = word.read(_save(document, tmp_path / "boxes.docx"))

    assert [(p.text, p.right) for p in raw.paragraphs] == [
        ("Приказ", False),
        ("УТВЕРЖДАЮ", True),
        ("Директор школы", True),
        ("План мероприятий", False),
        ("Приложение 1", True),
        ("Старый Word", False),
    ]


def test_a_continuous_section_is_no_page_break(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Первый раздел")
    document.add_section(docx.enum.section.WD_SECTION.CONTINUOUS)
    document.add_paragraph("Тот же лист")
    document.add_section(docx.enum.section.WD_SECTION.NEW_PAGE)
    document.add_paragraph("Новый лист")

    raw = word.read(_save(document, tmp_path / "sections.docx"))

    assert [p.page_break_before for p in raw.paragraphs] == [False, False, True]


def test_footnotes_are_collected_in_order(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Текст со сноской")
    notes = (
        f"<w:footnotes {nsdecls('w')}>"
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        "<w:continuationSeparator/></w:r></w:p></w:footnote>"
        '<w:footnote w:id="1"><w:p><w:r><w:t> Приказ № 771-од </w:t></w:r></w:p></w:footnote>'
        '<w:footnote w:id="2"><w:p><w:r><w:t>Вторая</w:t></w:r></w:p>'
        "<w:p><w:r><w:t>строка</w:t></w:r></w:p></w:footnote>"
        "</w:footnotes>"
    )
    part = Part(
        PackURI("/word/footnotes.xml"),
        CONTENT_TYPE.WML_FOOTNOTES,
        notes.encode("utf-8"),
        document.part.package,
    )
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)

    raw = word.read(_save(document, tmp_path / "notes.docx"))

    assert raw.footnotes == ("Приказ № 771-од", "Вторая\nстрока")


# --- Word: auto-numbering -------------------------------------------------------------------


def test_list_number_style_gets_its_numbers(tmp_path: Path) -> None:
    document = docx.Document()
    for text in ("Утвердить план.", "Назначить ответственных.", "Контроль оставляю за собой."):
        document.add_paragraph(text, style="List Number")
    document.add_paragraph("Пункт списка", style="List Bullet")

    raw = word.read(_save(document, tmp_path / "list.docx"))

    assert _texts(raw) == [
        "1. Утвердить план.",
        "2. Назначить ответственных.",
        "3. Контроль оставляю за собой.",
        "- Пункт списка",
    ]


def _two_level_list(document: Any) -> None:
    """A «%1.» / «%1.%2.» list (abstractNum 90) as num 90, and num 91 restarting it at 1."""
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%1.%2."/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="russianLower"/>'
        '<w:lvlText w:val="%3)"/></w:lvl>'
        "</w:abstractNum>"
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)  # abstract definitions come before the lists
    else:
        numbering.append(abstract)
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="91"><w:abstractNumId w:val="90"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        )
    )


def _numbered(paragraph: Any, num: int, level: int) -> None:
    paragraph._p.get_or_add_pPr().append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>'
        )
    )


def test_hand_made_two_level_numbering(tmp_path: Path) -> None:
    document = docx.Document()
    _two_level_list(document)
    items = [
        (90, 0, "Организационное направление"),
        (90, 1, "Разработка плана"),
        (90, 1, "Совещания"),
        (90, 2, "с руководителями"),
        (90, 2, "с учителями"),
        (90, 0, "Методическое направление"),
        (90, 1, "Семинары"),
    ]
    for num, level, text in items:
        _numbered(document.add_paragraph(text), num, level)
    table = document.add_table(rows=2, cols=1)
    _numbered(table.cell(0, 0).paragraphs[0], 90, 1)
    table.cell(0, 0).paragraphs[0].add_run("В ячейке")
    _numbered(table.cell(1, 0).paragraphs[0], 90, 0)
    table.cell(1, 0).paragraphs[0].add_run("Раздел в ячейке")
    _numbered(document.add_paragraph("Новый список"), 91, 0)
    _numbered(document.add_paragraph("Его подпункт"), 91, 1)
    _numbered(document.add_paragraph("Продолжение"), 90, 0)

    raw = word.read(_save(document, tmp_path / "numbering.docx"))

    assert _texts(raw) == [
        "1. Организационное направление",
        "1.1. Разработка плана",
        "1.2. Совещания",
        "а) с руководителями",
        "б) с учителями",
        "2. Методическое направление",
        "2.1. Семинары",
        "1. Новый список",
        "1.1. Его подпункт",
        "2. Продолжение",  # the lists share their levels, as in Word: 91 continues in 90
    ]
    cells = [row.cells[0].text for row in raw.tables[0].rows]
    assert cells == ["2.2. В ячейке", "3. Раздел в ячейке"]


def test_a_number_column_numbered_by_word_keeps_its_numbers(tmp_path: Path) -> None:
    document = docx.Document()
    _two_level_list(document)
    table = document.add_table(rows=4, cols=2)
    for row, level, text in zip(
        table.rows, (0, 1, 1, 0), ("Раздел", "Первое", "Второе", "Итог"), strict=True
    ):
        _numbered(row.cells[0].paragraphs[0], 90, level)  # the number cell has no text
        row.cells[1].text = text
    _numbered(document.add_paragraph(), 90, 1)  # a list item left empty is still seen
    document.add_paragraph("", style="List Bullet")  # an empty bullet is not

    raw = word.read(_save(document, tmp_path / "column.docx"))

    assert [[c.text for c in row.cells] for row in raw.tables[0].rows] == [
        ["1.", "Раздел"],
        ["1.1.", "Первое"],
        ["1.2.", "Второе"],
        ["2.", "Итог"],
    ]
    assert _texts(raw) == ["2.1."]


def test_numbering_formats() -> None:
    assert word._formatted(4, "upperRoman") == "IV"
    assert word._formatted(14, "lowerRoman") == "xiv"
    assert word._formatted(28, "lowerLetter") == "bb"
    assert word._formatted(10, "russianUpper") == "К"
    assert word._formatted(3, "decimalZero") == "03"


# --- Word: a document our templates print ---------------------------------------------------


def _activities(items: Any) -> Iterator[Any]:
    for item in items or ():
        yield item
        yield from _activities(getattr(item, "activities", None))


def _plain(text: str) -> str:
    return " ".join(text.split())


def test_reads_back_the_order_our_template_prints(tmp_path: Path) -> None:
    source = roadmapdocs.load(EXAMPLES / "school-order-clean.yaml")
    out = tmp_path / "o.docx"
    roadmapdocs.render(source, out)

    raw = word.read(out)

    assert raw.source == str(out)
    assert any(p.text == "ПРИКАЗ" and p.centered and p.bold for p in raw.paragraphs)
    mark = next(p for p in raw.paragraphs if p.text.startswith("Приложение"))
    assert mark.right and mark.page_break_before
    (plan,) = raw.tables
    assert plan.rows[0].header and not plan.rows[1].header
    rows = {_plain(row.cells[0].text): row for row in plan.rows if len(row.cells) > 1}
    spanning = [row.cells[0] for row in plan.rows if len(row.cells) == 1]
    assert spanning and all(cell.colspan == plan.columns for cell in spanning)
    sections = 0
    for activity in _activities(source.appendices[0].plan.activities):
        number, text = str(activity.number), _plain(activity.text)
        if number in rows:  # its own row: the number, then the text in a cell of its own
            assert any(_plain(cell.text) == text for cell in rows[number].cells), number
            continue
        # A section without more to say is one cell across the table: «3 Научно-…».
        assert activity.activities, number
        (cell,) = [c for c in spanning if _plain(c.text).startswith(number + " ")]
        assert text in _plain(cell.text) and cell.bold
        sections += 1
    assert sections == len(spanning)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) не установлен")
def test_the_order_saved_again_by_libreoffice_reads_the_same(tmp_path: Path) -> None:
    """Another program writes the same document its own way: styles spelt out, the framed
    appendix mark turned into a text box, its own numbering of sections."""
    out = tmp_path / "o.docx"
    roadmapdocs.render(roadmapdocs.load(EXAMPLES / "school-order-clean.yaml"), out)
    again = tmp_path / "again"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(again),
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )

    ours, theirs = word.read(out), word.read(again / "o.docx")

    def paragraphs(raw: RawDocument) -> list[tuple[str, bool, bool, bool, bool]]:
        return [(p.text, p.bold, p.centered, p.right, p.page_break_before) for p in raw.paragraphs]

    assert paragraphs(theirs) == paragraphs(ours)
    assert [_grid(t) for t in theirs.tables] == [_grid(t) for t in ours.tables]
    assert [r.header for r in theirs.tables[0].rows] == [r.header for r in ours.tables[0].rows]


# --- Word: the grid, for any merges ---------------------------------------------------------


@st.composite
def _merged_grids(draw: Any) -> tuple[int, int, list[tuple[int, int, int, int]]]:
    """A grid of rows × columns cut into rectangles (top, left, height, width)."""
    rows = draw(st.integers(1, 6))
    columns = draw(st.integers(1, 5))
    taken: set[tuple[int, int]] = set()
    rectangles = []
    for top in range(rows):
        for left in range(columns):
            if (top, left) in taken:
                continue
            height = draw(st.integers(1, rows - top))
            width = 1
            while left + width < columns and (top, left + width) not in taken:
                width += 1
            width = draw(st.integers(1, width))
            # No cell of the rectangle may be taken already (one above may reach down).
            while any(
                (r, c) in taken for r in range(top, top + height) for c in range(left, left + width)
            ):
                height -= 1
            taken.update(
                (r, c) for r in range(top, top + height) for c in range(left, left + width)
            )
            rectangles.append((top, left, height, width))
    return rows, columns, rectangles


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(grid=_merged_grids())
def test_any_merges_come_back_at_their_top_left(
    tmp_path: Path, grid: tuple[int, int, list[tuple[int, int, int, int]]]
) -> None:
    rows, columns, rectangles = grid
    document = docx.Document()
    table = document.add_table(rows=rows, cols=columns)
    for top, left, height, width in rectangles:
        cell = table.cell(top, left)
        if height > 1 or width > 1:
            cell = cell.merge(table.cell(top + height - 1, left + width - 1))
        cell.text = f"r{top}c{left}"

    (found,) = word.read(_save(document, tmp_path / "grid.docx")).tables

    got = {
        cell.text: (cell.place.row, cell.place.column, cell.rowspan, cell.colspan)
        for row in found.rows
        for cell in row.cells
    }
    assert sum(len(row.cells) for row in found.rows) == len(rectangles)  # each cell once
    assert got == {
        f"r{top}c{left}": (top + 1, left + 1, height, width)
        for top, left, height, width in rectangles
    }
    assert found.columns == columns and len(found.rows) == rows


# --- Word: speed ----------------------------------------------------------------------------


def _long_plan(rows: int) -> Any:
    document = docx.Document()
    table = document.add_table(rows=1, cols=6)
    for cell, head in zip(
        table.rows[0].cells,
        ("№", "Мероприятие", "Срок", "Ответственный", "Результат", "Примечание"),
        strict=True,
    ):
        cell.text = head
    template = copy.deepcopy(table.rows[0]._tr)
    body = table._tbl
    for index in range(rows):
        tr = copy.deepcopy(template)
        for column, t in enumerate(tr.iter(qn("w:t"))):
            t.text = f"{index + 1}" if column == 0 else f"Текст {index + 1}.{column} " * 8
        body.append(tr)
    return document


def test_a_300_row_plan_reads_in_well_under_a_second(tmp_path: Path) -> None:
    path = _save(_long_plan(300), tmp_path / "long.docx")
    started = time.perf_counter()
    raw = word.read(path)
    took = time.perf_counter() - started
    assert len(raw.tables[0].rows) == 301
    assert raw.tables[0].rows[300].cells[0].text == "300"
    assert took < 1.0, f"{took:.2f} s"


# --- Word: what is no Word document ---------------------------------------------------------

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _ole(*streams: str) -> bytes:
    """An OLE compound file's header and a directory sector naming ``streams``."""
    header = _OLE + b"\0" * (512 - len(_OLE))
    entries = b""
    for name in ("Root Entry", *streams):
        encoded = name.encode("utf-16-le") + b"\0\0"
        entries += encoded + b"\0" * (64 - len(encoded)) + len(encoded).to_bytes(2, "little")
        entries += b"\0" * (128 - 66)
    return header + entries + b"\0" * (4096 - len(entries))


def _docx_bytes(tmp_path: Path) -> bytes:
    document = docx.Document()
    document.add_paragraph("текст " * 200)
    return _save(document, tmp_path / "good.docx").read_bytes()


def _template_bytes(tmp_path: Path) -> bytes:
    """A Word template (.dotx): the same package, its main part of another content type."""
    source = io.BytesIO(_docx_bytes(tmp_path))
    out = io.BytesIO()
    with zipfile.ZipFile(source) as given, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as made:
        for info in given.infolist():
            data = given.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b".document.main+xml", b".template.main+xml")
            made.writestr(info, data)
    return out.getvalue()


def _names_disagree(tmp_path: Path) -> bytes:
    """A member whose local header names it otherwise than the directory does."""
    data = _docx_bytes(tmp_path)
    name = b"word/document.xml"
    at = data.index(name)  # the local header: it comes before the data, the directory last
    assert at < data.rindex(b"PK\x01\x02")
    return data[:at] + b"word/documenX.xml" + data[at + len(name) :]


def _unknown_version(tmp_path: Path) -> bytes:
    """The directory says a member needs a version of ZIP no reader knows."""
    data = bytearray(_docx_bytes(tmp_path))
    entry = data.index(b"PK\x01\x02")
    data[entry + 6] = 77
    return bytes(data)


def _not_word_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "не Word")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("old.doc", lambda _: _ole("WordDocument", "1Table"), "Word 97–2003 (.doc)"),
        (
            "secret.docx",
            lambda _: _ole("EncryptionInfo", "EncryptedPackage"),
            "защищён паролем",
        ),
        ("other.docx", lambda _: _ole("Something"), "защищённый паролем"),
        ("notes.docx", lambda _: _not_word_zip(), "нет части [Content_Types].xml"),
        ("cut.docx", lambda tmp: _docx_bytes(tmp)[:1500], "повреждён или обрезан"),
        ("empty.docx", lambda _: b"", "файл пуст"),
        ("form.docx", _template_bytes, "не обычный документ Word"),
        ("text.docx", lambda _: "Приказ".encode(), "не архив ZIP"),
        ("names.docx", _names_disagree, "архив повреждён"),
        ("version.docx", _unknown_version, "архив ZIP повреждён"),
    ],
)
def test_what_is_no_word_document_is_one_russian_message(
    tmp_path: Path, name: str, content: Any, says: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content(tmp_path))
    with pytest.raises(LoadError) as caught:
        word.read(path)
    (problem,) = caught.value.problems
    assert says in problem.message
    assert str(path) in str(caught.value)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    flips=st.lists(
        st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=8
    )
)
def test_damaged_bytes_are_a_load_error_never_a_traceback(
    tmp_path: Path, flips: list[tuple[float, int]]
) -> None:
    data = bytearray(_docx_bytes(tmp_path))
    for where, value in flips:
        data[int(where * len(data))] = value
    path = tmp_path / "damaged.docx"
    path.write_bytes(bytes(data))
    try:
        word.read(path)
    except RoadmapdocsError as error:
        assert str(path) in str(error)


def test_a_workbook_is_no_word_document(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    openpyxl.Workbook().save(path)
    with pytest.raises(LoadError, match=r"word/document\.xml"):
        word.read(path)


# --- Excel ----------------------------------------------------------------------------------


def test_sheet_with_merges_numbers_and_dates(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "План"
    sheet["A1"] = "План мероприятий на 2024-2025 учебный год"
    sheet.merge_cells("A1:D1")
    sheet["A1"].font = Font(bold=True)
    sheet.append(["№", "Мероприятие", "Срок", "Доля"])
    sheet.append([1, "Совещание", dt.datetime(2024, 9, 5), 0.85])
    sheet["D3"].number_format = "0%"
    sheet.append([2.0, " Анализ\r\nрезультатов ", dt.date(2024, 10, 1), 2.5])
    sheet["A5"] = "2.1"
    sheet["B5"] = "Семинар"
    sheet["B6"] = "Вебинар"
    sheet.merge_cells("A5:A6")
    sheet["C5"] = "ежемесячно"
    sheet.merge_cells("C5:D6")
    sheet["F20"].font = Font(bold=True)  # formatted, but empty: no trailing rows or columns
    sheet.merge_cells("F10:G12")  # a frame around nothing
    workbook.create_sheet("Пустой")
    second = workbook.create_sheet("Показатели")
    second["B3"] = 1234567
    workbook.save(tmp_path / "plan.xlsx")

    raw = excel.read(tmp_path / "plan.xlsx")

    plan, indicators = raw.tables
    assert plan.columns == 4
    assert _grid(plan) == [
        [("План мероприятий на 2024-2025 учебный год", 4, 1)],
        [("№", 1, 1), ("Мероприятие", 1, 1), ("Срок", 1, 1), ("Доля", 1, 1)],
        [("1", 1, 1), ("Совещание", 1, 1), ("05.09.2024", 1, 1), ("85%", 1, 1)],
        [("2", 1, 1), ("Анализ\nрезультатов", 1, 1), ("01.10.2024", 1, 1), ("2,5", 1, 1)],
        [("2.1", 1, 2), ("Семинар", 1, 1), ("ежемесячно", 2, 2)],
        [("Вебинар", 1, 1)],
    ]
    assert plan.rows[0].cells[0].bold and not plan.rows[1].cells[0].bold
    assert plan.rows[5].cells[0].place.describe() == "лист «План», строка 6, столбец 2"
    assert plan.place.table == 1 and indicators.place.table == 3  # the sheet's own number
    assert _grid(indicators) == [[("", 1, 1), ("1234567", 1, 1)]]
    assert indicators.rows[0].place.row == 3


def test_empty_rows_inside_the_table_are_left_out_but_keep_the_numbers(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"] = "Заголовок"
    sheet["A4"] = "1"
    sheet["B4"] = "Текст"
    workbook.save(tmp_path / "gaps.xlsx")

    (table,) = excel.read(tmp_path / "gaps.xlsx").tables

    assert [row.place.row for row in table.rows] == [1, 4]


def test_values_as_excel_shows_them() -> None:
    assert excel.shown(None) == ""
    assert excel.shown(3.0) == "3"
    assert excel.shown(-0.125) == "-0,125"
    assert excel.shown(0.1 + 0.2) == "0,3"
    assert excel.shown(True) == "ИСТИНА"
    assert excel.shown(dt.datetime(2024, 9, 5, 14, 30)) == "05.09.2024 14:30"
    assert excel.shown(dt.time(9, 0)) == "09:00"
    assert excel.shown(12, "0%") == "1200%"


def test_a_stray_value_far_away_is_refused_not_gridded(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"] = "План"
    sheet["XFD1048576"] = "x"
    workbook.save(tmp_path / "far.xlsx")
    with pytest.raises(LoadError, match="удалите лишнее"):
        excel.read(tmp_path / "far.xlsx")


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("old.xls", _ole("Workbook", "SummaryInformation"), "Excel 97–2003 (.xls)"),
        ("secret.xlsx", _ole("EncryptionInfo", "EncryptedPackage"), "защищена паролем"),
        ("notes.xlsx", _not_word_zip(), "нет части [Content_Types].xml"),
    ],
)
def test_what_is_no_workbook_is_one_russian_message(
    tmp_path: Path, name: str, content: bytes, says: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(LoadError) as caught:
        excel.read(path)
    (problem,) = caught.value.problems
    assert says in problem.message
    assert str(path) in str(caught.value)


def test_a_word_document_is_no_workbook(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Приказ")
    path = _save(document, tmp_path / "order.xlsx")
    with pytest.raises(LoadError, match=r"xl/workbook\.xml"):
        excel.read(path)


def test_blocks_are_the_neutral_types(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Абзац").runs[0].font.size = Pt(14)
    document.add_table(rows=1, cols=1)
    raw = word.read(_save(document, tmp_path / "types.docx"))
    assert isinstance(raw.blocks[0], RawParagraph) and isinstance(raw.blocks[1], RawTable)
    assert isinstance(raw.tables[0].rows[0].cells[0], RawCell)
