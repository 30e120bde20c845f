"""A template part compiled once into a direct writer: static XML kept as text, values escaped
into their places, loops over rows emitting each row by substitution into its compiled pieces.

docxtpl hands each part of a template to Jinja, whose sandbox checks every attribute read, call
and operator of every row, and whose code passes each value through layers made for every use
of Jinja. The built-in templates use a small part of Jinja — values, filters, ``if``, ``for``
(with ``loop.index``, ``loop.first``, …), ``set`` and a few calls — and for that part this
module writes one Python function per template source, once per process: the static XML as
string constants, each ``{{ … }}`` as an escaped read, each loop as a Python loop. It gives the
same text as Jinja (``tests/rendering/test_writer.py`` compares them over every example, over
generated documents of every kind and construct by construct).

What the writer does not cover — macros, blocks, includes, tests (``is defined``), ``~``,
arithmetic, ``recursive`` loops, ``set`` inside an ``if``, a name read in a loop before the loop
sets it, ``loop`` itself printed or read in a loop's condition — makes :func:`compile_part`
refuse the part with a reason, and that part renders through Jinja as before (:func:`refusal`
says why; the renderer logs it once). At run time, anything unusual — a name or attribute that
is not there, a value past the bounds, any error at all — sends the render of the part back to
Jinja, which then gives the result, or the located error, that it always gave.

What stays safe: a template reaches only what the sandbox lets it reach. An attribute read that
is not a plain value of a view (``_VIEW_TYPES`` of :mod:`.docx`) goes through the sandbox's own
``getattr``; every call goes through its ``call``, every item through its ``getitem``; every
filter is the bounded one of the environment; each loop step looks at the clock and the output
is measured. The generated code holds no text of the template but as string constants
(``repr``), and names only what this module chose.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import nodes
from jinja2.exceptions import TemplateError as JinjaTemplateError
from jinja2.runtime import Context, Undefined, new_context
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import _PassArg
from markupsafe import escape
from pydantic import BaseModel


class Refused(Exception):
    """The part uses something the writer does not cover; the text says what."""


class _Back(Exception):
    """At run time: give this render to Jinja."""


_MISSING = object()

_ITEMS_ONLY: dict[tuple[type, str], bool] = {}
_GENERIC = (object, dict)
"""Classes whose ``__getattribute__`` is Python's generic one."""


def _items_only(kind: type, attr: str) -> bool:
    """Whether ``getattr`` of ``attr`` fails on every object of ``kind``: the class has no such
    attribute, its objects keep none of their own (no ``__dict__``) and it makes none up (no
    ``__getattr__``) — so Jinja's sandbox reads ``attr`` as an item, with no check to make."""
    key = (kind, attr)
    found = _ITEMS_ONLY.get(key)
    if found is None:
        found = _ITEMS_ONLY[key] = (
            not hasattr(kind, attr)
            and getattr(kind, "__dictoffset__", 1) == 0
            and not hasattr(kind, "__getattr__")
            and all(c in _GENERIC or "__getattribute__" not in vars(c) for c in kind.__mro__)
        )
    return found


class _Run:
    """What the generated code of one render reads: the environment, the variables, the clock."""

    __slots__ = ("context", "deadline", "environment", "plain", "variables")

    def __init__(
        self,
        environment: SandboxedEnvironment,
        variables: dict[str, Any],
        deadline: float,
        plain: tuple[type, ...],
    ) -> None:
        self.environment = environment
        self.variables = variables
        self.deadline = deadline
        self.plain = plain
        self.context: Context | None = None

    def name(self, name: str) -> Any:
        found = self.variables.get(name, _MISSING)
        if found is _MISSING:
            found = self.environment.globals.get(name, _MISSING)
            if found is _MISSING:
                raise _Back
        return found

    def jinja_context(self) -> Context:
        """A Jinja context for the calls and filters that take one, made on first use."""
        if self.context is None:
            self.context = new_context(self.environment, None, {}, self.variables, shared=True)
        return self.context

    def attr(self, obj: Any, attr: str) -> Any:
        """``obj.attr`` as the sandbox reads it."""
        if _items_only(type(obj), attr):  # «row.kind» of a mapping: its item, as Jinja reads
            try:
                return obj[attr]
            except (TypeError, LookupError):
                raise _Back from None
        try:
            value = getattr(obj, attr)
        except AttributeError:
            value = _MISSING
        if (
            value is _MISSING
            or callable(value)
            or isinstance(value, type | BaseModel)
            or not isinstance(obj, self.plain)
        ):
            value = self.environment.getattr(obj, attr)  # the sandbox decides
            if isinstance(value, Undefined):
                raise _Back
        return value

    def item(self, obj: Any, key: Any) -> Any:
        value = self.environment.getitem(obj, key)
        if isinstance(value, Undefined):
            raise _Back
        return value

    def call(self, function: Any, *args: Any, **kwargs: Any) -> Any:
        return self.environment.call(self.jinja_context(), function, *args, **kwargs)


_LOOP_FIELDS = {
    "index": "({i} + 1)",
    "index0": "{i}",
    "first": "({i} == 0)",
    "last": "({i} == {n} - 1)",
    "length": "{n}",
    "revindex": "({n} - {i})",
    "revindex0": "({n} - {i} - 1)",
}
_NEEDS_LENGTH = {"last", "length", "revindex", "revindex0"}

_OPERATORS = {
    "eq": "==",
    "ne": "!=",
    "gt": ">",
    "gteq": ">=",
    "lt": "<",
    "lteq": "<=",
    "in": "in",
    "notin": "not in",
}

_CONSTANTS = (str, int, float, bool, type(None))


@dataclass
class _Loop:
    index: str
    length: str
    needs_length: bool = False


class _Scope:
    """Names of one level of the template, each bound to the Python name that holds it."""

    def __init__(self, parent: _Scope | None, loop: _Loop | None) -> None:
        self.parent = parent
        self.loop = loop
        self.names: dict[str, str] = {}
        self.read: set[str] = set()

    def find(self, name: str) -> str | None:
        scope: _Scope | None = self
        while scope is not None:
            if name in scope.names:
                return scope.names[name]
            scope = scope.parent
        return None

    def innermost_loop(self) -> _Loop | None:
        scope: _Scope | None = self
        while scope is not None:
            if scope.loop is not None:
                return scope.loop
            scope = scope.parent
        return None


class _Generator:
    def __init__(self, environment: SandboxedEnvironment) -> None:
        self.environment = environment
        self.lines: list[str] = []
        self.counter = itertools.count()
        self.globals: dict[str, Any] = {
            "_escape": escape,
            "_Back": _Back,
            "_Undefined": Undefined,
            "_clock": time.monotonic,
        }
        self.context_names: dict[str, str] = {}
        self.scope = _Scope(None, None)

    def fresh(self, stem: str) -> str:
        return f"{stem}_{next(self.counter)}"

    def write(self, depth: int, line: str) -> None:
        self.lines.append("    " * depth + line)

    def constant(self, value: Any) -> str:
        if isinstance(value, _CONSTANTS):
            return repr(value)
        name = self.fresh("k")
        self.globals[name] = value
        return name

    # -- statements ---------------------------------------------------------------------

    def body(self, statements: list[nodes.Node], depth: int) -> None:
        start = len(self.lines)
        for statement in statements:
            self.statement(statement, depth)
        if len(self.lines) == start:
            self.write(depth, "pass")

    def statement(self, node: nodes.Node, depth: int) -> None:
        if isinstance(node, nodes.Output):
            self.output(node, depth)
        elif isinstance(node, nodes.If):
            self.if_(node, depth)
        elif isinstance(node, nodes.For):
            self.for_(node, depth)
        elif isinstance(node, nodes.Assign):
            self.assign(node, depth)
        else:
            raise Refused(f"{{% {type(node).__name__.lower()} %}}")

    def output(self, node: nodes.Output, depth: int) -> None:
        pending: list[str] = []
        for child in node.nodes:
            if isinstance(child, nodes.TemplateData):
                pending.append(child.data)
                continue
            if pending:
                self.write(depth, f"w({''.join(pending)!r})")
                pending = []
            self.write(depth, f"w(_escape({self.expression(child)}))")
        if pending:
            self.write(depth, f"w({''.join(pending)!r})")

    def if_(self, node: nodes.If, depth: int) -> None:
        self.write(depth, f"if {self.expression(node.test)}:")
        self.branch(node.body, depth + 1)
        for other in node.elif_:
            self.write(depth, f"elif {self.expression(other.test)}:")
            self.branch(other.body, depth + 1)
        if node.else_:
            self.write(depth, "else:")
            self.branch(node.else_, depth + 1)

    def branch(self, statements: list[nodes.Node], depth: int) -> None:
        if any(isinstance(s, nodes.Assign) for s in statements):
            raise Refused("{% set %} внутри {% if %}")
        self.body(statements, depth)

    def for_(self, node: nodes.For, depth: int) -> None:
        if node.recursive:
            raise Refused("{% for … recursive %}")
        items = self.expression(node.iter)
        outer = self.scope
        loop = _Loop(self.fresh("i"), self.fresh("n"))
        self.scope = _Scope(outer, loop)
        try:
            target = self.target(node.target)
            keep = None
            if node.test is not None:
                if any(_is_loop(n) for n in node.test.find_all(nodes.Name)) or _is_loop(node.test):
                    raise Refused("«loop» в условии цикла")
                keep = self.expression(node.test)
            body_start = len(self.lines)
            self.body(node.body, depth + 1)
            body = self.lines[body_start:]
            del self.lines[body_start:]
        finally:
            self.scope = outer
        values = self.fresh("v")
        self.write(depth, f"{values} = {items}")
        self.write(depth, f"if isinstance({values}, _Undefined): raise _Back")
        if keep is not None:
            kept = self.fresh("kept")
            self.write(depth, f"{kept} = []")
            self.write(depth, f"for {target} in {values}:")
            self.write(depth + 1, f"if {keep}: {kept}.append({target})")
            self.write(depth, f"{values} = {kept}")
        if loop.needs_length:
            self.write(depth, f"{values} = list({values})")
            self.write(depth, f"{loop.length} = len({values})")
        empty = self.fresh("empty")
        if node.else_:
            self.write(depth, f"{empty} = True")
        self.write(depth, f"for {loop.index}, {target} in enumerate({values}):")
        self.write(depth + 1, "if _clock() > deadline: raise _Back")
        if node.else_:
            self.write(depth + 1, f"{empty} = False")
        self.lines.extend(body)
        if node.else_:
            self.write(depth, f"if {empty}:")
            self.branch(node.else_, depth + 1)

    def target(self, node: nodes.Node) -> str:
        if isinstance(node, nodes.Name):
            return self.bind(node.name)
        if isinstance(node, nodes.Tuple) and all(isinstance(i, nodes.Name) for i in node.items):
            names = [self.bind(i.name) for i in node.items]  # type: ignore[attr-defined]
            return "(" + ", ".join(names) + ",)"
        raise Refused("составная цель цикла или присваивания")

    def bind(self, name: str) -> str:
        _check_name(name)
        if name in self.scope.read:
            raise Refused(f"«{name}» читается до {{% set {name} %}} на том же уровне")
        python = self.fresh("l")
        self.scope.names[name] = python
        return python

    def assign(self, node: nodes.Assign, depth: int) -> None:
        if not isinstance(node.target, nodes.Name):
            raise Refused("{% set a, b = … %}")
        value = self.expression(node.node)
        self.write(depth, f"{self.bind(node.target.name)} = {value}")

    # -- expressions ----------------------------------------------------------------------

    def expression(self, node: nodes.Node) -> str:
        method = getattr(self, "e_" + type(node).__name__, None)
        if method is None:
            raise Refused(f"выражение {type(node).__name__}")
        result: str = method(node)
        return result

    def e_Const(self, node: nodes.Const) -> str:
        return self.constant(node.value)

    def e_Name(self, node: nodes.Name) -> str:
        name = node.name
        if name == "loop":
            raise Refused("«loop» сам по себе")
        _check_name(name)
        scope: _Scope | None = self.scope
        while scope is not None:
            scope.read.add(name)
            scope = scope.parent
        local = self.scope.find(name)
        if local is not None:
            return local
        found = self.context_names.get(name)
        if found is None:
            found = self.context_names[name] = self.fresh("c")
        return found

    def e_Getattr(self, node: nodes.Getattr) -> str:
        attr = node.attr
        if _is_loop(node.node):
            loop = self.scope.innermost_loop()
            if loop is None:
                raise Refused("«loop» вне цикла")
            form = _LOOP_FIELDS.get(attr)
            if form is None:
                raise Refused(f"loop.{attr}")
            if attr in _NEEDS_LENGTH:
                loop.needs_length = True
            return form.format(i=loop.index, n=loop.length)
        if attr.startswith("_"):
            raise Refused(f"атрибут «{attr}»")
        return f"attr({self.expression(node.node)}, {attr!r})"

    def e_Getitem(self, node: nodes.Getitem) -> str:
        return f"item({self.expression(node.node)}, {self.expression(node.arg)})"

    def e_Slice(self, node: nodes.Slice) -> str:
        ends = [
            self.expression(n) if n is not None else "None"
            for n in (node.start, node.stop, node.step)
        ]
        return f"slice({', '.join(ends)})"

    def e_Tuple(self, node: nodes.Tuple) -> str:
        return "(" + "".join(self.expression(i) + ", " for i in node.items) + ")"

    def e_List(self, node: nodes.List) -> str:
        return "[" + ", ".join(self.expression(i) for i in node.items) + "]"

    def e_Not(self, node: nodes.Not) -> str:
        return f"(not {self.expression(node.node)})"

    def e_And(self, node: nodes.And) -> str:
        return f"({self.expression(node.left)} and {self.expression(node.right)})"

    def e_Or(self, node: nodes.Or) -> str:
        return f"({self.expression(node.left)} or {self.expression(node.right)})"

    def e_CondExpr(self, node: nodes.CondExpr) -> str:
        if node.expr2 is None:
            raise Refused("«… if …» без else")
        test, yes = self.expression(node.test), self.expression(node.expr1)
        return f"({yes} if {test} else {self.expression(node.expr2)})"

    def e_Compare(self, node: nodes.Compare) -> str:
        parts = [self.expression(node.expr)]
        for operand in node.ops:
            symbol = _OPERATORS.get(operand.op)
            if symbol is None:
                raise Refused(f"сравнение «{operand.op}»")
            parts += [symbol, self.expression(operand.expr)]
        return "(" + " ".join(parts) + ")"

    def e_Filter(self, node: nodes.Filter) -> str:
        if node.node is None or node.dyn_args is not None or node.dyn_kwargs is not None:
            raise Refused(f"фильтр «{node.name}» в такой форме")
        function = self.environment.filters.get(node.name)
        if function is None:
            raise Refused(f"неизвестный фильтр «{node.name}»")
        name = self.fresh("f")
        self.globals[name] = function
        passed = _PassArg.from_obj(function)
        arguments = [self.expression(node.node)]
        if passed is _PassArg.context:
            arguments.insert(0, "run.jinja_context()")
        elif passed is _PassArg.eval_context:
            arguments.insert(0, "run.jinja_context().eval_ctx")
        elif passed is _PassArg.environment:
            arguments.insert(0, "run.environment")
        arguments += self.arguments(node.args, node.kwargs)
        return f"{name}({', '.join(arguments)})"

    def e_Call(self, node: nodes.Call) -> str:
        if node.dyn_args is not None or node.dyn_kwargs is not None:
            raise Refused("вызов с *args или **kwargs")
        arguments = [self.expression(node.node), *self.arguments(node.args, node.kwargs)]
        return f"run.call({', '.join(arguments)})"

    def arguments(self, args: list[nodes.Expr], kwargs: list[Any]) -> list[str]:
        """The arguments of a call or a filter, as Python."""
        found = [self.expression(a) for a in args]
        for keyword in kwargs:
            key = str(keyword.key)
            if not key.isidentifier():
                raise Refused(f"аргумент «{key}»")
            found.append(f"{key}={self.expression(keyword.value)}")
        return found

    # -- the function -------------------------------------------------------------------

    def function(self, template: nodes.Template) -> Callable[[_Run, Callable[[str], None]], None]:
        self.body(template.body, 1)
        head = [
            "def write(run, w):",
            "    attr, item, deadline = run.attr, run.item, run.deadline",
        ]
        for name, python in self.context_names.items():
            head.append(f"    {python} = run.name({name!r})")
        source = "\n".join([*head, *self.lines]) + "\n"
        namespace = dict(self.globals)
        exec(compile(source, "<roadmapdocs writer>", "exec"), namespace)
        function: Callable[[_Run, Callable[[str], None]], None] = namespace["write"]
        return function


def _is_loop(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Name) and node.name == "loop"


def _check_name(name: str) -> None:
    reserved = name in ("loop", "self", "caller", "varargs", "kwargs")
    if reserved or not name.isidentifier() or name.startswith("_"):
        raise Refused(f"имя «{name}»")


@dataclass(frozen=True)
class Writer:
    """A part compiled for writing directly."""

    write: Callable[[_Run, Callable[[str], None]], None]
    plain: tuple[type, ...]

    def render(
        self,
        environment: SandboxedEnvironment,
        context: Mapping[str, Any],
        *,
        deadline: float,
        chars: int,
    ) -> str | None:
        """The part's text for ``context``, or None when Jinja must render it (see the module's
        description)."""
        run = _Run(environment, dict(context), deadline, self.plain)
        pieces: list[str] = []
        try:
            self.write(run, pieces.append)
        except Exception:  # Jinja renders it again and says what is wrong
            return None
        text = "".join(pieces)
        return text if len(text) <= chars else None


def compile_part(environment: SandboxedEnvironment, source: str, plain: tuple[type, ...]) -> Writer:
    """``source`` (a part as docxtpl hands it to Jinja) compiled into a :class:`Writer` whose
    attribute reads treat objects of ``plain`` types as the sandbox's plain values;
    :class:`Refused` saying why when it uses what the writer does not cover. A source Jinja
    cannot compile is refused too: Jinja then says what is wrong with it."""
    try:
        tree = environment.parse(source)
    except JinjaTemplateError as exc:
        raise Refused(f"Jinja: {exc}") from None
    return Writer(_Generator(environment).function(tree), plain)


def refusal(environment: SandboxedEnvironment, source: str, plain: tuple[type, ...]) -> str | None:
    """Why ``source`` cannot be written directly; None when it can."""
    try:
        compile_part(environment, source, plain)
    except Refused as exc:
        return str(exc)
    return None
