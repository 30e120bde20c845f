"""How fast roadmapdocs renders the school order, as ratios against bare docxtpl.

Builds its own inputs from the school order example. Prints a table, or with ``--json`` one JSON
object. Run from the repository root: ``python benchmarks/bench_render.py [--docs 1000] [--json]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate

import roadmapdocs
from roadmapdocs.batch import render_many
from roadmapdocs.rendering.context import build_context
from roadmapdocs.rendering.filters import FILTERS
from roadmapdocs.templates import Registry

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "examples" / "school-order.yaml"


def order_data(activities: int) -> dict[str, Any]:
    """The example order with an appendix of ``activities`` activities in sections of ten."""
    data = roadmapdocs.to_data(roadmapdocs.load(BASE))
    sections = []
    for s in range(max(1, activities // 10)):
        items = [
            {
                "number": f"{s + 1}.{i + 1}",
                "text": f"Мероприятие {s + 1}.{i + 1}: методический семинар для учителей",
                "deadline": "ноябрь 2024",
                "responsible": ["заместитель директора"],
                "result": "Протокол, аналитическая справка",
            }
            for i in range(min(10, activities - s * 10))
        ]
        sections.append({"number": str(s + 1), "text": f"Направление {s + 1}", "activities": items})
    data["appendices"][0]["plan"]["activities"] = sections
    return data


def best(run: Callable[[], object], repeat: int) -> float:
    """The best of ``repeat`` timings in seconds: the least disturbed by the machine."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def bare_docxtpl(template: Path, context: dict[str, Any], out: Path) -> None:
    """What a project without roadmapdocs would do: docxtpl on a plain dict, then save."""
    env = jinja2.Environment(autoescape=True)
    env.filters.update(FILTERS)
    tpl = DocxTemplate(str(template))
    tpl.render(context, env, autoescape=True)
    tpl.save(str(out))


def single(work: Path, sizes: list[int]) -> dict[str, dict[str, float]]:
    template = Registry().get("school/order")
    rows: dict[str, dict[str, float]] = {}
    for size in sizes:
        document = roadmapdocs.load(order_data(size))
        context = build_context(document, template.settings())
        repeat = 5 if size < 1000 else 2
        ours = best(lambda d=document: roadmapdocs.render(d, work / "ours.docx"), repeat)
        bare = best(lambda c=context: bare_docxtpl(template.docx, c, work / "bare.docx"), repeat)
        rows[f"one order, {size} activities"] = {"roadmapdocs_s": ours, "docxtpl_s": bare}
    return rows


def batch(work: Path, docs: int, activities: int) -> dict[str, float]:
    documents = roadmapdocs.load(order_data(activities))
    items = [(documents, f"{i:05d}.docx") for i in range(docs)]
    result: dict[str, float] = {}
    for jobs in (1, 2):
        out = work / f"j{jobs}"
        out.mkdir()
        with ProcessPoolExecutor(jobs) as pool:
            list(render_many(items[:jobs], out, executor=pool))  # start the workers
            for stale in out.iterdir():
                stale.unlink()
            start = time.perf_counter()
            failed = [r for r in render_many(items, out, executor=pool) if r.error]
            result[f"j{jobs}_docs_per_s"] = docs / (time.perf_counter() - start)
        assert not failed, failed[0].error
    return result


def load_validate(work: Path, activities: int) -> float:
    path = work / "big.yaml"
    path.write_text(roadmapdocs.dumps(roadmapdocs.load(order_data(activities))), encoding="utf-8")
    times = []
    for _ in range(3):
        start = time.perf_counter()
        roadmapdocs.validate(roadmapdocs.load(path))
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000, help="orders in the -j1/-j2 batch")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        singles = single(work, [50, 300, 2000])
        template = Registry().get("school/order")
        context = build_context(roadmapdocs.load(order_data(30)), template.settings())
        one_shot = best(lambda: bare_docxtpl(template.docx, context, work / "b.docx"), 5)
        throughput = batch(work, args.docs, 30)
        loading_ms = load_validate(work, 2000)
    in_batch = 1 / throughput["j1_docs_per_s"]
    report = {
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "single": {
            k: {**v, "ratio": v["roadmapdocs_s"] / v["docxtpl_s"]} for k, v in singles.items()
        },
        "batch_per_doc_vs_docxtpl_one_shot": {
            "batch_s": in_batch,
            "docxtpl_s": one_shot,
            "ratio": in_batch / one_shot,
        },
        "throughput": {
            **throughput,
            "docs": args.docs,
            "speedup": throughput["j2_docs_per_s"] / throughput["j1_docs_per_s"],
        },
        "load_validate_2000_ms": loading_ms,
    }
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
        return
    print(f"machine: {report['machine']}")
    print(f"{'measure':44} {'roadmapdocs':>12} {'docxtpl':>10} {'ratio':>7}  target")
    for name, row in report["single"].items():
        print(
            f"{name:44} {row['roadmapdocs_s']:11.3f}s {row['docxtpl_s']:9.3f}s {row['ratio']:6.2f}×  ≤ 1.2×"
        )
    b = report["batch_per_doc_vs_docxtpl_one_shot"]
    print(
        f"{'per document in a batch, 30 activities':44} {b['batch_s']:11.3f}s {b['docxtpl_s']:9.3f}s {b['ratio']:6.2f}×  ≤ 0.8×"
    )
    t = report["throughput"]
    print(
        f"{args.docs} orders: -j1 {t['j1_docs_per_s']:.1f}/s, -j2 {t['j2_docs_per_s']:.1f}/s, speed-up {t['speedup']:.2f}×  (≥ 1.7×)"
    )
    print(f"load + validate, 2000 activities: {loading_ms:.0f} ms")


if __name__ == "__main__":
    main()
