"""Repeated words: found whatever the spacing and case, not where punctuation or numbers stand."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import roadmapdocs


def _repeats(text: str) -> list[str]:
    document = roadmapdocs.load({"kind": "roadmap", "level": "school", "goal": text})
    return [f.message for f in roadmapdocs.validate(document, select=["repeated-words"])]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("в условиях в  условиях сетевого взаимодействия", "в условиях в условиях"),
        ("в условиях в\u00a0условиях", "в условиях в условиях"),
        ("в условиях\tв условиях", "в условиях в условиях"),
        ("в условиях\nв условиях", "в условиях в условиях"),
        ("в условиях\r\nв условиях", "в условиях в условиях"),
        ("в условиях\u202fв условиях", "в условиях в условиях"),
        ("в условиях\u200b в условиях", "в условиях в условиях"),
        ("в усло\u00adвиях в условиях", "в условиях в условиях"),
        ("Зам директора по Зам директора по УВР", "Зам директора по Зам директора по"),
        ("Зам директора по зам ДИРЕКТОРА по УВР", "Зам директора по зам ДИРЕКТОРА по"),
        ("Итоги ГИА 2024 ГИА 2024", "ГИА 2024 ГИА 2024"),
        ("5 5 классов по по плану", "по по"),
    ],
)
def test_a_repeat_is_found(text: str, phrase: str) -> None:
    assert _repeats(text) == [f"слова повторены: «{phrase}»"]


@pytest.mark.parametrize(
    "text",
    [
        "по, по",
        "в условиях, в условиях",
        "Работа. Работа с родителями",
        "по-по",
        "10 10",
        "Количество школ: 3 3 5",
        "2024 2024 2025",
        "Зам директора по УВР",
    ],
)
def test_no_repeat(text: str) -> None:
    assert _repeats(text) == []


_WORDS = st.lists(
    st.text(alphabet="абвгдежзийклмнопрстуфхцчшщыэюяАБВГДЕЖЗ", min_size=1, max_size=8),
    min_size=1,
    max_size=4,
)
_GAPS = st.lists(
    st.sampled_from([" ", "  ", "\u00a0", "\t", "\n", "\r\n", "\u202f", " \u200b"]),
    min_size=1,
    max_size=3,
).map("".join)


@given(_WORDS, _GAPS, _GAPS)
def test_words_written_twice_are_found_whatever_the_space(
    words: list[str], inside: str, between: str
) -> None:
    phrase = inside.join(words)
    found = _repeats(f"Цель: {phrase}{between}{phrase.upper()}.")
    assert len(found) == 1


def _first_repeat_without_shortcut(value: str) -> str | None:
    """What the rule finds when every text goes through the repeat pattern."""
    from roadmapdocs.rules.builtin.repeated_words import _INVISIBLE, _REPEAT

    spaced = " ".join(value.translate(_INVISIBLE).split())
    for found in _REPEAT.finditer(spaced):
        if not found.group(1).replace(" ", "").isdigit():
            return found.group()
    return None


@given(
    st.lists(
        st.sampled_from(
            [
                "по",
                "По",
                "зам",
                "директора",
                "(зам",
                "директора)",
                "10",
                "усло\u00adвиях",
                "условиях",
                ",",
                "\u200b",
                "Ё",
                "ё",
            ]
        ),
        max_size=8,
    ).map(" ".join)
    | st.text(max_size=30)
)
def test_the_shortcut_misses_no_repeat(text: str) -> None:
    from roadmapdocs.rules.builtin.repeated_words import _first_repeat

    found = _first_repeat(text)
    assert (found.group() if found else None) == _first_repeat_without_shortcut(text)
