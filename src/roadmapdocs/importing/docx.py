"""Reading a Word document (.docx) into the neutral form of :mod:`roadmapdocs.importing.raw`.

python-docx opens the package and gives the parts (body, styles, numbering, footnotes); the
body is then walked here, element by element in document order, because the neutral form needs
what python-docx's objects do not say: the grid of a table with its horizontal and vertical
merges resolved (``w:gridSpan``, ``w:vMerge``, ``w:gridBefore``), the labels Word's
auto-numbering prints («1.1.»), which are not in the text at all, page breaks and section
breaks between paragraphs, and text in content controls and insertions.

What is read:

- a paragraph outside tables is a :class:`RawParagraph`; empty paragraphs are not blocks, but
  they are counted, so «абзац 7» is the seventh paragraph of the body as Word holds it (the
  paragraphs of a text box are counted just before the paragraph it is anchored in);
- a table is a :class:`RawTable`; a merged cell appears once, at its first row and grid column,
  with its spans; a table inside a cell gives its text to that cell, a line per paragraph;
- a label of auto-numbering is written in front of the paragraph's text («1.1. Текст»), a
  bullet as «- »; a number with no text after it is the text («1.1.»: the «№» column of a
  plan numbered by Word), an empty bullet is nothing;
- soft hyphens (U+00AD, ``w:softHyphen``) are dropped: they are invisible, and a reader of the
  text wants the word whole; a non-breaking hyphen is «-»;
- a text box anchored in a body paragraph («УТВЕРЖДАЮ», an appendix mark) gives its
  paragraphs just before that paragraph's, at the right when the box stands there;
- deleted text of tracked changes and hidden runs are not read, nor headers and footers.

A file that is no Word document — an old binary .doc, a password-protected .docx, a damaged or
foreign archive — is one located :class:`~roadmapdocs.errors.LoadError` saying what to do.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from roadmapdocs import limits
from roadmapdocs.archive import as_load_error, check_docx
from roadmapdocs.errors import RoadmapdocsError
from roadmapdocs.importing.outcome import refuse
from roadmapdocs.importing.raw import (
    Block,
    Place,
    RawCell,
    RawDocument,
    RawParagraph,
    RawRow,
    RawTable,
)
from roadmapdocs.messages import Phrase

__all__ = ["ole_contents", "opened", "read"]

Loaded = TypeVar("Loaded")

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _TBL, _TR, _TC, _R = _W + "p", _W + "tbl", _W + "tr", _W + "tc", _W + "r"
_T, _TAB, _BR, _CR = _W + "t", _W + "tab", _W + "br", _W + "cr"
_PTAB, _NB_HYPHEN = _W + "ptab", _W + "noBreakHyphen"
_PPR, _RPR, _TCPR, _TRPR = _W + "pPr", _W + "rPr", _W + "tcPr", _W + "trPr"
_VAL = _W + "val"
_SOFT_HYPHEN = "\u00ad"

_WRAPPERS = frozenset(
    {_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "ins", _W + "smartTag"}
)
"""Elements that hold blocks, rows or cells without being one: content controls, custom XML,
tracked insertions. Their children are read as if they stood in their place."""
_UNREAD = frozenset({_W + "del", _W + "moveFrom", _W + "txbxContent", _MC + "Fallback"})
"""Runs under these are not the paragraph's text: deleted text, text boxes, and the fallback
copy of a drawing (its text box is there a second time)."""
_OFF = frozenset({"0", "false", "off", "none"})


def _on(element: Any) -> bool | None:
    """The value of an on/off property element (``<w:b/>``, ``<w:b w:val="0"/>``); None when
    the element is absent."""
    if element is None:
        return None
    return str(element.get(_VAL, "true")).lower() not in _OFF


def _first_row_formatted(look: Any) -> bool:
    """Whether ``w:tblLook`` asks for the table style's first-row formatting: an attribute in
    newer files, a bit of a hexadecimal mask in older ones; Word's default when absent."""
    if look is None:
        return True
    flag = look.get(_W + "firstRow")
    if flag is not None:
        return str(flag).lower() not in _OFF
    try:
        return bool(int(str(look.get(_VAL, "04A0")), 16) & 0x0020)
    except ValueError:
        return True


def _int(value: Any, default: int = 0) -> int:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return default


# --- bad input ------------------------------------------------------------------------------

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
_CHUNK = 1 << 20


def ole_contents(path: Path, names: tuple[str, ...]) -> str | None:
    """What an OLE compound file holds, for the message that refuses it: ``"encrypted"`` for a
    password-protected Office Open XML package (its streams ``EncryptionInfo`` and
    ``EncryptedPackage``), the first of ``names`` (stream names such as ``WordDocument``) that
    it holds, or None when it is no OLE file or nothing is recognised.

    Stream names are UTF-16 in the file's directory, which may stand anywhere in it; the file is
    searched in chunks, no further than the bound on its size.
    """
    wanted = [("encrypted", marker) for marker in _ENCRYPTED]
    wanted += [(name, name.encode("utf-16-le")) for name in names]
    longest = max(len(marker) for _, marker in wanted)
    try:
        with path.open("rb") as handle:
            if handle.read(len(_OLE)) != _OLE:
                return None
            found: set[str] = set()
            tail = b""
            left = limits.current().file_bytes
            while left > 0:
                chunk = handle.read(min(_CHUNK, left))
                if not chunk:
                    break
                left -= len(chunk)
                window = tail + chunk
                found.update(name for name, marker in wanted if marker in window)
                tail = window[-longest:]
    except OSError:
        return None  # the archive check says why the file cannot be read
    for name, _ in wanted:
        if name in found:
            return name
    return None


_DOC = Phrase(
    "это файл Word 97–2003 (.doc): сохраните его в Word как .docx («Файл → Сохранить как → "
    "Документ Word»)",
    "this is a Word 97–2003 file (.doc): save it in Word as .docx («File → Save As → Word "
    "Document»)",
)
_ENCRYPTED_DOCX = Phrase(
    "документ защищён паролем (зашифрован), и прочесть его нельзя: откройте его в Word, снимите "
    "пароль («Файл → Сведения → Защита документа → Зашифровать с использованием пароля», "
    "очистите поле) и сохраните",
    "the document is password-protected (encrypted) and cannot be read: open it in Word, remove "
    "the password («File → Info → Protect Document → Encrypt with Password», clear the field) "
    "and save it",
)
_DAMAGED = Phrase(
    "файл не открывается как {noun}: архив повреждён — {detail}; скопируйте или сохраните "
    "файл заново",
    "the file does not open as a {noun}: the archive is damaged — {detail}; copy or save the "
    "file again",
)
_BROKEN_CONTENT = Phrase(
    "файл не открывается как {noun}: его содержимое повреждено ({detail}); откройте файл в "
    "программе, где он сделан, и сохраните заново",
    "the file does not open as a {noun}: its content is damaged ({detail}); open it in the "
    "program that made it and save it again",
)
_WORD = Phrase("документ Word (.docx)", "Word document (.docx)")
_NOT_DOCUMENT = Phrase(
    "это не обычный документ Word (.docx), а «{kind}» (документ с макросами или шаблон): "
    "сохраните его в Word как «Документ Word (.docx)»",
    "this is no plain Word document (.docx) but «{kind}» (a macro-enabled document or a "
    "template): save it in Word as «Word Document (.docx)»",
)


def opened(
    path: Path, noun: Phrase, check: Callable[[], None], load: Callable[[], Loaded]
) -> Loaded:
    """What ``load`` makes of the file, after ``check`` (the archive check) passed.

    Both are given untrusted bytes, and a damaged file makes them fail in ways of their own:
    zipfile refuses a member whose two headers disagree or a version it does not know, and
    python-docx and openpyxl fail with whatever error their parsing meets. Each is a damaged
    file, said as one located error; the error is not the program's.
    """
    import zipfile

    try:
        check()
    except NotImplementedError as exc:  # zipfile: «zip file version 7.7»
        raise refuse(path, "archive", _DAMAGED.format(noun=noun, detail=exc)) from None
    try:
        return load()
    except RoadmapdocsError:
        raise
    except (zipfile.BadZipFile, NotImplementedError, EOFError) as exc:
        raise refuse(path, "archive", _DAMAGED.format(noun=noun, detail=exc)) from None
    except Exception as exc:  # a library's own parsing of a damaged part
        detail = f"{type(exc).__name__}: {exc}"
        raise refuse(path, "archive", _BROKEN_CONTENT.format(noun=noun, detail=detail)) from None


def _document(path: Path) -> Any:
    import docx

    try:
        return docx.Document(str(path))
    except ValueError as exc:
        if "content type" not in str(exc):
            raise
        # A macro-enabled document (.docm) or a template (.dotx): python-docx opens neither.
        kind = str(exc).rpartition("content type is ")[2].strip("'")
        raise refuse(path, "archive", _NOT_DOCUMENT.format(kind=kind)) from None


def _open(path: Path) -> Any:
    """The python-docx document, once the file is known to be a sound .docx."""
    held = ole_contents(path, ("WordDocument",))
    if held == "encrypted":
        raise refuse(path, "encrypted", _ENCRYPTED_DOCX)
    if held == "WordDocument":
        raise refuse(path, "old-format", _DOC)
    return opened(
        path,
        _WORD,
        lambda: check_docx(path, broken=as_load_error),
        lambda: _document(path),
    )


# --- styles ---------------------------------------------------------------------------------


@dataclass
class _Style:
    name: str
    based_on: str | None
    ppr: Any
    rpr: Any
    conditional: tuple[Any, ...] = ()
    """A table style's formatting of parts of the table (``w:tblStylePr``: first row…)."""


class _Styles:
    """The properties paragraphs and runs take from styles.xml, through ``w:basedOn``."""

    def __init__(self, element: Any) -> None:
        from docx.styles import BabelFish

        self.paragraph: dict[str, _Style] = {}
        self.character: dict[str, _Style] = {}
        self.table: dict[str, _Style] = {}
        self.default_paragraph: str | None = None
        self.default_bold = False
        self._cache: dict[tuple[str, str, str], Any] = {}
        if element is None:
            return
        defaults = element.find(f"{_W}docDefaults/{_W}rPrDefault/{_RPR}")
        if defaults is not None:
            self.default_bold = bool(_on(defaults.find(_W + "b")))
        for style in element.iterchildren(_W + "style"):
            kind = style.get(_W + "type")
            ident = style.get(_W + "styleId")
            if ident is None:
                continue
            name = style.find(_W + "name")
            based = style.find(_W + "basedOn")
            entry = _Style(
                BabelFish.internal2ui(str(name.get(_VAL, ident)) if name is not None else ident),
                str(based.get(_VAL)) if based is not None else None,
                style.find(_PPR),
                style.find(_RPR),
                tuple(style.iterchildren(_W + "tblStylePr")),
            )
            if kind == "paragraph":
                self.paragraph[ident] = entry
                default = str(style.get(_W + "default", "")).lower() in ("1", "true", "on")
                if default and self.default_paragraph is None:
                    self.default_paragraph = ident
            elif kind == "character":
                self.character[ident] = entry
            elif kind == "table":
                self.table[ident] = entry

    def chain(self, table: dict[str, _Style], ident: str | None) -> Iterator[_Style]:
        seen: set[str] = set()
        while ident is not None and ident in table and ident not in seen:
            seen.add(ident)
            style = table[ident]
            yield style
            ident = style.based_on

    def paragraph_style(self, ppr: Any) -> str | None:
        found = ppr.find(_W + "pStyle") if ppr is not None else None
        return str(found.get(_VAL)) if found is not None else self.default_paragraph

    def name(self, ident: str | None) -> str:
        style = self.paragraph.get(ident) if ident is not None else None
        return style.name if style is not None else ""

    def paragraph_property(self, ident: str | None, tag: str) -> Any:
        """The nearest ``w:pPr`` child ``tag`` of the style ``ident`` or a style it is based on."""
        key = ("p", ident or "", tag)
        if key not in self._cache:
            found = None
            for style in self.chain(self.paragraph, ident):
                if style.ppr is not None and (found := style.ppr.find(tag)) is not None:
                    break
            self._cache[key] = found
        return self._cache[key]

    def _bold_of(self, table: dict[str, _Style], ident: str | None, kind: str) -> bool | None:
        key = (kind, ident or "", "b")
        if key not in self._cache:
            found = None
            for style in self.chain(table, ident):
                if style.rpr is not None and (found := _on(style.rpr.find(_W + "b"))) is not None:
                    break
            self._cache[key] = found
        value: bool | None = self._cache[key]
        return value

    def table_bold(self, table: Any, first_row: bool) -> bool | None:
        """What a table's style says of bold in a row: its first row's own formatting when the
        table asks for it (``w:tblLook``), else the style's; None when it says nothing."""
        tblpr = table.find(_W + "tblPr")
        found = tblpr.find(_W + "tblStyle") if tblpr is not None else None
        if found is None:
            return None
        ident = str(found.get(_VAL))
        if first_row and _first_row_formatted(tblpr.find(_W + "tblLook")):
            for style in self.chain(self.table, ident):
                for part in style.conditional:
                    if part.get(_W + "type") == "firstRow":
                        bold = _on(part.find(f"{_RPR}/{_W}b"))
                        if bold is not None:
                            return bold
        return self._bold_of(self.table, ident, "t")

    def bold(self, rpr: Any, paragraph_style: str | None, table: bool | None = None) -> bool:
        """Whether a run is bold: its own property, its character style, its paragraph's
        style, its table's style (``table``), the document's default — the first that says."""
        if rpr is not None:
            direct = _on(rpr.find(_W + "b"))
            if direct is not None:
                return direct
            character = rpr.find(_W + "rStyle")
            if character is not None:
                found = self._bold_of(self.character, str(character.get(_VAL)), "c")
                if found is not None:
                    return found
        found = self._bold_of(self.paragraph, paragraph_style, "p")
        if found is None:
            found = table
        return self.default_bold if found is None else found


# --- numbering ------------------------------------------------------------------------------

_BULLET = "- "
"""A bullet's label, whatever character the list shows."""
_PLACEHOLDER = re.compile("%([1-9])")
"""A level's number in ``w:lvlText``: «%1.%2.» shows the first two levels' numbers."""
_RUSSIAN = "абвгдежзиклмнопрстуфхцчшщэюя"
_LATIN = "abcdefghijklmnopqrstuvwxyz"
_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def _letters(number: int, alphabet: str) -> str:
    """Word's letter numbering: a … z, then aa … zz, bbb …: the letter repeated."""
    if number < 1:
        return str(number)
    return alphabet[(number - 1) % len(alphabet)] * ((number - 1) // len(alphabet) + 1)


def _roman(number: int) -> str:
    if not 0 < number < 4000:
        return str(number)
    out = ""
    for value, digits in _ROMAN:
        while number >= value:
            out += digits
            number -= value
    return out


def _formatted(number: int, fmt: str) -> str:
    if fmt == "decimalZero":
        return f"{number:02d}"
    if fmt == "lowerRoman":
        return _roman(number)
    if fmt == "upperRoman":
        return _roman(number).upper()
    if fmt == "lowerLetter":
        return _letters(number, _LATIN)
    if fmt == "upperLetter":
        return _letters(number, _LATIN).upper()
    if fmt == "russianLower":
        return _letters(number, _RUSSIAN)
    if fmt == "russianUpper":
        return _letters(number, _RUSSIAN).upper()
    if fmt == "none":
        return ""
    return str(number)  # decimal, and the formats spelt in words, which lists seldom use


@dataclass(frozen=True)
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None
    """``w:lvlRestart``: levels above it restart this one (0: never); None: every level above."""
    legal: bool = False
    """``w:isLgl``: the numbers of every level shown as decimals."""


def _level(element: Any) -> _Level:
    def val(tag: str) -> str | None:
        found = element.find(_W + tag)
        return None if found is None else str(found.get(_VAL, ""))

    restart = val("lvlRestart")
    return _Level(
        start=_int(val("start"), 1),
        fmt=val("numFmt") or "decimal",
        text=val("lvlText") or "",
        restart=None if restart is None else _int(restart),
        legal=bool(_on(element.find(_W + "isLgl"))),
    )


@dataclass
class _List:
    levels: dict[int, _Level]
    counters: dict[int, int] = field(default_factory=dict)


class _Numbering:
    """The labels of Word's auto-numbering, counted in document order as Word counts them.

    A ``w:num`` refers to an ``w:abstractNum`` (the levels); lists that share one continue each
    other's numbers, as in Word, unless a ``w:num`` overrides a level's start
    (``w:lvlOverride/w:startOverride``, what «начать заново» writes) or the whole level.
    """

    def __init__(self, element: Any, styles: _Styles) -> None:
        self._styles = styles
        self._abstract: dict[str, _List] = {}
        self._style_levels: dict[str, int] = {}
        """Paragraph style → the level that names it (``w:lvl/w:pStyle``)."""
        self._num: dict[str, tuple[str, dict[int, _Level], dict[int, int]]] = {}
        self._started: set[str] = set()
        self._links: dict[str, str] = {}
        if element is None:
            return
        for abstract in element.iterchildren(_W + "abstractNum"):
            ident = str(abstract.get(_W + "abstractNumId"))
            levels: dict[int, _Level] = {}
            for lvl in abstract.iterchildren(_W + "lvl"):
                index = _int(lvl.get(_W + "ilvl"))
                levels[index] = _level(lvl)
                pstyle = lvl.find(_W + "pStyle")
                if pstyle is not None:
                    self._style_levels.setdefault(str(pstyle.get(_VAL)), index)
            self._abstract[ident] = _List(levels)
            link = abstract.find(_W + "numStyleLink")
            if link is not None:
                self._links[ident] = str(link.get(_VAL))
        for num in element.iterchildren(_W + "num"):
            ident = str(num.get(_W + "numId"))
            target = num.find(_W + "abstractNumId")
            if target is None:
                continue
            overrides: dict[int, _Level] = {}
            starts: dict[int, int] = {}
            for override in num.iterchildren(_W + "lvlOverride"):
                index = _int(override.get(_W + "ilvl"))
                start = override.find(_W + "startOverride")
                if start is not None:
                    starts[index] = _int(start.get(_VAL), 1)
                lvl = override.find(_W + "lvl")
                if lvl is not None:
                    overrides[index] = _level(lvl)
            self._num[ident] = (str(target.get(_VAL)), overrides, starts)

    def _abstract_of(self, num: str) -> str | None:
        """The abstract list a ``w:num`` counts in, through a numbering style's link."""
        entry = self._num.get(num)
        if entry is None:
            return None
        abstract = entry[0]
        link = self._links.get(abstract)
        if link is not None:  # the levels are those of the numbering style's own list
            style_num = None
            for style in self._styles.chain(self._styles.paragraph, link):
                found = style.ppr.find(f"{_W}numPr/{_W}numId") if style.ppr is not None else None
                if found is not None:
                    style_num = str(found.get(_VAL))
                    break
            linked = self._num.get(style_num) if style_num is not None else None
            if linked is not None:
                abstract = linked[0]
        return abstract if abstract in self._abstract else None

    def _target(self, ppr: Any, style: str | None) -> tuple[str, int] | None:
        """The ``w:num`` and level of a paragraph: its own ``w:numPr``, or its style's."""
        direct = ppr.find(_W + "numPr") if ppr is not None else None
        num = level = None
        if direct is not None:
            found = direct.find(_W + "numId")
            num = None if found is None else str(found.get(_VAL))
            found = direct.find(_W + "ilvl")
            level = None if found is None else _int(found.get(_VAL))
        if num is None:
            inherited = self._styles.paragraph_property(style, _W + "numPr")
            if inherited is None:
                return None
            found = inherited.find(_W + "numId")
            num = None if found is None else str(found.get(_VAL))
            if level is None:
                found = inherited.find(_W + "ilvl")
                if found is not None:
                    level = _int(found.get(_VAL))
                elif style is not None and style in self._style_levels:
                    level = self._style_levels[style]
        if num is None or num == "0":  # numId 0 takes the numbering away
            return None
        return num, level or 0

    def label(self, ppr: Any, style: str | None) -> str:
        """The next label of the paragraph's list («1.2.», «- »), or "" for no list."""
        target = self._target(ppr, style)
        if target is None:
            return ""
        num, level = target
        abstract = self._abstract_of(num)
        if abstract is None:
            return ""
        lst = self._abstract[abstract]
        _, overrides, starts = self._num[num]
        levels = {**lst.levels, **overrides}
        if num not in self._started:
            self._started.add(num)
            for index, start in starts.items():
                lst.counters.pop(index, None)
                levels[index] = replace(levels.get(index, _Level()), start=start)
            if starts:
                self._num[num] = (self._num[num][0], levels, {})
        definition = levels.get(level, _Level())
        counters = lst.counters
        counters[level] = counters[level] + 1 if level in counters else definition.start
        for deeper in [index for index in counters if index > level]:
            restart = levels.get(deeper, _Level()).restart
            if restart is None or (restart != 0 and level < restart):
                del counters[deeper]
        if definition.fmt == "bullet":
            return _BULLET

        def number(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            shown = levels.get(index, _Level())
            fmt = "decimal" if definition.legal and shown.fmt != "none" else shown.fmt
            return _formatted(counters.get(index, shown.start), fmt)

        text = _PLACEHOLDER.sub(number, definition.text)
        return f"{text} " if text.strip() else ""


# --- the body -------------------------------------------------------------------------------


@dataclass
class _Text:
    """A paragraph's text and what was seen while reading it."""

    text: str = ""
    bold: bool = False
    """Every run with letters is bold (and there is one)."""
    letters: bool = False
    break_at_start: bool = False
    break_after: bool = False


def _children(element: Any, tags: frozenset[str]) -> Iterator[Any]:
    """The children of ``element`` with one of ``tags``, looking through wrappers."""
    for child in element.iterchildren():
        tag = child.tag
        if tag in tags:
            yield child
        elif tag in _WRAPPERS:
            yield from _children(child, tags)


def _read_runs(paragraph: Any) -> Iterator[Any]:
    """The runs of a paragraph that are its text, in order."""
    for run in paragraph.iter(_R):
        parent = run.getparent()
        unread = False
        while parent is not None and parent is not paragraph:
            if parent.tag in _UNREAD or parent.tag == _P:
                unread = True
                break
            parent = parent.getparent()
        if not unread:
            yield run


_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_V = "{urn:schemas-microsoft-com:vml}"


@dataclass(frozen=True)
class _Page:
    """The width of the page and of the text between its margins, in twentieths of a point."""

    width: int = 11906
    text: int = 9355

    @classmethod
    def of(cls, section: Any) -> _Page:
        if section is None:
            return cls()
        size = section.find(_W + "pgSz")
        margins = section.find(_W + "pgMar")
        width = _int(size.get(_W + "w"), cls.width) if size is not None else cls.width
        if margins is None:
            return cls(width, width - (cls.width - cls.text))
        left, right = _int(margins.get(_W + "left")), _int(margins.get(_W + "right"))
        return cls(width, max(1, width - left - right))

    def at_right(self, left: int, width: int, from_page: bool) -> bool:
        """Whether a frame or box at ``left`` and ``width`` wide stands in the right half of
        the page (``from_page``) or of the text."""
        return left + width / 2 > (self.width if from_page else self.text) / 2


_EMU = 635
"""English Metric Units in a twentieth of a point: drawings measure in EMU."""


def _text_boxes(paragraph: Any, page: _Page) -> Iterator[tuple[Any, bool]]:
    """The text boxes anchored in a paragraph (each once: a drawing's fallback copy is not
    read), and whether each stands at the right: aligned there, or placed in the right half."""
    for box in paragraph.iter(_W + "txbxContent"):
        right = False
        parent = box.getparent()
        skip = False
        while parent is not None and parent is not paragraph:
            tag = parent.tag
            if tag == _MC + "Fallback" or tag == _W + "txbxContent":
                skip = True  # the copy for old readers, or a box inside a box
                break
            if tag == _WP + "anchor":
                position = parent.find(_WP + "positionH")
                align = position.find(_WP + "align") if position is not None else None
                offset = position.find(_WP + "posOffset") if position is not None else None
                extent = parent.find(_WP + "extent")
                if align is not None:
                    right = (align.text or "").strip() == "right"
                elif offset is not None and position is not None:
                    right = page.at_right(
                        _int(offset.text) // _EMU,
                        _int(extent.get("cx") if extent is not None else 0) // _EMU,
                        position.get("relativeFrom") == "page",
                    )
            elif tag.startswith(_V) and "mso-position-horizontal:right" in str(
                parent.get("style", "")
            ).replace(" ", ""):
                right = True
            parent = parent.getparent()
        if not skip:
            yield box, right


@dataclass
class _Cell:
    """A cell while its table is read: a vertical merge below it grows its ``rowspan``."""

    text: str
    column: int
    """Its first grid column, from 0."""
    colspan: int
    bold: bool
    rowspan: int = 1


class _Reader:
    def __init__(self, document: Any) -> None:
        self.styles = _Styles(document.styles.element)
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            numbering = None
        self.numbering = _Numbering(numbering, self.styles)
        body = document.element.body
        self.body = body
        self.sections = list(body.iter(_W + "sectPr"))
        self.page = _Page.of(self.sections[-1] if self.sections else None)
        """The last section's page: a plan's pages seldom differ, and places are a guess."""

    # paragraphs

    def paragraph_text(self, paragraph: Any, table_bold: bool | None = None) -> _Text:
        ppr = paragraph.find(_PPR)
        style = self.styles.paragraph_style(ppr)
        label = self.numbering.label(ppr, style)
        out = _Text(bold=True)
        pieces: list[str] = []
        for run in _read_runs(paragraph):
            rpr = run.find(_RPR)
            if rpr is not None and _on(rpr.find(_W + "vanish")):
                continue
            letters = False
            for child in run.iterchildren():
                tag = child.tag
                if tag == _T:
                    text = (child.text or "").replace(_SOFT_HYPHEN, "")
                    pieces.append(text)
                    if text.strip():
                        letters = True
                        out.break_after = False  # the break was inside the paragraph
                elif tag in (_TAB, _PTAB):
                    pieces.append("\t")
                elif tag == _BR:
                    if child.get(_W + "type") == "page":
                        if not (out.letters or letters):
                            out.break_at_start = True
                        out.break_after = True
                    pieces.append("\n")
                elif tag == _CR:
                    pieces.append("\n")
                elif tag == _NB_HYPHEN:
                    pieces.append("-")
            if letters:
                out.letters = True
                if out.bold and not self.styles.bold(rpr, style, table_bold):
                    out.bold = False
        if not out.letters:
            out.bold = False
        lines = [line.strip() for line in "".join(pieces).split("\n")]
        text = "\n".join(lines).strip()
        if label == _BULLET:
            out.text = label + text if text else ""  # an empty bullet says nothing
        else:  # a number alone is the text of a «№» cell numbered by Word
            out.text = (label + text).strip()
        return out

    def _style_says(self, ppr: Any, style: str | None, tag: str) -> Any:
        direct = ppr.find(tag) if ppr is not None else None
        return direct if direct is not None else self.styles.paragraph_property(style, tag)

    def paragraph(
        self, element: Any, number: int, broken_before: bool
    ) -> tuple[RawParagraph | None, bool]:
        """The paragraph (None if it has no text) and whether a page starts after it: a break
        character after its last letters (or in an empty paragraph), or the end of a section
        that starts a new page."""
        read = self.paragraph_text(element)
        ppr = element.find(_PPR)
        section = ppr.find(_W + "sectPr") if ppr is not None else None
        breaks_after = read.break_after or (section is not None and self.starts_page(section))
        if not read.text:
            return None, breaks_after
        style = self.styles.paragraph_style(ppr)
        jc = self._style_says(ppr, style, _W + "jc")
        align = str(jc.get(_VAL)) if jc is not None else ""
        frame = self._style_says(ppr, style, _W + "framePr")
        framed_right = False
        if frame is not None:  # Word aligns a frame; LibreOffice gives its place
            if frame.get(_W + "xAlign") is not None:
                framed_right = frame.get(_W + "xAlign") == "right"
            elif frame.get(_W + "x") is not None:
                framed_right = self.page.at_right(
                    _int(frame.get(_W + "x")),
                    _int(frame.get(_W + "w")),
                    frame.get(_W + "hAnchor") == "page",
                )
        before = bool(_on(self._style_says(ppr, style, _W + "pageBreakBefore")))
        block = RawParagraph(
            text=read.text,
            place=Place(paragraph=number),
            bold=read.bold,
            centered=align == "center",
            right=align in ("right", "end") or framed_right,
            style=self.styles.name(style),
            page_break_before=broken_before or before or read.break_at_start,
        )
        return block, breaks_after

    def starts_page(self, section_end: Any) -> bool:
        """Whether the section after the one ``section_end`` closes starts on a new page."""
        try:
            following = self.sections[self.sections.index(section_end) + 1]
        except (ValueError, IndexError):
            return True
        kind = following.find(_W + "type")
        return kind is None or kind.get(_VAL) not in ("continuous", "nextColumn")

    # tables

    def cell_text(self, cell: Any, table_bold: bool | None = None) -> tuple[str, bool]:
        """A cell's lines (nested tables' lines among them) and whether all its letters are bold."""
        lines: list[str] = []
        bold = True
        letters = False
        for block in _children(cell, frozenset({_P, _TBL})):
            if block.tag == _P:
                read = self.paragraph_text(block, table_bold)
                lines.append(read.text)
                if read.letters:
                    letters = True
                    bold = bold and read.bold
            else:
                for index, row in enumerate(_children(block, frozenset({_TR}))):
                    styled = self.styles.table_bold(block, index == 0)
                    for inner in _children(row, frozenset({_TC})):
                        text, inner_bold = self.cell_text(inner, styled)
                        if text:
                            lines.append(text)
                            letters = True
                            bold = bold and inner_bold
        return "\n".join(lines).strip(), bold and letters

    def table(self, element: Any, number: int) -> RawTable:
        grid = element.find(_W + "tblGrid")
        width = len(grid.findall(_W + "gridCol")) if grid is not None else 0
        rows: list[tuple[list[_Cell], bool]] = []
        open_merges: dict[int, _Cell] = {}
        """Grid column → the cell a vertical merge started in, still open."""
        for tr in _children(element, frozenset({_TR})):
            styled = self.styles.table_bold(element, not rows)
            trpr = tr.find(_TRPR)
            header = False
            column = 0
            after = 0
            if trpr is not None:
                header = bool(_on(trpr.find(_W + "tblHeader")))
                before = trpr.find(_W + "gridBefore")
                column = _int(before.get(_VAL)) if before is not None else 0
                found = trpr.find(_W + "gridAfter")
                after = _int(found.get(_VAL)) if found is not None else 0
            cells: list[_Cell] = []
            touched: set[int] = set()
            for tc in _children(tr, frozenset({_TC})):
                tcpr = tc.find(_TCPR)
                span = 1
                vmerge = hmerge = None
                if tcpr is not None:
                    found = tcpr.find(_W + "gridSpan")
                    span = max(1, _int(found.get(_VAL), 1)) if found is not None else 1
                    found = tcpr.find(_W + "vMerge")
                    if found is not None:
                        vmerge = str(found.get(_VAL, "continue"))
                    found = tcpr.find(_W + "hMerge")
                    if found is not None:
                        hmerge = str(found.get(_VAL, "continue"))
                if (
                    hmerge == "continue"
                    and cells
                    and cells[-1].column + cells[-1].colspan == column
                ):
                    cells[-1].colspan += span  # the old way of merging across (Word 95)
                    column += span
                    continue
                if vmerge == "continue" and column in open_merges:
                    open_merges[column].rowspan += 1
                    touched.add(column)
                    column += span
                    continue
                text, bold = self.cell_text(tc, styled)
                cell = _Cell(text, column, span, bold)
                cells.append(cell)
                if vmerge == "restart":
                    open_merges[column] = cell
                    touched.add(column)
                column += span
            for start in [start for start in open_merges if start not in touched]:
                del open_merges[start]
            width = max(width, column + after)
            rows.append((cells, header))
        table_place = Place(table=number)
        return RawTable(
            rows=tuple(
                RawRow(
                    cells=tuple(
                        RawCell(
                            text=cell.text,
                            place=Place(table=number, row=index, column=cell.column + 1),
                            colspan=cell.colspan,
                            rowspan=cell.rowspan,
                            bold=cell.bold,
                        )
                        for cell in cells
                    ),
                    place=Place(table=number, row=index),
                    header=header,
                )
                for index, (cells, header) in enumerate(rows, start=1)
            ),
            place=table_place,
            columns=width,
        )

    # the whole body

    def blocks(self) -> list[Block]:
        out: list[Block] = []
        paragraphs = tables = 0
        pending = False
        """A page starts before the next paragraph with text."""
        for element in _children(self.body, frozenset({_P, _TBL})):
            if element.tag == _TBL:
                tables += 1
                out.append(self.table(element, tables))
                pending = False  # the break put the table on a new page; it has no mark
                continue
            # A text box («УТВЕРЖДАЮ», an appendix mark) is read before the paragraph it is
            # anchored in: it stands at that paragraph's top, and its text is no part of it.
            for box, right in _text_boxes(element, self.page):
                for inner in _children(box, frozenset({_P})):
                    paragraphs += 1
                    block, _ = self.paragraph(inner, paragraphs, pending)
                    if block is not None:
                        out.append(replace(block, right=True) if right else block)
                        pending = False
            paragraphs += 1
            block, breaks_after = self.paragraph(element, paragraphs, pending)
            if block is not None:
                out.append(block)
                pending = False
            pending = pending or breaks_after
        return out

    def footnotes(self, document: Any) -> list[str]:
        from docx.opc.constants import RELATIONSHIP_TYPE

        out: list[str] = []
        for rel in document.part.rels.values():
            if rel.is_external or rel.reltype != RELATIONSHIP_TYPE.FOOTNOTES:
                continue
            root = _part_xml(rel.target_part)
            if root is None:
                continue
            for note in root.iterchildren(_W + "footnote"):
                if note.get(_W + "type") in (
                    "separator",
                    "continuationSeparator",
                    "continuationNotice",
                ):
                    continue
                lines = [self.paragraph_text(p).text for p in note.iter(_P)]
                text = "\n".join(line for line in lines if line).strip()
                if text:
                    out.append(text)
        return out


def _part_xml(part: Any) -> Any:
    """A part's XML root: python-docx parses some parts itself, the others are bytes."""
    element = getattr(part, "element", None)
    if element is not None:
        return element
    from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type information

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        return etree.fromstring(part.blob, parser)
    except etree.XMLSyntaxError:
        return None


def read(path: str | os.PathLike[str]) -> RawDocument:
    """The paragraphs and tables of the Word document at ``path``, in reading order.

    Raises :class:`~roadmapdocs.errors.LoadError` for a file that is not a sound .docx (and
    :class:`~roadmapdocs.errors.LimitExceeded` for one past the bounds of
    :mod:`roadmapdocs.limits`), before python-docx reads it.
    """
    file = Path(path)
    document = _open(file)
    reader = _Reader(document)
    blocks = reader.blocks()
    return RawDocument(
        blocks=tuple(blocks),
        source=str(file),
        footnotes=tuple(reader.footnotes(document)),
    )
