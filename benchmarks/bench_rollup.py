"""Time to sum up N school roadmaps of M activities each: ``roadmapdocs report FOLDER --as-of
… -o SVOD.xlsx`` (and .docx), each run a cold process, as a methodologist runs it.

    python benchmarks/bench_rollup.py [--schools 1000] [--activities 50] [--runs 3] [--jobs 2]

The roadmaps are written once as YAML into a scratch folder, with statuses spread over every
state. Runs of the .xlsx and the .docx summary are interleaved; the script prints the median
and the range of each, and the documents per second.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import roadmapdocs
from roadmapdocs.lang.status import Status
from roadmapdocs.loader import dumps

AS_OF = "01.10.2024"
_TERMS = ("февраль 2024", "март 2024", "май 2024", "сентябрь 2024", "декабрь 2024", "2024")


def _school(index: int, activities: int, rng: random.Random) -> str:
    per_section = 10
    sections = []
    for number in range(1, activities // per_section + 1):
        rows = []
        for item in range(1, per_section + 1):
            row: dict[str, object] = {
                "number": f"{number}.{item}",
                "text": f"Проведение методического семинара по итогам диагностики, этап {item}",
                "deadline": rng.choice(_TERMS),
                "responsible": ["Заместитель директора по УВР"],
                "result": "Протокол семинара",
            }
            status = rng.choice([None, *Status])
            if status is not None:
                row["status"] = status.value
            if status is Status.DONE:
                row["done"] = "15.03.2024"
                row["report"] = "Протокол педагогического совета"
            rows.append(row)
        sections.append(
            {"number": str(number), "title": f"Направление {number}", "activities": rows}
        )
    document = roadmapdocs.load(
        {
            "kind": "roadmap",
            "level": "school",
            "title": f"Дорожная карта школы № {index}",
            "organisation": {"short_name": f"МБОУ СОШ № {index}"},
            "period": "2024",
            "plan": {"sections": sections},
        }
    )
    return dumps(document)


def _run(folder: Path, output: Path, jobs: int) -> float:
    command = [
        sys.executable, "-m", "roadmapdocs", "report", str(folder),
        "--as-of", AS_OF, "-o", str(output), "-j", str(jobs),
    ]  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"roadmapdocs report failed:\n{done.stderr}")
    return took


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--schools", type=int, default=1000)
    parser.add_argument("--activities", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "schools"
        folder.mkdir()
        for index in range(1, args.schools + 1):
            text = _school(index, args.activities, rng)
            (folder / f"school-{index:04d}.yaml").write_text(text, encoding="utf-8")
        times: dict[str, list[float]] = {".xlsx": [], ".docx": []}
        for _ in range(args.runs):
            for suffix, runs in times.items():
                runs.append(_run(folder, Path(scratch) / f"svod{suffix}", args.jobs))
        cores = os.cpu_count()
        print(
            f"{args.schools} school roadmaps x {args.activities} activities, -j{args.jobs}, "
            f"{cores} cores, cold process per run, {args.runs} interleaved runs"
        )
        for suffix, runs in times.items():
            median = statistics.median(runs)
            print(
                f"  report -o svod{suffix}: median {median:.2f} s "
                f"(min {min(runs):.2f}, max {max(runs):.2f}); {args.schools / median:.0f} documents/s"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
