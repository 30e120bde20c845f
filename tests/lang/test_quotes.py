"""Quotes: «ёлочки» outside, „лапки“ inside, and nothing but the quote marks ever changes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roadmapdocs.lang.typography import QUOTES, quotes

CASES = [
    ('проект "Эффективная школа"', "проект «Эффективная школа»"),
    # straight quotes inside «ёлочки», as the seeds mix them in one cell
    ('«Проект "Школа"»', "«Проект „Школа“»"),
    ('"Проект «Школа»"', "«Проект „Школа“»"),
    ("“Мир”", "«Мир»"),
    ("„Мир“", "«Мир»"),
    ('МБОУ "СШ № 5".', "МБОУ «СШ № 5»."),
    ('"a", "b"', "«a», «b»"),
    ("(«a»)", "(«a»)"),
    ('вебинары: -"Итоги"', "вебинары: -«Итоги»"),
    ('style="none"', "style=«none»"),
    ('а«б»"в"', "а«б»«в»"),
    # a closing mark with nothing open stays a closing one
    ("«x»»", "«x»»"),
    ('три "уровня «вложенности "тут"»"', "три «уровня „вложенности „тут““»"),
    ("без кавычек", "без кавычек"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_quotes(text: str, expected: str) -> None:
    assert quotes(text) == expected


def _without_quotes(text: str) -> str:
    return "".join(char for char in text if char not in QUOTES)


_TEXTS = st.lists(
    st.one_of(st.sampled_from(sorted(QUOTES)), st.sampled_from([" ", "(", "-", "а", "1", "\n"])),
    max_size=20,
).map("".join)


@given(st.one_of(_TEXTS, st.text()))
def test_every_other_character_survives_in_place(text: str) -> None:
    done = quotes(text)
    assert len(done) == len(text)
    assert _without_quotes(done) == _without_quotes(text)
    assert [char in QUOTES for char in done] == [char in QUOTES for char in text]


@given(st.one_of(_TEXTS, st.text()))
def test_only_russian_quotes_come_out(text: str) -> None:
    assert set(quotes(text)) & QUOTES <= set("«»„“")
