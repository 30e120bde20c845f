"""What a person signing the printed pages would object to, counted from a rendered PDF.

Reads the words of each page with their boxes (poppler's ``pdftotext -bbox-layout``) and finds:

- words broken at a line's end without a hyphen: the last word of a line and the first of the
  next line of the same block (a table cell, a paragraph) join into a word the document has,
  and the line does not end with a hyphen;
- part-empty pages inside a table: the table goes on overleaf, but the page's lowest text ends
  above 80 % of the height between the margins;
- stranded section rows: a section's title row is the last row of a page and the table goes on
  overleaf;
- lost text: a word of the document that the PDF does not hold.

The dictionary of real words is the document's own text (the model's and the .docx's, whose
table headers come from the template), so «ожидаем|ые» is caught and «профес-|сиональный» is not.
"""

from __future__ import annotations

import html
import itertools
import re
import subprocess
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

import docx
from docx.oxml.ns import qn

from roadmapdocs.loader import Document
from roadmapdocs.model import walk

FILL_LIMIT = 0.8
"""A page inside a table whose text ends above this share of the usable height is part-empty."""

_NS = "{http://www.w3.org/1999/xhtml}"
_HYPHENS = "-\u00ad\u2010\u2011"
"""What a line ends with when a word was hyphenated there (pdftotext keeps the soft hyphen
LibreOffice prints as a hyphen, or a plain hyphen)."""
_BREAKS_AFTER = _HYPHENS + "/\u2013\u2014"
"""A line may end after these inside a word: «решения/|ожидаемые», «Организационно-|…»."""
_PITCH_SLACK = 0.25
"""Points by which a line may lie further below the previous one than the page's usual pitch
for its font and still go on the same paragraph; a table row's border adds half a point."""
_ROW_GAP = 0.0
"""Points between one band's text and the next one's below which they are rows of one table."""
_GAP_SLACK = 0.5
"""Points by which the gaps between a table's rows may differ."""
_EDGE = "«»\"„“”'()[]{}.,;:!?…"
_SQUASH = re.compile(r"[\s\-\u00ad\u2010-\u2015«»\"„“”'`]+")
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Line:
    box: Box
    words: tuple[str, ...]


@dataclass(frozen=True)
class Block:
    box: Box
    lines: tuple[Line, ...]

    @property
    def text(self) -> str:
        return " ".join(" ".join(line.words) for line in self.lines)


@dataclass(frozen=True)
class Page:
    number: int
    """From 1, as a PDF viewer counts."""
    width: float
    height: float
    blocks: tuple[Block, ...]

    @property
    def landscape(self) -> bool:
        return self.width > self.height


@dataclass(frozen=True)
class Margins:
    """A page size and its top and bottom margins, in points."""

    width: float
    height: float
    top: float
    bottom: float


@dataclass(frozen=True)
class BrokenWord:
    page: int
    pieces: tuple[str, ...]
    """The word as the lines show it: ``("ожидаем", "ые")``."""


@dataclass(frozen=True)
class PartEmptyPage:
    page: int
    fill: float
    """Where the page's lowest text ends, as a share of the height between the margins."""
    last_words: str


@dataclass(frozen=True)
class StrandedSection:
    page: int
    title: str


@dataclass(frozen=True)
class MissingText:
    text: str
    words: tuple[str, ...]
    """The words of ``text`` found nowhere in the PDF."""


@dataclass
class PrintReport:
    pages: int = 0
    landscape_pages: int = 0
    broken_words: list[BrokenWord] = field(default_factory=list)
    part_empty_pages: list[PartEmptyPage] = field(default_factory=list)
    stranded_sections: list[StrandedSection] = field(default_factory=list)
    missing_texts: list[MissingText] = field(default_factory=list)

    @property
    def defects(self) -> int:
        return (
            len(self.broken_words)
            + len(self.part_empty_pages)
            + len(self.stranded_sections)
            + len(self.missing_texts)
        )


# Reading the PDF ----------------------------------------------------------------------------------


def _box(element: ElementTree.Element) -> Box:
    return Box(*(float(element.attrib[k]) for k in ("xMin", "yMin", "xMax", "yMax")))


def _pieces(words: list[tuple[Box, str]]) -> Iterator[Line]:
    """A pdftotext line cut where a gap wider than half its height parts two words: the line
    may run on from one table cell into the next."""
    run: list[tuple[Box, str]] = []
    for box, text in words:
        if run and box.x0 - run[-1][0].x1 > (box.y1 - box.y0) / 2:
            yield _line(run)
            run = []
        run.append((box, text))
    if run:
        yield _line(run)


def _line(words: list[tuple[Box, str]]) -> Line:
    boxes = [box for box, _ in words]
    return Line(_enclosing(boxes), tuple(text for _, text in words))


def _paragraphs(lines: list[Line]) -> Iterator[Block]:
    """The page's lines chained into paragraphs: a line goes on in the line one pitch below it
    that shares some of its width and starts nearest below its start. A line further down
    belongs to the next table row (its border adds to the pitch) or the next paragraph.
    pdftotext's own blocks are not used: it may put cells of one column, rows apart, into one
    block."""
    lines = sorted(lines, key=lambda line: (line.box.y0, line.box.x0))
    below: dict[int, list[tuple[float, float, int]]] = {}
    pitches: Counter[tuple[float, float]] = Counter()
    for index, line in enumerate(lines):
        for other in range(index + 1, len(lines)):
            box = lines[other].box
            if box.y0 > line.box.y1:
                break
            shared = min(box.x1, line.box.x1) - max(box.x0, line.box.x0)
            if box.y0 > line.box.y0 + 1 and shared > 0:
                pitch = round(box.y0 - line.box.y0, 1)
                offset = abs(box.x0 - line.box.x0)
                below.setdefault(index, []).append((pitch, offset, other))
                pitches[round(line.box.y1 - line.box.y0, 1), pitch] += 1
    leading: dict[float, float] = {}
    for (height, pitch), _ in pitches.most_common():
        leading.setdefault(height, pitch)
    after: dict[int, int] = {}
    taken: set[int] = set()
    for index, candidates in below.items():
        usual = leading[round(lines[index].box.y1 - lines[index].box.y0, 1)]
        fitting = [c for c in candidates if c[0] <= usual + _PITCH_SLACK and c[2] not in taken]
        if fitting:
            # The one starting nearest below this line's start: a justified line's next line
            # may come in pieces, of which the first goes on the paragraph.
            best = min(fitting, key=lambda c: c[1])[2]
            after[index] = best
            taken.add(best)
    for index in range(len(lines)):
        if index in taken:
            continue
        chain = [lines[index]]
        while index in after:
            index = after[index]
            chain.append(lines[index])
        yield _block(chain)


def _enclosing(boxes: Sequence[Box]) -> Box:
    return Box(
        min(b.x0 for b in boxes),
        min(b.y0 for b in boxes),
        max(b.x1 for b in boxes),
        max(b.y1 for b in boxes),
    )


def _block(lines: list[Line]) -> Block:
    return Block(_enclosing([line.box for line in lines]), tuple(lines))


def read_pages(pdf: Path) -> list[Page]:
    """The pages of ``pdf``, each with its paragraphs and cells as blocks of lines of words."""
    done = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True
    )
    root = ElementTree.fromstring(done.stdout)
    pages: list[Page] = []
    for number, page in enumerate(root.iter(f"{_NS}page"), start=1):
        lines = [
            piece
            for line in page.iter(f"{_NS}line")
            for piece in _pieces([(_box(w), w.text or "") for w in line.iter(f"{_NS}word")])
        ]
        blocks = tuple(_paragraphs(lines))
        pages.append(
            Page(number, float(page.attrib["width"]), float(page.attrib["height"]), blocks)
        )
    return pages


# Words --------------------------------------------------------------------------------------------


def _plain(text: str) -> str:
    """``text`` as printed words: without markup, soft hyphens and non-breaking spaces."""
    text = html.unescape(_TAG.sub(" ", text))
    return text.replace("\u00ad", "").replace("\u00a0", " ").replace("\u202f", " ")


def _word(token: str) -> str:
    return token.strip(_EDGE).lower()


def squash(text: str) -> str:
    """``text`` reduced to what survives any line breaking and quote style: lower-case letters,
    digits and punctuation other than spaces, hyphens, dashes and quotes."""
    return _SQUASH.sub("", _plain(text)).lower()


@dataclass(frozen=True)
class Dictionary:
    """The real words of a document, and which words stand next to each other in it."""

    words: frozenset[str]
    prefixes: frozenset[str]
    pairs: frozenset[tuple[str, str]]

    @classmethod
    def of(cls, texts: Iterable[str]) -> Dictionary:
        words: set[str] = set()
        pairs: set[tuple[str, str]] = set()
        for text in texts:
            tokens = [_word(t) for t in _plain(text).split()]
            tokens = [t for t in tokens if t]
            words.update(tokens)
            pairs.update(itertools.pairwise(tokens))
        prefixes = {w[:i] for w in words for i in range(1, len(w))}
        return cls(frozenset(words), frozenset(prefixes), frozenset(pairs))


def _broken_in(block: Block, page: int, dictionary: Dictionary) -> Iterator[BrokenWord]:
    lines = block.lines
    index = 0
    while index < len(lines) - 1:
        tail = lines[index].words[-1]
        if tail.endswith(tuple(_BREAKS_AFTER)):
            index += 1
            continue
        pieces = [tail]
        found = 0
        for following in range(index + 1, len(lines)):
            head = lines[following].words[0]
            pieces.append(head)
            joined = _word("".join(pieces))
            if joined in dictionary.words and any(c.isalpha() for c in joined):
                apart = (_word(pieces[-2]), _word(head))
                if len(pieces) > 2 or apart not in dictionary.pairs:
                    found = following
                break
            if joined not in dictionary.prefixes or len(lines[following].words) > 1:
                break
        if found:
            yield BrokenWord(page, tuple(pieces))
            index = found
        else:
            index += 1


def broken_words(pages: Sequence[Page], dictionary: Dictionary) -> list[BrokenWord]:
    return [
        broken
        for page in pages
        for block in page.blocks
        for broken in _broken_in(block, page.number, dictionary)
    ]


# Rows and pages -----------------------------------------------------------------------------------


def _bands(page: Page, top: float) -> list[list[Block]]:
    """The page's body (below the header area) as horizontal bands of blocks that overlap in
    height: a table row is a band of several blocks side by side, a paragraph a band of one."""
    bands: list[list[Block]] = []
    bottom = -1.0
    for block in sorted(page.blocks, key=lambda b: b.box.y0):
        if block.box.y1 <= top or not block.text.strip():
            continue
        # A row's first line overlaps the box of the previous row's last line a little.
        if bands and block.box.y0 < bottom - (block.lines[0].box.y1 - block.lines[0].box.y0) / 2:
            bands[-1].append(block)
            bottom = max(bottom, block.box.y1)
        else:
            bands.append([block])
            bottom = block.box.y1
    return bands


def _band_text(band: list[Block]) -> str:
    return " ".join(b.text for b in sorted(band, key=lambda b: b.box.x0))


def _rows(bands: list[list[Block]], sections: Sequence[str]) -> list[bool]:
    """Which bands are table rows: those with several cells or a section's title, and next to
    them, rows with text in one cell only. Those lie at the gap the table's rows keep between
    them (from one row's text to the next one's: the cell margins and the border) or with no
    space at all, where a paragraph after a table has its spacing."""

    def gap(upper: int, lower: int) -> float:
        return min(b.box.y0 for b in bands[lower]) - max(b.box.y1 for b in bands[upper])

    def between(i: int, j: int) -> float:
        return gap(min(i, j), max(i, j))

    rows = [len(band) > 1 or _section_of(band, sections) is not None for band in bands]
    changed = True
    while changed:
        changed = False
        for i in range(len(bands)):
            if rows[i]:
                continue
            for j in (i - 1, i + 1):
                k = 2 * j - i
                if not (0 <= j < len(bands) and rows[j]):
                    continue
                regular = 0 <= k < len(bands) and rows[k]
                if between(i, j) < _ROW_GAP or (
                    regular and abs(between(i, j) - between(j, k)) <= _GAP_SLACK
                ):
                    rows[i] = changed = True
                    break
    return rows


def _section_of(band: list[Block], sections: Sequence[str]) -> str | None:
    """The section title that ``band`` holds and nothing else, if any."""
    text = squash(_band_text(band))
    for title in sections:
        wanted = squash(title)
        if wanted and text.endswith(wanted) and len(text) - len(wanted) <= 4:
            return title
    return None


def margins_of(document: Path) -> list[Margins]:
    """The page sizes and margins of a .docx's sections."""
    return [
        Margins(s.page_width.pt, s.page_height.pt, s.top_margin.pt, s.bottom_margin.pt)
        for s in docx.Document(str(document)).sections
    ]


def _margins_for(page: Page, margins: Sequence[Margins]) -> Margins:
    for candidate in margins:
        if abs(candidate.width - page.width) < 2 and abs(candidate.height - page.height) < 2:
            return candidate
    raise ValueError(f"page {page.number}: no section of the document has its size")


def pagination(
    pages: Sequence[Page], margins: Sequence[Margins], sections: Sequence[str]
) -> tuple[list[PartEmptyPage], list[StrandedSection]]:
    """Pages that end a table's part early, and section rows left at a page's foot."""
    part_empty: list[PartEmptyPage] = []
    stranded: list[StrandedSection] = []
    bands = [_bands(page, _margins_for(page, margins).top) for page in pages]
    rows = [_rows(page_bands, sections) for page_bands in bands]
    for index, page in enumerate(pages[:-1]):
        here, overleaf = bands[index], bands[index + 1]
        if not (here and overleaf and rows[index][-1] and rows[index + 1][0]):
            continue
        last = here[-1]
        page_margins = _margins_for(page, margins)
        usable = page.height - page_margins.top - page_margins.bottom
        lowest = max(b.box.y1 for b in last)
        fill = (lowest - page_margins.top) / usable
        if fill < FILL_LIMIT:
            part_empty.append(PartEmptyPage(page.number, round(fill, 2), _band_text(last)[-60:]))
        title = _section_of(last, sections)
        if title is not None:
            stranded.append(StrandedSection(page.number, title))
    return part_empty, stranded


# Text present -------------------------------------------------------------------------------------


def missing_texts(
    pages: Sequence[Page], texts: Iterable[str], written: Iterable[str] = ()
) -> list[MissingText]:
    """The texts with words the PDF does not hold. With ``written`` (the .docx's texts), only
    words the .docx holds count: a word a template prints in another form (a name declined, a
    date spelled out) is not lost in print."""
    blocks = [b for page in pages for b in page.blocks if b.lines]
    printed = "".join(squash(b.text) for b in blocks)
    wanted = "".join(squash(text) for text in written)
    # A row that runs on overleaf splits its last word between the foot of one page and the top
    # of the next, with the page number and the repeated header between the two pieces (the
    # first piece may itself be broken at a hyphen across the lines above it).
    squashed = [squash(b.text) for b in blocks]
    tails = {squash(b.lines[0].words[0]) for b in blocks if b.lines[0].words}

    def found(word: str) -> bool:
        return word in printed or any(
            word[i:] in tails and any(text.endswith(word[:i]) for text in squashed)
            for i in range(1, len(word))
        )

    missing: list[MissingText] = []
    for text in dict.fromkeys(texts):
        lost = tuple(
            w
            for w in _plain(text).split()
            if squash(w) and not found(squash(w)) and (not wanted or squash(w) in wanted)
        )
        if lost:
            missing.append(MissingText(text, lost))
    return missing


# The whole check ----------------------------------------------------------------------------------


def docx_texts(document: Path) -> list[str]:
    """Every paragraph of a .docx: body, tables (nested too), headers and footers."""
    opened = docx.Document(str(document))
    parts = [opened.element.body]
    for section in opened.sections:
        parts.extend(p._element for p in (section.header, section.footer))
    text, space = qn("w:t"), {qn("w:br"), qn("w:cr"), qn("w:tab")}
    return [
        "".join(
            (node.text or "") if node.tag == text else " " if node.tag in space else ""
            for node in paragraph.iter()
        )
        for part in parts
        for paragraph in part.iter(qn("w:p"))
    ]


def document_sections(document: Document) -> list[str]:
    """The titles of every plan's section rows, with their numbers, as the rows print them: its
    sections and the top-level activities that print as sections (the order's «1. Мероприятия
    …» heading the activities 1.1, 1.2 …)."""
    from roadmapdocs.rendering.context import plan_rows

    return [
        _plain(row["title"])
        for _, plan in walk.plans(document)
        for row in plan_rows(plan)
        if row["kind"] == "section"
    ]


def check_pdf(
    pdf: Path,
    *,
    margins: Sequence[Margins],
    dictionary: Iterable[str],
    texts: Iterable[str] = (),
    written: Iterable[str] = (),
    sections: Sequence[str] = (),
) -> PrintReport:
    """Check ``pdf`` against the words it should break correctly (``dictionary``), the texts it
    should hold (of the words ``written`` holds, when given) and the section titles whose rows
    should not end a page."""
    pages = read_pages(pdf)
    part_empty, stranded = pagination(pages, margins, sections)
    return PrintReport(
        pages=len(pages),
        landscape_pages=sum(page.landscape for page in pages),
        broken_words=broken_words(pages, Dictionary.of(dictionary)),
        part_empty_pages=part_empty,
        stranded_sections=stranded,
        missing_texts=missing_texts(pages, texts, written),
    )


def check(
    pdf: Path, rendered: Path, document: Document | None = None, *, sections: Sequence[str] = ()
) -> PrintReport:
    """Check ``pdf``, made from the .docx ``rendered`` (of ``document``, when given): the words of
    both are the dictionary; the document's texts (else the .docx's) must all be printed; its
    sections' rows (and ``sections``) must not end a page."""
    written = docx_texts(rendered)
    model = [text for _, text in walk.texts(document)] if document is not None else []
    titles = [*sections, *(document_sections(document) if document is not None else ())]
    return check_pdf(
        pdf,
        margins=margins_of(rendered),
        dictionary=[*written, *model],
        texts=model or written,
        written=written,
        sections=titles,
    )
