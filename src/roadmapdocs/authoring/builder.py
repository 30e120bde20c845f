"""Building template .docx files with python-docx, reproducibly.

The built-in templates are made by a small script each (``templates/<level>/<doc>/build.py``)
so that a change to a template is a reviewable change to code; this module holds what those
scripts share. A regional office that forks a template edits the resulting .docx in Word instead.
"""

from __future__ import annotations

import copy
import io
import zipfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.parfmt import CT_PPr
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell

from roadmapdocs.rendering.layout import (
    APPENDIX_STYLE,
    CHART_STYLE,
    TABLE_STYLE,
    TABLE_TEXT_STYLE,
    tag_language,
)

_FIXED_TIME = datetime(2024, 1, 1)
APPROVAL_STYLE = "RD Approval Mark"
"""Paragraph style of approval marks («УТВЕРЖДЕНА приказом …»), set to the right like the
appendix mark but, unlike it, not starting a new section."""


def new_document(*, landscape: bool = False) -> DocxDocument:
    """An A4 document with ГОСТ margins, Times New Roman 14, text in Russian, and the roadmapdocs
    styles."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = (
        (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    )
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    tag_language(document.styles.element)
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(14)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    table_text = document.styles.add_style(TABLE_TEXT_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = normal
    table_text.font.size = Pt(12)
    mark = document.styles.add_style(APPENDIX_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    mark.base_style = normal
    mark.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    approval = document.styles.add_style(APPROVAL_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    approval.base_style = normal
    approval.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    chart_place = document.styles.add_style(CHART_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    chart_place.base_style = normal
    chart_place.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    chart_place.paragraph_format.keep_together = True
    plan = document.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    plan.base_style = document.styles["Table Grid"]
    _page_numbers(document)
    return document


APPENDIX_MARK_WIDTH = Mm(75)
"""Width of the appendix mark's block: its longest line, «к приказу МБОУ «СШ № 5»», in 14 pt."""


def _right_block(paragraph_properties: CT_PPr) -> None:
    """Lines set flush left in a block of :data:`APPENDIX_MARK_WIDTH` at the right margin, as
    ГОСТ Р 7.0.97 shows the appendix mark: a frame aligned to the margin stays there in portrait
    and landscape sections alike, where an indent would have to know the page's width. The
    frame is the paragraph's own (LibreOffice reads no frame from a style); ``w:vSpace`` keeps
    12 pt between it and the title below."""
    frame = OxmlElement("w:framePr")
    for name, value in (
        ("w:w", str(APPENDIX_MARK_WIDTH.twips)),
        ("w:hSpace", "0"),
        ("w:vSpace", "240"),
        ("w:wrap", "notBeside"),
        ("w:vAnchor", "text"),
        ("w:hAnchor", "margin"),
        ("w:xAlign", "right"),
        ("w:y", "1"),
    ):
        frame.set(qn(name), value)
    # Added first after the style: the properties set later go into their places around it.
    paragraph_properties.append(frame)


def _page_numbers(document: DocxDocument) -> None:
    """Page number centred at the top, from page 2 (ГОСТ Р 7.0.97, п. 6.5)."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            run._r.append(field)
        else:
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
    run.font.size = Pt(12)


def paragraph(
    document: DocxDocument,
    text: str = "",
    *,
    align: str | None = None,
    bold: bool = False,
    indent: bool = False,
    style: str | None = None,
    space_before: float = 0,
    space_after: float = 0,
    keep_with_next: bool = False,
    block_right: bool = False,
) -> None:
    """Add a paragraph; ``text`` may hold Jinja tags and ``\\n`` for line breaks within it.

    ``block_right`` sets it as a block at the right margin, its lines flush left (the appendix
    mark)."""
    alignments = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }
    p = document.add_paragraph(style=style)
    if block_right:
        _right_block(p._p.get_or_add_pPr())
    if align is not None:
        p.alignment = alignments[align]
    if indent:
        p.paragraph_format.first_line_indent = Cm(1.25)
    if space_before:
        p.paragraph_format.space_before = Pt(space_before)
    p.paragraph_format.space_after = Pt(space_after)
    p.paragraph_format.keep_with_next = keep_with_next
    for index, line in enumerate(text.split("\n")):
        run = p.add_run(line)
        run.bold = bold
        if index < len(text.split("\n")) - 1:
            run.add_break()


def tabbed(
    document: DocxDocument,
    left: str,
    right: str,
    *,
    bold: bool = False,
    keep_with_next: bool = False,
) -> None:
    """One line with ``left`` at the margin and ``right`` flush with the right margin."""
    section = document.sections[-1]
    assert (
        section.page_width and section.left_margin and section.right_margin
    )  # set by new_document
    width = section.page_width - section.left_margin - section.right_margin
    p = document.add_paragraph()
    p.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    p.paragraph_format.keep_with_next = keep_with_next or None
    run = p.add_run(left)
    run.bold = bold
    run.add_tab()
    p.add_run(right).bold = bold


def _cell(
    table: Table, row: int, col: int, text: str, *, bold: bool = False, center: bool = False
) -> None:
    cell = table.rows[row].cells[col]
    p = cell.paragraphs[0]
    p.style = TABLE_TEXT_STYLE
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(text)
    # Not bold is left to the style (no table text style is bold): an explicit «not bold» on
    # every cell was four elements where two do, a fifth of a plan table's rendered tree.
    if bold:
        run.bold = True


def heading(document: DocxDocument, text: str) -> None:
    """A section heading, centred and bold, kept on the page of what it introduces."""
    paragraph(document, text, align="center", bold=True, space_after=6, keep_with_next=True)


def letterhead(document: DocxDocument) -> None:
    """The organisation as ГОСТ Р 7.0.97 sets it at the head of a document: the parent body in
    bold (where the settings keep that line), the full name with a capital, the short name in
    brackets, then the place; each line only where the document gives it."""
    paragraph(document, "{%p if settings.parent_body_line and doc.organisation.parent_body %}")
    paragraph(document, "{{ doc.organisation.parent_body }}", align="center", bold=True)
    paragraph(document, "{%p endif %}")
    # The letterhead sets the name as ГОСТ Р 7.0.97 shows it, with a capital; the text stays as
    # the user wrote it everywhere else.
    paragraph(document, "{%p if doc.organisation.full_name %}")
    paragraph(document, "{{ doc.organisation.full_name | first_upper }}", align="center")
    paragraph(document, "{%p endif %}")
    paragraph(document, "{%p if doc.organisation.short_name %}")
    paragraph(document, "({{ doc.organisation.short_name }})", align="center")
    paragraph(document, "{%p endif %}")


def title_block(document: DocxDocument, *, organisation: bool = False) -> None:
    """The approval mark where the document has one, the letterhead where asked
    (``organisation``), the title — a centred bold line per line of ``doc.title`` —, the
    period when the title does not already name it («на 2024/2025 учебный год»), then a blank
    line."""
    paragraph(document, "{%p if doc.approval %}")
    paragraph(document, "{{ doc.approval }}", style=APPROVAL_STYLE, space_after=12)
    paragraph(document, "{%p endif %}")
    if organisation:
        paragraph(document, "{%p if doc.organisation %}")
        letterhead(document)
        paragraph(document, "{%p if doc.organisation.place %}")
        paragraph(document, "{{ doc.organisation.place }}", align="center")
        paragraph(document, "{%p endif %}")
        paragraph(document)
        paragraph(document, "{%p endif %}")
    paragraph(document, "{%p for line in doc.title.split('\\n') %}")
    paragraph(document, "{{ line }}", align="center", bold=True)
    paragraph(document, "{%p endfor %}")
    paragraph(document, "{%p if requisites.period_line %}")
    paragraph(document, "{{ requisites.period_line }}", align="center", bold=True)
    paragraph(document, "{%p endif %}")
    paragraph(document)


def abbreviation_list(document: DocxDocument) -> None:
    """«Принятые сокращения»: the entries of ``abbreviations`` the context gives (those the text
    does not introduce itself, unless ``settings.abbreviation_list`` says otherwise)."""
    paragraph(document, "{%p if abbreviations %}")
    heading(document, "Принятые сокращения")
    paragraph(document, "{%p for abbreviation in abbreviations %}")
    paragraph(document, "{{ abbreviation.short }} – {{ abbreviation.full }}", align="justify")
    paragraph(document, "{%p endfor %}")
    paragraph(document)
    paragraph(document, "{%p endif %}")


def notes_block(document: DocxDocument) -> None:
    """The text an import could not place (``doc.notes``), at the end, each as it stood, so
    that nothing of the original is lost before someone places it."""
    paragraph(document, "{%p if doc.notes %}")
    paragraph(document)
    paragraph(document, "{%p for note in doc.notes %}")
    paragraph(document, "{{ note }}", align="justify")
    paragraph(document, "{%p endfor %}")
    paragraph(document, "{%p endif %}")


def control_point_table(document: DocxDocument, caption: str) -> None:
    """The control points (``doc.control_points``) under ``caption``, as a table: number, the
    point with its result, who answers for it, when."""
    paragraph(document, "{%p if doc.control_points %}")
    heading(document, caption)
    loop_table(
        document,
        ["№", "Контрольная точка", "Ответственный", "Сроки"],
        [
            "{{ point.number }}",
            "{{ point.text }}{% if point.result %}\n{{ point.result }}{% endif %}",
            "{{ point.responsible | map(attribute='text') | join('\\n') }}",
            "{{ point.deadline }}",
        ],
        "point in doc.control_points",
    )
    paragraph(document)
    paragraph(document, "{%p endif %}")


def plan_table(document: DocxDocument, plan: str) -> None:
    """The plan table of ``plan`` (a context expression, e.g. ``appendix.plan``).

    Columns come from the data (``{%tc for %}``), one heading row per section spans the width
    (``{% hm %}``) in bold, then the section's narrative, merged the same way, an activity that
    heads others is bold as well, an empty cell prints
    what the context puts in it (``settings.empty_cell``, see
    :func:`roadmapdocs.rendering.context.plan_rows`), and the header row repeats on every page.
    Rows of tags vanish on rendering.
    """
    rows: Sequence[tuple[str, str, str]] = (
        ("{%tc for col in " + plan + ".columns %}", "{{ col.title }}", "{%tc endfor %}"),
        ("{%tr for row in " + plan + ".rows %}", "", ""),
        ("{%tr if row.kind == 'section' %}", "", ""),
        ("{%tc for col in " + plan + ".columns %}", "{% hm %}{{ row.title }}", "{%tc endfor %}"),
        ("{%tr elif row.kind == 'note' %}", "", ""),
        ("{%tc for col in " + plan + ".columns %}", "{% hm %}{{ row.title }}", "{%tc endfor %}"),
        ("{%tr else %}", "", ""),
        ("{%tc for cell in row.cells %}", "{{ cell }}", "{%tc endfor %}"),
        ("{%tr endif %}", "", ""),
        ("{%tr endfor %}", "", ""),
    )
    table = document.add_table(rows=len(rows), cols=3)
    table.style = document.styles[TABLE_STYLE]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for index, (first, second, third) in enumerate(rows):
        header = index == 0
        section_row = index == 3
        _cell(table, index, 0, first)
        _cell(table, index, 1, second, bold=header or section_row, center=header or section_row)
        if index == 5:  # a section's narrative: across the table, as running text
            table.rows[index].cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        _cell(table, index, 2, third)
    # An activity that heads nested ones prints in bold, as section rows do.
    _bold_when(table.rows[7].cells[1], "row.heading")
    header_row = table.rows[0]._tr.get_or_add_trPr()
    header_row.append(OxmlElement("w:tblHeader"))
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def chart(document: DocxDocument, name: str) -> None:
    """The place of the chart ``name`` (see :mod:`roadmapdocs.rendering.charts`): a centred
    paragraph in the chart style holding the name, which rendering replaces with the picture,
    or removes when the document has nothing to draw."""
    paragraph(document, name, style=CHART_STYLE, space_before=6, space_after=6)


def _table(document: DocxDocument, rows: int, cols: int) -> Table:
    """A table in the plan-table style, so layout gives it widths by content and a header row
    repeated on every page."""
    table: Table = document.add_table(rows=rows, cols=cols)
    table.style = document.styles[TABLE_STYLE]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    return table


def loop_table(
    document: DocxDocument,
    header: Sequence[str],
    body: Sequence[str],
    loop: str,
    *,
    bold: str | None = None,
    keep: bool = False,
) -> None:
    """A table with a fixed header row and one body row repeated by ``{%tr for <loop> %}``.

    ``header`` and ``body`` have a cell each per template column; three adjacent cells
    ``{%tc for … %}``, content, ``{%tc endfor %}`` make a run of columns from the data.
    ``bold`` is an expression that sets a body row in bold when true (an overdue activity);
    ``keep`` keeps a short table on one page (each row kept with the next).
    """
    if len(header) != len(body):
        raise ValueError("header and body need the same number of cells")
    table = _table(document, 4, len(header))
    for col, (title, content) in enumerate(zip(header, body, strict=True)):
        tag = title.startswith("{%tc")
        _cell(table, 0, col, title, bold=not tag, center=not tag)
        _cell(table, 2, col, content)
    _cell(table, 1, 0, "{%tr for " + loop + " %}")
    _cell(table, 3, 0, "{%tr endfor %}")
    if keep:
        for row in table.rows[:3]:
            for cell in row.cells:
                cell.paragraphs[0].paragraph_format.keep_with_next = True
    if bold is not None:
        for cell in table.rows[2].cells:
            if not cell.paragraphs[0].text.startswith("{%tc"):  # a column loop's own tags
                _bold_when(cell, bold)


def _bold_when(cell: _Cell, condition: str) -> None:
    """The one paragraph of ``cell`` in bold where ``condition`` holds and plain elsewhere.

    A branch of paragraph tags, ``{%p if …%}`` bold ``{%p else %}`` plain ``{%p endif %}``:
    docxtpl removes the paragraph of a «{%p» tag whole (a «{%r» tag would leave an empty run on
    each side), so a plain cell carries no run properties at all — a bold set by an expression
    in every cell rendered an explicit «not bold» into each, a fifth of a table's tree. Each
    paragraph keeps the properties of the cell's paragraph (style, alignment, keeping)."""
    first = cell.paragraphs[0]
    text = first.text
    properties = first._p.pPr
    for run in first.runs:
        first._p.remove(run._r)
    first.add_run("{%p if " + condition + " %}")
    for content, bold in (
        (text, True),
        ("{%p else %}", False),
        (text, False),
        ("{%p endif %}", False),
    ):
        added = cell.add_paragraph()
        if properties is not None:
            added._p.insert(0, copy.deepcopy(properties))
        run = added.add_run(content)
        if bold:
            run.bold = True


def indicator_table(document: DocxDocument, *, baseline: bool | None, group: str = "group") -> None:
    """The table of one indicator group (``group``, a context expression): number, name with
    its note, unit, the baseline where asked — always (True), never (False) or when any
    indicator of the group gives one (None) —, then one column per period present in the
    data."""
    header = ["№ п/п", "Показатель", "Единица измерения"]
    body = [
        "{{ indicator.number or loop.index }}",
        "{{ indicator.name }}{% if indicator.note %}\n({{ indicator.note }}){% endif %}",
        "{{ indicator.unit }}",
    ]
    columns, cells = "periods", "cells"
    if baseline:
        header.append("Базовое значение")
        body.append("{{ indicator.baseline }}")
    elif baseline is None:
        columns, cells = "value_columns", "value_cells"
    header += [
        "{%tc for period in " + group + "." + columns + " %}",
        "{{ period }}",
        "{%tc endfor %}",
    ]
    body += ["{%tc for value in indicator." + cells + " %}", "{{ value }}", "{%tc endfor %}"]
    loop_table(document, header, body, "indicator in " + group + ".indicators")


def form_table(document: DocxDocument, rows: Sequence[tuple[str, str]]) -> None:
    """A two-column form: a field name on the left, its value (a template expression's text)
    on the right, one fixed row per field, as in a passport."""
    table = _table(document, len(rows), 2)
    for index, (name, value) in enumerate(rows):
        _cell(table, index, 0, name, bold=True)
        _cell(table, index, 1, value)


def grid_table(document: DocxDocument, table: str) -> None:
    """A data table from its ``grid`` (see ``table_grid`` in the context): each cell carries its
    column span and vertical merge as template values, so spans survive as real merged cells
    rather than blank ones; header rows are bold and repeat on every page."""
    rows = (
        ("{%tr for row in " + table + ".grid %}", "", ""),
        ("{%tc for cell in row.cells %}", "{{ cell.text }}", "{%tc endfor %}"),
        ("{%tr endfor %}", "", ""),
    )
    grid = _table(document, len(rows), 3)
    for index, cells in enumerate(rows):
        for col, text in enumerate(cells):
            _cell(grid, index, col, text)
    content = grid.rows[1].cells[1]
    run = content.paragraphs[0].runs[0]
    bold = OxmlElement("w:b")
    bold.set(qn("w:val"), "{{ row.header | int }}")
    run._r.get_or_add_rPr().append(bold)
    # The header rows of the data repeat on every page (the rows of the loop come from this one).
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "{{ row.header | int }}")
    grid.rows[1]._tr.get_or_add_trPr().append(repeat)
    tc_pr = content._tc.get_or_add_tcPr()
    for tag, value in (("w:gridSpan", "{{ cell.colspan }}"), ("w:vMerge", "{{ cell.vmerge }}")):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        tc_pr.append(element)


# Parts of python-docx's starting document that a template has no use for: Word 2010's copy of
# the styles, a thumbnail of an empty page, and an empty bibliography store.
_UNUSED_PARTS = (
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml",
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
)


def _trim(document: DocxDocument) -> None:
    """Drop what every render would otherwise parse, copy and write again for nothing.

    python-docx starts from a document with a hundred table styles (nine tenths of its 350 KB
    of styles), a second copy of the styles for Word 2010, and a thumbnail. A template keeps
    the table styles it uses, the ones they are based on and the default; paragraph and
    character styles all stay, so that Word still offers them to whoever edits the template.
    """
    styles = document.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in styles.iterchildren(qn("w:style"))}
    wanted = {
        element.get(qn("w:val"))
        for part in [document.part, *(s.header.part for s in document.sections)]
        for element in part.element.iter(qn("w:tblStyle"))
    }
    keep: set[str] = set()
    while wanted:
        style_id = wanted.pop()
        if style_id in keep or style_id not in by_id:
            continue
        keep.add(style_id)
        based_on = by_id[style_id].find(qn("w:basedOn"))
        if based_on is not None:
            wanted.add(based_on.get(qn("w:val")))
    for style_id, style in by_id.items():
        is_default = style.get(qn("w:default")) in ("1", "true")
        if style.get(qn("w:type")) == "table" and style_id not in keep and not is_default:
            styles.remove(style)
    for owner in (document.part, document.part.package):
        for r_id, rel in list(owner.rels.items()):
            if rel.reltype in _UNUSED_PARTS:
                del owner.rels[r_id]


def save(document: DocxDocument, target: Path) -> None:
    """Save reproducibly: fixed document properties and zip timestamps, so rebuilding an
    unchanged template gives the same bytes and the committed file diffs only when it changes."""
    _trim(document)
    properties = document.core_properties
    properties.author = "roadmapdocs"
    properties.last_modified_by = "roadmapdocs"
    properties.created = _FIXED_TIME
    properties.modified = _FIXED_TIME
    properties.revision = 1
    properties.comments = ""  # python-docx's «generated by python-docx»
    buffer = io.BytesIO()
    document.save(buffer)
    with (
        zipfile.ZipFile(buffer) as source,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for name in sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(info, source.read(name))
