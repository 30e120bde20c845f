"""How much of a hand-typed Word document the import gives back, example by example.

Each example (``examples/*.yaml``) is typed the way a secretary types it in Word
(``tests/importing/typed.py``: plain «Normal» style, numbers typed — or, in the second style,
from Word's auto-numbering —, a row carried on over a page, the header row pasted once more),
imported with ``roadmapdocs.importing.import_file``, loaded, and compared with the facts of the
example (``tests/importing/expected.py``): every activity's number, text, deadline, responsible
and result, and an order's number, date, signer and clauses. Texts are compared with whitespace
folded. The script prints numbers and asserts nothing about them.

Run from the repository root::

    python benchmarks/import_accuracy.py            # every example, both styles
    python benchmarks/import_accuracy.py --seeds    # only the examples transcribed from a seed
    python benchmarks/import_accuracy.py --keep typed/   # keep the typed .docx files

Exit status: 0 when every example was imported, 1 when one failed to import or to load, 2
when this roadmapdocs has no import yet (``import_file`` is missing, or fails with ImportError).
"""

from __future__ import annotations

import argparse
import difflib
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the typist and the facts live with the tests
    sys.path.insert(0, str(ROOT))

import roadmapdocs  # noqa: E402
from tests.importing.expected import ActivityFacts, Facts, facts, fold  # noqa: E402
from tests.importing.typed import STYLES, type_document  # noqa: E402

EXAMPLES = ROOT / "examples"
SEEDED = {
    "school-roadmap": "000",
    "passport": "001",
    "municipal-roadmap": "002",
    "school-order": "003",
    "regional-project": "004",
}
"""The examples transcribed from a real document, with the seed each reproduces; the others
(«-clean») are those documents with their faults corrected."""

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


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "–"


def yes(value: bool | None) -> str:
    return "–" if value is None else ("ok" if value else "NO")


HEADER = (
    "example",
    "style",
    "activities",
    "numbers",
    "texts",
    "deadlines",
    "responsible",
    "results",
    "number",
    "date",
    "signer",
    "clauses",
    "import, s",
)


def row(outcome: Outcome) -> list[str]:
    order = outcome.order or {}
    clauses = outcome.clauses
    return [
        outcome.example,
        outcome.style,
        f"{outcome.expected}/{outcome.found}",
        *(percent(outcome.equal[name], outcome.expected) for name in FIELDS),
        *(yes(order.get(name)) for name in ("number", "date", "signer")),
        f"{clauses[0]}/{clauses[1]}" if clauses else "–",
        f"{outcome.seconds:.2f}",
    ]


def total(outcomes: Sequence[Outcome], style: str) -> list[str]:
    expected = sum(o.expected for o in outcomes)
    orders = [o.order for o in outcomes if o.order is not None]
    clauses = [o.clauses for o in outcomes if o.clauses is not None]
    return [
        "total",
        style,
        f"{expected}/{sum(o.found for o in outcomes)}",
        *(percent(sum(o.equal[name] for o in outcomes), expected) for name in FIELDS),
        *(
            f"{sum(order[name] for order in orders)}/{len(orders)}"
            for name in ("number", "date", "signer")
        ),
        f"{sum(c[0] for c in clauses)}/{sum(c[1] for c in clauses)}" if clauses else "–",
        f"{sum(o.seconds for o in outcomes):.2f}",
    ]


def table(rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for index, cells in enumerate(rows):
        lines.append(
            "  ".join(
                cell.ljust(width) if i < 2 else cell.rjust(width)
                for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
            )
        )
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--seeds",
        action="store_true",
        help="only the examples transcribed from a real document (not the «-clean» copies)",
    )
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep the typed .docx files here")
    args = parser.parse_args(argv)
    try:
        from roadmapdocs.importing import import_file
    except ImportError as error:
        print(f"no import to measure: roadmapdocs.importing.import_file is missing ({error})")
        return 2
    examples = sorted(EXAMPLES.glob("*.yaml"))
    if args.seeds:
        examples = [path for path in examples if path.stem in SEEDED]
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep if args.keep is not None else Path(scratch)
        try:
            outcomes = [
                measure(example, style, folder, import_file)
                for style in STYLES
                for example in examples
            ]
        except ImportError as error:
            print(
                f"no import to measure: roadmapdocs.importing.import_file fails to import ({error})"
            )
            return 2
    rows = [list(HEADER)]
    for style in STYLES:
        mine = [o for o in outcomes if o.style == style]
        for outcome in mine:
            cells = row(outcome)
            if args.seeds:
                cells[0] += f" ({SEEDED[outcome.example]})"
            rows.append(cells)
        rows.append(total(mine, style))
    print(table(rows))
    failed = [o for o in outcomes if o.error]
    for outcome in failed:
        print(f"{outcome.example} ({outcome.style}): {outcome.error}")
    if args.keep is not None:
        print(f"typed files kept in {args.keep}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
