"""How signable the printed tables are: every example rendered to PDF and checked for words
broken without a hyphen, part-empty pages inside a table, section rows stranded at a page's
foot and text lost in print (see tests/printcheck.py).

With ``--generated`` each example is also rendered with long words in its activities, with
tall rows and with many sections. Run from the repository root:
``python benchmarks/print_report.py [--generated] [--worst 5] [--keep FOLDER]``.
"""

from __future__ import annotations

import argparse
import copy
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import roadmapdocs
from roadmapdocs.loader import Document
from roadmapdocs.model import walk
from roadmapdocs.rendering.pdf import convert_to_pdf

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.printcheck import PrintReport, check  # noqa: E402

LONG_WORDS = "высокопрофессиональный внутриучрежденческий правоприменительный"
TALL = "Мероприятие проводится с участием всех педагогов и руководителей школы, по итогам готовится аналитическая справка. "


def long_words(document: Document) -> None:
    for _, activity, _ in walk.activities(document):
        activity.text = f"{activity.text} {LONG_WORDS}"


def tall_rows(document: Document) -> None:
    for _, activity, _ in walk.activities(document):
        activity.text = f"{activity.text} {TALL * 6}"


def many_sections(document: Document) -> None:
    """Three times the sections; a plan without sections (the order's appendix) groups its
    activities under top-level ones, which are tripled instead."""
    for _, plan in walk.plans(document):
        if plan.sections:
            sections = [copy.deepcopy(section) for _ in range(3) for section in plan.sections]
            for number, section in enumerate(sections, start=1):
                section.number = str(number)
            plan.sections = sections
        else:
            groups = [copy.deepcopy(group) for _ in range(3) for group in plan.activities]
            for number, group in enumerate(groups, start=1):
                group.number = str(number)
            plan.activities = groups


VARIANTS: dict[str, Callable[[Document], None]] = {
    "long-words": long_words,
    "tall-rows": tall_rows,
    "many-sections": many_sections,
}


def documents(generated: bool) -> dict[str, Document]:
    """The examples by name, and with ``generated`` their variants."""
    found: dict[str, Document] = {}
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        found[path.stem] = roadmapdocs.load(path)
        if generated:
            for variant, change in VARIANTS.items():
                document = roadmapdocs.load(path)
                change(document)
                found[f"{path.stem} {variant}"] = document
    return found


def run(folder: Path, generated: bool) -> dict[str, PrintReport]:
    """Render every document to .docx in ``folder``, convert them in one LibreOffice run and
    check each PDF."""
    docs = documents(generated)
    sources = [
        roadmapdocs.render(document, folder / f"{name.replace(' ', '_')}.docx")
        for name, document in docs.items()
    ]
    pdfs = convert_to_pdf(sources)
    return {
        name: check(pdf, source, document)
        for (name, document), source, pdf in zip(docs.items(), sources, pdfs, strict=True)
    }


def table(reports: dict[str, PrintReport]) -> str:
    """One row per document; «distinct» counts each broken word once however many pages show
    it (a table header repeated on every page)."""
    head = (
        "document",
        "pages",
        "landscape",
        "broken",
        "distinct",
        "part-empty",
        "stranded",
        "missing",
    )
    rows = [head]
    for name, r in reports.items():
        distinct = {"".join(b.pieces).lower() for b in r.broken_words}
        counts = (
            r.pages,
            r.landscape_pages,
            len(r.broken_words),
            len(distinct),
            len(r.part_empty_pages),
            len(r.stranded_sections),
            len(r.missing_texts),
        )
        rows.append((name, *map(str, counts)))
    totals = [sum(int(row[i]) for row in rows[1:]) for i in range(1, len(head))]
    rows.append(("total", *map(str, totals)))
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    return "\n".join(
        "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    )


def worst(reports: dict[str, PrintReport], count: int) -> str:
    """Each document's instances, the emptiest pages first, so a person can look."""
    lines: list[str] = []
    for name, r in reports.items():
        if not r.defects:
            continue
        lines.append(f"{name}:")
        for page in sorted(r.part_empty_pages, key=lambda p: p.fill)[:count]:
            lines.append(f"  p.{page.page} part-empty, ends at {page.fill:.0%}: …{page.last_words}")
        for section in r.stranded_sections[:count]:
            lines.append(f"  p.{section.page} section row last on the page: {section.title[:70]}")
        for broken in r.broken_words[:count]:
            lines.append(f"  p.{broken.page} broken: {'|'.join(broken.pieces)}")
        if len(r.broken_words) > count:
            lines.append(f"  … {len(r.broken_words) - count} more broken words")
        for missing in r.missing_texts[:count]:
            lines.append(f"  missing {', '.join(missing.words)} of «{missing.text[:60]}»")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--generated", action="store_true", help="also the generated variants")
    parser.add_argument("--worst", type=int, default=5, help="instances listed per defect")
    parser.add_argument("--keep", type=Path, help="folder to keep the .docx and PDF files in")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="print-report-") as work:
        folder = args.keep or Path(work)
        folder.mkdir(parents=True, exist_ok=True)
        reports = run(folder, args.generated)
    print(table(reports))
    print()
    print(worst(reports, args.worst))


if __name__ == "__main__":
    main()
