"""The words of Russian deadline texts, reduced to a small token language the grammar can read.

Month names are CLDR's (:mod:`roadmapdocs.lang.months`) in the nominative, the genitive and
abbreviated; the prepositional («в мае») CLDR lacks, so a rule makes it from the nominative
(:func:`month_locative`; a test checks it against pymorphy3's dictionary). The names are read
once, lazily, so importing the package stays cheap.
"""

from __future__ import annotations

import re
from functools import cache

from roadmapdocs.lang.months import month_names

_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}

# Every dash a word processor produces, with or without spaces, reads as one range separator.
_DASH = re.compile(r"\s*[-‐‑‒–—―−]\s*")
# «1-е», «2-й», «3-го» are ordinals, not ranges: their hyphen goes before dashes are spread.
_ORDINAL_SUFFIX = re.compile(r"\b(\d)-(?:ый|ий|ой|й|я|е|го|м)(?![а-я])")
_SPACES = re.compile(r"\s+")
# School year first: its «год» must not be taken for a calendar year's «г.».
_SCHOOL_YEAR_WORD = re.compile(r"(?:учебн\w*|уч\.?) ?(?:год\w*|г\.?)(?![а-я])")
# Two years joined by a dash are a school year only when a word says so: «2024-2025 учебный
# год», «2024–2025 уч. г.», or the singular «в 2024-2025 году» (one year spanning two is a school
# year). «2024-2025 гг.», «2024–2025 годы» and a bare «2024-2025» are two calendar years, as in
# the municipal and regional plans; a slash («2024/2025», «2020/2021» in indicator tables) always
# names a school year. A year inside a date («01.01.2027 - 28.02.2027») is no half of either.
_SCHOOL_YEAR = re.compile(
    r"(?<!\.)\b(\d{4}) ?[/-] ?(\d{4}|\d{2})\b(?!\.\d) ?(?:uy\b|(?:году|года|год)(?![а-я]))"
)
_SCHOOL_YEAR_WITHOUT_WORD = re.compile(r"(?<!\.)\b(\d{4}) ?/ ?(\d{4}|\d{2})\b(?!\.\d)")
# «2024-25 гг.»: the second year of a calendar range written with its last two digits.
_SHORT_YEAR_RANGE = re.compile(r"(?<!\.)\b(\d{2})(\d{2}) - (\d{2})(?![\d.]| m\d)")
_YEARS = r"(?:гг|г|годами|годах|годам|годов|годы|году|года|год)(?![а-я])\.?"
_YEAR_WORD = re.compile(r"\b(\d{4}) ?" + _YEARS)
_BARE_YEAR_WORD = re.compile(r"(?<![а-я])" + _YEARS)
_UNIT_WORDS = (
    (re.compile(r"(?<![а-я])(?:квартал[а-я]*|кв\.)"), "q"),
    (re.compile(r"(?<![а-я])полугоди[а-я]*"), "h"),
    (re.compile(r"(?<![а-я])(?:учебн[а-я]* )?четверт[а-я]*"), "c"),
)
_ORDINAL = r"(iv|iii|ii|i|[1-4])(?:-?(?:ый|ий|ой|й|я|е|го|м))?"
_ORDINAL_RANGE = re.compile(rf"\b{_ORDINAL} - {_ORDINAL} ?(q|h|c)\b")
_ORDINAL_UNIT = re.compile(rf"\b{_ORDINAL} ?(q|h|c)\b")


@cache
def month_forms() -> dict[str, int]:
    """Every written form of every month, lower case, mapped to the month's number."""
    forms: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for number, name in month_names(width, context).items():
                forms[name.lower()] = number
                forms[name.lower().rstrip(".")] = number
    for number, name in month_names("wide", "stand-alone").items():
        forms[month_locative(name.lower())] = number
    return forms


def month_locative(name: str) -> str:
    """«в сентябре», «в мае», «в марте»: every Russian month name takes «-е» in the locative,
    in place of a final «ь» or «й». (A rule, not the morphological dictionary: loading that
    for twelve words would cost every loaded document some 15 MB.)"""
    return (name[:-1] if name[-1] in "ьй" else name) + "е"


@cache
def _month_pattern() -> re.Pattern[str]:
    # Longest first, so «сентября» is not read as «сент» followed by stray letters.
    alternatives = sorted(month_forms(), key=len, reverse=True)
    return re.compile(r"(?<![а-я])(" + "|".join(map(re.escape, alternatives)) + r")(?![а-я])\.?")


def plain(text: str) -> str:
    """Lower case, «ё» as «е», one space between words, every dash as « - »."""
    text = text.lower().replace("ё", "е").replace("і", "i")
    text = _ORDINAL_SUFFIX.sub(r"\1", text)
    text = _DASH.sub(" - ", text)
    return _SPACES.sub(" ", text).strip()


def tokens(plain_text: str) -> str:
    """The grammar's view of a plain text.

    Months become ``m1`` … ``m12``; «2024/2025 учебный год» becomes ``sy2024``, a bare «учебный
    год» ``uy``; «2024 г.» becomes ``2024``; «II квартал» becomes ``2q``, «I полугодие» ``1h``,
    «III четверть» ``3c``; «II - III кварталы» becomes ``2q - 3q``.
    """
    text = _month_pattern().sub(lambda m: f"m{month_forms()[m.group(1)]}", plain_text)
    text = _SCHOOL_YEAR_WORD.sub("uy", text)
    text = _SCHOOL_YEAR.sub(_school_year_token, text)
    text = _SCHOOL_YEAR_WITHOUT_WORD.sub(_school_year_token, text)
    text = _SHORT_YEAR_RANGE.sub(_full_second_year, text)
    text = _YEAR_WORD.sub(r"\1", text)
    text = _BARE_YEAR_WORD.sub("", text)
    for pattern, token in _UNIT_WORDS:
        text = pattern.sub(token, text)
    text = _ORDINAL_RANGE.sub(
        lambda m: f"{_number(m.group(1))}{m.group(3)} - {_number(m.group(2))}{m.group(3)}", text
    )
    text = _ORDINAL_UNIT.sub(lambda m: f"{_number(m.group(1))}{m.group(2)}", text)
    return _SPACES.sub(" ", text).strip(" ,.;:")


def _number(ordinal: str) -> str:
    return _ROMAN.get(ordinal, ordinal)


def _school_year_token(match: re.Match[str]) -> str:
    first, second = match.group(1), match.group(2)
    # «2024/25» and «2024/2025» name the same year; «2024/2026» is no school year at all.
    if int(second[-2:]) != (int(first) + 1) % 100:
        return match.group(0)
    return f"sy{first}"


def _full_second_year(match: re.Match[str]) -> str:
    century, first, second = match.group(1), match.group(2), match.group(3)
    # «2024 - 25» is 2024–2025; «2024 - 15» (a day, a count) is no later year and stays.
    if int(second) <= int(first):
        return match.group(0)
    return f"{century}{first} - {century}{second}"
