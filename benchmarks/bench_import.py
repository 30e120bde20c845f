"""Time to import a roadmap of N activities from Word: rendered by the built-in template, then
read back, in this process (warm: the modules are imported and the file cached by the system).

    python benchmarks/bench_import.py [--activities 300] [--runs 7]

Prints the median and the range of the runs, and the import's share of reading and recognising.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import roadmapdocs
from roadmapdocs.importing import import_file, read


def _roadmap(activities: int) -> roadmapdocs.Document:
    per_section = 10
    sections = []
    for number in range(1, activities // per_section + 1):
        sections.append(
            {
                "number": str(number),
                "title": f"Направление {number}",
                "activities": [
                    {
                        "number": f"{number}.{index}",
                        "text": "Проведение методического семинара для учителей школы по итогам "
                        f"диагностики, этап {index}",
                        "deadline": "сентябрь 2024",
                        "responsible": ["Заместитель директора по УВР", "Руководители ШМО"],
                        "result": "Протокол семинара, план коррекции",
                    }
                    for index in range(1, per_section + 1)
                ],
            }
        )
    return roadmapdocs.load(
        {
            "kind": "roadmap",
            "level": "school",
            "title": "Дорожная карта",
            "plan": {"sections": sections},
        }
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--activities", type=int, default=300)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        source = roadmapdocs.render(_roadmap(args.activities), Path(folder) / "roadmap.docx")
        import_file(source)  # warm: modules, dictionaries
        whole, reading = [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            read(source)
            middle = time.perf_counter()
            import_file(source)
            end = time.perf_counter()
            reading.append(middle - start)
            whole.append(end - middle)
    for label, values in (("import (read + recognise)", whole), ("read alone", reading)):
        print(
            f"{label:28} {statistics.median(values):.3f} s "
            f"({min(values):.3f}–{max(values):.3f}), {args.runs} runs, {args.activities} activities"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
