"""Rendering a document to .docx: docxtpl with a sandboxed, strict Jinja environment."""

from __future__ import annotations

import contextlib
import contextvars
import copy
import functools
import io
import logging
import os
import re
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import docx
import jinja2
from docx.document import Document as DocxDocument
from docx.opc.part import XmlPart
from docx.oxml.ns import nsmap, qn
from docx.oxml.parser import element_class_lookup
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, nodes, pass_context
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream
from jinja2.runtime import BlockReference, Context, LoopContext, Macro, TemplateReference
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment
from jinja2.utils import Cycler, Joiner, Namespace, generate_lorem_ipsum
from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type information
from pydantic import BaseModel

from roadmapdocs import collector, limits
from roadmapdocs.errors import (
    LimitExceeded,
    Location,
    RenderError,
    TemplateError,
    TemplateSecurityError,
)
from roadmapdocs.fileio import atomic_path
from roadmapdocs.messages import DEFAULT_LANG, Lang, Phrase, did_you_mean, phrase
from roadmapdocs.model.document import DocumentBase
from roadmapdocs.model.kinds import spec_of
from roadmapdocs.rendering import layout, moment, writer
from roadmapdocs.rendering.annotate import annotate
from roadmapdocs.rendering.context import (
    CONTRACT,
    AddresseesView,
    EmptyView,
    ModelView,
    PersonView,
    build_context,
)
from roadmapdocs.rendering.filters import FILTERS, NameNotDeclined
from roadmapdocs.rules.base import Finding
from roadmapdocs.settings import Settings
from roadmapdocs.templates import Template

_log = logging.getLogger(__name__)

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


# -- The bounds of one render ----------------------------------------------------------------
#
# A template is a program: a loop of loops, «'a' * 10**9» or a macro calling itself would hang
# a worker or eat its memory. Jinja's sandbox keeps a template from Python internals but not
# from that, so every way a template spends time or builds something large passes a check here:
# each loop step, call and operator looks at the clock
# (``render_seconds``), and anything that can make a long text or list is measured before it is
# made (``output_chars``). The checks read the bounds of the render that is running.

_ITEM = 8
"""What one item of a list counts as, in characters, when a value is measured (its pointer)."""
_INT_BITS = 100_000
"""Bits a number computed by a template may have (30 000 digits; Python prints 4 300)."""
_RANGE = 100_000
"""Numbers a ``range`` may hold (Jinja's sandbox has the same bound)."""


class TemplateLimit(Exception):
    """A template went past a bound while it rendered; :func:`template_error` locates it.

    :attr:`limit` names the bound of :mod:`roadmapdocs.limits` (``"render_seconds"``,
    ``"output_chars"``), or is empty for a fixed bound of the sandbox (``range``).
    """

    def __init__(self, limit: str, detail: Phrase, line: int | None = None) -> None:
        super().__init__(detail.in_())
        self.limit = limit
        self.detail = detail
        self.line = line
        """The template's line, when the error is raised outside the template's own code."""


@dataclass
class _Bounds:
    deadline: float
    seconds: float
    chars: int
    made: int = 0
    """Characters made so far by the measured operations of this render."""


_BOUNDS: contextvars.ContextVar[_Bounds | None] = contextvars.ContextVar(
    "roadmapdocs_render_bounds", default=None
)


@contextlib.contextmanager
def bounded() -> Iterator[_Bounds]:
    """The bounds of one render (``limits.current()`` when it starts) for the code inside the
    block; inside another render's block, that render's bounds."""
    found = _BOUNDS.get()
    if found is not None:
        yield found
        return
    current = limits.current()
    bounds = _Bounds(
        time.monotonic() + current.render_seconds, current.render_seconds, current.output_chars
    )
    token = _BOUNDS.set(bounds)
    try:
        yield bounds
    finally:
        _BOUNDS.reset(token)


def _tick() -> None:
    """Stop a render that has run past its time."""
    bounds = _BOUNDS.get()
    if bounds is not None and time.monotonic() > bounds.deadline:
        raise TemplateLimit(
            "render_seconds",
            Phrase(
                "отрисовка идёт дольше {seconds:g} с (предел render_seconds)",
                "the render takes longer than {seconds:g} s (the render_seconds limit)",
            ).format(seconds=bounds.seconds),
        )


def _chars() -> int:
    bounds = _BOUNDS.get()
    return bounds.chars if bounds is not None else limits.current().output_chars


def _too_big(size: int, limit: int) -> TemplateLimit:
    return TemplateLimit(
        "output_chars",
        Phrase(
            "строится значение в {size} знаков, а можно не больше {limit} (предел output_chars)",
            "a value of {size} characters is being built, more than {limit} "
            "(the output_chars limit)",
        ).format(size=size, limit=limit),
    )


def _check(size: int) -> None:
    """Refuse to make a value of ``size`` characters when it is over the bound."""
    limit = _chars()
    if size > limit:
        raise _too_big(size, limit)


def _made(value: Any) -> Any:
    """``value``, counted against the bounds (see :func:`_count`)."""
    _count(_size(value))
    return value


def _count(size: int) -> None:
    """Count a value of ``size`` characters against the bound of one value and of all the
    values of the render: a template may not hold in its variables many times what it may
    print."""
    if size:
        bounds = _BOUNDS.get()
        limit = bounds.chars if bounds is not None else limits.current().output_chars
        if size > limit:
            raise _too_big(size, limit)
        if bounds is not None:
            bounds.made += size
            if bounds.made > 2 * limit:
                raise _too_big(bounds.made, 2 * limit)


def _size(value: Any, limit: int = 0) -> int:
    """Characters of a text, or of a list counting each item (and what it holds); stops
    counting once past ``limit`` (when given)."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, list | tuple | set | frozenset | dict):
        items = value.items() if isinstance(value, dict) else value
        total = _ITEM * len(value)
        for item in items:
            total += _size(item, limit)
            if limit and total > limit:
                break
        return total
    return 0


def _number(value: Any) -> int:
    """A number a template passes on, bounded so that it cannot widen a text past the bound."""
    if isinstance(value, int) and not -_chars() <= value <= _chars():
        raise _too_big(abs(value), _chars())
    return int(value) if isinstance(value, int) else 0


_NESTED_FIELD = re.compile(r"\{[^{}]*\{")


def _check_format(form: str, values: Any) -> None:
    """A ``%`` or ``format`` text is at most its fields times their widest width, plus the
    values: a width is a number in the text, or a value when a width is taken from the values
    («%*d», «{:{}}»)."""
    numbers = [int(d) if len(d) < 20 else 10**20 for d in re.findall(r"\d+", form)]
    if isinstance(values, dict):
        values = list(values.values())
    elif not isinstance(values, list | tuple):
        values = [values]
    if "*" in form or _NESTED_FIELD.search(form):
        numbers += [abs(v) for v in values if isinstance(v, int)]
    widest = max([*numbers, 0])
    fields = form.count("{") + form.count("%")
    _check(len(form) + fields * widest + sum(_size(v) for v in values))


def _check_product(left: Any, right: Any) -> None:
    if isinstance(left, int) and isinstance(right, int):
        if left.bit_length() + right.bit_length() > _INT_BITS:
            raise _too_big(left.bit_length() + right.bit_length(), _INT_BITS)
        return
    times, sequence = (left, right) if isinstance(left, int) else (right, left)
    if isinstance(times, int) and isinstance(sequence, str | list | tuple):
        _check(_size(sequence, _chars()) * max(times, 0))


def _check_power(base: Any, exponent: Any) -> None:
    if (
        isinstance(base, int)
        and isinstance(exponent, int)
        and exponent > 0
        and abs(base) > 1
        and base.bit_length() * exponent > _INT_BITS
    ):
        raise _too_big(min(base.bit_length() * exponent, 10**18), _INT_BITS)


def _check_replace(text: Any, old: Any, new: Any, count: Any = -1) -> None:
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        times = text.count(old) if old else len(text) + 1
        if isinstance(count, int) and count >= 0:
            times = min(times, count)
        _check(len(text) + times * max(len(new) - len(old), 0))


def _check_join(separator: str, items: list[Any]) -> None:
    limit = _chars()
    total = len(separator) * len(items)
    for item in items:
        total += _size(item, limit)
        if total > limit:
            raise _too_big(total, limit)


def _str_method(
    text: str, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[Any, ...]:
    """Check a call of a text's method that can make a text much longer than itself; the
    arguments to call it with (an iterable that is joined is read once, here)."""
    if name in ("center", "ljust", "rjust", "zfill"):
        _check(max(len(text), _number(args[0] if args else kwargs.get("width", 0))))
    elif name == "expandtabs":
        size = _number(args[0] if args else kwargs.get("tabsize", 8))
        _check(len(text) + text.count("\t") * size)
    elif name == "replace" and len(args) >= 2:
        _check_replace(text, *args[:3])
    elif name == "join" and args:
        items = list(args[0])
        _check_join(text, items)
        return (items, *args[1:])
    elif name == "translate" and args and isinstance(args[0], dict):
        widest = max([_size(v) for v in args[0].values()] + [1])
        _check(len(text) * widest)
    return args


def _filter_join(value: Any, *args: Any, **kwargs: Any) -> tuple[Any, ...]:
    items = list(value)
    separator = args[0] if args else kwargs.get("d", "")
    _check_join(separator if isinstance(separator, str) else "", items)
    return (items, *args)


def _filter_sum(value: Any, *args: Any, **kwargs: Any) -> tuple[Any, ...]:
    items = list(value)
    _check(sum(_size(item) for item in items))
    return (items, *args)


def _filter_indent(value: Any, *args: Any, **kwargs: Any) -> tuple[Any, ...]:
    width = args[0] if args else kwargs.get("width", 4)
    width = len(width) if isinstance(width, str) else _number(width)
    text = str(value)
    _check(len(text) + (text.count("\n") + 1) * width)
    return (value, *args)


def _filter_wordwrap(value: Any, *args: Any, **kwargs: Any) -> tuple[Any, ...]:
    text = str(value)
    width = max(_number(args[0] if args else kwargs.get("width", 79)), 1)
    wrap = args[2] if len(args) > 2 else kwargs.get("wrapstring") or "\n"
    lines = len(text) // width + text.count(" ") + text.count("\n") + 1
    _check(len(text) + lines * len(str(wrap)))
    return (value, *args)


def _filter_replace(value: Any, *args: Any, **kwargs: Any) -> tuple[Any, ...]:
    if len(args) >= 2:
        _check_replace(str(value), *args[:3])
    return (value, *args)


def _filter_format(value: Any, *args: Any, **kwargs: Any) -> tuple[Any, ...]:
    _check_format(str(value), kwargs or args)
    return (value, *args)


_FILTER_CHECKS: dict[str, Callable[..., tuple[Any, ...]]] = {
    "join": _filter_join,
    "sum": _filter_sum,
    "indent": _filter_indent,
    "wordwrap": _filter_wordwrap,
    "replace": _filter_replace,
    "format": _filter_format,
}
"""Filters that can make a text or list much longer than their value: each is checked before
it runs (any filter's number arguments are bounded, and its result measured, besides)."""


_SMALL = 4096
"""A text this short a filter may return without being counted: it cannot add up to much
unless it is joined or held, and joining and holding are measured."""


_SIZED_FILTERS = frozenset({"center", "indent", "wordwrap", "truncate", "batch", "slice", "urlize"})
"""Filters whose number arguments are widths or counts of what they make: each is bounded by
``output_chars / 8`` (a number another filter is given is data, as in ``format``)."""


def _bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` as a template may call it: with bounded widths and counts and its result
    measured (no clock: a filter runs long only when called in a loop, which looks at it)."""
    passed = 1 if getattr(function, "jinja_pass_arg", None) is not None else 0
    check = _FILTER_CHECKS.get(name)
    sized = name in _SIZED_FILTERS

    @functools.wraps(function)
    def bounded_filter(*args: Any, **kwargs: Any) -> Any:
        if sized and (kwargs or len(args) > passed + 1):
            for value in (*args[passed + 1 :], *kwargs.values()):
                if isinstance(value, int) and abs(value) > _chars() // _ITEM:
                    raise _too_big(abs(value), _chars() // _ITEM)
        if check is not None and len(args) > passed:
            args = (*args[:passed], *check(*args[passed:], **kwargs))
        result = function(*args, **kwargs)
        if isinstance(result, str) and len(result) < _SMALL:
            return result
        return _made(result)

    return bounded_filter


def _range(*args: int) -> range:
    """``range`` of at most :data:`_RANGE` numbers."""
    numbers = range(*args)
    if len(numbers) > _RANGE:
        raise TemplateLimit(
            "",
            Phrase(
                "range() на {count} чисел: в шаблоне можно не больше {limit}",
                "range() of {count} numbers: a template may have at most {limit}",
            ).format(count=len(numbers), limit=_RANGE),
        )
    return numbers


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    """Jinja's placeholder text, of a bounded length."""
    if n * max > _RANGE:
        raise TemplateLimit(
            "",
            Phrase(
                "lipsum() на {words} слов: в шаблоне можно не больше {limit}",
                "lipsum() of {words} words: a template may have at most {limit}",
            ).format(words=n * max, limit=_RANGE),
        )
    return str(generate_lorem_ipsum(n, html, min, max))


def _concat(values: Iterable[str]) -> str:
    """What Jinja joins a template's, a macro's or a block's output with, measured.

    A whole template's output comes as it is made, piece by piece: each piece is counted
    before the next is made; a macro's or a block's is a list, measured whole.
    """
    if isinstance(values, list):
        _count(sum(map(len, values)))
        return "".join(values)
    with bounded() as bounds:
        pieces: list[str] = []
        size = 0
        limit = bounds.chars
        append = pieces.append
        try:
            # No clock here: what makes pieces for long — a loop, a call — looks at it.
            for piece in values:
                size += len(piece)
                if size > limit:
                    raise _too_big(size, limit)
                append(piece)
        except TemplateLimit as exc:
            exc.line = exc.line or _suspended_line(values)
            raise
        return "".join(pieces)


def _suspended_line(output: Iterable[str]) -> int | None:
    """The template's line where the render whose ``output`` this is stands suspended (after
    the piece it made last)."""
    generator: Any = output
    while getattr(generator, "gi_yieldfrom", None) is not None:
        generator = generator.gi_yieldfrom
    frame = getattr(generator, "gi_frame", None)
    if frame is None:
        return None
    template = frame.f_globals.get("__jinja_template__")
    if template is None:
        return None
    return int(template.get_corresponding_lineno(frame.f_lineno))


_LOOP_ITEMS = "loop items"
"""The filter every loop's items pass through: a name no template can write."""


@pass_context
def _loop_items(context: Context | None, items: Any) -> Iterator[Any]:
    """The items of a loop, each step on the clock (a filter that takes the context is never
    worked out while the template compiles)."""
    bounds = _BOUNDS.get()
    if bounds is None:
        yield from items
        return
    deadline = bounds.deadline
    for item in items:
        if time.monotonic() > deadline:
            _tick()
        yield item


class _CodeGenerator(CodeGenerator):
    """Jinja's compiler, with each loop's items and each «~» join passed through the
    environment, so that a loop is on the clock and a join measured before it is made."""

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        for loop in list(node.find_all(nodes.For)):
            loop.iter = nodes.Filter(loop.iter, _LOOP_ITEMS, [], [], None, None)
            loop.iter.set_lineno(loop.lineno)
        super().visit_Template(node, frame)

    @optimizeconst
    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            join = "markup_join"
        else:
            join = "str_join"
        self.write(f"environment.bounded_join({join}, (")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class _BraceEscapes(Extension):
    """docxtpl's escapes for printing a tag: «{_{», «}_}», «{_%», «%_}» written in a template
    print as «{{», «}}», «{%», «%}».

    docxtpl replaces them in the rendered output, which holds the document's own text as
    well, so a text with «{_{» lost its underscore; here they are replaced in the template's
    text only, as it is compiled."""

    def filter_stream(self, stream: TokenStream) -> Iterator[Token]:
        for token in stream:
            if token.type == "data" and "_" in token.value:
                value = token.value
                for escaped, tag in _ESCAPES:
                    value = value.replace(escaped, tag)
                token = Token(token.lineno, token.type, value)
            yield token


_ESCAPES = (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}"))

_VIEW_TYPES: tuple[type, ...] = (
    str,
    int,
    float,
    list,
    tuple,
    dict,
    range,
    ModelView,
    EmptyView,
    PersonView,
    AddresseesView,
    LoopContext,
    Macro,
    Namespace,
    Cycler,
    Joiner,
    TemplateReference,
    BlockReference,
)
"""What a template may read the attributes of: the views and plain data of the context, and
Jinja's own objects of one render (a loop, a macro, a namespace)."""


class _Environment(ImmutableSandboxedEnvironment):
    """The sandbox every template renders in.

    A template sees views and plain data only (:data:`_VIEW_TYPES`): no model, no class (the
    ``dict`` global would otherwise reach ``dict.update`` of any mapping), and no method that
    changes a list or a mapping (Jinja's immutable sandbox), so one render cannot change what
    the next one reads. Everything that takes time or builds something large is bounded (see
    above).

    Each distinct template source is compiled once: docxtpl hands the environment the XML of
    every part as a string on every render, and compiling it is about a quarter of the time of
    a small document; a batch renders the same template hundreds of times, so the compiled form
    is kept, keyed by the source itself.
    """

    compiled_limit = 64
    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = _CodeGenerator

    def __init__(self) -> None:
        super().__init__(autoescape=True, undefined=StrictUndefined, extensions=[_BraceEscapes])
        filters = {**self.filters, **FILTERS}
        self.filters = {name: _bounded_filter(name, f) for name, f in filters.items()}
        self.filters[_LOOP_ITEMS] = _loop_items
        self.globals["range"] = _range
        self.globals["lipsum"] = _lipsum
        self.concat = _concat  # type: ignore[method-assign]  # measured, see _concat
        self._compiled: dict[str, jinja2.Template] = {}

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        if globals or template_class or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        compile_ = super().from_string
        return _kept(self._compiled, source, self.compiled_limit, lambda: compile_(source))

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        return (
            super().is_safe_attribute(obj, attr, value)
            and isinstance(obj, _VIEW_TYPES)
            and not isinstance(value, type | BaseModel)
        )

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        _tick()
        if isinstance(obj, LoopContext) and args:  # «loop(children)» in a recursive loop
            args = (_loop_items(context, args[0]), *args[1:])
        owner = getattr(obj, "__self__", None)
        if isinstance(owner, str) and not isinstance(obj, functools.partial):
            args = _str_method(owner, getattr(obj, "__name__", ""), args, kwargs)
        result = super().call(context, obj, *args, **kwargs)
        if isinstance(obj, Macro | LoopContext):  # measured as it was joined
            return result
        return _made(result)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        _tick()
        if operator == "*":
            _check_product(left, right)
        elif operator == "**":
            _check_power(left, right)
        elif operator == "+" and isinstance(left, str | list | tuple):
            _check(_size(left, _chars()) + _size(right, _chars()))
        elif operator == "%" and isinstance(left, str):
            _check_format(left, right)
        return _made(super().call_binop(context, operator, left, right))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        form = str(value.__self__)

        def bounded_format(*args: Any, **kwargs: Any) -> str:
            _tick()
            _check_format(form, [*args, *kwargs.values()])
            return str(_made(wrapped(*args, **kwargs)))

        return bounded_format

    def bounded_join(self, join: Callable[[Any], str], values: tuple[Any, ...]) -> str:
        """«a ~ b», measured before it is made."""
        _check(
            sum(
                _size(v, _chars()) if isinstance(v, str | list | tuple | dict) else 32
                for v in values
            )
        )
        return str(_made(join(values)))


# docxtpl's «<w:p(?: [^>]*)?>.*?</w:p>» (DOTALL), unrolled: up to the first «</w:p>» by runs of
# characters other than «<», which the regular expression engine takes in one step each, where
# the lazy «.*?» tries the end at every character. Twice as fast on a large body; the same
# matches.
_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>[^<]*(?:<(?!/w:p>)[^<]*)*</w:p>")
_LISTING = "\t\a\n\f"
"""The characters docxtpl turns into tabs, paragraphs, line and page breaks."""


class _Listing:
    """Where the listing characters of a text stand, in order. Found by ``str.find`` for each
    character, each position kept until the search passes it: a regular expression's class
    «[\\t\\a\\n\\f]» looks at every character in turn (33 ms over a body of 3 MB), while the
    four ``find`` together take 1.5 ms."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.next = [text.find(character) for character in _LISTING]

    def search(self, start: int) -> int:
        """The position of the first listing character at or after ``start``, or -1."""
        first = -1
        for index, at in enumerate(self.next):
            if 0 <= at < start:
                at = self.next[index] = self.text.find(_LISTING[index], start)
            if at >= 0 and (first < 0 or at < first):
                first = at
        return first


_BREAK_BEFORE_PARAGRAPH = re.compile(r"\n(?=<w:p[ >])")
_END_OF_PARAGRAPH = "</w:p>"


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
        pristine = _kept(self._opened, key, self._opened_limit, lambda: _pristine(path))
        self.docx = copy.deepcopy(pristine)
        self.is_rendered = False

    def build_xml(self, context: Any, jinja_env: Any = None) -> str:
        return self._in_document(super().build_xml(context, jinja_env))

    def fix_tables(self, xml: str) -> Any:
        tree = parse_rendered(xml, document=True)
        refitted = layout.style_id(self.docx, layout.TABLE_STYLE)  # see layout.fit_plan_tables
        for table in list(tree.iter(_W_TBL)):
            # A plan table is refitted whole later: its rows need not be counted here.
            if (refitted and layout.table_style(table) == refitted) or _table_fits(table):
                continue
            _fix_grid(table)
        return tree

    def _in_document(self, body: str) -> str:
        """The rendered ``body`` inside the template's own ``w:document``, to be parsed as one
        tree: docxtpl parsed the body alone and swapped it into the document, and that swap
        grew faster than the body (lxml moves each node into the other tree's dictionary)."""
        root = self.docx._element
        shell = etree.Element(root.tag, attrib=dict(root.attrib), nsmap=root.nsmap)
        for child in root:
            shell.append(etree.Comment(_BODY) if child.tag == _W_BODY else copy.deepcopy(child))
        before, after = etree.tostring(shell, encoding="unicode").split(f"<!--{_BODY}-->")
        start = _START_TAG.match(body)
        if start is not None:  # the declarations the document already makes, said once
            declared = {f'xmlns:{k}="{v}"' for k, v in root.nsmap.items() if k}
            attributes = _ATTRIBUTE.findall(start.group(1))
            kept = [a for a in attributes if a not in declared]
            body = "<w:body" + "".join(" " + a for a in kept) + body[start.end(1) :]
        return str(before + body + after)

    def fix_docpr_ids(self, tree: Any) -> None:
        # docxtpl's, walking by tag instead of an XPath: the same elements in the same order,
        # and no walk at all when the document has no drawing (8 ms on a 3 MB body).
        for element in tree.iter(_WP_DOC_PR):
            self.docx_ids_index += 1
            element.attrib["id"] = str(self.docx_ids_index)

    def map_tree(self, tree: Any) -> None:
        if tree.tag != _W_DOCUMENT:
            super().map_tree(tree)
            return
        part = self.docx.part
        part._element = tree
        self.docx = DocxDocument(tree, part)

    def map_headers_footers_xml(self, relKey: str, xml: bytes) -> None:
        # docxtpl has python-docx parse the rendered part, whose parser stops at a text node
        # of 10 MB; this one reads any size and makes the same element classes.
        part = self.docx._part.rels[relKey].target_part
        new_part = XmlPart(part.partname, part.content_type, parse_rendered(xml), part.package)
        for rel in part.rels.values():
            new_part.load_rel(rel.reltype, rel._target, rel.rId, rel.is_external)
        self.docx._part.rels[relKey]._target = new_part

    rendering: tuple[str, str] = ("", "")
    """The part that is rendering and its source, to say where a render failed."""

    def render_xml_part(self, src_xml: str, part: Any, context: Any, jinja_env: Any = None) -> str:
        # docxtpl's, except that the brace escapes are not replaced in the output, which holds
        # the document's own text too: _BraceEscapes replaces them in the template.
        self.current_rendering_part = part
        self.rendering = (str(part.partname).lstrip("/"), src_xml)
        environment = jinja_env or shared_environment()
        source = jinja_source(src_xml)
        rendered = _write_directly(environment, source, context)
        if rendered is None:
            rendered = environment.from_string(source).render(context)
        # docxtpl's «re.sub(r"\n<w:p([ >])", r"<w:p\1", …)» as a look-ahead: as fast as two
        # replaces (10 ms for 3 MB), and a part is copied once rather than twice.
        rendered = _BREAK_BEFORE_PARAGRAPH.sub("", rendered)
        return str(self.resolve_listing(rendered))

    def render_properties(self, context: Any, jinja_env: Any = None) -> None:
        self.rendering = ("docProps/core.xml", "")
        super().render_properties(context, jinja_env)

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
        # Only the paragraphs holding a listing character change, and they are found from the
        # characters, not by matching every paragraph of the body: a match of docxtpl's pattern
        # ends at the first «</w:p>» after its start, so no match spans a «</w:p>», and a scan
        # begun just after one finds what the scan from the start finds. A body of 2,000 rows
        # with one two-line title took 60 ms to match paragraph by paragraph.
        listing = _Listing(xml)
        at = listing.search(0)
        if at < 0:
            return xml
        resolve = super().resolve_listing
        pieces: list[str] = []
        done = 0  # xml[:done] is in pieces; it ends where a match ended, or at 0
        match: re.Match[str] | None = None  # the first match from a point before the character
        while at >= 0:
            if match is None or match.end() <= at:
                end = xml.rfind(_END_OF_PARAGRAPH, done, at)
                match = _PARAGRAPH.search(xml, end + len(_END_OF_PARAGRAPH) if end >= 0 else done)
                if match is None:
                    break
            if match.start() > at:  # outside any paragraph, up to the start of this match
                at = listing.search(match.start())
                continue
            pieces += [xml[done : match.start()], str(resolve(match.group(0)))]
            done = match.end()
            match = None
            at = listing.search(done)
        pieces.append(xml[done:])
        return "".join(pieces)


_writers: dict[tuple[int, str], writer.Writer | None] = {}
_WRITERS = 64
DIRECT = contextvars.ContextVar("roadmapdocs_direct_writer", default=True)
"""Whether parts are written by :mod:`.writer` where it covers them (tests turn it off to
compare with Jinja's text)."""


def _writer_for(environment: SandboxedEnvironment, source: str) -> writer.Writer | None:
    """The direct writer of ``source``, compiled on first use; None (the reason logged once)
    when the writer does not cover it."""

    def make() -> writer.Writer | None:
        try:
            return writer.compile_part(environment, source, _VIEW_TYPES)
        except writer.Refused as exc:
            # The reason as text: the exception would keep the frames of this render alive.
            _log.info("часть шаблона отрисует Jinja: писатель не знает %s", str(exc))
            return None

    key = (id(environment), source)
    if key in _writers:
        return _writers[key]
    return _kept(_writers, key, _WRITERS, make)


def _write_directly(environment: SandboxedEnvironment, source: str, context: Any) -> str | None:
    """The part written by its direct writer, or None when Jinja must render it."""
    if not DIRECT.get() or not isinstance(environment, _Environment):
        return None
    found = _writer_for(environment, source)
    if found is None:
        return None
    with bounded() as bounds:
        made = bounds.made
        text = found.render(environment, context, deadline=bounds.deadline, chars=bounds.chars)
        if text is None:
            bounds.made = made  # Jinja counts it all again
        return text


def _pristine(path: str) -> DocxDocument:
    """A template's document as every render starts from it: opened, its text tagged Russian
    (:func:`layout.prepare_language`), so that a render need not walk its body for that."""
    document = docx.Document(path)
    layout.prepare_language(document)
    return document


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
_RENDERED_DOCUMENT = etree.XMLParser(
    huge_tree=True, resolve_entities=False, no_network=True, remove_blank_text=False
)
_RENDERED_DOCUMENT.set_element_class_lookup(element_class_lookup)
_BODY = "roadmapdocs body"
_W_BODY, _W_DOCUMENT = qn("w:body"), qn("w:document")
_START_TAG = re.compile(r"<w:body((?:\s+[^\s=>/]+=\"[^\"]*\")*)\s*(?=/?>)")
_ATTRIBUTE = re.compile(r'[^\s=>/]+="[^"]*"')
_WP_DOC_PR = qn("wp:docPr")


def parse_rendered(xml: str | bytes, *, document: bool = False) -> Any:
    """The rendered XML of a part as a tree, all of it, or :class:`MalformedXML`.

    A body (text) is parsed as docxtpl parses it — with python-docx's element classes when it
    is a whole ``document``; a header or footer (bytes) as python-docx does.
    """
    if isinstance(xml, bytes):
        parser = _RENDERED_PART
    else:
        parser = _RENDERED_DOCUMENT if document else _RENDERED
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


def _paragraph_text(xml: str, lineno: int | None) -> tuple[str, bool]:
    """The text of the paragraph where a Jinja error is, and whether it sits in a table cell.

    docxtpl starts every paragraph on a new line before compiling, so a Jinja line number is a
    paragraph; tags are stripped to show what the author sees in Word.
    """
    if not lineno:
        return "", False
    lines = jinja_source(xml).splitlines()
    if not 0 < lineno <= len(lines):
        return "", False
    # Only what precedes the paragraph decides whether it sits in a cell: its own line also
    # holds the closing tags after it (``</w:tc></w:tr>``), which would balance the count.
    before = "\n".join(lines[: lineno - 1])
    in_cell = before.count("<w:tc>") + before.count("<w:tc ") > before.count("</w:tc>")
    return re.sub(r"<[^>]+>", "", lines[lineno - 1]).strip()[:80], in_cell


def _paragraph_at(xml: str, lineno: int | None) -> Phrase:
    """« в абзаце «…»» (or « в ячейке таблицы «…»») for the line of a Jinja error."""
    text, in_cell = _paragraph_text(xml, lineno)
    if not text:
        return _NOWHERE
    return (_IN_CELL if in_cell else _IN_PARAGRAPH).format(text=text)


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


_PARTS = (
    ("document", Phrase("основной текст", "the body")),
    ("header", Phrase("верхний колонтитул", "a header")),
    ("footer", Phrase("нижний колонтитул", "a footer")),
    ("footnotes", Phrase("сноски", "the footnotes")),
    ("core", Phrase("свойства файла", "the file's properties")),
)


def _part_title(part: str) -> Phrase:
    """What the author calls a part of the template: «нижний колонтитул» for word/footer1.xml."""
    name = part.rsplit("/", 1)[-1]
    for stem, title in _PARTS:
        if name.startswith(stem):
            return title
    return Phrase(part, part)


def _template_line(exc: BaseException) -> int | None:
    """The line of the template where ``exc`` was raised (Jinja puts the template's lines
    into the traceback); each paragraph of a part is a line of its own."""
    line = None
    frame = exc.__traceback__
    while frame is not None:
        if frame.tb_frame.f_code.co_filename == "<template>":
            line = frame.tb_lineno
        frame = frame.tb_next
    return line


def _located(exc: BaseException, xml: str, part: str) -> Phrase:
    """Where in the template a render failed: « — основной текст, абзац «…», строка 12»."""
    if not part:
        return _NOWHERE
    place = Phrase(" — {part}", " — {part}").format(part=_part_title(part))
    line = getattr(exc, "line", None) or _template_line(exc)
    text, in_cell = _paragraph_text(xml, line)
    if text:
        where = (
            Phrase(", ячейка таблицы «{text}»", ", table cell «{text}»")
            if in_cell
            else Phrase(", абзац «{text}»", ", paragraph «{text}»")
        )
        place += where.format(text=text)
    if line:
        place += Phrase(", строка {line}", ", line {line}").format(line=line)
    return place


def template_error(
    exc: BaseException, template: Template, xml: str = "", part: str = ""
) -> TemplateError | LimitExceeded:
    """A Jinja or docxtpl failure as a located, readable TemplateError (LimitExceeded for a
    bound of :mod:`roadmapdocs.limits`); ``xml`` and ``part`` are the source and the name of
    the part that was rendering."""
    where = Location(str(template.docx))
    name = template.name
    if isinstance(exc, jinja2.TemplateSyntaxError):
        unclosed = unclosed_tags(template)
        if unclosed:
            return TemplateError(unclosed[0], where)
        place = _paragraph_at(xml, exc.lineno)
        return TemplateError(_SYNTAX.format(name=name) + place + f": {exc.message}", where)
    place = _located(exc, xml, part)
    if isinstance(exc, TemplateLimit):
        message = Phrase(
            "шаблон «{name}» остановлен: {detail}",
            "template «{name}» was stopped: {detail}",
        ).format(name=name, detail=exc.detail)
        if not exc.limit:
            return TemplateError(message + place, where)
        how = Phrase("; ", "; ") + limits.how_to_change(exc.limit)
        return LimitExceeded(message + place + how, where, limit=exc.limit)
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return TemplateSecurityError(
            Phrase(
                "шаблон «{name}» обращается к внутренним объектам Python (песочница открывает "
                "шаблону только данные документа и не даёт их менять): {detail}",
                "template «{name}» reaches for Python internals (the sandbox opens only the "
                "document's data to a template and lets it change nothing): {detail}",
            ).format(name=name, detail=exc)
            + place,
            where,
        )
    if isinstance(exc, MalformedXML):
        return TemplateError(
            Phrase(
                "шаблон «{name}» дал документ, который не читается как XML ({detail}): в "
                "тексте знак, которого не может быть в документе Word, или шаблон выводит "
                "разметку сам (фильтр «safe»); документ не записан",
                "template «{name}» produced a document that does not read as XML "
                "({detail}): the text holds a character a Word document cannot hold, or the "
                "template writes markup itself (the «safe» filter); no document was written",
            ).format(name=name, detail=exc)
            + place,
            where,
        )
    if isinstance(exc, RecursionError):
        return TemplateError(
            Phrase(
                "шаблон «{name}» остановлен: слишком глубокая вложенность (макрос или цикл "
                "вызывает сам себя слишком глубоко или скобки вложены слишком глубоко)",
                "template «{name}» was stopped: nested too deeply (a macro or a loop calls "
                "itself too deeply, or brackets are nested too deeply)",
            ).format(name=name)
            + place,
            where,
        )
    if isinstance(exc, MemoryError):
        return TemplateError(
            Phrase(
                "шаблон «{name}» остановлен: не хватило памяти",
                "template «{name}» was stopped: out of memory",
            ).format(name=name)
            + place,
            where,
        )
    if isinstance(exc, jinja2.UndefinedError):
        detail = str(exc.message or exc)
        found = re.search(r"'([^']+)' is undefined", detail) or re.search(
            r"has no attribute '([^']+)'", detail
        )
        hint = did_you_mean(found.group(1), CONTRACT) if found else ""
        return TemplateError(
            Phrase(
                "шаблон «{name}» использует неизвестную переменную: {detail}{hint} "
                "(список переменных — docs/context.md)",
                "template «{name}» uses an unknown variable: {detail}{hint} "
                "(the variables are listed in docs/context.md)",
            ).format(name=name, detail=detail, hint=hint)
            + place,
            where,
        )
    return TemplateError(
        Phrase(
            "шаблон «{name}» не отрисовался: {detail}",
            "template «{name}» failed to render: {detail}",
        ).format(name=name, detail=exc or type(exc).__name__)
        + place,
        where,
    )


_RENDER_FAILURES = (
    jinja2.TemplateError,
    TemplateLimit,
    ValueError,
    TypeError,
    LookupError,
    AttributeError,
    ArithmeticError,
    RecursionError,
    MemoryError,
)
"""What a template can make a render raise; anything else is a bug and keeps its traceback."""


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

    Each of ``findings`` becomes a Word comment where the document shows its element. The
    cycle collector is paused meanwhile (:mod:`roadmapdocs.collector`): a plan's rows and their
    XML are freed by their reference counts, and at 32,000 activities the collector's passes
    over them were a sixth of the render.
    """
    with collector.paused():
        return _render_docx(document, template, out, settings, context, findings, lang)


def _render_docx(
    document: DocumentBase,
    template: Template,
    out: Path,
    settings: Settings,
    context: dict[str, Any] | None,
    findings: Sequence[Finding],
    lang: Lang,
) -> Path:
    tpl = open_template(template)
    values = context if context is not None else build_context(document, settings)
    try:
        with bounded():
            tpl.render(values, shared_environment(), autoescape=True)
    except NameNotDeclined as exc:  # the document's fault, not the template's: say where
        raise exc.located(document) from None
    except _RENDER_FAILURES as exc:
        part, xml = tpl.rendering
        raise template_error(exc, template, xml, part) from None
    word = tpl.docx
    layout.apply_fonts(word, settings)
    layout.apply_language(word, settings, prepared=True)
    layout.split_appendices(word, appendix_orientations(document, settings), settings)
    layout.fit_plan_tables(word, settings)
    places = layout.paragraphs_in_style(word, layout.CHART_STYLE)
    if places:
        from roadmapdocs.rendering import charts  # matplotlib only for a template with charts

        charts.embed(word, places, document, settings)
    _describe(word, document)
    if findings:
        annotate(word, document, findings, lang=lang)
    with atomic_path(out) as temporary:
        try:
            _save(word, temporary)
        except OSError as exc:
            raise RenderError(phrase("write_failed", detail=exc), Location(str(out))) from None
    return out


def _save(word: DocxDocument, target: Path) -> None:
    """Write ``word`` to ``target``. With ``SOURCE_DATE_EPOCH`` set, every part of the package
    is dated by it: python-docx dates them by the clock, so two renders a second apart
    differed in the bytes of the archive's headers though not in any part."""
    stamp = moment.fixed()
    if stamp is None:
        word.save(str(target))
        return
    written = io.BytesIO()
    word.save(written)
    # A ZIP date goes no earlier than 1980.
    date_time = max(stamp.timetuple()[:6], (1980, 1, 1, 0, 0, 0))
    with zipfile.ZipFile(written) as source, zipfile.ZipFile(target, "w") as package:
        for info in source.infolist():
            dated = zipfile.ZipInfo(info.filename, date_time=date_time)
            dated.compress_type = info.compress_type
            dated.external_attr = info.external_attr
            package.writestr(dated, source.read(info))
