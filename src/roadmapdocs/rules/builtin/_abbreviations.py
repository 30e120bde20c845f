"""Abbreviations as the two abbreviation rules see them: what is used, what is introduced."""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from roadmapdocs.lang.abbreviations import TOKEN, introduced_in
from roadmapdocs.lang.lexicon import is_known_word
from roadmapdocs.rules.base import Context
from roadmapdocs.rules.builtin._shared import document_prose
from roadmapdocs.sourcemap import PathKey

# Abbreviations every reader of a Russian school document knows; the configuration adds more.
COMMON = frozenset(
    (
        *("РФ", "ФЗ", "МО", "ОМСУ", "ФИО", "ИРО"),
        *("МБОУ", "МАОУ", "МКОУ", "МОУ", "ГБОУ", "ГОУ", "СОШ", "СШ", "ООШ", "НОШ", "ДОУ"),
        *("ЕГЭ", "ОГЭ", "ГВЭ", "ГИА", "ВПР", "НИКО", "ФИОКО", "ВСОКО"),
        *("ФГОС", "ФОП", "ООП", "НОО", "ООО", "СОО", "УВР", "ВР", "ИКТ", "ОВЗ", "ЦОС", "ЭОР"),
        *("ШМО", "РМО"),
        # Educational organisation and institution, in every seed; the courses, route, commission
        # and control every school plan names; the deputies' areas beside УВР and ВР.
        *("ОО", "ОУ", "ДПО", "КПК", "ИОМ", "ПМПК", "ВШК", "АХЧ"),
    )
)

# A registration number in running text, after «№» or the «N» legal databases print instead:
# «приказом от 01.02.2024 № 1560/ПК», «№ 226/1-г», «N 273-ФЗ», «№№ 12/ПК, 13/ПК». Its letters
# belong to the number, as an office registers it, and are no abbreviation to explain. A number
# holds a digit; the words after it are text again.
_NUMBER = r"[^\s,;()«»\"“”„]*\d[^\s,;()«»\"“”„]*"
_REGISTRATION_NUMBER = re.compile(
    rf"(?:№+|(?<!\w)N(?=\s*\d))\s*{_NUMBER}(?:\s*(?:,|\bи\b)\s*{_NUMBER})*"
)


@functools.lru_cache(maxsize=4096)
def is_abbreviation(token: str) -> bool:
    """«УОиМП», «ШНОР» are; «ПРИКАЗ», «СМОЛЕНСКА» (a word set in capitals) are not."""
    if sum(1 for c in token if c.isupper()) < 2:
        return False
    if not token.isupper():
        return True
    return not is_known_word(token.lower())


def without_numbers(text: str) -> str:
    """``text`` without the registration numbers it cites after «№»: the letters of «№ 1560/ПК»
    are not read as words."""
    return _REGISTRATION_NUMBER.sub(" ", text) if "№" in text or "N" in text else text


@dataclass
class Usage:
    """Every abbreviation of a document: where each is first used, how often, what is introduced."""

    first: dict[str, PathKey] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)
    introduced: set[str] = field(default_factory=set)


def usage(context: Context) -> Usage:
    """The abbreviations of the document in ``context``, computed once per validation."""
    found: Usage = context.shared("abbreviations", lambda: _collect(context))
    return found


def _collect(context: Context) -> Usage:
    found = Usage()
    document = context.document
    for entry in document.abbreviations:
        # «ГАУ ДПО СОИРО» introduces each of its parts, and itself as a whole.
        found.introduced.update({entry.short.strip(), *TOKEN.findall(entry.short)})
    organisation = document.organisation
    if organisation is not None and organisation.full_name and organisation.short_name:
        # «МБОУ «СШ № 5»» stands beside the full name it shortens: that is its introduction.
        found.introduced.update(TOKEN.findall(organisation.short_name))
    for path, value in document_prose(context):
        found.introduced.update(introduced_in((value,)))
        if path and path[0] == "abbreviations":
            continue
        for token in TOKEN.findall(without_numbers(value)):
            if is_abbreviation(token):
                found.counts[token] += 1
                found.first.setdefault(token, path)
    return found


def known(context: Context) -> frozenset[str]:
    """Abbreviations no one needs explained: the common list and the configured ones."""
    configured = context.config.known_abbreviations
    return COMMON | configured | {t for entry in configured for t in TOKEN.findall(entry)}


def near(a: str, b: str) -> bool:
    """Two spellings of one abbreviation: the same letters reordered (ШНОР/ШНРО) or one letter
    added, dropped or changed (ОЦПРМСО/ОЦПМСО). Short forms differ by design (ОГЭ/ЕГЭ)."""
    if a == b or min(len(a), len(b)) < 4:
        return False
    if sorted(a) == sorted(b):
        return True
    return _distance(a, b) == 1


def _distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


class Neighbours:
    """The spellings of a set that are :func:`near` a given one, found without comparing it
    with every other: near spellings share a key. Reordered letters share their letters sorted;
    one letter changed, the text without it at the same place; one letter added or dropped, the
    shorter spelling, which is the longer one without a letter. A lookup costs a few keys per
    letter, and the pairs found, not the size of the set."""

    def __init__(self, tokens: Iterable[str]) -> None:
        self.tokens = frozenset(t for t in tokens if len(t) >= 4)
        self._letters: defaultdict[str, list[str]] = defaultdict(list)
        self._changed: defaultdict[tuple[int, str], list[str]] = defaultdict(list)
        self._longer: defaultdict[str, set[str]] = defaultdict(set)
        for token in self.tokens:
            self._letters["".join(sorted(token))].append(token)
            for index in range(len(token)):
                shorter = token[:index] + token[index + 1 :]
                self._changed[(index, shorter)].append(token)
                self._longer[shorter].add(token)

    def of(self, token: str) -> Iterator[str]:
        """The spellings near ``token``, each once."""
        if len(token) < 4:
            return
        seen = {token}
        candidates: list[Iterable[str]] = [self._letters.get("".join(sorted(token)), ())]
        for index in range(len(token)):
            shorter = token[:index] + token[index + 1 :]
            candidates.append(self._changed.get((index, shorter), ()))
            if shorter in self.tokens:
                candidates.append((shorter,))
        candidates.append(self._longer.get(token, ()))
        for group in candidates:
            for other in group:
                if other not in seen:
                    seen.add(other)
                    yield other


def neighbours(context: Context) -> Neighbours:
    """The near spellings among the abbreviations used and introduced, indexed once per
    validation."""
    found = usage(context)
    index: Neighbours = context.shared(
        "abbreviation-neighbours", lambda: Neighbours(set(found.first) | found.introduced)
    )
    return index


def canonical(a: str, b: str, found: Usage) -> tuple[str, str]:
    """(the form to keep, the variant): the introduced one, else the more used, else the first."""

    def weight(token: str) -> tuple[bool, int]:
        return (token in found.introduced, found.counts[token])

    return (a, b) if weight(a) >= weight(b) else (b, a)
