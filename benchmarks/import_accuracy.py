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
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the typist and the facts live with the tests
    sys.path.insert(0, str(ROOT))

from tests.importing.accuracy import FIELDS, Outcome, measure  # noqa: E402
from tests.importing.typed import STYLES  # noqa: E402

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
