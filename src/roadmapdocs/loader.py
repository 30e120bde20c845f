"""Reading documents from YAML, JSON or mappings, with every problem located; writing YAML back."""

from __future__ import annotations

import dataclasses
import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar, Union, cast

import yaml
from pydantic import BaseModel, ValidationError

from roadmapdocs import collector, limits
from roadmapdocs.errors import LimitExceeded, LoadError, Location, Problem
from roadmapdocs.messages import (
    DEFAULT_LANG,
    Lang,
    Phrase,
    did_you_mean,
    language,
    pydantic_message,
    text,
)
from roadmapdocs.model import Document, kinds
from roadmapdocs.model.annotations import inner_model

# format_path, locate and PathKey lived here before source maps had a module of their own.
from roadmapdocs.sourcemap import PathKey, SourceMap, attach, format_path, locate

Source = Union[str, os.PathLike[str], Mapping[str, Any]]  # noqa: UP007

SUFFIXES = (".yaml", ".yml", ".json")

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc]
    """YAML where only null, true/false and whole numbers are not text.

    Everything else stays a string exactly as written: «1.10» is an activity number, not the
    float 1.1; «2024-09-05» is read as a date by the model, not by YAML; «010» stays «010».
    """

    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {}


_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)


_NULL, _BOOL, _INT, _FLOAT, _STR = (
    f"tag:yaml.org,2002:{t}" for t in ("null", "bool", "int", "float", "str")
)


class InputLimitExceeded(LoadError, LimitExceeded):
    """A document could not be loaded because it went past a bound of :mod:`roadmapdocs.limits`:
    a :class:`LoadError` (one located problem) that is also a :class:`LimitExceeded` naming the
    bound in :attr:`limit`."""

    def __init__(self, problem: Problem, limit: str) -> None:
        super().__init__([problem])
        self.limit = limit


_BASE = re.compile(r"^[-+]?0[xXoObB]")
"""The sign and base of «0x1F»: not digits of the number."""

_TOO_MANY_NODES = Phrase(
    "в документе больше {limit} значений и ключей (значение, на которое ссылаются через *, "
    "считается при каждой ссылке)",
    "the document holds more than {limit} values and keys (a value referred to with * counts "
    "at every reference)",
)
_TOO_DEEP = Phrase(
    "списки и наборы полей вложены глубже {limit} уровней",
    "lists and mappings are nested deeper than {limit} levels",
)
_TOO_MANY_DIGITS = Phrase(
    "в числе {count} цифр, допустимо не больше {limit}",
    "a number of {count} digits, at most {limit} allowed",
)
_FIELD_TOO_LONG = Phrase(
    "в поле {count} символов, допустимо не больше {limit}",
    "a field of {count} characters, at most {limit} allowed",
)
_DOCUMENT_TOO_LONG = Phrase(
    "в текстовых полях документа больше {limit} символов",
    "the text fields of the document hold more than {limit} characters",
)
_FILE_TOO_BIG = Phrase("файл больше {limit} байт", "the file is larger than {limit} bytes")
_BAD_VALUE = Phrase("неверное значение: {detail}", "invalid value: {detail}")


def _exceeded(name: str, what: Phrase, location: Location, **values: Any) -> InputLimitExceeded:
    """The error for input past the limit ``name``, saying how to raise the limit."""
    worded = (what + "; ").format(limit=getattr(limits.current(), name), **values)
    message = (worded + limits.how_to_change(name)).in_()
    return InputLimitExceeded(Problem(location, f"limit_{name}", message), name)


def _short_path(path: PathKey) -> str:
    """A field path for a message: nesting past any limit is cut to its first steps."""
    return format_path(path) if len(path) <= 8 else format_path(path[:6]) + "…"


class _Frame:
    """A mapping or list being built: its node, value, field path and depth, and the nodes and
    characters counted before it began (what it expands to is the count when it ends, less
    these)."""

    __slots__ = ("chars", "depth", "is_list", "items", "node", "nodes", "path", "seen", "value")

    def __init__(self, node: Any, value: Any, path: PathKey, depth: int, before: int, chars: int):
        self.node, self.value, self.path, self.depth = node, value, path, depth
        self.is_list = isinstance(value, list)
        self.items = iter(node.value)
        self.nodes, self.chars = before, chars
        self.seen: dict[str, int] = {}


class _Builder:
    """Turns the composed YAML into Python values in one walk, noting where each value and key
    stands on the way; the values are what ``construct_document`` would give.

    One walk instead of two (indexing, then PyYAML's constructor) reads a large plan in a
    little over half the time; scalars of the four tags the loader resolves are built here,
    anything else explicitly tagged is left to PyYAML.

    The walk keeps its own stack, so that no nesting can exhaust Python's, and it checks the
    bounds of :mod:`roadmapdocs.limits` on the way, before anything big is built: nesting
    (``depth``), the nodes the document expands to (``yaml_nodes``; a mapping or list that an
    alias repeats is built once and shared, but counts at every use, as everything after the
    loader walks it anew each time), the digits of a number, the characters of one text and of
    all texts. A node repeated by an alias brings the nodes and characters it counted the
    first time.
    """

    def __init__(self, loader: Any, marks: SourceMap, lang: Lang) -> None:
        self.loader, self.marks, self.lang = loader, marks, lang
        self.problems: list[Problem] = []
        self.built: dict[int, Any] = {}  # an alias is the same node: the same value
        self.counted: dict[int, tuple[int, int]] = {}  # id → (nodes, characters) it expands to
        bounds = limits.current()
        self.max_nodes, self.max_depth = bounds.yaml_nodes, bounds.depth
        self.max_digits, self.max_field = bounds.number_digits, bounds.field_chars
        self.max_chars = bounds.document_chars
        self.nodes = self.chars = 0

    def _where(self, node: yaml.Node, path: PathKey) -> Location:
        mark = node.start_mark
        return Location(self.marks.file, mark.line + 1, mark.column + 1, _short_path(path))

    def _count(
        self, nodes: int, chars: int, node: yaml.Node, path: PathKey, where: Location | None = None
    ) -> None:
        self.nodes += nodes
        self.chars += chars
        if self.nodes > self.max_nodes:
            raise _exceeded("yaml_nodes", _TOO_MANY_NODES, where or self._where(node, path))
        if self.chars > self.max_chars:
            raise _exceeded("document_chars", _DOCUMENT_TOO_LONG, where or self._where(node, path))

    def build(self, root: yaml.Node) -> Any:
        values, keys, file = self.marks.values, self.marks.keys, self.marks.file
        max_nodes, max_chars, max_field = self.max_nodes, self.max_chars, self.max_field
        stack: list[_Frame] = []
        value, frame = self._start(root, (), 1)
        if frame is not None:
            stack.append(frame)
        while stack:
            top = stack[-1]
            item = next(top.items, None)
            if item is None:
                stack.pop()
                self.counted[id(top.node)] = (self.nodes - top.nodes, self.chars - top.chars)
                continue
            if top.is_list:
                node, path = item, (*top.path, len(top.value))
            else:
                key_node, node = item
                key = str(key_node.value)
                mark = key_node.start_mark
                line, column = mark.line + 1, mark.column + 1
                path = (*top.path, key)
                if key in top.seen:
                    self.problems.append(
                        Problem(
                            Location(file, line, column, format_path(path)),
                            "duplicate_key",
                            text("duplicate_key", self.lang, key=key, first=top.seen[key]),
                        )
                    )
                    continue
                top.seen[key] = line
                keys[path] = (line, column)
                if not isinstance(key_node, yaml.ScalarNode):
                    raise yaml.constructor.ConstructorError(
                        "while constructing a mapping",
                        top.node.start_mark,
                        "found unhashable key",
                        key_node.start_mark,
                    )
                built_key = self._scalar(key_node, path)
                self.nodes += 1
                self.chars += len(key)
                if self.nodes > max_nodes or self.chars > max_chars:
                    self._count(0, 0, key_node, path)
            if node.__class__ is yaml.ScalarNode:  # most nodes: built here, not by _start
                mark = node.start_mark
                values.setdefault(path, (mark.line + 1, mark.column + 1))
                child = node.value
                if node.tag != _STR or len(child) > max_field:
                    child = self._scalar(node, path)
                self.nodes += 1
                if child.__class__ is str:
                    self.chars += len(child)
                if self.nodes > max_nodes or self.chars > max_chars:
                    self._count(0, 0, node, path)
                frame = None
            else:
                child, frame = self._start(node, path, top.depth + 1)
            if top.is_list:
                top.value.append(child)
            else:
                top.value[built_key] = child
            if frame is not None:
                stack.append(frame)
        return value

    def _start(self, node: yaml.Node, path: PathKey, depth: int) -> tuple[Any, _Frame | None]:
        """The value of ``node``: a scalar built, a mapping or list begun (its frame to fill),
        or one built before, which an alias repeats."""
        mark = node.start_mark
        self.marks.values.setdefault(path, (mark.line + 1, mark.column + 1))
        found = self.built.get(id(node))
        if found is not None:
            counted = self.counted.get(id(node))
            # An alias: the place of its use, not of what it refers to.
            used = self.marks.keys.get(path)
            where = Location(self.marks.file, *used, _short_path(path)) if used else None
            if where is None and len(path) > 0:
                parent = self.marks.values.get(path[:-1])
                where = Location(self.marks.file, *parent, _short_path(path)) if parent else None
            if counted is None:  # an alias inside what it refers to: the expansion is endless
                self._count(self.max_nodes + 1, 0, node, path, where)
            else:
                self._count(*counted, node, path, where)
            return found, None
        if isinstance(node, yaml.ScalarNode):
            value = self._scalar(node, path)
            self._count(1, len(value) if isinstance(value, str) else 0, node, path)
            return value, None
        if isinstance(node, (yaml.SequenceNode, yaml.MappingNode)):
            if depth > self.max_depth:
                raise _exceeded("depth", _TOO_DEEP, self._where(node, path))
            before, chars = self.nodes, self.chars
            self._count(1, 0, node, path)
            container: Any = [] if isinstance(node, yaml.SequenceNode) else {}
            self.built[id(node)] = container
            return container, _Frame(node, container, path, depth, before, chars)
        return self.loader.construct_object(node, deep=True), None

    def _scalar(self, node: yaml.ScalarNode, path: PathKey) -> Any:
        tag, value = node.tag, node.value
        if tag == _STR:
            if len(value) > self.max_field:
                where = self._where(node, path)
                raise _exceeded("field_chars", _FIELD_TOO_LONG, where, count=len(value))
            return value
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return value.lower() == "true"
        if tag in (_INT, _FLOAT) and len(value) > self.max_digits:
            # Counted as written, whatever the base: «0x…» reads without Python's bound on
            # digits, and the number would fail where it is printed instead.
            digits = sum(c.isalnum() for c in _BASE.sub("", value, count=1))
            if digits > self.max_digits:
                where = self._where(node, path)
                raise _exceeded("number_digits", _TOO_MANY_DIGITS, where, count=digits)
        if tag == _INT and value.isascii() and value.isdigit():
            return int(value)
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.YAMLError:
            raise
        except Exception as exc:  # PyYAML's constructors fail in ways of their own
            # «!!timestamp 2024-13-45» names no day (ValueError); «!!timestamp 2024-13-45title:»
            # is no timestamp at all (AttributeError) and «!!float » no number (IndexError).
            plain = isinstance(exc, ValueError | OverflowError | TypeError)
            detail: object = exc if plain else repr(value)
            raise yaml.constructor.ConstructorError(
                None, None, _BAD_VALUE.format(detail=detail).in_(), node.start_mark
            ) from None


# PyYAML's commonest complaints, said as a methodologist would need them, with the fix; each
# with whether the place to show is where the construct began (an unclosed quote) rather than
# where PyYAML gave up (the end of the file).
_YAML_REASONS: tuple[tuple[str, str, Phrase, bool], ...] = (
    (
        "",
        "found a tab character",
        Phrase(
            "символ табуляции в отступе: в YAML отступы делаются только пробелами — замените "
            "табуляцию пробелами",
            "a tab in the indentation: YAML indents with spaces only — replace the tab with spaces",
        ),
        False,
    ),
    (
        "",
        "found character '\\t' that cannot start any token",
        Phrase(
            "символ табуляции в отступе: в YAML отступы делаются только пробелами — замените "
            "табуляцию пробелами",
            "a tab in the indentation: YAML indents with spaces only — replace the tab with spaces",
        ),
        False,
    ),
    (
        "while scanning a quoted scalar",
        "found unexpected end of stream",
        Phrase(
            "кавычка, открытая здесь, не закрыта до конца файла — закройте её",
            "the quote opened here is not closed before the end of the file — close it",
        ),
        True,
    ),
    (
        "",
        "mapping values are not allowed",
        Phrase(
            "лишнее двоеточие или лишний отступ: значение с «: » внутри возьмите в кавычки, "
            "а поле выровняйте по соседним",
            "a stray colon or indentation: quote a value that holds «: », and align the field "
            "with its neighbours",
        ),
        False,
    ),
    (
        "",
        "could not find expected ':'",
        Phrase(
            "ожидается «поле: значение» — не хватает двоеточия после имени поля или отступ "
            "строки не совпадает с соседними",
            "«field: value» expected — a colon after the field name is missing, or the line's "
            "indentation differs from its neighbours'",
        ),
        False,
    ),
    (
        "while parsing a block mapping",
        "did not find expected key",
        Phrase(
            "отступ строки не совпадает с соседними полями — выровняйте его",
            "the line's indentation differs from the fields beside it — align it",
        ),
        False,
    ),
    (
        "",
        "did not find expected '-' indicator",
        Phrase(
            "в списке ожидается «- пункт» с тем же отступом, что у соседних пунктов",
            "a list expects «- item» indented as the items beside it",
        ),
        False,
    ),
)


def _explained(exc: yaml.MarkedYAMLError) -> tuple[Phrase, bool] | None:
    """What a PyYAML syntax error means and how to fix it, for the errors people make most."""
    for context, problem, reason, at_start in _YAML_REASONS:
        if problem in (exc.problem or "") and context in (exc.context or ""):
            return reason, at_start
    return None


def _parse_yaml(source_text: str, marks: SourceMap, lang: Lang) -> Any:
    """Parse YAML, recording where each value stands; raise LoadError on syntax or duplicates."""
    loader = _Loader(source_text)
    try:
        _count_events(source_text, marks)
        node = loader.get_single_node()
        if node is None:
            return None
        builder = _Builder(loader, marks, lang)
        data = builder.build(node)
        if builder.problems:
            raise LoadError(builder.problems)
        return data
    except yaml.MarkedYAMLError as exc:
        explained = _explained(exc)
        mark = exc.problem_mark or exc.context_mark
        if explained is not None:
            reason, at_start = explained
            detail = reason.in_(lang)
            if at_start and exc.context_mark is not None:
                mark = exc.context_mark
        else:
            detail = " ".join(p for p in (exc.context, exc.problem) if p)
        location = Location(
            marks.file, mark.line + 1 if mark else None, mark.column + 1 if mark else None
        )
        raise LoadError(
            [Problem(location, "yaml_syntax", text("yaml_syntax", lang, detail=detail))]
        ) from None
    except yaml.YAMLError as exc:
        location = Location(marks.file)
        raise LoadError(
            [Problem(location, "yaml_syntax", text("yaml_syntax", lang, detail=str(exc)))]
        ) from None
    except RecursionError:  # PyYAML's own composer, where libyaml is missing, recurses
        raise _exceeded("depth", _TOO_DEEP, Location(marks.file, 1, 1)) from None
    finally:
        loader.dispose()


_NODE_EVENTS = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)

_LINE_BREAKS = "\n\r\x85\u2028\u2029"
"""What YAML (and libyaml) takes for the end of a line."""


def node_bound(source_text: str) -> int:
    """More nodes than a YAML text can hold, counted from its characters without parsing it.

    Every node begins where an indicator or a line lets one begin, and each such place begins
    only so many:

    - a line: a key and the block mapping it opens, or a document's root (2);
    - «-»: an entry, a block sequence the entry opens, a mapping the entry is, and that
      mapping's first key («- a: 1»), counting the sequence and the entry once (3); a «---»
      counts its dashes;
    - «[» and «{»: the collection, and its first entry — a key with its empty value, or a
      single pair's mapping with its key (3); «,»: the next entry likewise (2);
    - «?»: a complex key, the mapping it opens and the empty value it may have (3);
    - «:»: a value (1); and the first line (2).

    Every character counted is counted wherever it stands, in a value or a comment as well:
    the bound is never below the text's true number of nodes (a property test holds it against
    PyYAML's own count), only above it, and for plans about two and a half times it.
    """
    count = source_text.count
    lines = sum(count(c) for c in _LINE_BREAKS)
    opening = count("-") + count("[") + count("{") + count("?")
    return 2 + 2 * lines + 3 * opening + 2 * count(",") + count(":")


def _count_events(source_text: str, marks: SourceMap) -> None:
    """Refuse a text of more nodes than ``yaml_nodes`` before PyYAML composes them: ten
    million one-character items fit in a file of 20 MB, and composing them takes minutes and
    gigabytes. Parsing events stops at the first node past the bound.

    A text whose :func:`node_bound` is within the bound cannot pass it and is not parsed twice
    (counting took an eighth of loading a 2000-activity order).
    """
    bound = limits.current().yaml_nodes
    if node_bound(source_text) <= bound:
        return
    count = 0
    for event in yaml.parse(source_text, Loader=_Loader):
        if isinstance(event, _NODE_EVENTS):
            count += 1
            if count > bound:
                mark = event.start_mark
                place = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
                raise _exceeded("yaml_nodes", _TOO_MANY_NODES, Location(marks.file, *place))


_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[{]|[\]}]|-?[0-9][0-9.eE+-]*|true|false|null')


def _scan_json(source_text: str, marks: SourceMap) -> None:
    """Refuse JSON nested deeper than ``depth``, of more values than ``yaml_nodes`` or with a
    number longer than ``number_digits``, where it happens, before the standard reader meets it
    (it recurses, and stops on Python's bound on the digits of a whole number, both with a
    traceback) and before the YAML reading composes it."""
    bounds = limits.current()
    depth = nodes = 0
    for match in _JSON_TOKENS.finditer(source_text):
        token = match.group()
        first = token[0]
        if first == "]" or first == "}":
            depth -= 1
            continue
        nodes += 1  # a value or a key: a node of the YAML reading that follows
        if nodes > bounds.yaml_nodes:
            problem, name, count = _TOO_MANY_NODES, "yaml_nodes", 0
        elif first == '"' or first in "tfn":
            continue
        elif first == "[" or first == "{":
            depth += 1
            if depth <= bounds.depth:
                continue
            problem, name, count = _TOO_DEEP, "depth", 0
        else:
            count = sum(c.isdigit() for c in token)
            if count <= bounds.number_digits:
                continue
            problem, name = _TOO_MANY_DIGITS, "number_digits"
        start = match.start()
        line = source_text.count("\n", 0, start) + 1
        column = start - (source_text.rfind("\n", 0, start) + 1) + 1
        raise _exceeded(name, problem, Location(marks.file, line, column), count=count)


def _parse_json(source_text: str, marks: SourceMap, lang: Lang) -> Any:
    _scan_json(source_text, marks)
    try:
        data = json.loads(source_text)
    except json.JSONDecodeError as exc:
        location = Location(marks.file, exc.lineno, exc.colno)
        raise LoadError(
            [Problem(location, "json_syntax", text("json_syntax", lang, detail=exc.msg))]
        ) from None
    try:
        # JSON is (nearly) YAML: reading it once more as YAML tells where each value stands,
        # and checks the bounds on the way.
        _parse_yaml(source_text, marks, lang)
    except LimitExceeded:
        raise
    except LoadError as exc:
        if any(p.type == "duplicate_key" for p in exc.problems):
            raise
        _check_data(data, marks)
    return data


def _part(key: Any) -> str | int:
    return key if isinstance(key, (str, int)) else str(key)


def _check_data(data: Any, marks: SourceMap) -> None:
    """The bounds on nesting, numbers and texts, for data no YAML reading has checked (a
    mapping given in Python), located as far as ``marks`` knows."""
    bounds = limits.current()
    chars = 0
    stack: list[tuple[Any, PathKey]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, str):
            if len(value) > bounds.field_chars:
                where = marks.locate(path)
                raise _exceeded("field_chars", _FIELD_TOO_LONG, where, count=len(value))
            chars += len(value)
            if chars > bounds.document_chars:
                raise _exceeded("document_chars", _DOCUMENT_TOO_LONG, marks.locate(path))
        elif isinstance(value, int) and not isinstance(value, bool):
            count = int(abs(value).bit_length() * 0.30103) + 1  # digits, give or take one
            if count > bounds.number_digits:
                where = marks.locate(path)
                raise _exceeded("number_digits", _TOO_MANY_DIGITS, where, count=count)
        elif isinstance(value, (Mapping, list, tuple)):
            if len(path) >= bounds.depth:
                where = dataclasses.replace(marks.locate(path), path=_short_path(path))
                raise _exceeded("depth", _TOO_DEEP, where)
            items = value.items() if isinstance(value, Mapping) else enumerate(value)
            stack.extend((item, (*path, _part(key))) for key, item in items)


def _fields_at(data: Any, path: PathKey) -> list[str]:
    """The field names a model accepts at ``path``, for a «did you mean» on unknown fields."""
    kind = data.get("kind") if isinstance(data, Mapping) else None
    found = kinds.registry().get(kind) if isinstance(kind, str) else None
    model: type[BaseModel] | None = found.model if found else None
    for part in path[:-1]:
        if model is None:
            return []
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part)
        if info is None:
            return []
        model = inner_model(info.annotation)
    return list(model.model_fields) if model is not None else []


def _problems_from(exc: ValidationError, data: Any, marks: SourceMap, lang: Lang) -> list[Problem]:
    problems: list[Problem] = []
    hints: dict[tuple[Any, ...], str] = {}  # a list of many items repeats the same mistake
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        # A discriminated union puts the chosen kind first; the file does not have that level.
        if loc and isinstance(data, Mapping) and loc[0] == data.get("kind"):
            loc = loc[1:]
        context = dict(error.get("ctx") or {})
        at_key = error["type"] == "extra_forbidden"
        if at_key and loc:
            name = str(loc[-1])
            context["field"] = name
            shape = tuple(part for part in loc if not isinstance(part, int))
            if shape not in hints:
                hints[shape] = did_you_mean(name, _fields_at(data, loc), lang)
            context["hint"] = hints[shape]
        if error["type"] in ("union_tag_invalid", "union_tag_not_found"):
            context["expected_tags"] = ", ".join(kinds.names())
            loc = ("kind",)
        message = pydantic_message(error["type"], context, error["msg"], lang)
        problems.append(Problem(marks.locate(loc, at_key=at_key), error["type"], message))
    return problems


def _read_file(path: Path, lang: Lang) -> str:
    where = Location(str(path))
    if path.suffix.lower() not in SUFFIXES:
        raise LoadError(
            [Problem(where, "unknown_suffix", text("unknown_suffix", lang, suffix=path.suffix))]
        )
    bound = limits.current().file_bytes
    try:
        # Read one byte past the bound, never the whole of a file (or a device) larger than it;
        # a file that says its size is read in one piece of that size (a piece of the bound's
        # size would cost a buffer of 20 MB for every document).
        with path.open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            raw = stream.read(min(size, bound) + 1)
            if len(raw) > size:  # a device, or a file that grew: read on up to the bound
                raw += stream.read(bound + 1 - len(raw))
    except FileNotFoundError:
        raise LoadError([Problem(where, "not_found", text("not_found", lang))]) from None
    except OSError as exc:
        detail = exc.strerror or str(exc)
        raise LoadError(
            [Problem(where, "unreadable", text("unreadable", lang, detail=detail))]
        ) from None
    if len(raw) > bound:
        line = raw.count(b"\n", 0, bound) + 1
        column = len(raw[raw.rfind(b"\n", 0, bound) + 1 : bound].decode("utf-8", "replace")) + 1
        raise _exceeded("file_bytes", _FILE_TOO_BIG, Location(str(path), line, column))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = text("not_utf8", lang, position=exc.start + 1)
        raise LoadError([Problem(where, "not_utf8", message)]) from None


def _looks_like_path(source: str) -> bool:
    return "\n" not in source and source.strip().lower().endswith(SUFFIXES)


def load(source: Source, *, lang: Lang = DEFAULT_LANG) -> Document:
    """Load a document from a file path, YAML/JSON text, or a mapping.

    A ``str`` is a path when it is one line ending in ``.yaml``, ``.yml`` or ``.json``; otherwise
    it is YAML (or JSON) text. Raises :class:`~roadmapdocs.errors.LoadError` listing every problem,
    each with file, line, column and field path, in ``lang``.
    """
    with language(lang), collector.paused():  # see roadmapdocs.collector
        return _load(source, lang)


def _load(source: Source, lang: Lang) -> Document:
    marks = SourceMap(file=None)
    if isinstance(source, Mapping):
        data: Any = source
        _check_data(data, marks)
    else:
        if isinstance(source, os.PathLike) or _looks_like_path(source):
            path = Path(source)
            marks.file = str(source)
            content = _read_file(path, lang)
            is_json = path.suffix.lower() == ".json"
        else:
            content = str(source)
            if len(content) > limits.current().file_bytes:
                raise _exceeded("file_bytes", _FILE_TOO_BIG, Location(None, 1, 1))
            is_json = content.lstrip().startswith("{")
        data = _parse_json(content, marks, lang) if is_json else _parse_yaml(content, marks, lang)
    if data is None:
        raise LoadError([Problem(Location(marks.file, 1, 1), "empty", text("empty", lang))])
    if not isinstance(data, Mapping):
        found = type(data).__name__
        problem = Problem(marks.locate(()), "not_mapping", text("not_mapping", lang, found=found))
        raise LoadError([problem])
    kind = data.get("kind")
    spec = kinds.registry().get(kind) if isinstance(kind, str) else None
    # A known kind is validated by its own model, which builds only the models that kind
    # uses; anything else goes through the union of all kinds, which says what kind is wrong.
    validate = spec.model.model_validate if spec else kinds.adapter().validate_python
    try:
        # A plugin's kind is a DocumentBase of its own; type checkers see the built-in kinds.
        document = cast(Document, validate(data))
    except ValidationError as exc:
        problems = _problems_from(exc, data, marks, lang)
        problems.sort(key=lambda p: (p.location.line or 0, p.location.column or 0))
        raise LoadError(problems) from None
    attach(document, marks)
    return document


class _Dumper(yaml.SafeDumper):
    """YAML writing that keeps Russian text readable and multi-line text as blocks."""


_YAML_BREAKS = ("\x85", "\u2028", "\u2029")
"""Characters YAML reads as line breaks; only double quotes (as escapes) keep them as written."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if any(c in value for c in _YAML_BREAKS):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    lines = value.split("\n")
    block = len(lines) > 1 and value == value.strip() and "\t" not in value
    if block and all(line == line.rstrip() for line in lines):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    node = dumper.represent_scalar("tag:yaml.org,2002:str", value)
    # Plain text that our reader would take for something else (a number, a boolean, null)
    # must be quoted so that it comes back as the same text.
    if node.style is None and _Loader.resolve(_Loader, yaml.ScalarNode, value, (True, False)) != (
        "tag:yaml.org,2002:str"
    ):
        node.style = "'"
    return node


_Dumper.add_representer(str, _represent_str)


def to_data(document: Document) -> dict[str, Any]:
    """The document as plain data (what YAML and JSON hold), without fields left at defaults."""
    data = document.model_dump(mode="json", exclude_defaults=True)
    return {"kind": document.kind, **data}


def dumps(document: Document, *, schema: str | None = None) -> str:
    """The document as YAML text; ``schema`` adds the comment that editors use for completion."""
    body = yaml.dump(
        to_data(document), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100
    )
    header = f"# yaml-language-server: $schema={schema}\n" if schema else ""
    return header + body


def dump(document: Document, path: str | os.PathLike[str], *, schema: str | None = None) -> None:
    """Write the document to ``path`` as YAML (atomically: a failure leaves no half file)."""
    from roadmapdocs.fileio import write_atomic

    write_atomic(Path(path), dumps(document, schema=schema).encode("utf-8"))


__all__ = [
    "SUFFIXES",
    "Document",
    "InputLimitExceeded",
    "PathKey",
    "Source",
    "dump",
    "dumps",
    "format_path",
    "load",
    "locate",
    "to_data",
]
