"""The dictionary look-up gives the analyser's answers, on every word set in capitals that the
seeds, the examples and a list of heading words hold."""

from __future__ import annotations

import re

import pymorphy3
import pytest

from roadmapdocs.lang.lexicon import is_known_word, tags

from ..conftest import EXAMPLES, SEEDS

_CAPITALS = re.compile(r"(?<![\w-])[А-ЯЁ]{2,}(?![\w-])")
_HEADINGS = [
    "ПРИКАЗ",
    "ПРИКАЗЫВАЮ",
    "ПЛАН",
    "ЦЕЛЬ",
    "ГОДА",
    "ДОРОЖНАЯ",
    "КАРТА",
    "ПАСПОРТ",
    "УТВЕРЖДАЮ",
    "РАЗДЕЛ",
    "ВУЗ",
    "РФ",
    "СМИ",
    "ЁЛКА",
    "ЕЛКА",
    "ШКОЛА",
    "ОБРАЗОВАНИЯ",
    "УПРАВЛЕНИЕ",
    "АДМИНИСТРАЦИЯ",
    "ГОРОДА",
    "МЕРОПРИЯТИЙ",
    "ПРОТОКОЛ",
]


def _capital_words() -> list[str]:
    found = set(_HEADINGS)
    for path in [*SEEDS.glob("*.txt"), *EXAMPLES.glob("*.yaml")]:
        found.update(_CAPITALS.findall(path.read_text(encoding="utf-8")))
    return sorted(found)


@pytest.fixture(scope="module")
def analyser() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


def test_the_same_answers_as_the_analyser(analyser: pymorphy3.MorphAnalyzer) -> None:
    words = _capital_words()
    assert len(words) > 60  # the seeds are there: the comparison means something
    for word in words:
        lower = word.lower()
        expected = analyser.word_is_known(lower) and "Abbr" not in analyser.parse(lower)[0].tag
        assert is_known_word(lower) == expected, word


@pytest.mark.parametrize(
    ("word", "known"),
    [("администрация", True), ("ёлка", True), ("елка", True), ("шнор", False), ("вуз", False)],
)
def test_words_abbreviations_and_unknown_tokens(word: str, known: bool) -> None:
    assert is_known_word(word) is known


def test_tags_of_an_unknown_word_are_none() -> None:
    assert tags("цнппм") == []
    assert any("NOUN" in tag for tag in tags("школа"))
