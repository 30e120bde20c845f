"""Requisites and registration numbers are not read for abbreviations; the prose around them is."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import roadmapdocs
from roadmapdocs.model.walk import texts


def _order(**fields: Any) -> dict[str, Any]:
    return {"kind": "order", "level": "school", "title": "Об утверждении плана", **fields}


def _abbreviations(document: dict[str, Any]) -> set[tuple[str, tuple[Any, ...], str]]:
    report = roadmapdocs.validate(roadmapdocs.load(document), select=["RD301", "RD302"])
    return {(f.code, f.path, f.message) for f in report}


def _undefined(token: str, *path: Any) -> tuple[str, tuple[Any, ...], str]:
    return ("RD301", path, f"сокращение «{token}» не расшифровано")


CASES: list[tuple[str, dict[str, Any], set[tuple[str, tuple[Any, ...], str]]]] = [
    ("the order's number", _order(number="1560/ПК", place="п. ПГТ"), set()),
    (
        "the number an appendix quotes",
        _order(appendices=[{"reference": {"number": "№ 12/ОЦПМСО", "date": "05.09.2024"}}]),
        set(),
    ),
    ("an organisation's short name", _order(organisation={"short_name": "МБОУ «ЛГ»"}), set()),
    (
        "a number cited in the basis, beside an abbreviation that is not explained",
        _order(basis="Руководствуясь приказом ЦУКО от 01.02.2024 № 1560/ПК"),
        {_undefined("ЦУКО", "basis")},
    ),
    (
        "a number cited in a clause, beside an abbreviation that is not explained",
        _order(clauses=["Помощь ШНОР по приказу № 226/1-г"]),
        {_undefined("ШНОР", "clauses", 0, "text")},
    ),
    (
        "numbers cited as legal databases print them, and a list of numbers",
        _order(basis="Закон от 29.12.2012 N 273-ФЗ, приказы №№ 12/ПК, 13/ПК и 14/ПК"),
        set(),
    ),
    (
        "the same letters outside a number are still an abbreviation",
        _order(number="1560/ПК", basis="Приказ № 1560/ПК о курсах ПК"),
        {_undefined("ПК", "basis")},
    ),
    (
        "a number is not an abbreviation spelt another way",
        _order(
            abbreviations=[{"short": "ШНОР", "full": "школы с низкими результатами"}],
            clauses=["Помощь ШНОР", "По приказу № 15/ШНРО"],
        ),
        set(),
    ),
    (
        "the approval mark of a roadmap cites a number",
        {
            "kind": "roadmap",
            "level": "school",
            "approval": "УТВЕРЖДЕНА приказом МБОУ «СШ № 5» от 01.02.2024 № 1560/ПК",
            "goal": "Помощь ШНОР",
        },
        {_undefined("ШНОР", "goal")},
    ),
]


@pytest.mark.parametrize(
    ("document", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_only_prose_is_read_for_abbreviations(
    document: dict[str, Any], expected: set[tuple[str, tuple[Any, ...], str]]
) -> None:
    assert _abbreviations(document) == expected


_LETTERS = st.text(alphabet="АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯ", min_size=2, max_size=6)


@given(
    st.integers(min_value=1, max_value=9999),
    _LETTERS,
    st.sampled_from(["№ {n}/{x}", "№{n}/{x}", "№ {x}-{n}", "№ {n}-{x}", "N {n}-{x}"]),
    st.sampled_from(["ШНОР", "ЦУКО", "ОЦПРМСО"]),
)
def test_whatever_letters_a_number_holds_only_the_prose_abbreviation_is_reported(
    number: int, letters: str, form: str, unexplained: str
) -> None:
    cited = form.format(n=number, x=letters)
    document = _order(number=cited.lstrip("№N "), basis=f"Приказом {cited} о помощи {unexplained}")
    assert _abbreviations(document) == {_undefined(unexplained, "basis")}


def test_the_walk_without_requisites_leaves_out_exactly_the_requisites() -> None:
    document = roadmapdocs.load(
        _order(
            number="1560/ПК",
            place="Смоленск",
            organisation={"full_name": "Школа", "short_name": "МБОУ «ЛГ»", "place": "Смоленск"},
            appendices=[{"number": "1", "reference": {"number": "1560/ПК"}}],
        )
    )
    every = {path for path, _ in texts(document)}
    prose = {path for path, _ in texts(document, with_requisites=False)}
    assert every - prose == {
        ("number",),
        ("place",),
        ("organisation", "short_name"),
        ("organisation", "place"),
        ("appendices", 0, "reference", "number"),
    }
    assert prose <= every
