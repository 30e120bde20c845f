"""Layout after rendering: settings applied to the .docx, appendices in their own sections.

A template decides what goes on the page; this module applies what settings and ГОСТ Р 7.0.97
decide regardless of the template: fonts, margins, each appendix in a section of its own
(landscape for wide tables), plan-table headers repeated on every page, rows kept whole.
"""

from __future__ import annotations

import copy
import functools
import math
import re
from collections.abc import Sequence
from typing import Any

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import nsmap, qn
from docx.shared import Pt
from docx.styles import BabelFish
from docx.styles.style import StyleFactory
from docx.text.paragraph import Paragraph
from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type information

from roadmapdocs.rendering import metrics
from roadmapdocs.settings import Settings

APPENDIX_STYLE = "RD Appendix Mark"
"""Paragraph style that starts an appendix: a new section begins before it."""
TABLE_STYLE = "RD Plan Table"
"""Table style of plan tables: header repeated, rows not split, widths fitted to content."""
TABLE_TEXT_STYLE = "RD Table Text"
CHART_STYLE = "RD Chart"
"""Paragraph style of a chart's place: its text names the chart («statuses»), and rendering
puts the picture there (:mod:`roadmapdocs.rendering.charts`)."""
"""Paragraph style of text in tables (its size is ``table_font_size``)."""

_TWIPS_PER_MM = 1440 / 25.4
_W_TC, _W_TR = qn("w:tc"), qn("w:tr")
_W_TCPR, _W_TRPR, _W_SPAN, _W_TCW = qn("w:tcPr"), qn("w:trPr"), qn("w:gridSpan"), qn("w:tcW")
_W_VAL, _W_W, _W_TYPE = qn("w:val"), qn("w:w"), qn("w:type")
_W_PPR, _W_PSTYLE, _W_KEEP_NEXT = qn("w:pPr"), qn("w:pStyle"), qn("w:keepNext")
NBSP = "\u00a0"


def _style_name(element: Any) -> str | None:
    ppr = element.find(qn("w:pPr"))
    style = ppr.find(qn("w:pStyle")) if ppr is not None else None
    return style.get(qn("w:val")) if style is not None else None


# Style look-ups by precompiled XPath with the name as a variable: python-docx's own (and an
# expression written out for each name) compile their XPath on every call, which cost a
# millisecond of a short order's render for a handful of look-ups.
_STYLE_NAMED = etree.XPath("w:style[w:name/@w:val = $name]", namespaces={"w": nsmap["w"]})
_STYLE_ID_NAMED = etree.XPath(
    "w:style[w:name/@w:val = $name]/@w:styleId", namespaces={"w": nsmap["w"]}, smart_strings=False
)
_STYLE_WITH_ID = etree.XPath("w:style[@w:styleId = $id]", namespaces={"w": nsmap["w"]})


def style_id(document: DocxDocument, name: str) -> str | None:
    """The id of the style called ``name`` in ``document``, if it has one."""
    found = _STYLE_ID_NAMED(document.styles.element, name=name)
    return str(found[0]) if found else None


def named_style(document: DocxDocument, name: str) -> Any:
    """The style called ``name`` (a name as Word shows it), as ``document.styles[name]`` finds
    it; None where there is none."""
    found = _STYLE_NAMED(document.styles.element, name=BabelFish.ui2internal(name))
    if found:
        return StyleFactory(found[0])
    try:  # python-docx also takes a style's id for its name, with a warning
        return document.styles[name]
    except (KeyError, etree.XPathError):  # its XPath cannot hold a name with quotes
        return None


_BODY_IN_STYLE = etree.XPath(
    "w:body/w:p[w:pPr/w:pStyle/@w:val = $style]", namespaces={"w": nsmap["w"]}
)


def paragraphs_in_style(document: DocxDocument, name: str) -> list[Paragraph]:
    """The paragraphs of the body (not in a table) whose style is called ``name``, as
    python-docx's ``paragraph.style`` reads it, without asking it paragraph by paragraph (it
    reads all the styles each time: half the render of a short order)."""
    wanted = style_id(document, name)
    if wanted is None:
        return []
    by_id = _STYLE_WITH_ID(document.styles.element, id=wanted)
    style = by_id[0] if by_id else None
    if style is None or style.type != WD_STYLE_TYPE.PARAGRAPH or style.default:
        # A default style is also that of a paragraph with no style of its own, and a style of
        # another type is read as the default: python-docx's own answer, paragraph by paragraph.
        return [p for p in document.paragraphs if p.style is not None and p.style.name == name]
    body = document._body
    return [Paragraph(p, body) for p in _BODY_IN_STYLE(document.element, style=wanted)]


def apply_fonts(document: DocxDocument, settings: Settings) -> None:
    """Body text in ``font``/``font_size``; table text in ``table_font_size``."""
    for style_name, size in (
        ("Normal", settings.font_size),
        (TABLE_TEXT_STYLE, settings.table_font_size),
    ):
        style = named_style(document, style_name)
        if style is None:
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


def apply_language(document: DocxDocument, settings: Settings, *, prepared: bool = False) -> None:
    """All text in Russian; with ``hyphenation``, words in tables hyphenated automatically.

    Automatic hyphenation is a setting of the whole document (``w:autoHyphenation``), which
    Word and LibreOffice (with Russian patterns installed) both honour; body text keeps whole
    words (``w:suppressAutoHyphens`` in Normal), table text, in narrow columns, is hyphenated.
    ``prepared``: the document comes from a template :func:`prepare_language` has tagged, and
    only the setting is left to write.
    """
    if not prepared:
        prepare_language(document)
    auto = _child(document.settings.element, qn("w:autoHyphenation"), _BEFORE_AUTO_HYPHENATION)
    auto.set(_W_VAL, "true" if settings.hyphenation else "false")


def prepare_language(document: DocxDocument) -> None:
    """What :func:`apply_language` writes whatever the settings: every language Russian, body
    text unhyphenated, table text hyphenated. Done once on a template, it holds for every
    document rendered from it (data brings no languages of its own)."""
    tag_language(document.styles.element, document.element.body)
    for style_name, suppress in (("Normal", "true"), (TABLE_TEXT_STYLE, "false")):
        style = named_style(document, style_name)
        if style is None:
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


def _text_height(sect_pr: Any) -> int:
    size, margins = sect_pr.find(qn("w:pgSz")), sect_pr.find(qn("w:pgMar"))
    return (
        int(size.get(qn("w:h"))) - int(margins.get(qn("w:top"))) - int(margins.get(qn("w:bottom")))
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


def fit_plan_tables(document: DocxDocument, settings: Settings) -> None:
    """Plan tables: columns as wide as their content (:func:`column_widths`), long words of
    narrow columns hyphenated, header rows repeated, rows broken across pages only when tall.

    Tables of one document with the same header and text width get the same column widths,
    measured on all of them together, so that consecutive tables line up.
    """
    body = document.element.body
    table_id = style_id(document, TABLE_STYLE)
    if table_id is None:
        return
    sections = list(body.iter(qn("w:sectPr")))
    font = TableFont(settings)
    groups: dict[tuple[int, tuple[str, ...]], list[_Table]] = {}
    for element in body.iterchildren(qn("w:tbl")):
        if table_style(element) != table_id:
            continue
        following = next((s for s in sections if _after(s, element)), sections[-1])
        table = _Table(element, _text_width(following), _text_height(following))
        # A table whose rows hold no cells (a data table given as «header: [[]]») has no
        # columns to share out: Word and LibreOffice show it as it is.
        if table.rows and table.columns:
            groups.setdefault(table.key, []).append(table)
    for tables in groups.values():
        columns = max(t.columns for t in tables)
        samples = [row for t in tables for row in t.sample()]
        measured = column_widths(samples, columns, tables[0].width, font)
        for table in tables:
            template = table.template_widths() if settings.column_widths == "template" else None
            widths = template or measured
            table.apply(widths)
            lines, cells = fit_rows(table.rows, table.spans, widths, font)
            table.paginate(lines, cells, font.line, table.height)
            table.keep_end_with_next()


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
# Texts read as plain strings: lxml's default "smart" strings each keep a reference to their
# element, which costs more than the string and which nothing here uses.
_TEXTS = etree.XPath(".//w:t/text()", namespaces=_NAMESPACES, smart_strings=False)
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


_CELL_PARTS = etree.XPath("w:p | w:p//w:t/text()", namespaces=_NAMESPACES, smart_strings=False)
_W_T = qn("w:t")


def _cell_text(cell: Any) -> str:
    """A cell's text, a line per paragraph (read by one XPath, in document order)."""
    return "".join(part if isinstance(part, str) else "\n" for part in _CELL_PARTS(cell))[1:]


_ROW_TEXT_PARTS = etree.XPath(
    "w:tc | w:tc/w:p | w:tc/w:p//w:t/text()", namespaces=_NAMESPACES, smart_strings=False
)


def _cell_texts(row: Any) -> list[str]:
    """The text of each cell of ``row``, as :func:`_cell_text` reads it, by one XPath a row."""
    cells: list[list[str]] = []
    for part in _ROW_TEXT_PARTS(row):
        if isinstance(part, str):
            cells[-1].append(part)
        elif part.tag == _W_TC:
            cells.append([])
        else:  # a paragraph: a line of its own
            cells[-1].append("\n")
    return ["".join(parts)[1:] for parts in cells]


_SAMPLE_ROWS = 100
"""Body rows whose text sizes the columns: all of a table up to this size, spread through it
beyond (the words of the other rows are hyphenated where they do not fit)."""
_GOLDEN = (5**0.5 - 1) / 2

CELL_PADDING = 2 * 108 + 40
"""Room a cell takes beside its text, in twips: Word's default left and right cell margins
(0.19 cm each, as in the Table Grid style) and a little for the borders and rounding."""


_MEASURED_LINE = 40
"""Lines of up to this many characters are measured; longer ones are estimated."""

_LINE_SPACING = 1.15
"""Single line spacing of Times New Roman and Liberation Serif, in ems (ascent and descent)."""


class TableFont:
    """The table font as it prints: regular for body rows, bold for the header, at one size."""

    def __init__(self, settings: Settings) -> None:
        self.size = settings.table_font_size
        self.regular = metrics.metrics(settings.font)
        self.bold = metrics.metrics(settings.font, bold=True)

    @functools.cached_property
    def character(self) -> float:
        """The mean width of a character of Russian text, in twips."""
        return self.width(_MEAN_TEXT) / len(_MEAN_TEXT)

    @property
    def line(self) -> float:
        """The height of a line of single-spaced table text, in twips."""
        return self.size * 20 * _LINE_SPACING

    def width(self, text: str, *, bold: bool = False) -> int:
        return (self.bold if bold else self.regular).width(text, self.size)


_SPACES = re.compile(r"[ \t\n]+")
"""Where a line may break: ordinary spaces, tabs and line ends, not the no-break space."""


def words(text: str) -> list[str]:
    """The pieces of ``text`` a line never breaks inside: split at spaces and after hyphens."""
    return _SPACES.split(text.replace("-", "- ").strip(" \t\n"))


class _Table:
    """A plan table read once for fitting: rows, their spans, its grid and text width."""

    def __init__(self, element: Any, width: int, height: int) -> None:
        self.element = element
        self.width = width
        self.height = height
        self.rows = element.findall(_W_TR)
        # The grid of a row is read by XPath, in C: a plan of thousands of rows has tens of
        # thousands of cells, and visiting each from Python would cost more than docxtpl's render.
        self.spans = [row_span(row) for row in self.rows]
        self.columns = max(self.spans, default=0)
        header = [_cell_text(tc) for tc in self.rows[0].iterchildren(_W_TC)] if self.rows else []
        self.key = (width, tuple(" ".join(text.split()) for text in header))

    def sample(self) -> list[list[tuple[int, str]]]:
        """The header row and up to :data:`_SAMPLE_ROWS` body rows spread through the table,
        each cell as (columns it spans, text)."""
        rows, spans = self.rows, self.spans
        body = len(rows) - 1
        if body <= _SAMPLE_ROWS:
            chosen: Sequence[int] = range(1, len(rows))
        else:
            # Spread by the golden ratio rather than by a fixed step, which a plan's rhythm
            # (a section row every eleven rows) would alias into a sample of section rows only.
            chosen = sorted({1 + int((i * _GOLDEN) % 1 * body) for i in range(_SAMPLE_ROWS)})
        sample = []
        for index in [0, *chosen]:
            texts = _cell_texts(rows[index])
            if len(texts) == spans[index]:  # one cell per column: no span to read
                sample.append([(1, text) for text in texts])
            else:
                cells = rows[index].iterchildren(_W_TC)
                sample.append([(_Cell(tc).span, _cell_text(tc)) for tc in cells])
        return sample

    def template_widths(self) -> list[int] | None:
        """The widths the template gives its columns, when its grid has one per column."""
        grid = self.element.find(qn("w:tblGrid"))
        widths = [int(col.get(_W_W, "0")) for col in grid] if grid is not None else []
        return widths if len(widths) == self.columns and all(widths) else None

    def apply(self, widths: list[int]) -> None:
        """Set the grid, the fixed layout and the table's width (:func:`fit_rows` gives each
        cell its own)."""
        table = self.element
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

    def keep_end_with_next(self) -> None:
        """Keep the last row on the page of what follows the table, when the paragraph after
        it is kept with the next one: the template's way to say that what follows (a
        signature) must not stand alone on a page."""
        following = self.element.getnext()
        if (
            self.rows
            and following is not None
            and following.tag == _W_P
            and _keeps_with_next(following)
        ):
            for paragraph in self.rows[-1].iter(_W_P):
                _keep_with_next(paragraph)

    def paginate(self, lines: Sequence[int], cells: Sequence[int], line: float, page: int) -> None:
        """How rows meet page breaks, for a table on pages ``page`` twips high whose rows hold
        ``lines`` lines of ``line`` twips each and ``cells`` cells.

        The header rows (those the template marks as repeating, else the first) repeat on
        every page. A row shorter than a fifth of the page is kept whole; a taller one may
        break, so that it does not leave the rest of a page empty. The header and each section
        row (one cell across the table) are kept whole and on the page of the row after them.
        """
        rows, spans, columns = self.rows, self.spans, self.columns
        headers = next((i for i, row in enumerate(rows) if not _HEADER(row)), len(rows)) or 1
        for index, row in enumerate(rows):
            tr_pr = row.find(_W_TRPR)
            if tr_pr is None:
                tr_pr = OxmlElement("w:trPr")
                row.insert(0, tr_pr)
            header = index < headers
            _flag(tr_pr, _W_HEADER, header)
            section = columns > 1 and spans[index] == columns and cells[index] == 1
            keep = header or section
            _flag(tr_pr, _W_CANT_SPLIT, keep or lines[index] * line < page / 5)
            if keep:
                for paragraph in row.iter(_W_P):
                    _keep_with_next(paragraph)


def _keeps_with_next(paragraph: Any) -> bool:
    """Whether ``paragraph`` is marked to stay on the page of the next one."""
    properties = paragraph.find(_W_PPR)
    found = properties.find(_W_KEEP_NEXT) if properties is not None else None
    return found is not None and found.get(_W_VAL) not in ("0", "false", "off")


def _keep_with_next(paragraph: Any) -> None:
    """Mark ``paragraph`` to stay on the page of the next one (``w:keepNext``), in the place the
    schema gives it: first in the paragraph's properties, after their style."""
    properties = paragraph.find(_W_PPR)
    if properties is None:
        properties = paragraph.makeelement(_W_PPR)
        paragraph.insert(0, properties)
    if properties.find(_W_KEEP_NEXT) is not None:
        return
    first = properties[0] if len(properties) else None
    at = 1 if first is not None and first.tag == _W_PSTYLE else 0
    properties.insert(at, properties.makeelement(_W_KEEP_NEXT))


def _flag(tr_pr: Any, tag: str, on: bool) -> None:
    """Set or remove the on/off property ``tag`` of a row."""
    found = tr_pr.find(tag)
    if on and found is None:
        tr_pr.append(tr_pr.makeelement(tag))
    elif on and found.get(_W_VAL) is not None:
        del found.attrib[_W_VAL]
    elif not on and found is not None:
        tr_pr.remove(found)


_W_HEADER, _W_CANT_SPLIT, _W_P = qn("w:tblHeader"), qn("w:cantSplit"), qn("w:p")
_HEADER = etree.XPath(
    "boolean(w:trPr/w:tblHeader[not(@w:val) or not(@w:val = '0' or @w:val = 'false' or @w:val = 'off')])",
    namespaces=_NAMESPACES,
)
"""Whether a row is marked to repeat on every page."""


def column_widths(
    rows: Sequence[Sequence[tuple[int, str]]], columns: int, width: int, font: TableFont
) -> list[int]:
    """Widths of ``columns`` columns sharing ``width`` twips, from the text of ``rows`` (the
    header row, bold, then body rows; each cell as (columns it spans, text)).

    As browsers lay out automatic tables: each column is at least as wide as its longest
    unbreakable word plus the cell padding, and at most as wide as its widest line; what is
    left goes to the columns by the amount of text they hold, so a column of descriptions gets
    more than a column of dates, and a column of numbers stays as narrow as its content. When
    even the longest words do not fit side by side, the columns with the longest words are
    narrowed to a common cap, none below its longest syllable, leaving a share of the width to
    go by text volume: their long words are then hyphenated (:func:`fit_rows`).
    """
    longest = [0] * columns
    widest = [0] * columns
    volume = [0] * columns
    character = font.character
    for index, cells in enumerate(rows):
        face = font.bold if index == 0 else font.regular
        position = 0
        for span, text in cells:
            if span == 1 and position < columns:
                word, line, lines = _measure(face, font.size, character, text)
                longest[position] = max(longest[position], word)
                widest[position] = max(widest[position], line)
                # The header counts as one row: a column of short values under a long title
                # («Информатика» over numbers) needs room for the title.
                volume[position] += lines
            position += span
    low = [w + CELL_PADDING for w in longest]
    high = [max(w, lw) + CELL_PADDING for w, lw in zip(widest, longest, strict=True)]
    if sum(low) > width:
        # The longest words cannot all fit: the columns with the longest words are cut to a
        # common cap, none below its longest syllable, so that a share of the width is left to
        # go by text volume; the words wider than their column are then hyphenated.
        floor = _syllables(rows, columns, low, font)
        low = _capped(floor, low, int(width * _SQUEEZED_SHARE))
    widths = [float(w) for w in low]
    # A column whose widest line is short (a number, a date: under an even share and no more
    # than two of its longest words) gets it whole.
    for i in range(columns):
        short = high[i] <= min(width / columns, 2 * low[i])
        if short and sum(widths) + high[i] - widths[i] <= width:
            widths[i] = high[i]
    spare = width - sum(widths)
    # Water-filling: share what is left by text volume, none beyond a column's widest line.
    while spare > 0.5:
        open_ = [i for i in range(columns) if widths[i] < high[i]]
        if not open_:
            break
        weights = {i: volume[i] or 1 for i in open_}
        total = sum(weights.values())
        given = 0.0
        for i in open_:
            add = min(spare * weights[i] / total, high[i] - widths[i])
            widths[i] += add
            given += add
        spare -= given
    if spare > 0.5:
        # Every column fits its widest line: the rest goes by width, so the table fills the page.
        whole = sum(widths)
        widths = [w + spare * w / whole for w in widths]
    result = [int(w) for w in widths]
    if result and sum(result) < width:  # what rounding down left
        result[result.index(max(result))] += width - sum(result)
    return result


@functools.lru_cache(maxsize=65536)
def _measure(
    face: metrics.Metrics, size: float, character: float, text: str
) -> tuple[int, int, int]:
    """A cell's text measured: its longest unbreakable word, its widest line and the width of
    all its lines, in twips. Plans repeat their texts (the same deadline, the same deputy), so
    each is measured once."""
    longest = max((face.width(word, size) for word in words(text)), default=0)
    widest = total = 0
    for line in text.split("\n"):
        # A long line is no column's widest short one: its mean width will do.
        width = (
            face.width(line, size) if len(line) <= _MEASURED_LINE else int(len(line) * character)
        )
        widest = max(widest, width)
        total += width
    return longest, widest, total


_SQUEEZED_SHARE = 0.6
"""Of a table whose longest words do not fit side by side, the share of the width the minimum
widths may take; the rest goes by text volume."""


def _capped(floor: list[int], low: list[int], width: int) -> list[int]:
    """``low`` cut to the greatest common cap at which the columns fit ``width``, none below
    its ``floor``."""
    below, above = 0, max(low)
    while above - below > 1:
        cap = (below + above) // 2
        if sum(max(f, min(w, cap)) for f, w in zip(floor, low, strict=True)) > width:
            above = cap
        else:
            below = cap
    return [max(f, min(w, below)) for f, w in zip(floor, low, strict=True)]


def _syllables(
    rows: Sequence[Sequence[tuple[int, str]]], columns: int, low: list[int], font: TableFont
) -> list[int]:
    """The least width of each column whose words may be hyphenated: its longest syllable, with
    the hyphen that will print after it (and no more than its longest word).

    A syllable is never wider than its word, so each column's words are taken widest first and
    hyphenated only until the next word is no wider than the widest syllable found: the rest
    cannot change the answer (hyphenating every word took most of a short order's first render,
    the dictionary's loading aside).
    """
    syllable = [CELL_PADDING] * columns
    hyphen = font.width("-", bold=True) + CELL_PADDING
    candidates: list[set[tuple[int, bool, str]]] = [set() for _ in range(columns)]
    for index, cells in enumerate(rows):
        bold = index == 0
        position = 0
        for span, text in cells:
            if span == 1 and position < columns:
                candidates[position].update(
                    (font.width(w, bold=bold), bold, w) for w in words(text)
                )
            position += span
    for column, found in enumerate(candidates):
        for width, bold, word in sorted(found, reverse=True):
            face = font.bold if bold else font.regular
            if width + hyphen <= syllable[column]:
                break
            piece = _longest_syllable(face, font.size, word)
            syllable[column] = max(syllable[column], piece + hyphen)
    return [min(s, w) for s, w in zip(syllable, low, strict=True)]


@functools.lru_cache(maxsize=65536)
def _longest_syllable(face: metrics.Metrics, size: float, word: str) -> int:
    """The width of the widest piece ``word`` may be hyphenated into. Plans repeat their words,
    and a table of 30 rows asks this some 5,000 times: kept per word, not measured again."""
    pieces = metrics.hyphenate(word).split(metrics.SOFT_HYPHEN)
    return max(face.width(piece, size) for piece in pieces)


_WORD = re.compile(r"[^ \t\n\-]{4,}-?")
"""What a line cannot break inside: a run of characters up to a space or after a hyphen."""


def fit_rows(
    rows: Sequence[Any], spans: Sequence[int], widths: Sequence[int], font: TableFont
) -> tuple[list[int], list[int]]:
    """Give each cell of ``rows`` its width, and soft hyphens to every word wider than its
    column, at the points Russian hyphenation allows: such a word then breaks at a syllable
    with a hyphen, never between two letters. The header row is measured in bold.

    Returns each row's height in lines — estimated from its characters at the mean width of a
    character of the font (a word that does not fill a line's end counted as a tenth more); a
    cell's paragraphs are counted as one text — and each row's number of cells.
    """
    character = font.character * 1.1
    # A word of fewer characters than fit a column's room (no letter is wider than 0.95 em but
    # «Ш», «Щ», «Ю» in bold) needs no measuring.
    widest = font.size * 20 * 0.95
    columns = len(widths)
    limits = [int((w - CELL_PADDING) / widest) for w in widths]
    rooms = [w - CELL_PADDING for w in widths]
    written = [str(w) for w in widths]
    # Whether a text holds a word wider than its column, for the texts a plan repeats.
    seen: dict[tuple[str, int, bool], bool] = {}
    heights: list[int] = []
    counts: list[int] = []
    for index, row in enumerate(rows):
        bold = index == 0
        height = 1
        # One XPath a row reads each cell's width element and, after it, the cell's text.
        parts = _ROW_PARTS(row)
        starts = [i for i, part in enumerate(parts) if not isinstance(part, str)]
        if spans[index] == columns == len(starts):
            # One cell per column, each with its width element (as many width elements as the
            # row spans columns leaves no room for a span): set them in order, and measure only
            # the texts longer than a column holds.
            for column, (start, end) in enumerate(
                zip(starts, [*starts[1:], len(parts)], strict=True)
            ):
                tc_w = parts[start]
                tc_w.set(_W_W, written[column])
                tc_w.set(_W_TYPE, "dxa")
                if end - start == 1:
                    continue
                text = "".join(parts[start + 1 : end])
                limit, room = limits[column], rooms[column]
                if len(text) > limit:
                    key = (text, column, bold)
                    wide = seen.get(key)
                    if wide is None:
                        # Split where a line may break: not at a no-break space, which
                        # str.split() would take for one.
                        wide = seen[key] = any(
                            font.width(word, bold=bold) > room
                            for word in _SPACES.split(text)
                            if len(word) > limit
                        )
                    if wide:
                        _hyphenate_cell(tc_w.getparent().getparent(), room, font, bold=bold)
                    height = max(height, math.ceil(len(text) * character / room))
            heights.append(height)
            counts.append(columns)
            continue
        position = count = 0
        for cell in map(_Cell, row.iterchildren(_W_TC)):
            count += 1
            tc_w = cell.properties.find(_W_TCW)
            if tc_w is None:
                tc_w = cell.properties.makeelement(_W_TCW)
                cell.properties.insert(0, tc_w)
            width = sum(widths[position : position + cell.span])
            tc_w.set(_W_W, str(width))
            tc_w.set(_W_TYPE, "dxa")
            position += cell.span
            room = width - CELL_PADDING
            _hyphenate_cell(cell.element, room, font, bold=bold)
            height = max(height, math.ceil(len(cell.text) * character / max(room, 1)))
        heights.append(height)
        counts.append(count)
    return heights, counts


_MEAN_TEXT = (
    "Разработка и утверждение плана мероприятий по организации адресной поддержки школ с "
    "низкими результатами обучения, 2024/2025 учебный год"
)
"""Russian text of plans, whose mean character width stands for every cell's."""


_ROW_PARTS = etree.XPath(
    "w:tc/w:tcPr/w:tcW | w:tc/w:p//w:t/text()", namespaces=_NAMESPACES, smart_strings=False
)


def _hyphenate_cell(cell: Any, room: int, font: TableFont, *, bold: bool) -> None:
    """Soft hyphens in the words of ``cell`` wider than ``room`` twips."""
    for node in cell.iter(_W_T):
        if node.text:
            node.text = _hyphenated(node.text, room, font, bold=bold)


def _hyphenated(text: str, room: int, font: TableFont, *, bold: bool) -> str:
    """``text`` with soft hyphens in each word wider than ``room`` twips.

    A word tied by no-break spaces («Зайцева Т.А.)») that is wider than the column is untied
    first: a line then breaks between the surname and the initials, as a typesetter breaks a
    tie that cannot fit, rather than inside the initials.
    """
    pieces: list[str] = []
    end = 0
    for found in _WORD.finditer(text):
        word = found.group(0)
        if font.width(word, bold=bold) > room:
            if NBSP in word:
                word = " ".join(
                    metrics.hyphenate(part) if font.width(part, bold=bold) > room else part
                    for part in word.split(NBSP)
                )
            else:
                word = metrics.hyphenate(word)
            pieces += [text[end : found.start()], word]
            end = found.end()
    return "".join([*pieces, text[end:]]) if pieces else text
