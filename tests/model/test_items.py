"""Lists in cells: «…: - а; - б» and YAML lists are kept one «- item» a line, losing no text."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import roadmapdocs
from roadmapdocs import Activity, Appendix, Order, Plan

CASES = [
    (
        "Заключение сетевых соглашений: - по использованию оборудования; - по реализации программ",
        "Заключение сетевых соглашений:\n- по использованию оборудования;\n- по реализации программ",
    ),
    (
        ["по выявлению ШНРО;", "по определению динамики"],
        "- по выявлению ШНРО;\n- по определению динамики",
    ),
    # Texts without the form load as before.
    ("сентябрь - октябрь 2024", "сентябрь - октябрь 2024"),
    (
        "материально-технических ресурсов; - не перечень",
        "материально-технических ресурсов; - не перечень",
    ),
    (
        "Муниципального уровня - Единый методический день",
        "Муниципального уровня - Единый методический день",
    ),
    ("", ""),
]


@pytest.mark.parametrize(("value", "expected"), CASES)
@pytest.mark.parametrize("field", ["text", "description", "result"])
def test_items_are_one_a_line(field: str, value: str | list[str], expected: str) -> None:
    assert getattr(Activity.model_validate({field: value}), field) == expected


def test_the_orders_lists_are_recognised_on_load() -> None:
    order = roadmapdocs.load("examples/school-order.yaml")
    assert isinstance(order, Order)
    texts = {a.number: a.text for a in order.appendices[0].plan.walk()}
    items = {n: t.count("\n- ") for n, t in texts.items() if "\n- " in t}
    assert items == {"1.7": 3, "2.2": 2, "2.7": 2, "3.2": 6, "3.7": 3}


_PIECES = st.sampled_from(
    [": - ", "; - ", " - ", ":", ";", "-", " ", "\u00a0", "а", "Б", "1", "\n"]
)
_CHARS = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
_TEXTS = st.lists(st.one_of(_PIECES, st.text(_CHARS, max_size=3)), max_size=12).map("".join)


def _letters(text: str) -> str:
    return re.sub(r"\s+", "", text)


@given(_TEXTS)
def test_recognition_changes_only_spaces(text: str) -> None:
    assert _letters(Activity(text=text).text) == _letters(text)


@given(_TEXTS)
def test_recognition_is_idempotent(text: str) -> None:
    once = Activity(text=text).text
    assert Activity(text=once).text == once


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        _TEXTS,
        st.lists(
            st.text(_CHARS, min_size=1, max_size=8),
            min_size=1,
            max_size=4,
        ),
    )
)
def test_items_round_trip_through_dump_and_load(value: str | list[str]) -> None:
    activity = Activity.model_validate({"text": "x", "result": value})
    order = Order(appendices=[Appendix(plan=Plan(activities=[activity]))])
    again = roadmapdocs.load(roadmapdocs.dumps(order))
    assert again.model_dump() == order.model_dump()
