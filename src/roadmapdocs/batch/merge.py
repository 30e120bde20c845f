"""Mail-merge: one base document and a table, a document per row, and a safe file name for each."""

from __future__ import annotations

import copy
import re
import typing
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from roadmapdocs.batch.runner import BatchResult
from roadmapdocs.errors import LoadError, Location, Problem, RoadmapdocsError
from roadmapdocs.loader import Document, load, to_data
from roadmapdocs.messages import DEFAULT_LANG, Lang, Phrase
from roadmapdocs.model import Order
from roadmapdocs.model.annotations import unwrap
from roadmapdocs.model.order import quoted_requisites, stamp_form

_UNKNOWN_FIELDS = Phrase(
    "нет таких полей: {unknown}. Допустимые пути: {valid}",
    "no such fields: {unknown}. Valid paths: {valid}",
)


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


def _merged_paths(base: Document) -> list[str]:
    # Paths the base leaves empty are still fillable: take them from the model's own fields.
    data = to_data(base)
    known = set(field_paths(data))
    for name, info in type(base).model_fields.items():
        holds_list = any(typing.get_origin(t) is list for t in unwrap(info.annotation))
        if name not in data and not holds_list:
            known.add(name)
    return sorted(known)


def _set(data: dict[str, Any], path: str, value: str) -> None:
    *parents, leaf = path.split(".")
    for part in parents:
        data = data.setdefault(part, {})
    data[leaf] = value


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
    valid = _merged_paths(base)
    asked = {key for row in rows[:1] for key in row} | set(_PLACEHOLDER.findall(pattern))
    unknown = sorted(asked - set(valid))
    if unknown:
        raise RoadmapdocsError(
            _UNKNOWN_FIELDS.format(unknown=", ".join(unknown), valid=", ".join(valid)),
            Location(table),
        )
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
    for number, row in enumerate(rows, start=2):  # row 1 holds the headers
        filled = copy.deepcopy(data)
        for key, value in row.items():
            if value:
                _set(filled, key, value)
        filled_name = _fill(pattern, filled)
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


def _fill(pattern: str, data: Mapping[str, Any]) -> str:
    """``pattern`` with each ``{field.path}`` replaced by that field's value in ``data``."""

    def value(match: re.Match[str]) -> str:
        found: Any = data
        for part in match.group(1).split("."):
            found = found.get(part, "") if isinstance(found, Mapping) else ""
        return str(found)

    return _PLACEHOLDER.sub(value, pattern)
