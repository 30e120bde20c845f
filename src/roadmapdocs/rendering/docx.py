"""Rendering a document to .docx: docxtpl with a sandboxed, strict Jinja environment."""

from __future__ import annotations

import copy
import functools
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import docx
import jinja2
from docx.opc.part import XmlPart
from docx.oxml.ns import nsmap, qn
from docx.oxml.parser import element_class_lookup
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type information

from roadmapdocs.errors import Location, RenderError, TemplateError, TemplateSecurityError
from roadmapdocs.fileio import atomic_path
from roadmapdocs.messages import DEFAULT_LANG, Lang, Phrase, did_you_mean, phrase
from roadmapdocs.model.document import DocumentBase
from roadmapdocs.model.kinds import spec_of
from roadmapdocs.rendering import layout, moment
from roadmapdocs.rendering.annotate import annotate
from roadmapdocs.rendering.context import CONTRACT, build_context
from roadmapdocs.rendering.filters import FILTERS
from roadmapdocs.rules.base import Finding
from roadmapdocs.settings import Settings
from roadmapdocs.templates import Template

K = TypeVar("K")
V = TypeVar("V")


def _kept(store: dict[K, V], key: K, limit: int, make: Callable[[], V]) -> V:
    """``store[key]``, made on first use; the oldest entry goes when ``limit`` is reached."""
    found = store.get(key)
    if found is None:
        if len(store) >= limit:
            store.pop(next(iter(store)))
        found = store[key] = make()
    return found


class _Environment(SandboxedEnvironment):
    """Compiles each distinct template source once.

    docxtpl hands the environment the XML of every part as a string on every render, and
    compiling it is about a quarter of the time of a small document; a batch renders the same
    template hundreds of times, so the compiled form is kept, keyed by the source itself.
    """

    compiled_limit = 64

    def __init__(self) -> None:
        super().__init__(autoescape=True, undefined=StrictUndefined)
        self.filters.update(FILTERS)
        self._compiled: dict[str, jinja2.Template] = {}

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        if globals or template_class or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        compile_ = super().from_string
        return _kept(self._compiled, source, self.compiled_limit, lambda: compile_(source))


_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)
_LISTING_CHARS = ("\t", "\a", "\n", "\f")


class _Template(DocxTemplate):  # type: ignore[misc]  # docxtpl ships no type information
    """docxtpl's template with its per-render passes made proportional to what they change.

    - The template file is parsed once per process (while its size and time stamp stay the
      same); each render works on a deep copy, a third of the cost of parsing.
    - ``patch_xml`` rewrites the template's own XML, which is the same for every render of a
      template: its result is kept, keyed by the source.
    - ``resolve_listing`` turns tabs, line breaks and page breaks inside rendered text into
      Word's elements; docxtpl runs three nested regular expressions over every paragraph,
      while only paragraphs holding such a character can change, so only those are handed to it.
    - ``fix_tables`` corrects the grid of tables whose columns a ``{%tc %}`` loop changed;
      docxtpl walks every row of every table, while a table whose rows already fit its grid
      needs nothing, and a plan table gets its grid from the layout pass anyway. Only the
      other tables are handed to docxtpl, each on its own.

    Each gives exactly docxtpl's result (tests compare them).
    """

    _patched: ClassVar[dict[str, str]] = {}
    _patched_limit = 64
    _opened: ClassVar[dict[tuple[str, int, int], Any]] = {}
    _opened_limit = 16
    docx: Any
    is_rendered: bool
    template_file: Any

    def init_docx(self, reload: bool = True) -> None:
        if self.docx and not (self.is_rendered and reload):
            return
        path = str(self.template_file)
        found = os.stat(path)
        key = (path, found.st_mtime_ns, found.st_size)
        pristine = _kept(self._opened, key, self._opened_limit, lambda: docx.Document(path))
        self.docx = copy.deepcopy(pristine)
        self.is_rendered = False

    def fix_tables(self, xml: str) -> Any:
        tree = parse_rendered(xml)
        refitted = layout.style_id(self.docx, layout.TABLE_STYLE)  # see layout.fit_plan_tables
        for table in list(tree.iter(_W_TBL)):
            if _table_fits(table) or (refitted and layout.table_style(table) == refitted):
                continue
            _fix_grid(table)
        return tree

    def map_headers_footers_xml(self, relKey: str, xml: bytes) -> None:
        # docxtpl has python-docx parse the rendered part, whose parser stops at a text node
        # of 10 MB; this one reads any size and makes the same element classes.
        part = self.docx._part.rels[relKey].target_part
        new_part = XmlPart(part.partname, part.content_type, parse_rendered(xml), part.package)
        for rel in part.rels.values():
            new_part.load_rel(rel.reltype, rel._target, rel.rId, rel.is_external)
        self.docx._part.rels[relKey]._target = new_part

    def render_footnotes(self, context: Any, jinja_env: Any = None) -> None:
        # docxtpl renders the footnotes once per section of the document, so that from the
        # second section on the rendered text — the document's own words — is rendered again
        # as a template; each part is rendered once here, and must come out well-formed.
        for part in self.docx.part.package.parts:
            if part.content_type != _FOOTNOTES:
                continue
            blob = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
            xml = self.render_xml_part(self.patch_xml(blob), part, context, jinja_env)
            encoded = xml.encode("utf-8")
            parse_rendered(encoded)
            part._blob = encoded

    def patch_xml(self, src_xml: str) -> str:
        patch = super().patch_xml
        return _kept(self._patched, src_xml, self._patched_limit, lambda: str(patch(src_xml)))

    def resolve_listing(self, xml: str) -> str:
        if not any(char in xml for char in _LISTING_CHARS):
            return xml
        resolve = super().resolve_listing

        def paragraph(match: re.Match[str]) -> str:
            text = match.group(0)
            if any(char in text for char in _LISTING_CHARS):
                return str(resolve(text))
            return text

        return _PARAGRAPH.sub(paragraph, xml)


_W_TBL, _W_TR, _W_TC, _W_P = qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:p")
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_GRID_COLUMNS = etree.XPath("count(w:tblGrid/w:gridCol)", namespaces={"w": nsmap["w"]})


class MalformedXML(ValueError):
    """A part of the rendered document is not well-formed XML: what was rendered cannot be
    kept whole, so the render stops rather than write a document with a part cut short."""


# No ``recover``: a recovering parser drops whatever it cannot read — text past libxml2's
# 10 MB node limit, everything after a stray «<» — and a document would silently lose the
# clauses, the signature and the page set-up after it. ``huge_tree`` lifts the size limit; an
# error is an error. Entities are never resolved and nothing is fetched.
_RENDERED = etree.XMLParser(
    huge_tree=True, resolve_entities=False, no_network=True, remove_blank_text=False
)
_RENDERED_PART = etree.XMLParser(
    huge_tree=True, resolve_entities=False, no_network=True, remove_blank_text=True
)
_RENDERED_PART.set_element_class_lookup(element_class_lookup)


def parse_rendered(xml: str | bytes) -> Any:
    """The rendered XML of a part as a tree, all of it, or :class:`MalformedXML`.

    A body (text) is parsed as docxtpl parses it; a header or footer (bytes) as python-docx
    does, with its element classes.
    """
    parser = _RENDERED_PART if isinstance(xml, bytes) else _RENDERED
    try:
        return etree.fromstring(xml, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise MalformedXML(str(exc)) from None


def _fix_grid(tree: Any) -> None:
    """docxtpl's ``fix_tables`` on one table (and the tables inside it), in place: the grid
    gets as many columns as the widest row, keeping the table's width."""
    w = f"{{{nsmap['w']}}}"
    for t in tree.iter(_W_TBL):
        grid = t.find(w + "tblGrid")
        columns = grid.findall(w + "gridCol")
        to_add = 0
        for r in t.iter(_W_TR):
            cells = r.findall(_W_TC)
            if len(columns) + to_add < len(cells):
                to_add = len(cells) - len(columns)
        if to_add > 0:
            width = 0.0
            for c in columns:
                if c.get(w + "w") is not None:
                    width += float(c.get(w + "w"))
            if width > 0:
                old_average = width / len(columns)
                new_average = width / (len(columns) + to_add)
                for c in columns:
                    c.set(w + "w", str(int(float(c.get(w + "w")) * new_average / old_average)))
                for _ in range(to_add):
                    etree.SubElement(grid, w + "gridCol", {w + "w": str(int(new_average))})
        columns = grid.findall(w + "gridCol")
        widest = 0
        for r in t.iter(_W_TR):
            span = 0
            for cell in r.findall(_W_TC):
                props = cell.find(w + "tcPr")
                grid_span = None if props is None else props.find(w + "gridSpan")
                span += 1 if grid_span is None else int(grid_span.get(w + "val"))
            widest = max(widest, span)
        to_remove = len(columns) - widest
        if to_remove > 0:
            removed = 0.0
            for c in columns[-to_remove:]:
                removed += float(c.get(w + "w"))
                grid.remove(c)
            left = grid.findall(w + "gridCol")
            extra = int(removed / len(left)) if left else 0
            for c in left:
                c.set(w + "w", str(int(float(c.get(w + "w")) + extra)))


def _table_fits(table: Any) -> bool:
    """Whether docxtpl's table fix would leave ``table`` as it is: no row has more cells than
    the grid has columns, and some row spans all of them (a table holding another is left to
    docxtpl, which fixes both together)."""
    if table.find(f".//{_W_TBL}") is not None:
        return False
    grid = int(_GRID_COLUMNS(table))
    rows = table.findall(_W_TR)
    cells = [len(row.findall(_W_TC)) for row in rows]
    if not rows or max(cells) > grid:
        return False
    return max(layout.row_span(row) for row in rows) >= grid


def environment() -> SandboxedEnvironment:
    """Sandboxed (no Python internals), autoescaping, and strict about undefined names."""
    return _Environment()


@functools.cache
def shared_environment() -> SandboxedEnvironment:
    """The one environment of this process, so that a template compiled once serves every render."""
    return environment()


def jinja_source(xml: str) -> str:
    """The XML as docxtpl hands it to Jinja: each paragraph on a line of its own."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)


_NOWHERE = Phrase("", "")
_IN_CELL = Phrase(" в ячейке таблицы «{text}»", " in the table cell «{text}»")
_IN_PARAGRAPH = Phrase(" в абзаце «{text}»", " in the paragraph «{text}»")
_SYNTAX = Phrase("ошибка синтаксиса в шаблоне «{name}»", "syntax error in template «{name}»")


def _paragraph_at(xml: str, lineno: int | None) -> Phrase:
    """The text of the paragraph (or table cell) where a Jinja error is.

    docxtpl starts every paragraph on a new line before compiling, so a Jinja line number is a
    paragraph; tags are stripped to show what the author sees in Word.
    """
    if not lineno:
        return _NOWHERE
    lines = jinja_source(xml).splitlines()
    if not 0 < lineno <= len(lines):
        return _NOWHERE
    # Only what precedes the paragraph decides whether it sits in a cell: its own line also
    # holds the closing tags after it (``</w:tc></w:tr>``), which would balance the count.
    before = "\n".join(lines[: lineno - 1])
    in_cell = before.count("<w:tc>") + before.count("<w:tc ") > before.count("</w:tc>")
    text = re.sub(r"<[^>]+>", "", lines[lineno - 1]).strip()
    if not text:
        return _NOWHERE
    return (_IN_CELL if in_cell else _IN_PARAGRAPH).format(text=text[:80])


def open_template(template: Template) -> _Template:
    """The template's .docx, ready to render; a file Word cannot open is a TemplateError."""
    path = template.docx
    try:
        tpl = _Template(str(path))
        tpl.render_init()
    except Exception as exc:
        raise TemplateError(
            Phrase(
                "файл шаблона «{name}» не открывается как документ Word: {detail}",
                "the file of template «{name}» does not open as a Word document: {detail}",
            ).format(name=template.name, detail=exc),
            Location(str(path)),
        ) from None
    return tpl


_OPENERS = (("{{", "}}"), ("{%", "%}"), ("{#", "#}"))


def unclosed_tags(template: Template) -> list[Phrase]:
    """A message for each paragraph whose Jinja tags do not close within it.

    A tag must open and close in one paragraph (docxtpl turns each paragraph into a line).
    This is checked on the file as written: docxtpl's tag clean-up strips the XML between an
    unclosed «{{» and the next «}}», so the syntax error Jinja then reports quotes the
    following paragraph as well.
    """
    document = open_template(template).docx
    parts = [document.part] + [
        rel.target_part
        for rel in document.part.rels.values()
        if rel.reltype.endswith(("/header", "/footer"))
    ]
    found: list[Phrase] = []
    for part in parts:
        for paragraph in part.element.iter(_W_P):
            text = layout.text_of(paragraph)
            for opener, closer in _OPENERS:
                if text.count(opener) != text.count(closer):
                    found.append(
                        _SYNTAX.format(name=template.name)
                        + _IN_PARAGRAPH.format(text=text.strip()[:80])
                        + Phrase(
                            ": тег «{opener}» не закрыт в том же абзаце («{closer}»)",
                            ": tag «{opener}» is not closed in the same paragraph («{closer}»)",
                        ).format(opener=opener, closer=closer)
                    )
                    break
    return found


def template_error(exc: Exception, template: Template, xml: str = "") -> TemplateError:
    """A Jinja or docxtpl failure as a located, readable TemplateError."""
    where = Location(str(template.docx))
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return TemplateSecurityError(
            Phrase(
                "шаблон «{name}» обращается к внутренним объектам Python: {detail}",
                "template «{name}» reaches for Python internals: {detail}",
            ).format(name=template.name, detail=exc),
            where,
        )
    if isinstance(exc, MalformedXML):
        return TemplateError(
            Phrase(
                "шаблон «{name}» дал документ, который не читается как XML ({detail}): в "
                "тексте знак, которого не может быть в документе Word, или шаблон выводит "
                "разметку сам (фильтр «safe»); документ не записан",
                "template «{name}» produced a document that does not read as XML ({detail}): "
                "the text holds a character a Word document cannot hold, or the template "
                "writes markup itself (the «safe» filter); no document was written",
            ).format(name=template.name, detail=exc),
            where,
        )
    if isinstance(exc, jinja2.TemplateSyntaxError):
        unclosed = unclosed_tags(template)
        if unclosed:
            return TemplateError(unclosed[0], where)
        place = _paragraph_at(xml, exc.lineno)
        return TemplateError(_SYNTAX.format(name=template.name) + place + f": {exc.message}", where)
    if isinstance(exc, jinja2.UndefinedError):
        message = str(exc.message or exc)
        found = re.search(r"'([^']+)' is undefined", message) or re.search(
            r"has no attribute '([^']+)'", message
        )
        hint = did_you_mean(found.group(1), CONTRACT) if found else ""
        return TemplateError(
            Phrase(
                "шаблон «{name}» использует неизвестную переменную: {detail}{hint} "
                "(список переменных — docs/context.md)",
                "template «{name}» uses an unknown variable: {detail}{hint} "
                "(the variables are listed in docs/context.md)",
            ).format(name=template.name, detail=message, hint=hint),
            where,
        )
    return TemplateError(
        Phrase(
            "шаблон «{name}» не отрисовался: {detail}",
            "template «{name}» failed to render: {detail}",
        ).format(name=template.name, detail=exc),
        where,
    )


def appendix_orientations(document: DocumentBase, settings: Settings) -> list[bool]:
    """For each appendix (the list the kind names as its appendices), whether it is set in
    landscape: six or more columns, unless the settings choose."""
    field = spec_of(document).appendices
    appendices = list(getattr(document, field, None) or ()) if field else []
    if settings.appendix_orientation != "auto":
        return [settings.appendix_orientation == "landscape"] * len(appendices)
    return [len(a.plan.table_columns) >= 6 for a in appendices]


def _describe(word: Any, document: DocumentBase) -> None:
    """The file's properties, which Word shows under «Сведения» and a PDF keeps as its title:
    what the document is, whose it is, in which language and when it was made. A title the
    template set (it may hold Jinja) is kept."""
    properties = word.core_properties
    title = " ".join(document.title.split())
    kind = spec_of(document).title.ru  # the document's own language
    number = getattr(document, "number", None)  # a registration number: «Приказ № 226/1-г»
    if isinstance(number, str) and number:
        title = " ".join(part for part in (f"{kind} № {number}", title) if part)
    if not properties.title:
        # The file format allows 255 characters; a long order title is cut at a word.
        properties.title = title if len(title) <= 255 else title[:254].rsplit(" ", 1)[0] + "…"
    properties.subject = kind
    organisation = document.organisation
    owner = (organisation.short_name or organisation.full_name) if organisation else None
    properties.author = (owner or "roadmapdocs")[:255]
    properties.last_modified_by = "roadmapdocs"
    properties.comments = ""
    properties.language = "ru-RU"
    stamp = moment.now().replace(tzinfo=None)
    properties.created = properties.modified = stamp


def render_docx(
    document: DocumentBase,
    template: Template,
    out: Path,
    settings: Settings,
    context: dict[str, Any] | None = None,
    findings: Sequence[Finding] = (),
    lang: Lang = DEFAULT_LANG,
) -> Path:
    """Render ``document`` with ``template`` to ``out`` (atomically).

    Each of ``findings`` becomes a Word comment where the document shows its element.
    """
    tpl = open_template(template)
    values = context if context is not None else build_context(document, settings)
    try:
        tpl.render(values, shared_environment(), autoescape=True)
    except (jinja2.TemplateError, ValueError, TypeError, KeyError, AttributeError) as exc:
        xml = ""
        if isinstance(exc, jinja2.TemplateSyntaxError):
            xml = tpl.patch_xml(tpl.get_xml())
        raise template_error(exc, template, xml) from None
    word = tpl.docx
    layout.apply_fonts(word, settings)
    layout.apply_language(word, settings)
    layout.split_appendices(word, appendix_orientations(document, settings), settings)
    layout.fit_plan_tables(word, settings)
    _describe(word, document)
    if findings:
        annotate(word, document, findings, lang=lang)
    with atomic_path(out) as temporary:
        try:
            word.save(str(temporary))
        except OSError as exc:
            raise RenderError(phrase("write_failed", detail=exc), Location(str(out))) from None
    return out
