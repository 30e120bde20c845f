"""Abbreviations in running text: how one is spelt, and how a text introduces one.

«(далее – УОиМП)» introduces УОиМП where it stands; ``abbreviations:`` of a document introduces
its entries wherever the document prints its list of them. The rules (an abbreviation used but
never introduced) and the render (which entries the list «Принятые сокращения» must still
explain) read the same two patterns from here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

TOKEN = re.compile(r"(?<![\w-])[А-ЯЁ][А-ЯЁа-яё]*[А-ЯЁ](?!\w)")
"""A word with two capitals or more: «ШНОР», «УОиМП», and words set in capitals («ПРИКАЗ»)."""

INTRODUCED = re.compile(r"\(\s*далее\s*[-–—]?\s*([^()]+?)\s*\)", re.IGNORECASE)
"""«(далее – ШНРО, ШНСУ соответственно)»: what the group names is introduced."""


def introduced_in(texts: Iterable[str]) -> set[str]:
    """Every abbreviation the texts introduce themselves, with «(далее – …)»."""
    found: set[str] = set()
    for words in introductions(texts):
        found.update(TOKEN.findall(words))
    return found


def introductions(texts: Iterable[str]) -> list[str]:
    """What each «(далее – …)» of the texts names: «ШНРО, ШНСУ соответственно», «Проект»."""
    return [words for text in texts for words in INTRODUCED.findall(text)]


def introduces(introduced: Iterable[str], short: str) -> bool:
    """Whether one of ``introduced`` (see :func:`introductions`) names ``short`` as a word of
    its own: «(далее – Проект)» introduces «Проект», a short form no capitals mark."""
    word = re.compile(rf"(?<!\w){re.escape(short.strip())}(?!\w)")
    return bool(short.strip()) and any(word.search(words) for words in introduced)
