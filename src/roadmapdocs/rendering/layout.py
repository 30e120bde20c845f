"""Layout after rendering: settings applied to the .docx, appendices in their own sections.

A template decides what goes on the page; this module applies what settings and ГОСТ Р 7.0.97
decide regardless of the template: fonts, margins, each appendix in a section of its own
(landscape for wide tables), plan-table headers repeated on every page, rows kept whole.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Sequence
from typing import Any

from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from roadmapdocs.settings import Settings

APPENDIX_STYLE = "RD Appendix Mark"
"""Paragraph style that starts an appendix: a new section begins before it."""
TABLE_STYLE = "RD Plan Table"
"""Table style of plan tables: header repeated, rows not split, widths fitted to content."""
TABLE_TEXT_STYLE = "RD Table Text"
"""Paragraph style of text in tables (its size is ``table_font_size``)."""

_TWIPS_PER_MM = 1440 / 25.4


def _style_name(element: Any) -> str | None:
    ppr = element.find(qn("w:pPr"))
    style = ppr.find(qn("w:pStyle")) if ppr is not None else None
    return style.get(qn("w:val")) if style is not None else None


def _style_id(document: DocxDocument, name: str) -> str | None:
    for style in document.styles:
        if style.name == name:
            return str(style.style_id)
    return None


def apply_fonts(document: DocxDocument, settings: Settings) -> None:
    """Body text in ``font``/``font_size``; table text in ``table_font_size``."""
    for style_name, size in (
        ("Normal", settings.font_size),
        (TABLE_TEXT_STYLE, settings.table_font_size),
    ):
        try:
            style = document.styles[style_name]
        except KeyError:
            continue
        style.font.size = Pt(size)
        style.font.name = settings.font
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.insert(0, fonts)
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attribute), settings.font)


def _set_margins(sect_pr: Any, settings: Settings) -> None:
    margins = sect_pr.find(qn("w:pgMar"))
    if margins is None:
        margins = OxmlElement("w:pgMar")
        sect_pr.append(margins)
    for side in ("top", "right", "bottom", "left"):
        margins.set(qn(f"w:{side}"), str(round(getattr(settings.margins, side) * _TWIPS_PER_MM)))


def _orient(sect_pr: Any, landscape: bool) -> None:
    size = sect_pr.find(qn("w:pgSz"))
    if size is None:
        return
    width, height = int(size.get(qn("w:w"))), int(size.get(qn("w:h")))
    if landscape != (width > height):
        size.set(qn("w:w"), str(height))
        size.set(qn("w:h"), str(width))
    if landscape:
        size.set(qn("w:orient"), "landscape")
    elif size.get(qn("w:orient")) is not None:
        del size.attrib[qn("w:orient")]


def _text_width(sect_pr: Any) -> int:
    size, margins = sect_pr.find(qn("w:pgSz")), sect_pr.find(qn("w:pgMar"))
    return (
        int(size.get(qn("w:w"))) - int(margins.get(qn("w:left"))) - int(margins.get(qn("w:right")))
    )


def split_appendices(
    document: DocxDocument, orientations: Sequence[bool], settings: Settings
) -> None:
    """Start a section before each appendix mark; set margins and orientation of every section.

    ``orientations`` says for each appendix, in order, whether its section is landscape. The
    first section (the order itself) keeps the template's orientation and its different first
    page (no page number on page 1); appendix sections number their pages on.
    """
    body = document.element.body
    final = body.find(qn("w:sectPr"))
    mark_id = _style_id(document, APPENDIX_STYLE)
    marks = [p for p in body.iterchildren(qn("w:p")) if mark_id and _style_name(p) == mark_id]
    first = copy.deepcopy(final)
    previous_landscape = False
    for index, mark in enumerate(marks):
        closing = copy.deepcopy(first if index == 0 else final)
        if index > 0:
            title_page = closing.find(qn("w:titlePg"))
            if title_page is not None:
                closing.remove(title_page)
            _orient(closing, previous_landscape)
        else:
            _orient(closing, False)
        holder = mark.getprevious()
        if (
            holder is None
            or holder.tag != qn("w:p")
            or holder.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None
        ):
            holder = OxmlElement("w:p")
            mark.addprevious(holder)
        ppr = holder.find(qn("w:pPr"))
        if ppr is None:
            ppr = OxmlElement("w:pPr")
            holder.insert(0, ppr)
        ppr.append(closing)
        previous_landscape = orientations[index] if index < len(orientations) else False
    if marks:
        title_page = final.find(qn("w:titlePg"))
        if title_page is not None:
            final.remove(title_page)
        _orient(final, previous_landscape)
    for sect_pr in body.iter(qn("w:sectPr")):
        _set_margins(sect_pr, settings)


def _cell_text(cell: Any) -> str:
    return "".join(t.text or "" for t in cell.iter(qn("w:t")))


def fit_plan_tables(document: DocxDocument) -> None:
    """Plan tables: repeat the header row, keep rows whole, give columns widths by content."""
    body = document.element.body
    table_id = _style_id(document, TABLE_STYLE)
    if table_id is None:
        return
    sections = list(body.iter(qn("w:sectPr")))
    for table in body.iterchildren(qn("w:tbl")):
        tbl_pr = table.find(qn("w:tblPr"))
        style = tbl_pr.find(qn("w:tblStyle")) if tbl_pr is not None else None
        if style is None or style.get(qn("w:val")) != table_id:
            continue
        following = next((s for s in sections if _after(s, table)), sections[-1])
        _fit(table, _text_width(following))


def _after(sect_pr: Any, table: Any) -> bool:
    """Whether ``sect_pr`` closes the section that holds ``table``."""
    holder = sect_pr.getparent()
    if holder.tag == qn("w:body"):
        return True
    paragraph = holder.getparent()
    return any(sibling is paragraph for sibling in table.itersiblings())


def _fit(table: Any, width: int) -> None:
    rows = table.findall(qn("w:tr"))
    if not rows:
        return
    columns = max(sum(int(_span(c)) for c in r.findall(qn("w:tc"))) for r in rows)
    widths = _column_widths(rows, columns, width)
    grid = table.find(qn("w:tblGrid"))
    if grid is not None:
        for col in list(grid):
            grid.remove(col)
        for w in widths:
            col = OxmlElement("w:gridCol")
            col.set(qn("w:w"), str(w))
            grid.append(col)
    tbl_pr = table.find(qn("w:tblPr"))
    layout = tbl_pr.find(qn("w:tblLayout"))
    if layout is None:
        layout = OxmlElement("w:tblLayout")
        tbl_pr.append(layout)
    layout.set(qn("w:type"), "fixed")
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:w"), str(sum(widths)))
    tbl_w.set(qn("w:type"), "dxa")
    for index, row in enumerate(rows):
        tr_pr = row.find(qn("w:trPr"))
        if tr_pr is None:
            tr_pr = OxmlElement("w:trPr")
            row.insert(0, tr_pr)
        wanted = ["w:cantSplit"] + (["w:tblHeader"] if index == 0 else [])
        for tag in wanted:
            if tr_pr.find(qn(tag)) is None:
                tr_pr.append(OxmlElement(tag))
        position = 0
        for cell in row.findall(qn("w:tc")):
            span = int(_span(cell))
            tc_pr = cell.find(qn("w:tcPr"))
            if tc_pr is None:
                tc_pr = OxmlElement("w:tcPr")
                cell.insert(0, tc_pr)
            tc_w = tc_pr.find(qn("w:tcW"))
            if tc_w is None:
                tc_w = OxmlElement("w:tcW")
                tc_pr.insert(0, tc_w)
            tc_w.set(qn("w:w"), str(sum(widths[position : position + span])))
            tc_w.set(qn("w:type"), "dxa")
            position += span


_CHAR_TWIPS = 120
"""Rough width of one character of 12 pt Times New Roman, in twips (1/1440 inch)."""


def _column_widths(rows: list[Any], columns: int, width: int) -> list[int]:
    """Widths by content, as browsers lay out automatic tables, damped for long text.

    Each column first gets room for its longest word (so «Организационно-управленческое» is not
    broken letter by letter), capped so that one long word cannot take the table; what is left
    is shared by the square root of the column's mean text length, so a column of long
    descriptions gets more than a column of dates, but not everything.
    """
    longest = [0] * columns
    total = [0] * columns
    counts = [0] * columns
    for index, row in enumerate(rows):
        position = 0
        for cell in row.findall(qn("w:tc")):
            span = int(_span(cell))
            if span == 1 and position < columns:
                text = _cell_text(cell)
                words = text.replace("-", "- ").replace("/", "/ ").split()
                longest[position] = max(longest[position], *(len(w) for w in words), 1)
                if index > 0 or len(rows) == 1:  # the header's length says little of the column
                    total[position] += len(text)
                    counts[position] += 1
            position += span
    minimum = [(min(chars, 14) + 1) * _CHAR_TWIPS for chars in longest]
    spare = max(width - sum(minimum), 0)
    shares = [math.sqrt(total[i] / counts[i]) if counts[i] else 1.0 for i in range(columns)]
    whole = sum(shares) or 1.0
    return [int(minimum[i] + spare * shares[i] / whole) for i in range(columns)]


def _span(cell: Any) -> str:
    tc_pr = cell.find(qn("w:tcPr"))
    span = tc_pr.find(qn("w:gridSpan")) if tc_pr is not None else None
    return span.get(qn("w:val")) if span is not None else "1"
