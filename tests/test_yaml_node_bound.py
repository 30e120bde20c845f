"""The bound on a YAML text's nodes that spares a second parse: never below the true count."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import roadmapdocs
from roadmapdocs import limits, loader
from roadmapdocs.errors import LimitExceeded
from tests.conftest import EXAMPLES

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _nodes(text: str) -> int:
    """The node events PyYAML reads from ``text``, as the loader counts them."""
    return sum(
        1 for event in yaml.parse(text, Loader=_Loader) if isinstance(event, loader._NODE_EVENTS)
    )


def _parses(text: str) -> bool:
    try:
        _nodes(text)
    except yaml.YAMLError:
        return False
    return True


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(alphabet="аб -:,?[]{}#&*!|>'\"\n\t.1", max_size=12),
)
_DATA = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(alphabet="аб -:?,1", max_size=5), inner, max_size=4),
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(_DATA, st.sampled_from([None, True, False]), st.booleans(), st.booleans())
def test_the_bound_holds_for_yaml_written_every_way(
    data: Any, flow: bool | None, canonical: bool, start: bool
) -> None:
    text = yaml.safe_dump(
        data,
        default_flow_style=flow,
        canonical=canonical,
        explicit_start=start,
        allow_unicode=True,
    )
    assert _nodes(text) <= loader.node_bound(text)


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="a -:,?[]{}\n\r&*!|>'\".\u2028", max_size=40))
def test_the_bound_holds_for_any_text_yaml_reads(text: str) -> None:
    assume(_parses(text))
    assert _nodes(text) <= loader.node_bound(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "a",
        "- - - a",
        "- a: 1\n  b: 2\n- c: 3",
        "[a: b, ? c, d]",
        "[a: b, c: d]",
        "{a, b, ? c}",
        "[? a]",
        "{a: [b: c]}",
        "- ? a\n  : b\n",
        "[{}, [], {a}, [[]]]",
        "? a\n? b\n: c\n?\n",
        "---\n---\n--- a\n...\n",
        "a:\n-\n-\n- -\n",
        "a: &x [1, 2]\nb: *x\nc: !!str\n",
        "a: |\n  много\n  строк\nb: >\n  ещё\n",
    ],
)
def test_the_bound_holds_for_the_tight_corners(text: str) -> None:
    assert _nodes(text) <= loader.node_bound(text)


def test_a_plan_is_not_parsed_twice_and_a_wide_text_still_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The examples (and plans of a few thousand activities) are within the bound by their
    characters alone; a text that could hold more nodes is counted event by event, and one
    that does is refused before it is composed."""
    counted: list[int] = []
    real = yaml.parse

    def spy(text: str, Loader: Any) -> Any:
        counted.append(len(text))
        return real(text, Loader=Loader)

    activities = [
        {
            "number": f"1.{i}",
            "text": f"Методический семинар {i}: планирование, проведение, анализ",
            "deadline": "март 2025",
            "responsible": ["заместитель директора по УВР", "руководители ШМО"],
            "result": "Протокол, аналитическая справка",
        }
        for i in range(1, 1501)
    ]
    plan = {"sections": [{"number": "1", "title": "Раздел", "activities": activities}]}
    large = roadmapdocs.dumps(
        roadmapdocs.load({"kind": "roadmap", "level": "school", "title": "План", "plan": plan})
    )
    assert 2 * len(large) > limits.current().yaml_nodes  # past the old bound by length alone
    monkeypatch.setattr(loader.yaml, "parse", spy)
    for path in sorted(EXAMPLES.glob("*.yaml")):
        roadmapdocs.load(path)
    roadmapdocs.load(large)
    assert counted == []
    wide = "kind: order\ntitle: Т\nextra: [" + "1," * 1_000 + "1]\n"
    with limits.override(yaml_nodes=600), pytest.raises(LimitExceeded) as caught:
        roadmapdocs.load(wide)
    assert caught.value.limit == "yaml_nodes"
    assert counted == [len(wide)]
