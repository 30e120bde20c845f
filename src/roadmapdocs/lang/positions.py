"""Declension of positions and bodies: «заместитель директора» → «заместителю директора».

A position is a noun phrase whose head noun and the adjectives agreeing with it change case,
while everything after the head — the genitive tail («директора школы»), prepositional parts
(«по УВР»), abbreviations — stays as written. The morphology comes from pymorphy3 and its
OpenCorpora dictionary, which also declines hyphenated nouns in both halves («педагог-психолог»).

Building pymorphy3's analyser holds its whole dictionary in memory, some 20 MiB, to decline a
document's two or three positions. The words positions are made of are few, so their readings
and forms are shipped as a table (``position_forms.json``, made from the analyser by
``scripts/position_forms.py``); the analyser is built only for a word the table lacks, and the
table is set aside when the installed pymorphy3 or dictionary is not the one it was made from.
Either way the answer is the analyser's; a test holds the two equal.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from roadmapdocs.lang.grammar import Case

_GRAMMEMES: dict[Case, str] = {
    "nominative": "nomn",
    "genitive": "gent",
    "dative": "datv",
    "accusative": "accs",
    "instrumental": "ablt",
    "prepositional": "loct",
}
_AGREEING = {"ADJF", "PRTF"}
_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")

# Written contractions that offices leave undeclined whatever the case («зам директора»).
_CONTRACTIONS = {"зам", "зав", "врио"}

TABLE = "position_forms.json"
"""The table of words and forms, beside this module."""


def _keys(agreeing: bool) -> list[frozenset[str]]:
    """Every set of grammemes a word is asked to take, in the order the table lists forms.

    A noun takes a case and a number; an agreeing word takes, besides, the head's animacy and,
    in the singular, its gender (or none, where the head shows none).
    """
    keys: list[frozenset[str]] = []
    for case in _GRAMMEMES.values():
        if not agreeing:
            keys += [frozenset({case, "sing"}), frozenset({case, "plur"})]
            continue
        for animacy in ("anim", "inan"):
            keys.append(frozenset({case, "plur", animacy}))
            keys.append(frozenset({case, "sing", animacy}))
            keys += [frozenset({case, "sing", animacy, g}) for g in ("masc", "femn", "neut")]
    return keys


KEYS: dict[bool, dict[frozenset[str], int]] = {
    agreeing: {key: index for index, key in enumerate(_keys(agreeing))}
    for agreeing in (False, True)
}
"""For a noun (False) and an agreeing word (True): each grammeme set → its place in the table."""


@cache
def _analyzer() -> Any:
    # Loading the dictionary takes about a second and tens of megabytes: do it once, on first use.
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


def made_with() -> dict[str, str]:
    """The versions of pymorphy3 and of its dictionary installed: a table made with others is
    not used."""
    from importlib.metadata import version

    return {"pymorphy3": version("pymorphy3"), "dictionary": version("pymorphy3-dicts-ru")}


@cache
def _table() -> dict[str, list[list[str] | None]]:
    """word → [noun reading, agreeing reading] as the table stores them; {} where the table
    was made with another dictionary than the one installed."""
    data = json.loads(resources.files(__package__).joinpath(TABLE).read_text(encoding="utf-8"))
    try:
        installed = made_with()
    except ImportError:  # PackageNotFoundError: an install without metadata
        return {}
    if data["made_with"] != installed:
        return {}
    words: dict[str, list[list[str] | None]] = data["words"]
    return words


@dataclass(frozen=True)
class Reading:
    """One reading of a word in the nominative: what the phrase's analysis asks of it."""

    pos: str
    number: str | None
    gender: str | None
    animacy: str | None
    word: str
    """The word as the dictionary spells it (with «ё»)."""
    inflect: Callable[[frozenset[str]], str | None]
    """The word in the form the grammemes ask, or None where it has none."""

    @property
    def agreeing(self) -> bool:
        return self.pos in _AGREEING


Readings = tuple[Reading | None, Reading | None]
"""The best nominative noun reading of a word and its best agreeing (adjective) reading."""


def _inflect(parse: Any, grammemes: frozenset[str]) -> str | None:
    inflected = parse.inflect(grammemes) or parse.inflect(grammemes - {"anim", "inan"})
    if inflected is None:
        return None
    if parse.tag.POS == "NOUN" and {"plur", "nomn"} <= grammemes:
        # The dictionary lists the bookish «учители» before «учителя»; offices write «учителя»,
        # «директора», «инспектора», so a plural in -а/-я wins where the noun has both.
        plurals = [f.word for f in parse.lexeme if {"plur", "nomn"} in f.tag]
        return str(max(plurals, key=lambda word: word.endswith(("а", "я"))))
    return str(inflected.word)


def _parsed(parse: Any) -> Reading:
    tag = parse.tag
    return Reading(
        tag.POS, tag.number, tag.gender, tag.animacy, parse.word, lambda g: _inflect(parse, g)
    )


@lru_cache(maxsize=4096)
def analysed(word: str) -> Readings:
    """The readings of ``word`` (lower case) by pymorphy3's analyser."""
    noun = agreeing = None
    for parse in _analyzer().parse(word):
        if "nomn" not in parse.tag:
            continue
        if parse.tag.POS == "NOUN" and noun is None:
            noun = _parsed(parse)
        elif parse.tag.POS in _AGREEING and agreeing is None:
            agreeing = _parsed(parse)
    return noun, agreeing


def _tabled(word: str, which: int, row: list[str]) -> Reading:
    pos, number, gender, animacy, spelt, forms, places = row
    listed, keys = forms.split(" "), KEYS[pos in _AGREEING]

    def inflect(grammemes: frozenset[str]) -> str | None:
        place = keys.get(grammemes)
        if place is None:  # asked what the table was not made for: the analyser answers
            found = analysed(word)[which]
            return found.inflect(grammemes) if found else None
        index = places[place]
        return None if index == "-" else listed[int(index, 36)]

    return Reading(pos, number or None, gender or None, animacy or None, spelt, inflect)


def _readings(word: str, table: bool) -> Readings:
    """The readings of ``word`` as written: from the table if ``table`` and it has the word,
    else from the analyser."""
    if sum(ch.isupper() for ch in word) > 1 or word.lower() in _CONTRACTIONS:
        return None, None
    lower = word.lower()
    row = _table().get(lower) if table else None
    if row is None:
        return analysed(lower)
    noun, agreeing = (None if r is None else _tabled(lower, i, r) for i, r in enumerate(row))
    return noun, agreeing


@dataclass(frozen=True)
class _Word:
    match: re.Match[str]
    parse: Reading


def _agrees(adjectives: list[_Word], noun: Reading) -> bool:
    number, gender = noun.number, noun.gender
    for adjective in adjectives:
        tag = adjective.parse
        if tag.number != number or (number == "sing" and gender and tag.gender != gender):
            return False
    return True


def _phrase_head(text: str, table: bool) -> list[_Word]:
    """The words that change with the case: agreeing adjectives and the head they lead to.

    A word that reads both ways («старший», «учёный») is an adjective when another nominative
    word follows it («старший вожатый», «учёный секретарь»). An adjective that no noun follows
    in agreement is itself the head: «ответственный за питание», «исполняющий обязанности
    директора». A word is read only when the answer depends on it: the words up to the head,
    and the one after a word that reads both ways.
    """
    matches = list(_WORD.finditer(text))
    known: dict[int, Readings] = {}

    def reading(index: int) -> Readings:
        if index >= len(matches):
            return None, None
        if index not in known:
            known[index] = _readings(matches[index].group(), table)
        return known[index]

    adjectives: list[_Word] = []
    for index, match in enumerate(matches):
        noun, agreeing = reading(index)
        if agreeing is not None and (noun is None or any(reading(index + 1))):
            adjectives.append(_Word(match, agreeing))
            continue
        if noun is not None and _agrees(adjectives, noun):
            return [*adjectives, _Word(match, noun)]
        break
    return adjectives


def _keep_spelling(written: str, declined: str, *, omit_yo: bool) -> str:
    """Carry the author's capital letter and habit with «ё» over to the declined word."""
    if omit_yo:
        declined = declined.replace("ё", "е")
    if written[:1].isupper():
        declined = declined[:1].upper() + declined[1:]
    return declined


def inflect_position(text: str, case: Case, *, plural: bool = False) -> str:
    """Put a position or body in ``case``, and in the plural for several people.

    «классный руководитель» → «классному руководителю»; with ``plural=True`` «заместитель
    директора школы» → «заместителям директора школы». A text with no nominative head (an
    abbreviation such as «ОО», «и.о. директора») comes back unchanged.
    """
    return _inflect_position(text, case, plural)


@lru_cache(maxsize=4096)
def _inflect_position(text: str, case: Case, plural: bool) -> str:
    # A document names the same few positions over and over: each is worked out once.
    return declined(text, case, plural)


def declined(text: str, case: Case, plural: bool, *, table: bool = True) -> str:
    """:func:`inflect_position` uncached; with ``table=False`` every word is read by the
    analyser, as the table is checked against."""
    words = _phrase_head(text, table)
    if not words or (case == "nominative" and not plural):
        return text
    head = words[-1].parse
    wanted = {_GRAMMEMES[case], "plur" if plural else "sing"}
    # Adjectives take the head's gender, and in the accusative its animacy: «назначить старшего
    # вожатого» (a person) but «возглавить методическое объединение» (a body). An adjective
    # standing as the head names a person.
    agreement = wanted | {head.animacy or "anim"}
    if not plural and head.gender:
        agreement.add(head.gender)
    # The dictionary spells with «ё»; an author who wrote «ученый» gets «ученому», not «учёному».
    omit_yo = any(word.match.group().lower() != word.parse.word for word in words)
    pieces: list[str] = []
    end = 0
    for word in words:
        grammemes = frozenset(agreement if word.parse.agreeing else wanted)
        formed = word.parse.inflect(grammemes) or word.match.group()
        pieces += [
            text[end : word.match.start()],
            _keep_spelling(word.match.group(), formed, omit_yo=omit_yo),
        ]
        end = word.match.end()
    return "".join(pieces) + text[end:]
