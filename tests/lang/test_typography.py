"""Non-breaking spaces: where they go, and that nothing but spaces ever changes."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roadmapdocs.lang.typography import NBSP, _glue, nbsp

_ = NBSP

CASES = [
    ("Приказ № 5", "Приказ №_5"),
    # two spaces stay two, each made non-breaking
    ("№  226/1-г", "№__226/1-г"),
    ("5  сентября 2024  г.", "5__сентября 2024__г."),
    ("8  г.", "8__г."),
    ("Лаврушкина  Е.А.", "Лаврушкина__Е.А."),
    ("от 5 сентября 2024 г.", "от 5_сентября 2024_г."),
    ("до 20 января 2022", "до 20_января 2022"),
    ("2024–2025 гг.", "2024–2025_гг."),
    ("Руководствуясь ст. 28 Закона", "Руководствуясь ст._28 Закона"),
    ("согласно п. 3 и ч. 2", "согласно п._3 и ч._2"),
    ("г. Смоленск", "г._Смоленск"),
    ("Директор школы Т.А. Оловянникова", "Директор школы Т.А._Оловянникова"),
    ("Е. А. Лаврушкина", "Е._А._Лаврушкина"),
    (
        "Заместителям директора школы Лаврушкиной Е.А., Романовой И.Е., Балабановой Н.В. обеспечить",
        "Заместителям директора школы Лаврушкиной_Е.А., Романовой_И.Е., Балабановой_Н.В. обеспечить",
    ),
    # a list of surname-first names binds each pair to the surname before it
    ("Чиж Л.В. Зайцева Т.А.", "Чиж_Л.В. Зайцева_Т.А."),
    (
        "Управление образования (Чиж Л.В., Зайцева Т.А.)",
        "Управление образования (Чиж_Л.В., Зайцева_Т.А.)",
    ),
    ("Римский-Корсаков Н.А.", "Римский-Корсаков_Н.А."),
    # nothing to glue
    ("сентябрь 2024", "сентябрь 2024"),
    ("по УВР. Романова", "по УВР. Романова"),
    ("ст.\n28", "ст.\n28"),
    ("в 12 классах", "в 12 классах"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_nbsp(text: str, expected: str) -> None:
    assert nbsp(text) == expected.replace("_", NBSP)


def _words(text: str) -> str:
    """The text with every run of spaces, breaking or not, as one ordinary space."""
    return re.sub("[ \u00a0]+", " ", text)


_TOKENS = st.sampled_from(
    [
        "№",
        "5",
        "28",
        "2024",
        "г.",
        "гг.",
        "ст.",
        "п.",
        "сентября",
        "Е.А.",
        "Е.",
        "А.",
        "Лаврушкина",
        "Чиж",
        "Л.В.",
        "Т.А.",
        "школы",
        "УВР.",
        ",",
        "(",
        ")",
        "-",
    ]
)
_TEXTS = st.lists(
    st.one_of(_TOKENS, st.text(alphabet="абвгдАБВ.№ 12", max_size=4)), max_size=12
).flatmap(
    lambda words: st.lists(
        st.sampled_from([" ", "  ", NBSP, "\n", "", " \u00a0"]),
        min_size=len(words),
        max_size=len(words),
    ).map(lambda gaps: "".join(w + g for w, g in zip(words, gaps, strict=True)))
)


@given(_TEXTS)
def test_only_spaces_change(text: str) -> None:
    assert _words(nbsp(text)) == _words(text)


@given(_TEXTS)
def test_idempotent(text: str) -> None:
    once = nbsp(text)
    assert nbsp(once) == once


@given(st.text())
def test_any_text_keeps_its_characters(text: str) -> None:
    assert _words(nbsp(text)) == _words(text)


@given(st.one_of(_TEXTS, st.text()))
def test_spaces_are_replaced_one_for_one_never_merged(text: str) -> None:
    glued = nbsp(text)
    assert len(glued) == len(text)
    assert glued.replace(NBSP, " ") == text.replace(NBSP, " ")


def test_a_long_text_full_of_initials_takes_time_in_proportion_to_its_length() -> None:
    import time

    def seconds(copies: int) -> float:
        text = "Иванова А.Б. " * copies
        start = time.perf_counter()
        assert nbsp(text).count(NBSP) == copies
        return time.perf_counter() - start

    seconds(100)
    small, large = seconds(5_000), seconds(50_000)
    assert large < 30 * small + 0.5  # ten times the text: about ten times the time, not a hundred


@given(_TEXTS)
def test_shortcut_changes_nothing(text: str) -> None:
    # A text the quick check lets through untouched must be one the full rules leave as it is.
    assert nbsp(text) == _glue(text)


@pytest.mark.parametrize(
    ("quoting", "spacing", "expected"),
    [
        (True, True, "«Школа» №\u00a05"),
        (True, False, "«Школа» № 5"),
        (False, True, '"Школа" №\u00a05'),
        (False, False, '"Школа" № 5'),
    ],
)
def test_the_typesetter_does_what_a_render_asks(
    quoting: bool, spacing: bool, expected: str
) -> None:
    from roadmapdocs.lang.typography import typesetter

    assert typesetter(quoting=quoting, spacing=spacing)('"Школа" № 5') == expected
