"""Tests of roadmapdocs.sourcemap: field paths as text, and finding the place of a value."""

from __future__ import annotations

import pytest

import roadmapdocs
from roadmapdocs.errors import Location
from roadmapdocs.sourcemap import SourceMap, format_path, locate, source_of


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ((), ""),
        (("title",), "title"),
        (("plan", "sections", 1, "activities", 3), "plan.sections[1].activities[3]"),
        (("appendices", 0, "plan"), "appendices[0].plan"),
    ],
)
def test_format_path(path: tuple[str | int, ...], text: str) -> None:
    assert format_path(path) == text


def test_a_value_without_a_mark_takes_the_place_of_what_encloses_it() -> None:
    source = SourceMap("f.yaml", values={(): (1, 1), ("plan",): (4, 3)})
    assert source.locate(("plan", "sections", 2)) == Location("f.yaml", 4, 3, "plan.sections[2]")
    assert source.locate(("title",)) == Location("f.yaml", 1, 1, "title")


def test_an_unknown_key_is_located_at_the_key_itself() -> None:
    source = SourceMap("f.yaml", values={("x",): (2, 5)}, keys={("x",): (2, 1)})
    assert source.locate(("x",), at_key=True).column == 1
    assert source.locate(("x",)).column == 5


def test_the_loader_attaches_a_map_and_python_documents_have_none() -> None:
    loaded = roadmapdocs.load("kind: order\nlevel: school\ntitle: Об утверждении\n")
    assert source_of(loaded) is not None
    assert locate(loaded, ("title",)).line == 3
    built = roadmapdocs.Order(level="school", title="Об утверждении")
    assert source_of(built) is None
    assert locate(built, ("title",)) == Location(None, None, None, "title")
    # where a document came from is not part of what it is
    assert loaded == built
