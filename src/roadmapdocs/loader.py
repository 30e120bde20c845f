"""Reading documents from YAML, JSON or mappings, with every problem located; writing YAML back."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar, Union, cast

import yaml
from pydantic import BaseModel, ValidationError

from roadmapdocs.errors import LoadError, Location, Problem
from roadmapdocs.messages import (
    DEFAULT_LANG,
    Lang,
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


_NULL, _BOOL, _INT, _STR = (f"tag:yaml.org,2002:{t}" for t in ("null", "bool", "int", "str"))


class _Builder:
    """Turns the composed YAML into Python values in one walk, noting where each value and key
    stands on the way; the values are what ``construct_document`` would give.

    One walk instead of two (indexing, then PyYAML's constructor) reads a large plan in a
    little over half the time; scalars of the four tags the loader resolves are built here,
    anything else explicitly tagged is left to PyYAML.
    """

    def __init__(self, loader: Any, marks: SourceMap, lang: Lang) -> None:
        self.loader, self.marks, self.lang = loader, marks, lang
        self.problems: list[Problem] = []
        self.built: dict[int, Any] = {}  # an alias is the same node: the same value

    def build(self, node: yaml.Node, path: PathKey) -> Any:
        mark = node.start_mark
        self.marks.values.setdefault(path, (mark.line + 1, mark.column + 1))
        found = self.built.get(id(node))
        if found is not None:
            return found
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if isinstance(node, yaml.SequenceNode):
            items: list[Any] = []
            self.built[id(node)] = items
            items.extend(self.build(item, (*path, i)) for i, item in enumerate(node.value))
            return items
        if isinstance(node, yaml.MappingNode):
            mapping: dict[Any, Any] = {}
            self.built[id(node)] = mapping
            seen: dict[str, int] = {}
            for key_node, value_node in node.value:
                key = str(key_node.value)
                line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                key_path: PathKey = (*path, key)
                if key in seen:
                    self.problems.append(
                        Problem(
                            Location(self.marks.file, line, column, format_path(key_path)),
                            "duplicate_key",
                            text("duplicate_key", self.lang, key=key, first=seen[key]),
                        )
                    )
                    continue
                seen[key] = line
                self.marks.keys[key_path] = (line, column)
                if not isinstance(key_node, yaml.ScalarNode):
                    raise yaml.constructor.ConstructorError(
                        "while constructing a mapping",
                        node.start_mark,
                        "found unhashable key",
                        key_node.start_mark,
                    )
                mapping[self._scalar(key_node)] = self.build(value_node, key_path)
            return mapping
        return self.loader.construct_object(node, deep=True)

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag, value = node.tag, node.value
        if tag == _STR:
            return value
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return value.lower() == "true"
        if tag == _INT:
            return int(value)
        return self.loader.construct_object(node, deep=True)


def _parse_yaml(source_text: str, marks: SourceMap, lang: Lang) -> Any:
    """Parse YAML, recording where each value stands; raise LoadError on syntax or duplicates."""
    loader = _Loader(source_text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        builder = _Builder(loader, marks, lang)
        data = builder.build(node, ())
        if builder.problems:
            raise LoadError(builder.problems)
        return data
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
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
    finally:
        loader.dispose()


def _parse_json(source_text: str, marks: SourceMap, lang: Lang) -> Any:
    try:
        data = json.loads(source_text)
    except json.JSONDecodeError as exc:
        location = Location(marks.file, exc.lineno, exc.colno)
        raise LoadError(
            [Problem(location, "json_syntax", text("json_syntax", lang, detail=exc.msg))]
        ) from None
    try:
        # JSON is (nearly) YAML: reading it once more as YAML tells where each value stands.
        _parse_yaml(source_text, marks, lang)
    except LoadError as exc:
        if any(p.type == "duplicate_key" for p in exc.problems):
            raise
    return data


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
            context["hint"] = did_you_mean(name, _fields_at(data, loc), lang)
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
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise LoadError([Problem(where, "not_found", text("not_found", lang))]) from None
    except OSError as exc:
        detail = exc.strerror or str(exc)
        raise LoadError(
            [Problem(where, "unreadable", text("unreadable", lang, detail=detail))]
        ) from None
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
    with language(lang):
        return _load(source, lang)


def _load(source: Source, lang: Lang) -> Document:
    marks = SourceMap(file=None)
    if isinstance(source, Mapping):
        data: Any = source
    else:
        if isinstance(source, os.PathLike) or _looks_like_path(source):
            path = Path(source)
            marks.file = str(source)
            content = _read_file(path, lang)
            is_json = path.suffix.lower() == ".json"
        else:
            content = str(source)
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
    "PathKey",
    "Source",
    "dump",
    "dumps",
    "format_path",
    "load",
    "locate",
    "to_data",
]
