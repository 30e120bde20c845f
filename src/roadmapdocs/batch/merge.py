"""Mail-merge: one base document and a table, a document per row, and a safe file name for each."""

from __future__ import annotations

import copy
import re
import typing
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from roadmapdocs.batch.runner import BatchResult
from roadmapdocs.errors import LoadError, Location, Problem, RoadmapdocsError
from roadmapdocs.loader import Document, load, to_data
from roadmapdocs.messages import DEFAULT_LANG, Lang, Phrase, did_you_mean, language
from roadmapdocs.model import Order, Person
from roadmapdocs.model.annotations import is_model, unwrap
from roadmapdocs.model.order import quoted_requisites, stamp_form

_UNKNOWN_COLUMN = Phrase(
    "Столбец «{column}»: у документа нет такого поля{hint}",
    "Column «{column}»: the document has no such field{hint}",
)
_UNKNOWN_PLACEHOLDER = Phrase(
    "«{{{column}}}» в имени файла: у документа нет такого поля{hint}",
    "«{{{column}}}» in the file name: the document has no such field{hint}",
)
_NO_HEADER = Phrase(
    "У столбца нет заголовка, а в ячейках под ним есть значения: назовите столбец путём поля",
    "A column has no header but holds values: name the column by a field path",
)
_VALID_PATHS = Phrase(
    "Допустимые пути: {valid}; элемент списка — по номеру с нуля, как в сообщениях об "
    "ошибках: {example}",
    "Valid paths: {valid}; an item of a list goes by its number from zero, as in error "
    "messages: {example}",
)
_PLAIN_PATHS = Phrase("Допустимые пути: {valid}", "Valid paths: {valid}")
_PERSON_ITEM = re.compile(r"people\[\d+\]$")


def field_paths(data: Mapping[str, Any], prefix: str = "") -> list[str]:
    """Dotted paths of the named fields in a document's data (lists are not addressable)."""
    paths: list[str] = []
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, Mapping):
            paths.extend(field_paths(value, path + "."))
        elif not isinstance(value, list):
            paths.append(path)
    return paths


Segment = str | int
"""A step of a field path: a field's name or a list item's number."""

_STEP = re.compile(r"([^.\[\]]+)((?:\[\d+\])*)")
_INDEX = re.compile(r"\[(\d+)\]")


def _segments(path: str) -> list[Segment] | None:
    """``clauses[1].addressees.people[0]`` → ``["clauses", 1, "addressees", "people", 0]``;
    None when ``path`` is not written as a field path."""
    found: list[Segment] = []
    for part in path.split("."):
        step = _STEP.fullmatch(part)
        if step is None:
            return None
        found.append(step.group(1))
        found.extend(int(index) for index in _INDEX.findall(step.group(2)))
    return found


def _is_person(option: Any) -> bool:
    return is_model(option) and issubclass(option, Person)


def _dict_keys(option: Any, node: Any) -> list[str]:
    """The keys a mapping field may take: those of a ``Literal`` key type, else those written."""
    (key_type, *_) = typing.get_args(option) or (str,)
    literals = [
        str(key)
        for choice in unwrap(key_type)
        if typing.get_origin(choice) is typing.Literal
        for key in typing.get_args(choice)
    ]
    return literals or ([str(key) for key in node] if isinstance(node, Mapping) else [])


def _fits(annotation: Any, node: Any, rest: Sequence[Segment]) -> bool:
    """Whether the path ``rest`` leads from a field of ``annotation`` (holding ``node`` in the base
    document) to a value a cell can give: a text, a number, a date, or a whole person."""
    head: Segment | None = rest[0] if rest else None
    for option in unwrap(annotation):
        origin = typing.get_origin(option)
        if is_model(option):
            if head is None:
                if _is_person(option):
                    return True
            elif isinstance(head, str) and head in option.model_fields:
                child = node.get(head) if isinstance(node, Mapping) else None
                if _fits(option.model_fields[head].annotation, child, rest[1:]):
                    return True
        elif origin is list:
            if (
                isinstance(head, int)
                and isinstance(node, list)
                and head < len(node)
                and _fits(typing.get_args(option)[0], node[head], rest[1:])
            ):
                return True
        elif origin is dict:
            if isinstance(head, str) and head in _dict_keys(option, node):
                child = node.get(head) if isinstance(node, Mapping) else None
                if _fits(typing.get_args(option)[1], child, rest[1:]):
                    return True
        elif head is None:
            return True
    return False


def _paths(annotation: Any, node: Any, prefix: str, entered: frozenset[type]) -> Iterator[str]:
    """Every path :func:`_fits` accepts under a field of ``annotation`` holding ``node``."""
    for option in unwrap(annotation):
        origin = typing.get_origin(option)
        if is_model(option):
            if node is None and option in entered:
                continue  # a model that may hold itself: the base has nothing deeper
            if _is_person(option) and prefix:
                yield prefix
            for name, info in option.model_fields.items():
                child = node.get(name) if isinstance(node, Mapping) else None
                path = f"{prefix}.{name}" if prefix else name
                yield from _paths(info.annotation, child, path, entered | {option})
        elif origin is list:
            for index, item in enumerate(node if isinstance(node, list) else []):
                yield from _paths(typing.get_args(option)[0], item, f"{prefix}[{index}]", entered)
        elif origin is dict:
            for key in _dict_keys(option, node):
                child = node.get(key) if isinstance(node, Mapping) else None
                yield from _paths(typing.get_args(option)[1], child, f"{prefix}.{key}", entered)
        else:
            yield prefix


def valid_paths(base: Document) -> list[str]:
    """The field paths a table's column (or a ``{placeholder}`` of a file name) may name for
    ``base``: every field of its kind, a person whole or by parts, and the items of its lists
    by number (``clauses[1].addressees.people[0]``)."""
    return list(dict.fromkeys(_paths(type(base), to_data(base), "", frozenset())))


def _readable(option: type[BaseModel], node: Any) -> dict[str, Any] | None:
    """``node`` as the fields of ``option``: a person written as one string is read into its parts
    (as the model reads it), so that a column may then change one of them."""
    if isinstance(node, dict):
        return node
    if node is None:
        return {}
    try:
        read = option.model_validate(node)
    except ValidationError:
        return None  # left as written, for the load to report at its place
    return {name: getattr(read, name) for name in read.model_fields_set}


def _put(annotation: Any, node: Any, rest: Sequence[Segment], value: str) -> Any:
    """``node`` (a field of ``annotation``) with the value at path ``rest`` set to ``value``."""
    if not rest:
        return value
    head = rest[0]
    for option in unwrap(annotation):
        origin = typing.get_origin(option)
        if is_model(option) and isinstance(head, str) and head in option.model_fields:
            fields = _readable(option, node)
            if fields is None:
                return node
            field = option.model_fields[head].annotation
            fields[head] = _put(field, fields.get(head), rest[1:], value)
            return fields
        if origin is list and isinstance(head, int) and isinstance(node, list):
            node[head] = _put(typing.get_args(option)[0], node[head], rest[1:], value)
            return node
        if origin is dict and isinstance(head, str):
            mapping = node if isinstance(node, dict) else {}
            mapping[head] = _put(typing.get_args(option)[1], mapping.get(head), rest[1:], value)
            return mapping
    return node


def _check_paths(
    base: Document,
    data: Mapping[str, Any],
    columns: Sequence[str],
    placeholders: Sequence[str],
    table: str,
) -> dict[str, list[Segment]]:
    """Each column's path as segments; an unknown column or placeholder raises one error naming
    every such name, each with the valid path closest to it."""
    model = type(base)
    found: dict[str, list[Segment]] = {}
    wrong: list[Phrase] = []
    for name, message in [
        *((column, _UNKNOWN_COLUMN) for column in columns),
        *((field, _UNKNOWN_PLACEHOLDER) for field in placeholders),
    ]:
        segments = _segments(name)
        if segments is not None and _fits(model, data, segments):
            found[name] = segments
            continue
        if not name:
            wrong.append(_NO_HEADER)
            continue
        valid = valid_paths(base)
        ru, en = (did_you_mean(name, valid, lang) for lang in ("ru", "en"))
        wrong.append(message.format(column=name, hint=Phrase(ru, en)))
    if wrong:
        every = valid_paths(base)
        # A person's case forms are accepted but not listed: six of them for every person
        # would bury the paths a table fills.
        plain = ", ".join(path for path in every if "[" not in path and ".forms." not in path)
        items = [path for path in every if "[" in path]
        # A person in a list makes the best example: it is what a table most often fills.
        example = next((path for path in items if _PERSON_ITEM.search(path)), None)
        listed = (
            _VALID_PATHS.format(valid=plain, example=example or items[0])
            if items
            else _PLAIN_PATHS.format(valid=plain)
        )
        text = Phrase("", "")
        for problem in wrong:
            text = text + problem + ". "
        raise RoadmapdocsError(text + listed, Location(table))
    return found


_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$", re.IGNORECASE)
_NAME_BYTES = 240  # below the 255-byte limit of common file systems, with room for a suffix


_SUFFIX = re.compile(r"\.(docx|pdf|odt)$", re.IGNORECASE)


def safe_filename(name: str) -> str:
    """``name`` made valid on Windows, macOS and Linux, keeping Russian letters as they are.

    Every dot stays: «Иванов А.Б..docx» is not «Иванов А.docx». Only an output suffix
    (.docx, .pdf, .odt) counts as one: a name too long is shortened before it.
    """
    cleaned = _FORBIDDEN.sub("_", unicodedata.normalize("NFC", name)).strip().rstrip(". ")
    if _RESERVED.match(cleaned):
        cleaned = "_" + cleaned
    found = _SUFFIX.search(cleaned)
    stem, suffix = (cleaned[: found.start()], found.group()) if found else (cleaned, "")
    budget = _NAME_BYTES - len(suffix.encode())
    while len(stem.encode()) > budget:
        stem = stem[:-1]
    if len(stem) < len(cleaned) - len(suffix):  # shortened: no dot or space may end it
        stem = stem.rstrip(". ")
    return (stem.strip() or "_") + suffix


_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


def merge(
    base: Document,
    rows: Sequence[Mapping[str, str]],
    pattern: str,
    *,
    table: str = "<таблица>",
    lang: Lang = DEFAULT_LANG,
) -> Iterator[tuple[Document, str] | BatchResult]:
    """A document per row of ``rows``: ``base`` with the row's columns as field values.

    Column headers and ``{placeholders}`` in ``pattern`` are field paths; an unknown one raises an
    error listing the valid paths. A row whose values do not make a valid document gives a
    failed :class:`BatchResult` naming the row (in ``lang``), and the other rows go on.
    """
    data = to_data(base)
    if isinstance(base, Order):
        # An appendix that quotes the base order's own number and date quotes the order itself,
        # which each row renumbers: the quote goes, or every copy would cite the base order.
        # A quote that already disagrees with the base is a defect and stays to be reported.
        for appendix, written in zip(base.appendices, data.get("appendices", []), strict=True):
            quoted = appendix.reference
            if quoted and quoted.number in (None, base.number) and quoted.date in (None, base.date):
                written.pop("reference", None)
            # So does a stamp written out with the base's requisites: it keeps its word, and
            # the template writes each copy's own date and number after it.
            form = stamp_form(appendix.approval)
            if form and appendix.approval:
                numbers, dates = quoted_requisites(appendix.approval)
                if set(numbers) <= {base.number} and set(dates) <= {base.date}:
                    written["approval"] = form
    columns = list(dict.fromkeys(key for row in rows for key in row))
    if "" in columns and not any(row.get("") for row in rows):
        columns.remove("")  # an empty column without a header: nothing to take from it
    placeholders = list(dict.fromkeys(_PLACEHOLDER.findall(pattern)))
    with language(lang):
        paths = _check_paths(base, data, columns, placeholders, table)
    model = type(base)
    for number, row in enumerate(rows, start=2):  # row 1 holds the headers
        filled = copy.deepcopy(data)
        # A whole person goes in before its parts, so that a column of its gender may follow it.
        for key in sorted((k for k in columns if row.get(k)), key=lambda k: len(paths[k])):
            filled = _put(model, filled, paths[key], row[key])
        filled_name = _fill(pattern, filled, paths)
        if not _SUFFIX.search(filled_name.rstrip()):
            # The output suffix goes on before the name is made safe, so that a name ending in
            # a dot («Иванов А.Б.») keeps it: «Иванов А.Б..docx».
            filled_name = filled_name.rstrip() + ".docx"
        name = safe_filename(filled_name)
        try:
            yield load(filled, lang=lang), name
        except LoadError as error:
            problems = [
                Problem(Location(table, number, None, p.location.path), p.type, p.message)
                for p in error.problems
            ]
            yield BatchResult(f"{table}:{number}", None, error=str(LoadError(problems)))


def _fill(pattern: str, data: Mapping[str, Any], paths: Mapping[str, Sequence[Segment]]) -> str:
    """``pattern`` with each ``{field.path}`` replaced by that field's value in ``data``; a person
    written by parts stands as its short name («Иванова М.П.»)."""

    def value(match: re.Match[str]) -> str:
        found: Any = data
        for step in paths[match.group(1)]:
            if isinstance(step, int):
                found = found[step] if isinstance(found, list) and step < len(found) else ""
            else:
                found = found.get(step, "") if isinstance(found, Mapping) else ""
        if isinstance(found, Mapping):
            try:
                return Person.model_validate(found).short_name
            except ValidationError:
                return ""
        return "" if found is None else str(found)

    return _PLACEHOLDER.sub(value, pattern)
