"""Declension of positions and bodies: head noun and agreeing adjectives only, tail as written."""

from __future__ import annotations

import pytest

from roadmapdocs.lang.positions import inflect_position
from tests.lang.names_heldout import POSITIONS

# (position, case, plural, expected)
CASES = [
    ("заместитель директора по УВР", "genitive", False, "заместителя директора по УВР"),
    ("заместитель директора по УВР", "dative", False, "заместителю директора по УВР"),
    ("заместитель директора по УВР", "accusative", False, "заместителя директора по УВР"),
    ("заместитель директора по УВР", "instrumental", False, "заместителем директора по УВР"),
    ("заместитель директора по УВР", "prepositional", False, "заместителе директора по УВР"),
    ("заместитель директора школы", "dative", True, "заместителям директора школы"),
    ("заместитель директора школы", "nominative", True, "заместители директора школы"),
    ("педагог-психолог", "dative", False, "педагогу-психологу"),
    ("педагог-психолог", "instrumental", True, "педагогами-психологами"),
    ("Директор школы", "dative", False, "Директору школы"),
    ("Директор школы", "nominative", True, "Директора школы"),
    ("классный руководитель", "dative", False, "классному руководителю"),
    ("классный руководитель", "accusative", True, "классных руководителей"),
    (
        "главный специалист Управления образования",
        "dative",
        False,
        "главному специалисту Управления образования",
    ),
    ("Главный специалист", "prepositional", False, "Главном специалисте"),
    ("учитель начальных классов", "nominative", True, "учителя начальных классов"),
    ("старший вожатый", "genitive", False, "старшего вожатого"),
    ("ответственный за питание", "dative", False, "ответственному за питание"),
    ("исполняющий обязанности директора", "genitive", False, "исполняющего обязанности директора"),
    ("заведующая библиотекой", "dative", False, "заведующей библиотекой"),
    # a body is inanimate: its accusative is its nominative
    ("Управление образования", "accusative", False, "Управление образования"),
    ("Муниципальная методическая служба", "accusative", False, "Муниципальную методическую службу"),
    # the author's spelling with or without «ё» is kept
    ("учёный секретарь", "instrumental", False, "учёным секретарём"),
    ("ученый секретарь", "instrumental", False, "ученым секретарем"),
    # nominative singular is the text itself
    ("заместитель  директора", "nominative", False, "заместитель  директора"),
]


@pytest.mark.parametrize(("text", "case", "plural", "expected"), CASES)
def test_inflect_position(text: str, case: str, plural: bool, expected: str) -> None:
    assert inflect_position(text, case, plural=plural) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    ["ОО", "УО АСМО СК", "и.о. директора", "Зам директора по УВР", "по плану", "", "№ 5"],
)
@pytest.mark.parametrize("case", ["genitive", "dative", "instrumental"])
def test_text_without_a_nominative_head_is_kept(text: str, case: str) -> None:
    assert inflect_position(text, case) == text  # type: ignore[arg-type]


def test_heldout_positions_are_declined_correctly() -> None:
    right = [
        inflect_position(text, case, plural=plural) == expected  # type: ignore[arg-type]
        for text, case, plural, expected in POSITIONS
    ]
    assert sum(right) / len(right) >= 0.95
