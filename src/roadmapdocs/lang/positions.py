"""Declension of positions and bodies: «заместитель директора» → «заместителю директора».

A position is a noun phrase whose head noun and the adjectives agreeing with it change case,
while everything after the head — the genitive tail («директора школы»), prepositional parts
(«по УВР»), abbreviations — stays as written. The morphology comes from pymorphy3 and its
OpenCorpora dictionary, which also declines hyphenated nouns in both halves («педагог-психолог»).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import pymorphy3

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


@cache
def _analyzer() -> Any:
    # Loading the dictionary takes about a second and tens of megabytes: do it once, on first use.
    return pymorphy3.MorphAnalyzer(lang="ru")


@dataclass(frozen=True)
class _Word:
    match: re.Match[str]
    parse: Any


def _readings(word: str) -> tuple[Any | None, Any | None]:
    """The best nominative noun reading of ``word`` and its best agreeing (adjective) reading."""
    noun = agreeing = None
    if sum(ch.isupper() for ch in word) > 1 or word.lower() in _CONTRACTIONS:
        return noun, agreeing
    for parse in _analyzer().parse(word.lower()):
        if "nomn" not in parse.tag:
            continue
        if parse.tag.POS == "NOUN" and noun is None:
            noun = parse
        elif parse.tag.POS in _AGREEING and agreeing is None:
            agreeing = parse
    return noun, agreeing


def _agrees(adjectives: list[_Word], noun: Any) -> bool:
    number, gender = noun.tag.number, noun.tag.gender
    for adjective in adjectives:
        tag = adjective.parse.tag
        if tag.number != number or (number == "sing" and gender and tag.gender != gender):
            return False
    return True


def _phrase_head(text: str) -> list[_Word]:
    """The words that change with the case: agreeing adjectives and the head they lead to.

    A word that reads both ways («старший», «учёный») is an adjective when another nominative
    word follows it («старший вожатый», «учёный секретарь»). An adjective that no noun follows
    in agreement is itself the head: «ответственный за питание», «исполняющий обязанности
    директора».
    """
    matches = list(_WORD.finditer(text))
    readings = [_readings(m.group()) for m in matches]
    adjectives: list[_Word] = []
    for index, (match, (noun, agreeing)) in enumerate(zip(matches, readings, strict=True)):
        followed = index + 1 < len(readings) and any(readings[index + 1])
        if agreeing is not None and (followed or noun is None):
            adjectives.append(_Word(match, agreeing))
            continue
        if noun is not None and _agrees(adjectives, noun):
            return [*adjectives, _Word(match, noun)]
        break
    return adjectives


def _inflect(parse: Any, grammemes: set[str]) -> str | None:
    inflected = parse.inflect(grammemes) or parse.inflect(grammemes - {"anim", "inan"})
    if inflected is None:
        return None
    if parse.tag.POS == "NOUN" and {"plur", "nomn"} <= grammemes:
        # The dictionary lists the bookish «учители» before «учителя»; offices write «учителя»,
        # «директора», «инспектора», so a plural in -а/-я wins where the noun has both.
        plurals = [f.word for f in parse.lexeme if {"plur", "nomn"} in f.tag]
        return str(max(plurals, key=lambda word: word.endswith(("а", "я"))))
    return str(inflected.word)


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
    words = _phrase_head(text)
    if not words or (case == "nominative" and not plural):
        return text
    head = words[-1].parse.tag
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
        agreeing = word.parse.tag.POS in _AGREEING
        declined = _inflect(word.parse, agreement if agreeing else wanted) or word.match.group()
        pieces += [
            text[end : word.match.start()],
            _keep_spelling(word.match.group(), declined, omit_yo=omit_yo),
        ]
        end = word.match.end()
    return "".join(pieces) + text[end:]
