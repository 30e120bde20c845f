"""The loader's one-walk YAML reading gives what PyYAML's constructor gives, marks included."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from roadmapdocs.errors import LoadError
from roadmapdocs.loader import _Loader, _parse_yaml
from roadmapdocs.sourcemap import SourceMap

_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.sampled_from(["1.10", "010", "2024-09-05", "~", "null", "True", "yes", "+5", "-0", "1e3"]),
    st.text(max_size=12),
)
_KEYS = st.one_of(st.text(max_size=6), st.integers(0, 9))
_DATA = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        # Keys distinct as text: the loader names fields by their text, so «'2'» and «2» in one
        # mapping are one field given twice (a duplicate_key, tested below), not two keys.
        st.lists(st.tuples(_KEYS, inner), max_size=4, unique_by=lambda kv: str(kv[0])).map(dict),
    ),
    max_leaves=20,
)


def _reference(text: str) -> Any:
    return yaml.load(text, Loader=_Loader)


@given(_DATA, st.booleans())
def test_values_are_those_of_pyyaml(data: Any, flow: bool) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow)
    assert _parse_yaml(text, SourceMap(None), "ru") == _reference(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: &x [1, 2]\nb: *x\n",
        "a: &s text\nb: *s\n",
        "a: !!float 1.5\nb: !!str 5\nc: !!int '7'\n",
        "a: 2024-09-05\nb: 1.10\nc: 0x1F\nd: .inf\n",
        "? a\n: 1\n",
        "",
        "- null\n- ~\n-\n- TRUE\n",
    ],
)
def test_hand_written_yaml_reads_as_pyyaml_reads_it(text: str) -> None:
    assert _parse_yaml(text, SourceMap(None), "ru") == _reference(text)


def test_an_alias_is_the_same_value() -> None:
    data = _parse_yaml("a: &x {k: v}\nb: *x\n", SourceMap(None), "ru")
    assert data["a"] is data["b"]


def test_marks_of_values_and_keys() -> None:
    marks = SourceMap("f.yaml")
    _parse_yaml("title: План\nplan:\n  items:\n    - один\n    - два\n", marks, "ru")
    assert marks.values[("plan", "items", 1)] == (5, 7)
    assert marks.keys[("plan", "items")] == (3, 3)
    assert marks.values[("title",)] == (1, 8)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("a: 1\na: 2\n", "duplicate_key"),
        ("'2': a\n2: b\n", "duplicate_key"),
        ("? [a, b]\n: c\n", "yaml_syntax"),
    ],
)
def test_bad_mappings_are_located_load_errors(text: str, kind: str) -> None:
    with pytest.raises(LoadError) as caught:
        _parse_yaml(text, SourceMap("f.yaml"), "ru")
    (problem,) = caught.value.problems
    assert problem.type == kind
    assert problem.location.line is not None
