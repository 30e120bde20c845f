"""Load → validate → render over random input: nothing but a RoadmapdocsError ever escapes, and
where a document renders, the texts it was given are in it.

Random YAML and JSON trees, random Unicode text read as YAML, and random values (trees or text)
put in the real fields of a real example. Each property is bounded (examples, deadline) so that
the module adds seconds, not minutes, to the suite.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import roadmapdocs
from roadmapdocs import pipeline
from roadmapdocs.errors import RoadmapdocsError
from roadmapdocs.sourcemap import PathKey
from roadmapdocs.templates import Registry
from tests.conftest import EXAMPLES
from tests.rendering.conftest import docx_paragraphs, normalise
from tests.strategies import WORD_TEXT

EXAMPLE = EXAMPLES / "school-order.yaml"
BUILTINS = Registry(use_env=False, packs=False)
FAST = settings(max_examples=120, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
RENDERS = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

ANY_TEXT = st.text(max_size=40)
"""Any Unicode at all: control characters, surrogates, what Word cannot hold."""

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**200), max_value=10**200),
    st.floats(allow_nan=True, allow_infinity=True),
    ANY_TEXT,
    st.sampled_from(["order", "roadmap", "passport", "project", "school", "1.10", "05.09.2024"]),
)
TREES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.sampled_from(["kind", "title", "level", "plan", "activities", "text", "number"])
            | ANY_TEXT,
            inner,
            max_size=4,
        ),
    ),
    max_leaves=25,
)


def _as_text(tree: Any, form: str) -> str | None:
    """The tree written as YAML (block or flow) or JSON; None when the form cannot hold it."""
    try:
        if form == "json":
            return json.dumps(tree, ensure_ascii=False)
        return yaml.safe_dump(tree, allow_unicode=True, default_flow_style=form == "flow")
    except (ValueError, yaml.YAMLError):
        return None


def _only_user_errors(call: Any, *args: Any, **kwargs: Any) -> Any:
    """The call's value, or None if it raised a RoadmapdocsError; anything else fails."""
    try:
        return call(*args, **kwargs)
    except RoadmapdocsError as error:
        assert str(error)  # a message, in words
        return None


@FAST
@given(tree=TREES, form=st.sampled_from(["block", "flow", "json"]))
def test_any_tree_loads_or_fails_as_a_user_error(tree: Any, form: str) -> None:
    text = _as_text(tree, form)
    if text is None:
        return
    document = _only_user_errors(roadmapdocs.load, text)
    if document is not None:
        _only_user_errors(roadmapdocs.validate, document)


FRAGMENTS = st.sampled_from(
    [
        "title: ",
        "\n",
        "  ",
        "- ",
        ": ",
        "[" * 400,
        "{a: " * 70,
        "9" * 5000,
        "!!int 0x" + "f" * 400,
        "!!timestamp 2024-13-45",
        "!!float ",
        "!!binary ",
        "&a ",
        "*a",
        "&b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n",
        "? ",
        "---\n",
        '"\\x00',
    ]
)
"""Pieces of YAML that once made the loader recurse, overflow or stop on a traceback."""


@FAST
@given(text=st.lists(FRAGMENTS | st.text(max_size=20), min_size=1, max_size=8).map("".join))
def test_any_text_read_as_yaml_fails_as_a_user_error(text: str) -> None:
    document = _only_user_errors(roadmapdocs.load, "kind: order\n" + text)
    if document is not None:
        _only_user_errors(roadmapdocs.validate, document)


def _example() -> dict[str, Any]:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _paths(value: Any, path: PathKey = ()) -> Iterator[PathKey]:
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*path, index))


EXAMPLE_PATHS = [path for path in _paths(_example()) if path]


def _put(data: Any, path: PathKey, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _render(path: Path, out: Path) -> Path | None:
    """Load, validate and render as the command line does; None where a user error stops it."""
    document = _only_user_errors(pipeline.load, path)
    if document is None:
        return None
    _only_user_errors(pipeline.check, document)
    made = _only_user_errors(roadmapdocs.render, document, out, registry=BUILTINS)
    return made if made is not None else None


@RENDERS
@given(where=st.sampled_from(EXAMPLE_PATHS), tree=TREES)
def test_a_real_document_with_any_value_anywhere_fails_only_as_a_user_error(
    where: PathKey, tree: Any, tmp_path: Path
) -> None:
    data = _example()
    _put(data, where, tree)
    text = _as_text(data, "block")
    if text is None:
        return
    source = tmp_path / "order.yaml"
    source.write_text(text, encoding="utf-8")
    _render(source, tmp_path / "order.docx")


# Texts the templates print as written (typography aside): no name here is declined.
VERBATIM: list[PathKey] = [
    ("title",),
    ("basis",),
    ("clauses", 0),
    ("clauses", 2),
    *[
        ("appendices", 0, "plan", "activities", index, field)
        for index in (0, 1, 2)
        for field in ("text", "description", "result")
    ],
    ("appendices", 0, "plan", "activities", 0, "activities", 0, "text"),
]


def test_the_example_renders_with_texts_put_in_its_fields(tmp_path: Path) -> None:
    """The property below is not empty: the example, its texts replaced, renders."""
    data = _example()
    for number, where in enumerate(VERBATIM):
        _put(data, where, f"текст {number}")
    source = tmp_path / "order.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    made = _render(source, tmp_path / "order.docx")
    assert made is not None
    body = normalise("\n".join(docx_paragraphs(made)))
    assert all(f"текст {number}" in body for number in range(len(VERBATIM)))


@pytest.mark.parametrize("form", ["yaml", "json"])
@RENDERS
@given(texts=st.lists(WORD_TEXT.filter(str.strip), min_size=len(VERBATIM), max_size=len(VERBATIM)))
def test_every_text_given_is_in_the_rendered_document(
    texts: list[str], form: str, tmp_path: Path
) -> None:
    data = _example()
    for where, value in zip(VERBATIM, texts, strict=True):
        _put(data, where, value)
    source = tmp_path / f"order.{form}"
    text = json.dumps(data, ensure_ascii=False) if form == "json" else _as_text(data, "block")
    assert text is not None
    source.write_text(text, encoding="utf-8")
    made = _render(source, tmp_path / "order.docx")
    if made is None:
        return
    body = normalise("\n".join(docx_paragraphs(made)))
    missing = [value for value in texts if normalise(value) not in body]
    assert missing == []
