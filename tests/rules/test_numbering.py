"""Numbering gaps: a list that skips a number, between neighbours or at its very first item."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import roadmapdocs


def _activity(number: str, children: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"number": number, "text": f"Мероприятие {number}", "activities": children or []}


def _section(number: str, *activities: dict[str, Any]) -> dict[str, Any]:
    return {"number": number, "title": f"Раздел {number}", "activities": list(activities)}


def _gaps(plan: dict[str, Any]) -> dict[str, str]:
    document = {"kind": "roadmap", "level": "school", "plan": plan}
    report = roadmapdocs.validate(roadmapdocs.load(document), select=["numbering-gap"])
    return {f.element: f.message for f in report}


@pytest.mark.parametrize(
    ("plan", "expected"),
    [
        pytest.param(
            {"sections": [_section("1", _activity("1.1")), _section("2", _activity("2.2"))]},
            {"мероприятие 2.2": "после номера 2 идёт 2.2 — пропущен 2.1"},
            id="a section whose activities start at its second",
        ),
        pytest.param(
            {"sections": [_section("3", _activity("3.1.2"), _activity("3.1.3"))]},
            {"мероприятие 3.1.2": "после номера 3 идёт 3.1.2 — пропущен 3.1.1"},
            id="a section whose first activity is two levels down and not the first",
        ),
        pytest.param(
            {"sections": [_section("3", _activity("3.1", [_activity("3.1.2")]))]},
            {"мероприятие 3.1.2": "после номера 3.1 идёт 3.1.2 — пропущен 3.1.1"},
            id="nested activities that start at their second (seed 001, 3.1 → 3.1.2)",
        ),
        pytest.param(
            {"sections": [_section("2", _activity("2.4"))]},
            {"мероприятие 2.4": "после номера 2 идёт 2.4 — пропущен 2.1–2.3"},
            id="several first numbers missing",
        ),
        pytest.param(
            {"activities": [_activity("1"), _activity("1.2"), _activity("2"), _activity("2.1")]},
            {"мероприятие 1.2": "после номера 1 идёт 1.2 — пропущен 1.1"},
            id="a flat table where a level starts at its second",
        ),
        pytest.param(
            {"sections": [_section("2", _activity("2.1")), _section("3", _activity("3.1"))]},
            {"раздел 2": "список начинается с номера 2 — пропущен 1"},
            id="sections that start at 2",
        ),
        pytest.param(
            {"activities": [_activity("1"), _activity("1.1"), _activity("2"), _activity("2.1")]},
            {},
            id="a flat table of mixed levels numbered right",
        ),
        pytest.param(
            {"sections": [_section("3", _activity("1"), _activity("2"))]},
            {},
            id="activities numbered on their own under a section",
        ),
        pytest.param(
            {"activities": [_activity("2.1"), _activity("2.2")]},
            {},
            id="a top-level list of deeper numbers is an excerpt, not judged",
        ),
    ],
)
def test_gap_at_the_first_item(plan: dict[str, Any], expected: dict[str, str]) -> None:
    assert _gaps(plan) == expected


@st.composite
def _tree(draw: st.DrawFn) -> list[list[int]]:
    """Sections as the counts of children of each of their activities: [[0, 2], [3]]."""
    return draw(
        st.lists(st.lists(st.integers(0, 3), min_size=1, max_size=4), min_size=2, max_size=3)
    )


def _plan(tree: list[list[int]], dropped: tuple[int, ...] | None) -> dict[str, Any]:
    sections = []
    for s, activities in enumerate(tree, start=1):
        items = []
        for a, children in enumerate(activities, start=1):
            kids = [_activity(f"{s}.{a}.{c}") for c in range(1, children + 1)]
            kids = [k for c, k in enumerate(kids, start=1) if dropped != (s, a, c)]
            if dropped != (s, a):
                items.append(_activity(f"{s}.{a}", kids))
        sections.append(_section(str(s), *items))
    return {"sections": sections}


@given(_tree(), st.data())
def test_dropping_any_row_but_the_last_of_its_list_leaves_one_gap(
    tree: list[list[int]], data: st.DataObject
) -> None:
    assert _gaps(_plan(tree, None)) == {}
    # Any row that has a later sibling: its absence shows at that sibling, first rows included.
    droppable = [(s, a) for s, acts in enumerate(tree, 1) for a in range(1, len(acts))] + [
        (s, a, c)
        for s, acts in enumerate(tree, 1)
        for a, children in enumerate(acts, 1)
        for c in range(1, children)
    ]
    if not droppable:
        return
    dropped = data.draw(st.sampled_from(droppable))
    following = ".".join(map(str, (*dropped[:-1], dropped[-1] + 1)))
    assert set(_gaps(_plan(tree, dropped))) == {f"мероприятие {following}"}


@pytest.mark.parametrize(
    ("document", "element"),
    [
        (
            {"kind": "roadmap", "target_indicators": [{"number": "1"}, {"number": "3"}]},
            "показатель 3",
        ),
        (
            {
                "kind": "roadmap",
                "control_points": [{"number": "1"}, {"number": "2"}, {"number": "4"}],
            },
            "контрольная точка 4",
        ),
        ({"kind": "project", "indicators": [{"number": "1"}, {"number": "3"}]}, "показатель 3"),
        (
            {"kind": "passport", "indicator_groups": [{"number": "1"}, {"number": "3"}]},
            "группа показателей 3",
        ),
    ],
)
def test_each_numbered_list_of_a_kind_is_checked_once(
    document: dict[str, Any], element: str
) -> None:
    loaded = roadmapdocs.load({"level": "school", **document})
    report = roadmapdocs.validate(loaded, select=["numbering-gap"])
    assert [f.element for f in report] == [element]
