"""The table of position words declines exactly as pymorphy3's analyser does, and spares the
analyser's dictionary: every position the examples and the tests name, phrases made of the
table's words, and each word of the table in every form it may be asked for."""

from __future__ import annotations

import re
import subprocess
import sys
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roadmapdocs.lang import positions
from roadmapdocs.lang.positions import KEYS, analysed, declined, inflect_position

from ..conftest import EXAMPLES, ROOT
from .names_heldout import POSITIONS
from .test_positions import CASES as POSITION_CASES

_CASES = list(positions._GRAMMEMES)
_POSITION = re.compile(r"""["']?\bposition["']?\s*[:=]\s*["']?([А-ЯЁа-яё][^"'\n,}\]#]*)""")


def _written_positions() -> list[str]:
    """Every position the examples and the tests write: «position: …» in YAML and in Python,
    and the lists the declension is checked on."""
    found = {text for text, *_ in POSITIONS} | {text for text, *_ in POSITION_CASES}
    files = [*EXAMPLES.rglob("*.yaml"), *(ROOT / "tests").rglob("*.py")]
    for path in files:
        found.update(m.group(1).strip() for m in _POSITION.finditer(path.read_text("utf-8")))
    return sorted(found)


WRITTEN = _written_positions()
WORDS = sorted(positions._table())
# Position words the table does not hold: they go to the analyser, with the same answer.
ABSENT = ["звонарь", "агроном", "лесничий", "дежурная", "экскурсовод", "вице-президент"]


def test_the_table_is_used_with_the_installed_dictionary() -> None:
    assert len(WORDS) > 400
    assert not set(ABSENT) & set(WORDS)


def test_examples_and_tests_name_positions_the_comparison_covers() -> None:
    assert len(WRITTEN) > 40
    assert {"Директор школы", "заместитель директора школы", "педагог-психолог"} <= set(WRITTEN)


@pytest.mark.parametrize("text", WRITTEN)
def test_every_written_position_declines_as_the_analyser_does(text: str) -> None:
    for case, plural in product(_CASES, (False, True)):
        expected = declined(text, case, plural, table=False)  # type: ignore[arg-type]
        assert inflect_position(text, case, plural=plural) == expected, (case, plural)  # type: ignore[arg-type]


def test_each_word_of_the_table_has_the_analysers_readings_and_forms() -> None:
    for word in WORDS:
        tabled, parsed = positions._readings(word, table=True), analysed(word)
        for mine, theirs in zip(tabled, parsed, strict=True):
            assert (mine is None) == (theirs is None), word
            if mine is None or theirs is None:
                continue
            fields = ("pos", "number", "gender", "animacy", "word")
            assert [getattr(mine, f) for f in fields] == [getattr(theirs, f) for f in fields]
            for key in KEYS[mine.agreeing]:
                assert mine.inflect(key) == theirs.inflect(key), (word, sorted(key))


_PHRASE_WORDS = st.sampled_from([*WORDS, *ABSENT])
_TAILS = st.sampled_from(["", " по УВР", " школы", " и", " МБОУ СОШ № 5", " (по совместительству)"])


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(_PHRASE_WORDS, min_size=1, max_size=4),
    tail=_TAILS,
    capital=st.booleans(),
    case=st.sampled_from(_CASES),
    plural=st.booleans(),
)
def test_phrases_of_position_words_decline_as_the_analyser_does(
    words: list[str], tail: str, capital: bool, case: str, plural: bool
) -> None:
    text = " ".join(words) + tail
    if capital:
        text = text[:1].upper() + text[1:]
    expected = declined(text, case, plural, table=False)  # type: ignore[arg-type]
    assert declined(text, case, plural) == expected  # type: ignore[arg-type]


def test_a_table_made_with_another_dictionary_is_set_aside(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(positions, "made_with", lambda: {"pymorphy3": "0", "dictionary": "0"})
    positions._table.cache_clear()
    try:
        assert positions._table() == {}
        assert declined("старший вожатый", "dative", False) == "старшему вожатому"
    finally:
        positions._table.cache_clear()


def _modules_after(code: str) -> set[str]:
    probe = f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(done.stdout.split())


def test_the_written_positions_decline_without_the_analyser() -> None:
    code = (
        "from roadmapdocs.lang.positions import inflect_position\n"
        f"for text in {WRITTEN!r}:\n"
        "    for case in ('genitive', 'dative', 'accusative', 'instrumental', 'prepositional'):\n"
        "        inflect_position(text, case, plural=True)\n"
        "        inflect_position(text, case)\n"
    )
    assert "pymorphy3" not in _modules_after(code)


def test_a_word_the_table_lacks_is_declined_by_the_analyser() -> None:
    code = (
        "from roadmapdocs.lang.positions import inflect_position\n"
        "assert inflect_position('звонарь', 'dative') == 'звонарю'\n"
    )
    assert "pymorphy3" in _modules_after(code)
