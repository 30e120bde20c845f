"""How much of a typed document an import gives back: activities paired by their texts, each
field compared; the order's requisites and clauses. The acceptance tests and
``benchmarks/import_accuracy.py`` count the same way."""

from __future__ import annotations

import difflib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import roadmapdocs
from tests.importing.expected import ActivityFacts, Facts, facts, fold
from tests.importing.typed import type_document

FIELDS = ("number", "text", "deadline", "responsible", "result")


@dataclass
class Outcome:
    """One example in one style: the counts the table prints."""

    example: str
    style: str
    expected: int = 0
    found: int = 0
    equal: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    order: dict[str, bool] | None = None
    clauses: tuple[int, int] | None = None
    """Clauses equal, clauses expected."""
    seconds: float = 0.0
    error: str | None = None


def pair(
    expected: Sequence[ActivityFacts], found: Sequence[ActivityFacts]
) -> list[tuple[int, int]]:
    """Which found activity answers which expected one: aligned by their texts in order, so a
    row lost or split in two costs that row and not every row after it; rows in a block that
    differs are paired in order."""
    matcher = difflib.SequenceMatcher(
        None, [a.text for a in expected], [a.text for a in found], autojunk=False
    )
    pairs = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("equal", "replace"):
            pairs.extend(zip(range(i1, i2), range(j1, j2), strict=False))
    return pairs


def compare(outcome: Outcome, expected: Facts, found: Facts) -> None:
    want = [a.folded() for a in expected.activities]
    got = [a.folded() for a in found.activities]
    outcome.expected, outcome.found = len(want), len(got)
    for i, j in pair(want, got):
        for name in FIELDS:
            outcome.equal[name] += getattr(want[i], name) == getattr(got[j], name)
    if expected.order is not None:
        order = found.order
        outcome.order = {
            "number": order is not None and fold(order.number) == fold(expected.order.number),
            "date": order is not None and order.date == expected.order.date,
            "signer": order is not None
            and fold(order.signer_position) == fold(expected.order.signer_position)
            and fold(order.signer_surname) == fold(expected.order.signer_surname),
        }
        clauses = order.clauses if order is not None else ()
        same = sum(
            fold(a) == fold(b) for a, b in zip(expected.order.clauses, clauses, strict=False)
        )
        outcome.clauses = (same, len(expected.order.clauses))


def measure(example: Path, style: str, folder: Path, import_file: Callable[[Path], Any]) -> Outcome:
    outcome = Outcome(example.stem, style)
    document = roadmapdocs.load(example)
    typed = type_document(document, folder / style / f"{example.stem}.docx", style=style)
    start = time.perf_counter()
    try:
        imported = import_file(typed)
    except ImportError:
        raise  # the import is not all there yet: nothing to measure
    except Exception as error:  # a failure is a result: the row says which
        outcome.seconds = time.perf_counter() - start
        outcome.error = f"import failed: {type(error).__name__}: {error}"
        compare(outcome, facts(document), Facts(document.kind, ()))
        return outcome
    outcome.seconds = time.perf_counter() - start
    try:
        loaded = roadmapdocs.load(imported.data)
    except Exception as error:
        outcome.error = f"does not load: {type(error).__name__}: {error}"
        compare(outcome, facts(document), Facts(document.kind, ()))
        return outcome
    compare(outcome, facts(document), facts(loaded, shown_only=False))
    return outcome
