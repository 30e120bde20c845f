"""Non-breaking spaces where Russian official documents keep words on one line."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from roadmapdocs.lang.months import month_names

NBSP = "\u00a0"

# Only ordinary and non-breaking spaces are ever replaced: a tab or a line break is the author's
# layout, not a word space. Treating an existing NBSP as a space is what makes the function
# idempotent — the second pass finds the same places and writes the same NBSPs. Each space of a
# gap becomes one NBSP: two spaces the author typed stay two, only unbreakable.
_SPACE = "[ \u00a0]+"
_GAP = f"(?P<gap>{_SPACE})"

# Abbreviations that belong to the number after them: «ст. 28», «п. 3», «ч. 2», «табл. 1».
_REFERENCE = r"(?:ст|ч|п|пп|подп|абз|гл|разд|табл|рис|прил|с|стр|т)\."

# «Е.А.» or «Е. А.»: one or two capital letters, each with its full stop. The look-behind keeps
# the last letter of an abbreviation such as «УВР.» from passing for an initial.
_INITIALS = r"(?<![\w.])[А-ЯЁ]\.(?:[ \u00a0]?[А-ЯЁ]\.)?"
_SURNAME = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)*"


@cache
def _glue_patterns() -> tuple[re.Pattern[str], ...]:
    """Places to glue, each as ``keep`` (the text before the gap), the gap, and a look-ahead."""
    months = "|".join(month_names("wide", "format").values())
    return (
        # «№ 5», «§ 3»
        re.compile(rf"(?P<keep>[№§]){_GAP}(?=\S)"),
        # «5 сентября»: CLDR's genitive month names, the form a date takes in running text
        re.compile(rf"(?P<keep>(?<![\w.])\d{{1,2}}){_GAP}(?=(?:{months})\b)", re.IGNORECASE),
        # «2024 г.», «2024–2025 гг.»
        re.compile(rf"(?P<keep>\d){_GAP}(?=гг?\.)"),
        # «ст. 28», «п. 3»
        re.compile(rf"(?P<keep>(?<![\w.]){_REFERENCE}){_GAP}(?=\d)"),
        # «г. Смоленск»
        re.compile(rf"(?P<keep>(?<![\w.])г\.){_GAP}(?=[А-ЯЁ])"),
        # «Е. А.»: the two initials themselves
        re.compile(rf"(?P<keep>(?<![\w.])[А-ЯЁ]\.){_GAP}(?=[А-ЯЁ]\.)"),
    )


_INITIALS_RE = re.compile(_INITIALS)
_SURNAME_BEFORE = re.compile(rf"(?<![\w-]){_SURNAME}({_SPACE})$")
_SURNAME_AFTER = re.compile(rf"({_SPACE}){_SURNAME}(?![\w-])")


def _glue_initials(text: str) -> str:
    """Bind each «И.О.» to its surname, on whichever side the surname stands.

    A list such as «Чиж Л.В. Зайцева Т.А.» is ambiguous: «Л.В.» could belong to «Чиж» or to
    «Зайцева». Lists of responsible people write the surname first, and a surname already bound
    to the initials before it cannot take another pair, so a pair looks left first and right only
    when nothing free stands on its left («Директор школы Т.А. Оловянникова»).

    Each look reads from where the last one stopped and the text is joined once, so the time
    grows with the length of the text, not with its square.
    """
    gaps: list[tuple[int, int]] = []
    taken_until = 0
    for found in _INITIALS_RE.finditer(text):
        before = _SURNAME_BEFORE.search(text, taken_until, found.start())
        if before:
            gaps.append(before.span(1))
            taken_until = found.end()
            continue
        after = _SURNAME_AFTER.match(text, found.end())
        if after:
            gaps.append(after.span(1))
            taken_until = after.end()
        else:
            taken_until = found.end()
    if not gaps:
        return text
    pieces: list[str] = []
    done = 0
    for start, end in gaps:
        pieces += (text[done:start], NBSP * (end - start))
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


# Every place above has a space right after «№», «§», a digit or a full stop, or right before an
# initial: a text with none of these is returned at once (most cells of a plan are such texts).
_CANDIDATE = re.compile(r"[№§\d.][ \u00a0]|[ \u00a0][А-ЯЁ]\.")


def nbsp(text: str) -> str:
    """Put non-breaking spaces where a line must not break; change nothing but spaces.

    Kept together: «№ 5», «5 сентября», «2024 г.», «ст. 28», «п. 3», «г. Смоленск», and initials
    with their surname in either order («Е.А. Лаврушкина», «Лаврушкина Е.А.»). Each space at
    such a place becomes a non-breaking space — two stay two; every other character is left
    as it was.
    """
    if not _CANDIDATE.search(text):
        return text
    return _glue(text)


def _glue(text: str) -> str:
    """Every rule of :func:`nbsp`, without the shortcut for texts that have no place to glue."""
    for pattern in _glue_patterns():
        text = pattern.sub(_unbreakable, text)
    return _glue_initials(text)


def _unbreakable(found: re.Match[str]) -> str:
    """The text before a gap, then the gap with each of its spaces made non-breaking."""
    return found.group("keep") + NBSP * len(found.group("gap"))


# Quotes of every kind a text may mix: straight, «ёлочки», „лапки“ and English “…”.
QUOTES = frozenset('"«»„“”')
_OPENING = frozenset("«„")
_CLOSING = frozenset("»”")
# A straight or “ quote opens after these (or at the start of the text), and closes elsewhere.
_BEFORE_OPENING = frozenset(" \u00a0\t\n([{-–—/«„")


def quotes(text: str) -> str:
    """Quotes as Russian typography sets them: «ёлочки» outside, „лапки“ inside; nothing else
    changes.

    Each quote mark is read as opening or closing — «, „ always open, », ” always close; a
    straight quote or “ opens at the start of the text, after a space, a bracket or an opening
    quote, or between a non-letter and a letter («="а"», «»"б"»), and closes elsewhere — and
    is written by its depth: «» at the first level, „“ below it. A closing mark with nothing
    open stays a closing «»».
    """
    if not QUOTES.intersection(text):
        return text
    out: list[str] = []
    depth = 0
    for index, char in enumerate(text):
        if char not in QUOTES:
            out.append(char)
            continue
        previous = text[index - 1] if index else ""
        following = text[index + 1 : index + 2]
        opening = char in _OPENING or (
            char not in _CLOSING
            and (
                not previous
                or previous in _BEFORE_OPENING
                or (following.isalnum() and not previous.isalnum())
            )
        )
        if opening:
            out.append("«" if depth == 0 else "„")
            depth += 1
        else:
            depth = max(depth - 1, 0)
            out.append("»" if depth == 0 else "“")
    return "".join(out)


def _unchanged(text: str) -> str:
    return text


def typesetter(*, quoting: bool, spacing: bool) -> Callable[[str], str]:
    """The typography a render asks for, as one function: «ёлочки» (``quoting``) and then
    non-breaking spaces (``spacing``); the text as it is when neither is asked for."""
    if quoting and spacing:
        return lambda text: nbsp(quotes(text))
    return quotes if quoting else nbsp if spacing else _unchanged
