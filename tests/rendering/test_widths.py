"""Column widths from measured text, and soft hyphens where a word is wider than its column."""

from __future__ import annotations

import re
from typing import Any

import pytest
from docx.oxml import parse_xml
from hypothesis import given, settings
from hypothesis import strategies as st

from roadmapdocs.rendering import metrics
from roadmapdocs.rendering.layout import (
    CELL_PADDING,
    TableFont,
    column_widths,
    fit_rows,
    text_of,
    words,
)
from roadmapdocs.settings import Settings

FONT = TableFont(Settings())
SOFT = metrics.SOFT_HYPHEN
LANDSCAPE = 14287  # A4 landscape, margins 30 and 15 mm, in twips


def longest(texts: list[str], *, bold: bool = False) -> int:
    return max(FONT.width(word, bold=bold) for text in texts for word in words(text))


def one_line(text: str, *, bold: bool = False) -> int:
    return FONT.width(text, bold=bold) + CELL_PADDING


ORDER_HEADER = ["№", "Мероприятие", "Сроки", "Ответственный", "Результат"]
ORDER_ROW = [
    "1.1",
    "Разработка и утверждение плана мероприятий (муниципальной дорожной карты) по организации "
    "адресной поддержки школ с низкими результатами обучения",
    "сентябрь 2024",
    "заместитель директора по учебно-воспитательной работе",
    "Приказ, план мероприятий",
]


@pytest.mark.parametrize(
    ("header", "body", "width", "check"),
    [
        # Short columns (number, date) are as narrow as their content on one line; the column
        # with the most text gets the most.
        (
            ORDER_HEADER,
            [ORDER_ROW],
            LANDSCAPE,
            lambda w: (
                w[0] == max(one_line("1.1"), one_line("№", bold=True)),
                w[2] == max(one_line("сентябрь 2024"), one_line("Сроки", bold=True)),
                w[1] == max(w),
                w[1] > w[3] > w[4],
            ),
        ),
        # A table with one column takes the whole width.
        (["Мероприятие"], [["Провести педсовет"]], 9000, lambda w: (w == [9000],)),
        # Columns too narrow for their words are narrowed to a common cap, no less than their
        # longest syllable, the narrow ones untouched.
        (
            ["№", *["Общеобразовательная организация"] * 12],
            [["1", *["Институциональный"] * 12]],
            LANDSCAPE,
            lambda w: (
                w[0] == max(one_line("1"), one_line("№", bold=True)),
                max(w[1:]) - min(w[1:]) <= 1,  # rounding
                w[1] < longest(["Общеобразовательная"], bold=True) + CELL_PADDING,
            ),
        ),
    ],
    ids=["order", "one-column", "squeezed"],
)
def test_column_widths(header: list[str], body: list[list[str]], width: int, check: Any) -> None:
    rows = [[(1, text) for text in header], *([(1, text) for text in row] for row in body)]
    widths = column_widths(rows, len(header), width, FONT)
    assert sum(widths) == width
    assert all(check(widths)), widths


_WORDS = st.sampled_from(
    [
        "№",
        "п/п",
        "1.1",
        "и",
        "в",
        "по",
        "май",
        "2025",
        "сентябрь-октябрь",
        "педсовет",
        "учителей",
        "Физика",
        "Организационно-управленческое",
        "решения/ожидаемые",
        "Институциональный",
        "профессиональными",
        "результатами",
        "естественнонаучной",
    ]
)
_CELLS = st.lists(_WORDS, min_size=1, max_size=12).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(
    rows=st.integers(1, 4).flatmap(
        lambda columns: st.lists(
            st.lists(_CELLS, min_size=columns, max_size=columns), min_size=1, max_size=6
        )
    ),
    width=st.integers(3000, 15000),
)
def test_every_column_is_as_wide_as_its_longest_word(rows: list[list[str]], width: int) -> None:
    columns = len(rows[0])
    table = [[(1, text) for text in row] for row in rows]
    widths = column_widths(table, columns, width, FONT)
    need = [
        max(FONT.width(w, bold=index == 0) for index, row in enumerate(rows) for w in words(row[c]))
        + CELL_PADDING
        for c in range(columns)
    ]
    if sum(need) <= width:
        assert all(w >= n for w, n in zip(widths, need, strict=True)), (widths, need)
        assert sum(widths) == width


@given(st.text(st.sampled_from("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВ-/ .,«»0"), max_size=60))
def test_soft_hyphens_only_where_russian_hyphenation_allows(text: str) -> None:
    hyphenated = metrics.hyphenate(text)
    assert hyphenated.replace(SOFT, "") == text
    dictionary = metrics._dictionary()
    allowed = {
        found.start() + offset
        for found in re.finditer(r"[^\W\d_]+", text)
        for offset in dictionary.positions(found.group(0))
    }
    at = [
        index - before
        for before, index in enumerate(i for i, c in enumerate(hyphenated) if c == SOFT)
    ]
    assert set(at) <= allowed


def test_long_words_of_narrow_columns_get_soft_hyphens() -> None:
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def cell(text: str) -> str:
        return f"<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"

    table = parse_xml(
        f"<w:tbl {w}><w:tr>{cell('№ п/п')}{cell('Общеобразовательная организация')}</w:tr>"
        f"<w:tr>{cell('1')}{cell('Институциональный уровень, ОЦПРМСО')}</w:tr></w:tbl>"
    )
    rows = table.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tr")
    narrow = FONT.width("Институц") + CELL_PADDING
    fit_rows(rows, [2, 2], [2000, narrow], FONT)
    texts = [text_of(tc) for row in rows for tc in row]
    assert texts[0] == "№ п/п"  # fits: untouched
    assert (
        texts[1]
        == f"Об{SOFT}ще{SOFT}об{SOFT}ра{SOFT}зо{SOFT}ва{SOFT}тель{SOFT}ная ор{SOFT}га{SOFT}ни{SOFT}за{SOFT}ция"
    )
    assert texts[3].startswith(f"Ин{SOFT}сти{SOFT}ту")
    assert texts[3].endswith(", ОЦПРМСО")  # an abbreviation is not hyphenated
    assert texts[3].replace(SOFT, "") == "Институциональный уровень, ОЦПРМСО"


def test_metrics_are_those_of_the_installed_font() -> None:
    found = metrics.font_file("Times New Roman")
    if found is None:
        pytest.skip("no serif font installed")
    # Times New Roman and Liberation Serif share advance widths: «о» is half an em, «W» 0.944.
    assert metrics.metrics("Times New Roman").em("о") == 0.5
    assert metrics.metrics("Times New Roman").em("W") == pytest.approx(0.944, abs=0.001)
    assert FONT.width("оо") == 240  # 12 pt


def test_a_tie_wider_than_its_column_breaks_between_surname_and_initials() -> None:
    from roadmapdocs.rendering.layout import _hyphenated

    text = "Управление образования (Зайцева\u00a0Т.А.)"
    tie = FONT.width("(Зайцева\u00a0Т.А.)")
    assert _hyphenated(text, tie + 10, FONT, bold=False) == text  # fits: the tie is kept
    narrow = _hyphenated(text, tie - 10, FONT, bold=False)
    assert "(Зайцева Т.А.)" in narrow.replace(SOFT, "")
    assert "\u00a0" not in narrow
    assert narrow.endswith(" Т.А.)")  # the initials stay whole


def test_a_row_whose_only_wide_word_is_a_tie_gets_it_untied() -> None:
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def cell(text: str) -> str:
        width = "<w:tcPr><w:tcW w:w='1' w:type='dxa'/></w:tcPr>"
        return f"<w:tc>{width}<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"

    tied = cell("Управление (Зайцева\u00a0Т.А.)")
    table = parse_xml(
        f"<w:tbl {w}><w:tr>{cell('№')}{cell('Кто')}</w:tr><w:tr>{cell('1')}{tied}</w:tr></w:tbl>"
    )
    rows = table.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tr")
    # Room for «Управление» and for «(Зайцева», not for the tie «(Зайцева Т.А.)».
    room = FONT.width("Управление") + 20
    assert FONT.width("(Зайцева\u00a0Т.А.)") > room
    fit_rows(rows, [2, 2], [2000, room + CELL_PADDING], FONT)
    assert text_of(rows[1][1]) == "Управление (Зайцева Т.А.)"


def test_both_faces_of_a_family_are_asked_of_fontconfig_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """fc-match answers in a process of its own: the regular and the bold face are asked
    together, the second started before the first is waited for, and each gets its answer."""
    events: list[str] = []

    class FakeProcess:
        def __init__(self, command: list[str], **_: Any) -> None:
            self.pattern = command[-1]
            events.append(f"start {self.pattern}")

        def communicate(self, timeout: float | None = None) -> tuple[str, str]:
            events.append(f"wait {self.pattern}")
            return f"/fonts/{self.pattern.replace(':', '-')}.txt\n", ""

        def kill(self) -> None:
            pass

    monkeypatch.setattr(metrics.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(metrics.subprocess, "Popen", FakeProcess)
    family = "Шрифт, которого нет"
    found = metrics._fontconfig_files(family)
    assert found == (f"/fonts/{family}-regular.txt", f"/fonts/{family}-bold.txt")
    assert events == [
        f"start {family}:regular",
        f"start {family}:bold",
        f"wait {family}:regular",
        f"wait {family}:bold",
    ]
    # An answer that is no font file leaves the search of the font folders to find one.
    assert metrics.font_file(family) is None


def test_fontconfig_that_cannot_start_or_answer_gives_no_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import subprocess

    class Stuck:
        def __init__(self, command: list[str], **_: Any) -> None:
            self.killed = False

        def communicate(self, timeout: float | None = None) -> tuple[str, str]:
            if not self.killed:
                raise subprocess.TimeoutExpired("fc-match", timeout or 0)
            return "", ""

        def kill(self) -> None:
            self.killed = True

    def refuse(command: list[str], **_: Any) -> None:
        raise OSError("no such program")

    monkeypatch.setattr(metrics.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(metrics.subprocess, "Popen", Stuck)
    assert metrics._fc_match_each(["a", "b"], "%{file}") == [None, None]
    monkeypatch.setattr(metrics.subprocess, "Popen", refuse)
    assert metrics._fc_match_each(["a"], "%{file}") == [None]
    monkeypatch.setattr(metrics.shutil, "which", lambda name: None)
    assert metrics._fc_match_each(["a", "b"], "%{file}") == [None, None]


_RUSSIAN_WORDS = st.sampled_from(
    [
        "мероприятий",
        "общеобразовательная",
        "ОЦПРМСО",
        "методический",
        "семинар",
        "Зайцева\u00a0Т.А.",
        "сентябрь–декабрь",
        "2024/2025",
        "плана-графика",
        "профессиональных",
        "",
        "и",
    ]
)
_SPANNED_CELLS = st.lists(
    st.tuples(st.integers(1, 3), st.lists(_RUSSIAN_WORDS, max_size=6).map(" ".join)),
    max_size=5,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_SPANNED_CELLS, min_size=1, max_size=8), st.integers(1, 6))
def test_the_least_widths_are_the_longest_syllables_of_all_words(
    rows: list[list[tuple[int, str]]], columns: int
) -> None:
    """Hyphenating only the widest words of a column finds what hyphenating all of them finds."""
    from roadmapdocs.rendering.layout import _longest_syllable, _syllables

    low = [10**6] * columns
    expected = [CELL_PADDING] * columns
    hyphen = FONT.width("-", bold=True) + CELL_PADDING
    for index, cells in enumerate(rows):
        face = FONT.bold if index == 0 else FONT.regular
        position = 0
        for span, text in cells:
            if span == 1 and position < columns:
                widest = max(_longest_syllable(face, FONT.size, w) for w in words(text))
                expected[position] = max(expected[position], widest + hyphen)
            position += span
    assert _syllables(rows, columns, low, FONT) == expected
    capped = [w // 2 for w in expected]
    assert _syllables(rows, columns, capped, FONT) == [
        min(e, c) for e, c in zip(expected, capped, strict=True)
    ]


def test_only_the_widest_words_of_a_column_are_hyphenated(monkeypatch: pytest.MonkeyPatch) -> None:
    from roadmapdocs.rendering import layout

    asked: list[str] = []
    real = layout._longest_syllable

    def spy(face: Any, size: float, word: str) -> int:
        asked.append(word)
        return int(real(face, size, word))

    monkeypatch.setattr(layout, "_longest_syllable", spy)
    row = ["общеобразовательная организация", "семинар для учителей и директоров школ"]
    rows = [[(1, "Организация"), (1, "Мероприятие")], *[[(1, t) for t in row]] * 20]
    layout._syllables(rows, 2, [10**6, 10**6], FONT)
    assert "общеобразовательная" in asked
    assert len(asked) == len(set(asked)), asked  # each word once, of 222
    # A word no wider than a syllable already found cannot widen the column.
    assert not {"для", "и"} & set(asked), asked
