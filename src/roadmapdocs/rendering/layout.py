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
from docx.oxml.ns import nsmap, qn
from docx.shared import Pt
from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type information

from roadmapdocs.settings import Settings

APPENDIX_STYLE = "RD Appendix Mark"
"""Paragraph style that starts an appendix: a new section begins before it."""
TABLE_STYLE = "RD Plan Table"
"""Table style of plan tables: header repeated, rows not split, widths fitted to content."""
TABLE_TEXT_STYLE = "RD Table Text"
"""Paragraph style of text in tables (its size is ``table_font_size``)."""

_TWIPS_PER_MM = 1440 / 25.4
_W_TC, _W_TR = qn("w:tc"), qn("w:tr")
_W_TCPR, _W_TRPR, _W_SPAN, _W_TCW = qn("w:tcPr"), qn("w:trPr"), qn("w:gridSpan"), qn("w:tcW")
_W_VAL, _W_W, _W_TYPE = qn("w:val"), qn("w:w"), qn("w:type")


def _style_name(element: Any) -> str | None:
    ppr = element.find(qn("w:pPr"))
    style = ppr.find(qn("w:pStyle")) if ppr is not None else None
    return style.get(qn("w:val")) if style is not None else None


def style_id(document: DocxDocument, name: str) -> str | None:
    """The id of the style called ``name`` in ``document``, if it has one."""
    found = document.styles.element.xpath(f'w:style[w:name/@w:val="{name}"]/@w:styleId')
    return str(found[0]) if found else None


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


LANGUAGE = "ru-RU"
"""The language every text of a document is tagged with: spelling, hyphenation and quotes
follow it in Word and LibreOffice."""

# Children of w:pPr and w:settings that come before the ones set here, in schema order: Word
# refuses a document whose children are out of order.
_BEFORE_SUPPRESS_HYPHENS = tuple(
    qn(f"w:{tag}")
    for tag in [
        "pStyle",
        "keepNext",
        "keepLines",
        "pageBreakBefore",
        "framePr",
        "widowControl",
        "numPr",
        "suppressLineNumbers",
        "pBdr",
        "shd",
        "tabs",
    ]
)
_BEFORE_AUTO_HYPHENATION = tuple(
    qn(f"w:{tag}")
    for tag in [
        "writeProtection",
        "view",
        "zoom",
        "removePersonalInformation",
        "removeDateAndTime",
        "doNotDisplayPageBoundaries",
        "displayBackgroundShape",
        "printPostScriptOverText",
        "printFractionalCharacterWidth",
        "printFormsData",
        "embedTrueTypeFonts",
        "embedSystemFonts",
        "saveSubsetFonts",
        "saveFormsData",
        "mirrorMargins",
        "alignBordersAndEdges",
        "bordersDoNotSurroundHeader",
        "bordersDoNotSurroundFooter",
        "gutterAtTop",
        "hideSpellingErrors",
        "hideGrammaticalErrors",
        "activeWritingStyle",
        "proofState",
        "formsDesign",
        "attachedTemplate",
        "linkStyles",
        "stylePaneFormatFilter",
        "stylePaneSortMethod",
        "documentType",
        "mailMerge",
        "revisionView",
        "trackRevisions",
        "doNotTrackMoves",
        "doNotTrackFormatting",
        "documentProtection",
        "autoFormatOverride",
        "styleLockTheme",
        "styleLockQFSet",
        "defaultTabStop",
    ]
)


def _child(parent: Any, tag: str, after: Sequence[str] | None = None) -> Any:
    """``parent``'s child ``tag``; one is added if missing: at the end, or with ``after`` (the
    tags that precede it in schema order) after the last of those, first if there is none."""
    found = parent.find(tag)
    if found is None:
        found = parent.makeelement(tag, {})
        preceding = [child for child in parent if after is not None and child.tag in after]
        if preceding:
            preceding[-1].addnext(found)
        elif after is not None:
            parent.insert(0, found)
        else:
            parent.append(found)
    return found


def tag_language(styles: Any, *parts: Any) -> None:
    """Tag all text of a document Russian: the default run properties of ``styles`` (the
    styles part's element) and every language named in a style or in ``parts``."""
    defaults = _child(styles, qn("w:docDefaults"), ())
    run = _child(_child(defaults, qn("w:rPrDefault"), ()), qn("w:rPr"))
    _child(run, qn("w:lang"))
    for part in (styles, *parts):
        for lang in part.iter(qn("w:lang")):
            lang.set(qn("w:val"), LANGUAGE)


def apply_language(document: DocxDocument, settings: Settings) -> None:
    """All text in Russian; with ``hyphenation``, words in tables hyphenated automatically.

    Automatic hyphenation is a setting of the whole document (``w:autoHyphenation``), which
    Word and LibreOffice (with Russian patterns installed) both honour; body text keeps whole
    words (``w:suppressAutoHyphens`` in Normal), table text, in narrow columns, is hyphenated.
    """
    tag_language(document.styles.element, document.element.body)
    auto = _child(document.settings.element, qn("w:autoHyphenation"), _BEFORE_AUTO_HYPHENATION)
    auto.set(_W_VAL, "true" if settings.hyphenation else "false")
    for style_name, suppress in (("Normal", "true"), (TABLE_TEXT_STYLE, "false")):
        try:
            style = document.styles[style_name]
        except KeyError:
            continue
        paragraph = style.element.get_or_add_pPr()
        _child(paragraph, qn("w:suppressAutoHyphens"), _BEFORE_SUPPRESS_HYPHENS).set(
            _W_VAL, suppress
        )


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
    mark_id = style_id(document, APPENDIX_STYLE)
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


def fit_plan_tables(document: DocxDocument) -> None:
    """Plan tables: repeat the header row, keep rows whole, give columns widths by content."""
    body = document.element.body
    table_id = style_id(document, TABLE_STYLE)
    if table_id is None:
        return
    sections = list(body.iter(qn("w:sectPr")))
    for table in body.iterchildren(qn("w:tbl")):
        if table_style(table) != table_id:
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


class _Cell:
    """A table cell with what fitting needs of it, read once: its element, properties and span."""

    __slots__ = ("element", "properties", "span")

    def __init__(self, element: Any) -> None:
        self.element = element
        properties = element.find(_W_TCPR)
        if properties is None:
            properties = element.makeelement(_W_TCPR)
            element.insert(0, properties)
        self.properties = properties
        span = properties.find(_W_SPAN)
        self.span = int(span.get(_W_VAL)) if span is not None else 1

    @property
    def text(self) -> str:
        return text_of(self.element)


_NAMESPACES = {"w": nsmap["w"]}
_ROW_COLUMNS = etree.XPath(
    "sum(w:tc/w:tcPr/w:gridSpan/@w:val) + count(w:tc[not(w:tcPr/w:gridSpan)])",
    namespaces=_NAMESPACES,
)
_ROW_CELLS = etree.XPath("count(w:tc)", namespaces=_NAMESPACES)
_ROW_CELL_WIDTHS = etree.XPath("w:tc/w:tcPr/w:tcW", namespaces=_NAMESPACES)
_TEXTS = etree.XPath(".//w:t/text()", namespaces=_NAMESPACES)
_TABLE_STYLE = etree.XPath("string(w:tblPr/w:tblStyle/@w:val)", namespaces=_NAMESPACES)


def text_of(element: Any) -> str:
    """The text of an element (a paragraph, a cell) as Word shows it: its text runs, in order.

    An XPath for them takes a third of the time of ``itertext``.
    """
    return "".join(_TEXTS(element))


def row_span(row: Any) -> int:
    """How many grid columns a table row covers, counting each cell's span."""
    return int(_ROW_COLUMNS(row))


def table_style(table: Any) -> str:
    """The id of a table's style, or "" when it has none."""
    return str(_TABLE_STYLE(table))


def _row_texts(row: Any, *, simple: bool) -> list[tuple[int, str]]:
    """Each cell of a row as (columns it spans, text); ``simple``: every cell spans one."""
    if simple:
        return [(1, text_of(tc)) for tc in row.iterchildren(_W_TC)]
    return [(cell.span, cell.text) for cell in map(_Cell, row.iterchildren(_W_TC))]


def _fit(table: Any, width: int) -> None:
    rows = table.findall(_W_TR)
    if not rows:
        return
    # The grid of a row is read by XPath, in C: a plan of thousands of rows has tens of
    # thousands of cells, and visiting each from Python would cost more than docxtpl's render.
    spans = [row_span(row) for row in rows]
    columns = max(spans)
    step = max(1, math.ceil((len(rows) - 1) / _SAMPLE_ROWS))
    measured = [0, *range(1, len(rows), step)]
    sample = [_row_texts(rows[i], simple=spans[i] == int(_ROW_CELLS(rows[i]))) for i in measured]
    widths = _column_widths(sample, columns, width, whole_table=len(rows) == 1)
    grid = table.find(qn("w:tblGrid"))
    if grid is not None:
        for col in list(grid):
            grid.remove(col)
        for w in widths:
            col = OxmlElement("w:gridCol")
            col.set(_W_W, str(w))
            grid.append(col)
    tbl_pr = table.find(qn("w:tblPr"))
    layout = tbl_pr.find(qn("w:tblLayout"))
    if layout is None:
        layout = OxmlElement("w:tblLayout")
        tbl_pr.append(layout)
    layout.set(_W_TYPE, "fixed")
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(_W_W, str(sum(widths)))
    tbl_w.set(_W_TYPE, "dxa")
    cant_split, header = qn("w:cantSplit"), qn("w:tblHeader")
    texts = [str(w) for w in widths]
    for index, row in enumerate(rows):
        tr_pr = row.find(_W_TRPR)
        if tr_pr is None:
            tr_pr = OxmlElement("w:trPr")
            row.insert(0, tr_pr)
        for tag in (cant_split, header) if index == 0 else (cant_split,):
            if tr_pr.find(tag) is None:
                tr_pr.append(tr_pr.makeelement(tag))
        cell_widths = _ROW_CELL_WIDTHS(row)
        if spans[index] == columns == len(cell_widths) == int(_ROW_CELLS(row)):
            # One cell per column, each with its width element: set them in order.
            for tc_w, text in zip(cell_widths, texts, strict=True):
                tc_w.set(_W_W, text)
                tc_w.set(_W_TYPE, "dxa")
            continue
        position = 0
        for cell in map(_Cell, row.iterchildren(_W_TC)):
            tc_w = cell.properties.find(_W_TCW)
            if tc_w is None:
                tc_w = cell.properties.makeelement(_W_TCW)
                cell.properties.insert(0, tc_w)
            tc_w.set(_W_W, str(sum(widths[position:][: cell.span])))
            tc_w.set(_W_TYPE, "dxa")
            position += cell.span


_CHAR_TWIPS = 120
"""Rough width of one character of 12 pt Times New Roman, in twips (1/1440 inch)."""

_SAMPLE_ROWS = 400
"""Body rows whose text sizes the columns: all of a table up to this size, evenly spread beyond."""


def _column_widths(
    rows: list[list[tuple[int, str]]], columns: int, width: int, *, whole_table: bool
) -> list[int]:
    """Widths by content, as browsers lay out automatic tables, damped for long text.

    Each column first gets room for its longest word (so «Организационно-управленческое» is not
    broken letter by letter), capped so that one long word cannot take the table; what is left
    is shared by the square root of the column's mean text length, so a column of long
    descriptions gets more than a column of dates, but not everything. ``rows`` are the header
    row and the body rows to measure (a table of more than :data:`_SAMPLE_ROWS` body rows is
    measured on that many, spread evenly through it); ``whole_table`` says the table is one row.
    """
    longest = [0] * columns
    total = [0] * columns
    counts = [0] * columns
    for index, cells in enumerate(rows):
        position = 0
        for span, text in cells:
            if span == 1 and position < columns:
                words = text.replace("-", "- ").replace("/", "/ ").split()
                longest[position] = max(longest[position], *(len(w) for w in words), 1)
                if index > 0 or whole_table:  # the header's length says little of the column
                    total[position] += len(text)
                    counts[position] += 1
            position += span
    minimum = [(min(chars, 14) + 1) * _CHAR_TWIPS for chars in longest]
    spare = max(width - sum(minimum), 0)
    shares = [math.sqrt(total[i] / counts[i]) if counts[i] else 1.0 for i in range(columns)]
    whole = sum(shares) or 1.0
    return [int(minimum[i] + spare * shares[i] / whole) for i in range(columns)]
