"""Walking a document yields every text, with its path, in document order; a path leads back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from enum import Enum
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from pydantic import BaseModel

import roadmapdocs
from roadmapdocs.lang.deadline import Deadline
from roadmapdocs.loader import locate
from roadmapdocs.model.walk import dates, leaves, requisites, texts, value_at
from tests.conftest import EXAMPLES
from tests.strategies import documents


def _reference(
    node: Any, path: tuple[Any, ...] = (), *, prose: bool = False
) -> Iterator[tuple[tuple[Any, ...], str]]:
    """The walk as its definition reads: depth first, fields in declaration order; with
    ``prose``, without the requisite fields."""
    if isinstance(node, str) and not isinstance(node, Enum):
        yield path, node
    elif isinstance(node, Deadline):
        yield path, node.text
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            value = getattr(node, name)
            if name in {"kind", "level", "field", "gender"} and isinstance(value, str):
                continue
            if prose and name in requisites(type(node)):
                continue
            yield from _reference(value, (*path, name), prose=prose)
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _reference(value, (*path, str(key)), prose=prose)
    elif isinstance(node, list | tuple):
        for index, item in enumerate(node):
            yield from _reference(item, (*path, index), prose=prose)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_walk_is_depth_first_in_field_order(document: Any) -> None:
    assert list(texts(document)) == list(_reference(document))


def test_every_text_of_an_example_is_found_where_the_file_has_it() -> None:
    document = roadmapdocs.load(EXAMPLES / "school-roadmap.yaml")
    found = list(texts(document))
    assert len(found) > 100
    assert found == list(_reference(document))
    located = [locate(document, path) for path, _ in found]
    assert sum(1 for place in located if place is not None and place.line) > len(found) * 0.9


_ORDER = "kind: order\ntitle: Приказ\nclauses:\n  - text: a\n  - text: b\n"


def _text(value: object) -> object:
    return value.text if isinstance(value, Deadline) else value


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_every_path_of_the_walk_leads_back_to_its_text(document: Any) -> None:
    for path, text in texts(document):
        assert _text(value_at(document, path)) == text


@pytest.mark.parametrize(
    "path",
    [
        ("clauses", 2),
        ("clauses", -1),
        ("clauses", 0, "txt"),
        ("clauses", "text"),
        ("title", 0),
        ("nothing",),
        ("organisation", "name"),
    ],
)
def test_a_path_that_leads_nowhere_gives_none(path: tuple[Any, ...]) -> None:
    document = roadmapdocs.load(_ORDER)
    assert value_at(document, path) is None


def test_a_path_reads_fields_items_and_keys() -> None:
    document = roadmapdocs.load(_ORDER)
    assert value_at(document, ()) is document
    assert value_at(document, ("clauses", 1, "text")) == "b"
    assert value_at({"values": {"2024": [5]}}, ("values", "2024", 0)) == 5


def _reference_dates(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Where the dates are, as the definition reads: depth first, fields in declaration order."""
    if isinstance(node, date):
        yield path
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _reference_dates(getattr(node, name), (*path, name))
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _reference_dates(value, (*path, str(key)))
    elif isinstance(node, list | tuple):
        for index, item in enumerate(node):
            yield from _reference_dates(item, (*path, index))


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_the_date_walk_finds_every_date_field_and_leads_back_to_it(document: Any) -> None:
    found = list(dates(document))
    assert [path for path, _ in found] == list(_reference_dates(document))
    for path, value in found:
        assert value_at(document, path) is value


def test_the_dates_of_an_order_are_its_requisite_dates() -> None:
    document = roadmapdocs.load(
        "kind: order\ndate: 05.09.2024\nappendices:\n  - plan: {activities: [{text: a,"
        " deadline: 05.09.2024}]}\n  - reference: {date: 5 сентября 2024 г.}\n"
    )
    assert list(dates(document)) == [
        (("date",), date(2024, 9, 5)),
        (("appendices", 1, "reference", "date"), date(2024, 9, 5)),
    ]


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_one_walk_finds_the_texts_the_prose_and_the_dates(document: Any) -> None:
    found = leaves(document)
    assert list(found.texts) == list(_reference(document))
    assert list(found.prose) == list(_reference(document, prose=True))
    assert [path for path, _ in found.dates] == list(_reference_dates(document))
    assert tuple(texts(document, with_requisites=False)) == found.prose


def test_one_walk_of_the_examples_finds_the_texts_the_prose_and_the_dates() -> None:
    checked = 0
    for path in sorted(EXAMPLES.glob("*.yaml")):
        document = roadmapdocs.load(path)
        found = leaves(document)
        assert list(found.texts) == list(_reference(document))
        assert list(found.prose) == list(_reference(document, prose=True))
        assert [where for where, _ in found.dates] == list(_reference_dates(document))
        assert len(found.prose) < len(found.texts) or not found.dates
        checked += len(found.texts) + len(found.dates)
    assert checked > 500
