"""A deadline field takes text, a year, a date or the structured mapping; whatever a mapping
holds, loading gives a document or located problems, never a traceback."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import roadmapdocs
from roadmapdocs import LoadError
from roadmapdocs.lang.deadline import DeadlineKind, Frequency
from tests.strategies import DEADLINE_TEXTS

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=6,
)
"""Any value JSON or YAML can give."""

_DATES = st.dates().map(str) | st.sampled_from(["2024-02-01", "2024-03-31"])
_RECURRENCES = st.fixed_dictionaries(
    {
        "frequency": st.sampled_from([f.value for f in Frequency]),
        "interval": st.integers(1, 12),
        "months": st.lists(st.integers(1, 12), max_size=3),
        "day": st.integers(1, 31) | st.none(),
    }
)
_WELL_FORMED = st.fixed_dictionaries(
    {"kind": st.sampled_from([k.value for k in DeadlineKind]), "recurrence": _RECURRENCES},
    optional={"start": _DATES, "end": _DATES, "note": st.text(max_size=10)},
) | st.fixed_dictionaries({"text": DEADLINE_TEXTS}, optional={"kind": st.text(max_size=8)})


@st.composite
def _mangled(draw: st.DrawFn) -> dict[str, Any]:
    """A deadline mapping of the documented form with one value in it replaced by any value."""
    data: dict[str, Any] = draw(_WELL_FORMED)
    places = [(data["recurrence"], key) for key in data.get("recurrence", ())]
    places += [(data, key) for key in data]
    holder, key = draw(st.sampled_from(places))
    holder[key] = draw(_JSON)
    return data


_MAPPINGS = _mangled() | st.dictionaries(st.text(max_size=8), _JSON, max_size=3)


def _order(deadline: Any) -> dict[str, Any]:
    activity = {"text": "Мероприятие", "deadline": deadline}
    return {"kind": "order", "appendices": [{"plan": {"activities": [activity]}}]}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_MAPPINGS)
@example({"kind": "recurring", "recurrence": {"frequency": "month", "months": 5}})
def test_any_deadline_mapping_loads_or_is_a_load_error(deadline: dict[str, Any]) -> None:
    try:
        roadmapdocs.load(_order(deadline))
    except LoadError as error:
        assert error.problems
        assert all(p.location.path for p in error.problems)


@pytest.mark.parametrize(
    "recurrence",
    [
        "{frequency: month, months: 5}",
        "{frequency: year, months: null}",
        "{frequency: year, interval: [2]}",
        "{frequency: month, day: {a: 1}}",
    ],
)
def test_a_recurrence_of_wrong_types_is_a_located_problem(recurrence: str) -> None:
    text = (
        "kind: order\nappendices:\n  - plan:\n      activities:\n        - text: a\n"
        f"          deadline: {{kind: recurring, recurrence: {recurrence}}}\n"
    )
    with pytest.raises(LoadError) as caught:
        roadmapdocs.load(text)
    (problem,) = caught.value.problems
    assert problem.type == "deadline"
    assert problem.location.path == "appendices[0].plan.activities[0].deadline"
    assert (problem.location.line, problem.location.column) == (6, 21)
    assert "периодичности" in problem.message


@pytest.mark.parametrize(
    "deadline", [{"text": "до 1 марта\x07"}, {"kind": "as_needed", "note": "по\x0bзапросу"}]
)
def test_text_of_a_deadline_mapping_is_checked_for_word_like_a_plain_one(
    deadline: dict[str, Any],
) -> None:
    with pytest.raises(LoadError) as caught:
        roadmapdocs.load(_order(deadline))
    (problem,) = caught.value.problems
    assert problem.type == "xml_char"
    assert problem.location.path == "appendices[0].plan.activities[0].deadline"
