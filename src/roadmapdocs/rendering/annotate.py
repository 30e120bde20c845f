"""Findings as Word comments, each anchored where the reviewer sees the problem.

A finding knows its field path in the model («plan.sections[2].activities[6].responsible»), not
a place in a .docx; and a template may lay the document out however it likes. So the anchor is
found from the document's own words, not from the template's structure:

1. The finding's path is walked up to the nearest *numbered element* — activity, section,
   control point, indicator, indicator group, risk group, direction, clause or appendix.
2. That element is looked for among the table rows and free paragraphs of the rendered body by
   its text (activity text, point text, indicator name, section title …) and its printed number.
   Text is compared without spaces, case, soft hyphens, and with dashes, quotes and «ё» folded,
   so non-breaking spaces, paragraph breaks and typography do not matter.
3. The elements of one list (a plan, the control points …) are printed in order, so each is
   looked for after the one before it: the second of two identical activities lands on the
   second row, not the first. Elements with no text (an empty row «3») are found by their number
   between the rows of their neighbours.
4. A path that leads to no numbered element (the goal, the title) is looked for by its own text.
5. What cannot be found is attached to the title (or the first paragraph), and the comment says
   which field it is about. No finding is ever dropped.

A row is commented from its first run to its last, across its cells; a paragraph from its first
run to its last. A row or paragraph with no runs gets an empty run to hold the range.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from docx.document import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.run import Run
from pydantic import BaseModel

from roadmapdocs.lang.deadline import Deadline
from roadmapdocs.messages import DEFAULT_LANG, Lang, Phrase
from roadmapdocs.model import walk
from roadmapdocs.model.activity import Activity, Plan
from roadmapdocs.model.document import DocumentBase
from roadmapdocs.model.kinds import spec_of
from roadmapdocs.rendering.moment import now
from roadmapdocs.rules.base import Finding
from roadmapdocs.sourcemap import PathKey

AUTHOR = "roadmapdocs"
INITIALS = "RD"

Where = Literal["row", "paragraph", "fallback"]

# Text is compared as a key: no whitespace or invisible characters, case folded, typography
# (dashes, quotes, «ё») reduced to one form.
_FOLD = str.maketrans(
    {
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        **dict.fromkeys("«»„“”‟″", '"'),
        **dict.fromkeys("‘’‚‛′`", "'"),
        "ё": "е",
    }
)
_GAPS = re.compile(r"[\s\u00ad\u200b-\u200d\u2060\ufeff]+")
# A key longer than this is also looked for by its beginning, in case a template shortens it.
_PREFIX = 24
# Shorter text identifies nothing: «ОО» or «1» would be found everywhere.
_SHORTEST = 4
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _key(text: str) -> str:
    return _GAPS.sub("", text.casefold().translate(_FOLD))


@dataclass(frozen=True)
class Placement:
    """Where the comment of one finding went: on a table row, a paragraph, or the fallback."""

    finding: Finding
    where: Where


# The rendered document: its rows and free paragraphs in reading order -----------------------


@dataclass
class _Block:
    """A table row (its cells) or a paragraph outside tables (one «cell»), as keys."""

    element: Any
    is_row: bool
    cells: list[str]
    text: str = field(init=False)

    def __post_init__(self) -> None:
        self.text = "".join(self.cells)


def _element_text(element: Any) -> str:
    parts: list[str] = []
    for node in element.iter(qn("w:t"), qn("w:noBreakHyphen")):
        parts.append(node.text or "" if node.tag == qn("w:t") else "-")
    return "".join(parts)


def _inside(element: Any, *tags: str) -> bool:
    wanted = {qn(tag) for tag in tags}
    return any(ancestor.tag in wanted for ancestor in element.iterancestors())


def _blocks(body: Any) -> list[_Block]:
    found: list[_Block] = []
    for element in body.iter(qn("w:tr"), qn("w:p")):
        if element.tag == qn("w:tr"):
            cells = element.xpath("./w:tc | ./w:sdt/w:sdtContent/w:tc")
            if cells:  # a row without cells is not valid Word and holds nothing to comment on
                found.append(_Block(element, True, [_key(_element_text(c)) for c in cells]))
        elif not _inside(element, "w:tc", "w:txbxContent"):
            found.append(_Block(element, False, [_key(_element_text(element))]))
    return found


def _runs(element: Any) -> list[Any]:
    """The runs of a row or paragraph that can hold a comment range, in order."""
    return [
        run
        for run in element.iter(qn("w:r"))
        if run.getparent().tag in (qn("w:p"), qn("w:hyperlink"))
        and run.find(qn("w:commentReference")) is None
        and not _inside(run, "w:txbxContent")
    ]


def _span(block: _Block) -> tuple[Any, Any]:
    """The first and last run of a block, an empty run added when it has none."""
    runs = _runs(block.element)
    if runs:
        return runs[0], runs[-1]
    paragraph = block.element
    if block.is_row:
        paragraph = next(block.element.iter(qn("w:p")), None)
        if paragraph is None:  # a cell must hold a paragraph; make one if a template did not
            cell = next(block.element.iter(qn("w:tc")))
            paragraph = OxmlElement("w:p")
            cell.append(paragraph)
    run = OxmlElement("w:r")
    paragraph.append(run)
    return run, run


# The model: numbered elements, each in the list it is printed in --------------------------


@dataclass(frozen=True)
class _Element:
    path: PathKey
    number: str
    text: str
    group: PathKey
    """The list the element is printed in; its elements appear in this order."""
    row: bool | None
    """Whether the element is usually a table row (True), a paragraph (False), or either."""
    position: str = ""
    """Its place in its list («3»), which a template may print when the document gives no
    number; not used for activities and sections, whose numbers are hierarchical."""


def _text_of(value: Any) -> str:
    if isinstance(value, Deadline):
        return value.text
    return value if isinstance(value, str) else ""


def _make(
    item: Any, path: PathKey, group: PathKey, row: bool | None, position: int | None = None
) -> _Element:
    number = _text_of(getattr(item, "number", None)).strip().rstrip(".")
    text = ""
    for name in ("text", "title", "name", "risk"):
        text = _text_of(getattr(item, name, None))
        if text.strip():
            break
    place = "" if position is None else str(position + 1)
    return _Element(path, _key(number), _key(text), group, row, place)


def _activity_elements(items: list[Activity], path: PathKey, group: PathKey) -> Iterator[_Element]:
    for index, activity in enumerate(items):
        here = (*path, index)
        yield _make(activity, here, group, True)
        yield from _activity_elements(activity.activities, (*here, "activities"), group)


def _plan_elements(plan: Plan, path: PathKey) -> Iterator[_Element]:
    # The order plan tables print rows in: free activities first, then each section.
    yield from _activity_elements(plan.activities, (*path, "activities"), path)
    for index, section in enumerate(plan.sections):
        here = (*path, "sections", index)
        yield _make(section, here, path, True)
        yield from _activity_elements(section.activities, (*here, "activities"), path)


def _elements(document: DocumentBase) -> Iterator[_Element]:
    """Every numbered element of the document, each list in printing order."""
    for listed in spec_of(document).lists:
        name = listed.field
        items = getattr(document, name, None)
        if not isinstance(items, list):
            continue
        group: PathKey = (name,)
        for index, item in enumerate(items):
            if not isinstance(item, BaseModel):
                continue  # a list of plain strings (a passport's directions): found by text
            yield _make(item, (name, index), group, listed.row, index)
            for inner, indicator in enumerate(getattr(item, "indicators", None) or []):
                yield _make(indicator, (name, index, "indicators", inner), group, True, inner)
    for path, plan in walk.plans(document):
        yield from _plan_elements(plan, path)


# Matching -----------------------------------------------------------------------------------


def _numbered(block: _Block, element: _Element) -> bool:
    """Whether the block prints the element's number: a cell that is the number, or a cell that
    starts with the number and then the element's text («1 Мероприятия …», «2. Утвердить …»).

    A textless element takes a block whose first filled cell starts with the number; «1» does
    not match «1.1» or «12».
    """
    number = element.number
    if number in block.cells:
        return True
    if element.text:
        head = element.text[:_PREFIX]
        return any(
            cell.startswith(number) and cell[len(number) :].lstrip(".)").startswith(head)
            for cell in block.cells
        )
    first = next((cell for cell in block.cells if cell), "")
    return re.match(re.escape(number) + r"(?!\.?\d)", first) is not None


Score = tuple[bool, int, bool]


def _score(element: _Element, block: _Block) -> Score | None:
    """How well ``block`` shows ``element``; None when it does not show it at all."""
    text = 0
    if element.text:
        if element.text in block.cells:
            text = 3
        elif element.text in block.text:
            text = 2
        elif len(element.text) > _PREFIX and element.text[:_PREFIX] in block.text:
            text = 1
        else:
            return None
    number = bool(element.number) and _numbered(block, element)
    if not text and not number:
        return None
    return number, text, element.row is None or block.is_row == element.row


def _best(element: _Element, blocks: Sequence[_Block], after: int, before: int) -> int | None:
    """The best-scoring block strictly between ``after`` and ``before``; the earliest on a tie."""
    best: Score | None = None
    found: int | None = None
    for index in range(after + 1, before):
        score = _score(element, blocks[index])
        if score is not None and (best is None or score > best):
            best, found = score, index
    return found


def _resolve(group: list[_Element], blocks: Sequence[_Block]) -> dict[PathKey, int]:
    """The block of each element of one list that can be found."""
    found: dict[PathKey, int] = {}
    last = -1
    for element in group:
        # Without text, or with text too short to tell rows apart unless a number comes with it,
        # the element waits for the second pass.
        if not element.text or (len(element.text) < _SHORTEST and not element.number):
            continue
        index = _best(element, blocks, last, len(blocks))
        if index is not None:
            last = index
        else:  # the template prints this list in another order
            index = _best(element, blocks, -1, len(blocks))
        if index is not None:
            found[element.path] = index
    if not found:
        return found
    positions = [found.get(element.path) for element in group]
    _by_numbers(group, blocks, positions)
    _fill_gaps(group, blocks, positions)
    return {e.path: p for e, p in zip(group, positions, strict=True) if p is not None}


def _by_numbers(
    group: list[_Element], blocks: Sequence[_Block], positions: list[int | None]
) -> None:
    """Elements not found by text (none, or changed by the template), by their number — printed,
    else their place in the list — between the blocks of their neighbours."""
    for place, element in enumerate(group):
        number = element.number or element.position
        if positions[place] is not None or not number:
            continue
        after = max((p for p in positions[:place] if p is not None), default=-1)
        before = min((p for p in positions[place + 1 :] if p is not None), default=len(blocks))
        probe = _Element(element.path, number, "", element.group, element.row)
        positions[place] = _best(probe, blocks, after, before)


def _fill_gaps(
    group: list[_Element], blocks: Sequence[_Block], positions: list[int | None]
) -> None:
    """Elements still not found, when exactly as many rows stand between their neighbours.

    An empty plan row with no number («мероприятие 11.5» with no text) is the one row between
    11.4 and the heading of section 12.
    """
    place = 0
    while place < len(group):
        if positions[place] is not None:
            place += 1
            continue
        end = place
        while end < len(group) and positions[end] is None:
            end += 1
        after = positions[place - 1] if place else None
        before = positions[end] if end < len(group) else None
        if after is not None and before is not None and before - after - 1 == end - place:
            between = range(after + 1, before)
            if all(blocks[index].is_row for index in between):
                positions[place:end] = list(between)
        place = end


class _Anchors:
    """Finds the block of a finding, resolving each list of elements once, when first needed."""

    def __init__(self, document: DocumentBase, blocks: list[_Block]) -> None:
        self.document = document
        self.blocks = blocks
        self.elements = {e.path: e for e in _elements(document)}
        self.groups: dict[PathKey, list[_Element]] = {}
        for element in self.elements.values():
            self.groups.setdefault(element.group, []).append(element)
        self.resolved: dict[PathKey, dict[PathKey, int]] = {}

    def _element_block(self, element: _Element) -> int | None:
        if element.group not in self.resolved:
            self.resolved[element.group] = _resolve(self.groups[element.group], self.blocks)
        return self.resolved[element.group].get(element.path)

    def _text_block(self, text: str) -> int | None:
        wanted = _key(text)
        if len(wanted) < _SHORTEST:
            return None
        return _best(_Element((), "", wanted, (), None), self.blocks, -1, len(self.blocks))

    def find(self, path: PathKey) -> int | None:
        """The block of the nearest numbered element on ``path``, else of the value's own text."""
        for end in range(len(path), 0, -1):
            element = self.elements.get(path[:end])
            if element is not None:
                index = self._element_block(element)
                if index is not None:
                    return index
        return self._text_block(_text_of(walk.value_at(self.document, path))) if path else None

    def fallback(self) -> int:
        """The title's paragraph, else the first paragraph with text, else the first block."""
        index = self._text_block(self.document.title)
        if index is not None:
            return index
        for number, block in enumerate(self.blocks):
            if not block.is_row and block.text:
                return number
        return 0


# Comments -----------------------------------------------------------------------------------


_SUGGESTION = Phrase("Как исправить: {suggestion}", "Suggestion: {suggestion}")
_NOT_FOUND = Phrase(
    "Место в документе не найдено; поле: {field}", "Not found in the document; field: {field}"
)
_WHOLE_DOCUMENT = Phrase("Замечание ко всему документу.", "About the document.")


def comment_text(finding: Finding, lang: Lang = DEFAULT_LANG, *, located: bool = True) -> str:
    """«Ошибка. RD101 missing-responsible: мероприятие 3.7: не указан ответственный», the
    suggestion on a line of its own, and, for a finding not found in the document, its field."""
    head = f"{finding.severity.label(lang).capitalize()}. {finding.code} {finding.name}: "
    if finding.element:
        head += f"{finding.element}: "
    lines = [head + finding.message]
    if finding.suggestion:
        lines.append(_SUGGESTION.format(suggestion=finding.suggestion).in_(lang))
    if not located:
        if finding.path:
            where = finding.dotted_path or ".".join(str(part) for part in finding.path)
            lines.append(_NOT_FOUND.format(field=where).in_(lang))
        else:
            lines.append(_WHOLE_DOCUMENT.in_(lang))
    return _XML_UNSAFE.sub("", "\n".join(lines))


def annotate(
    docx_document: WordDocument,
    document: DocumentBase,
    findings: Iterable[Finding],
    *,
    author: str = AUTHOR,
    lang: Lang = DEFAULT_LANG,
) -> list[Placement]:
    """Add a Word comment for each finding to ``docx_document``, rendered from ``document``.

    Returns where each comment went, in the order of ``findings``. Without findings the document
    is left untouched (no comments part is added).
    """
    todo = list(findings)
    if not todo:
        return []
    moment = now()
    body = docx_document.element.body
    blocks = _blocks(body)
    if not blocks:  # an empty body: give the comments a paragraph to sit on
        body.insert(0, OxmlElement("w:p"))
        blocks = _blocks(body)
    anchors = _Anchors(document, blocks)
    spans: dict[int, tuple[Any, Any]] = {}
    placements: list[Placement] = []
    for finding in todo:
        index = anchors.find(finding.path)
        located = index is not None
        if index is None:
            index = anchors.fallback()
        block = blocks[index]
        if index not in spans:  # computed before any comment, so ranges never take a marker in
            spans[index] = _span(block)
        first, last = spans[index]
        comment = docx_document.add_comment(
            [Run(first, docx_document), Run(last, docx_document)],
            text=comment_text(finding, lang, located=located),
            author=author,
            initials=INITIALS,
        )
        # python-docx stamps the current time and offers no setter; its element takes the date.
        element = getattr(comment, "_comment_elm", None)
        if element is not None:
            element.date = moment
        where: Where = ("row" if block.is_row else "paragraph") if located else "fallback"
        placements.append(Placement(finding, where))
    return placements
