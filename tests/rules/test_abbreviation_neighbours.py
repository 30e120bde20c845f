"""Near spellings of abbreviations found through keys say the same as comparing every pair.

The reference is the comparison the rules made before: every pair of spellings, each pair put
to :func:`near` (an edit distance computed letter by letter). RD301 and RD302 must find exactly
what it found.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import roadmapdocs
from roadmapdocs.rules import Config
from roadmapdocs.rules.base import Context, Hit
from roadmapdocs.rules.builtin._abbreviations import Neighbours, known, near, usage
from roadmapdocs.rules.builtin.inconsistent_abbreviation import (
    inconsistent_abbreviation,
    spelt_two_ways,
    two_expansions,
)
from roadmapdocs.rules.builtin.undefined_abbreviation import undefined_abbreviation


def _rd302_by_pairs(context: Context) -> Iterator[Hit]:
    """RD302 as it was: every pair of spellings compared."""
    found = usage(context)
    ordinary = known(context)
    tokens = sorted(set(found.first) | found.introduced)
    for index, a in enumerate(tokens):
        for b in tokens[index + 1 :]:
            if not near(a, b) or (a in ordinary and b in ordinary):
                continue
            yield spelt_two_ways(a, b, found)
    yield from two_expansions(context)


def _rd301_undefined_by_pairs(context: Context) -> list[str]:
    """The tokens RD301 reported as it was: each compared with every introduced spelling."""
    found = usage(context)
    ordinary = known(context)
    return [
        token
        for token in found.first
        if token not in found.introduced
        and token not in ordinary
        and not any(near(token, other) for other in found.introduced)
    ]


# Few letters, so that random spellings are often near one another; «и» makes «УОиМП» forms.
_LETTERS = "ШНОРПМ"
spellings = st.text(alphabet=_LETTERS + "и", min_size=2, max_size=7)
tokens = st.text(alphabet=_LETTERS + "иa1", min_size=0, max_size=8)


@st.composite
def _edited(draw: st.DrawFn, token: str) -> str:
    """``token`` with a letter added, dropped, changed or moved, or two letters swapped."""
    letters = list(token)
    at = draw(st.integers(0, len(letters)))
    letter = draw(st.sampled_from(_LETTERS + "иa"))
    edit = draw(st.sampled_from(["add", "drop", "change", "swap"]))
    if edit == "add" or not letters:
        letters.insert(at, letter)
    elif edit == "drop":
        del letters[min(at, len(letters) - 1)]
    elif edit == "change":
        letters[min(at, len(letters) - 1)] = letter
    else:
        other = draw(st.integers(0, len(letters) - 1))
        first = min(at, len(letters) - 1)
        letters[first], letters[other] = letters[other], letters[first]
    return "".join(letters)


@st.composite
def _spelling_and_others(draw: st.DrawFn) -> tuple[str, set[str]]:
    token = draw(tokens)
    edits = st.lists(_edited(token), max_size=12)
    return token, draw(st.sets(tokens, max_size=15)) | set(draw(edits))


@settings(max_examples=500, deadline=None)
@given(_spelling_and_others())
def test_the_neighbours_of_a_spelling_are_those_one_edit_or_a_reordering_away(
    case: tuple[str, set[str]],
) -> None:
    token, known_spellings = case
    index = Neighbours(known_spellings)
    found = list(index.of(token))
    assert len(found) == len(set(found))
    assert set(found) == {other for other in known_spellings if near(token, other)}


def _document(used: list[str], introduced: list[tuple[str, int]], common: bool) -> Any:
    activities = [
        {"number": f"1.{i + 1}", "text": f"Семинар для {token} и {used[(i * 7) % len(used)]}"}
        for i, token in enumerate(used)
    ]
    if common:  # two common abbreviations, near each other: no finding on them alone
        activities.append({"number": "1.99", "text": "МБОУ и МАОУ, ФИОКО"})
    return roadmapdocs.load(
        {
            "kind": "roadmap",
            "level": "school",
            "title": "План",
            "abbreviations": [
                {"short": short, "full": f"Расшифровка {number}"} for short, number in introduced
            ],
            "plan": {"sections": [{"number": "1", "title": "Раздел", "activities": activities}]},
        }
    )


@settings(max_examples=150, deadline=None)
@given(
    used=st.lists(spellings.filter(lambda t: sum(c.isupper() for c in t) >= 2), min_size=1),
    introduced=st.lists(st.tuples(spellings, st.integers(0, 3)), max_size=8),
    common=st.booleans(),
    configured=st.sets(spellings, max_size=3),
    known_used=st.sets(st.integers(0, 20), max_size=2),
)
def test_the_abbreviation_rules_find_what_comparing_every_pair_found(
    used: list[str],
    introduced: list[tuple[str, int]],
    common: bool,
    configured: set[str],
    known_used: set[int],
) -> None:
    document = _document(used, introduced, common)
    # Some of the spellings used are ordinary words too: so that near pairs with one ordinary
    # spelling and with two are both made, and the rule must tell them apart.
    ordinary = configured | {used[i % len(used)] for i in known_used}
    config = Config(known_abbreviations=frozenset(ordinary))

    def context() -> Context:
        return Context(document=document, config=config)

    assert list(inconsistent_abbreviation(context())) == list(_rd302_by_pairs(context()))
    undefined = [hit.path for hit in undefined_abbreviation(context())]
    reference = usage(context())
    assert undefined == [reference.first[t] for t in _rd301_undefined_by_pairs(context())]


def test_a_near_pair_is_reported_unless_both_spellings_are_ordinary() -> None:
    document = _document(["ШНОР", "ШНРО"], [], False)

    def messages(ordinary: set[str]) -> list[str]:
        config = Config(known_abbreviations=frozenset(ordinary))
        return [hit.message.ru for hit in inconsistent_abbreviation(Context(document, config))]

    said = "«ШНРО» и «ШНОР» — похоже, одно сокращение написано по-разному"
    assert messages(set()) == [said]
    assert messages({"ШНОР"}) == [said]  # one ordinary spelling: the other may be its typo
    assert messages({"ШНРО"}) == [said]
    assert messages({"ШНОР", "ШНРО"}) == []  # two words of their own
