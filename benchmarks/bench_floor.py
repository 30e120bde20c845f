"""How close roadmapdocs comes to the floor: cold processes, warm renders, growth, memory, PDF.

Every comparison is made in one run of this script, the compared commands interleaved run by
run so that a busy moment of a shared machine hits both alike; each figure is the median with
the range (min–max) over the runs, and says whether it is a cold process (a new Python that
imports, reads and writes everything) or warm (a process that has rendered before).

roadmapdocs' modules are compiled to bytecode first, as installing its wheel does: a cold
process is a user's, not a checkout's that compiles its sources anew in every process.

The baseline is bare docxtpl: a script that takes the same texts, already made, and renders
them into a plain table (a template of one paragraph per clause and one table row per activity)
with docxtpl's defaults. It does what a project without roadmapdocs would do, no less.

    python benchmarks/bench_floor.py [--runs 5] [--quick] [--json]

``--quick`` measures fewer sizes and runs (to try the script, not to quote).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_render import compile_bytecode, machine, order_data, peak_memory

import roadmapdocs
from roadmapdocs.batch import render_many

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "school-order.yaml"

# Sizes past the default limits of a document need the limits raised for the growth table.
BIG_LIMITS = {
    "ROADMAPDOCS_LIMIT_YAML_NODES": "100000000",
    "ROADMAPDOCS_LIMIT_DOCUMENT_CHARS": "1000000000",
    "ROADMAPDOCS_LIMIT_RENDER_SECONDS": "3600",
    "ROADMAPDOCS_LIMIT_OUTPUT_CHARS": "1000000000",
    "ROADMAPDOCS_LIMIT_FILE_BYTES": "10000000000",
}


def spread(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def texts(document: roadmapdocs.Document) -> dict[str, Any]:
    """The order's texts as a bare script would hold them: clauses, and the appendix's rows."""
    rows = []
    for appendix in getattr(document, "appendices", []):
        for section in appendix.plan.activities:
            rows.append({"cells": [section.number or "", section.text, "", "", ""]})
            for item in section.activities:
                rows.append(
                    {
                        "cells": [
                            item.number or "",
                            item.text,
                            str(item.deadline or ""),
                            ", ".join(str(r) for r in item.responsible),
                            item.result or "",
                        ]
                    }
                )
    return {
        "title": document.title,
        "clauses": [c.text for c in getattr(document, "clauses", [])],
        "rows": rows,
    }


def plain_table_template(path: Path) -> Path:
    """A template of a title, the clauses and a table with one row per row of the plan."""
    import docx

    word = docx.Document()
    word.add_paragraph("{{ title }}")
    word.add_paragraph("{%p for clause in clauses %}")
    word.add_paragraph("{{ loop.index }}. {{ clause }}")
    word.add_paragraph("{%p endfor %}")
    table = word.add_table(rows=3, cols=5)
    table.rows[0].cells[0].text = "{%tr for row in rows %}"
    for index in range(5):
        table.rows[1].cells[index].text = f"{{{{ row.cells[{index}] }}}}"
    table.rows[2].cells[0].text = "{%tr endfor %}"
    word.save(str(path))
    return path


BARE_SCRIPT = """
import json, sys
from docxtpl import DocxTemplate
template, data, out = sys.argv[1:4]
with open(data, encoding="utf-8") as f:
    context = json.load(f)
tpl = DocxTemplate(template)
tpl.render(context, autoescape=True)
tpl.save(out)
"""

OURS_SCRIPT = """
import sys
import roadmapdocs
source, out = sys.argv[1:3]
document = roadmapdocs.load(source)
roadmapdocs.validate(document)
roadmapdocs.render(document, out)
"""


def run(command: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    return time.perf_counter() - start


def interleaved(commands: dict[str, Callable[[], float]], runs: int) -> dict[str, list[float]]:
    """Each command once to warm the file cache, then ``runs`` rounds of all of them in turn."""
    for command in commands.values():
        command()
    found: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            found[name].append(command())
    return found


def prepare(work: Path, activities: int) -> tuple[Path, Path, Path]:
    """The order of ``activities`` activities as YAML, its texts as JSON, the plain template."""
    document = roadmapdocs.load(order_data(activities))
    source = work / f"order-{activities}.yaml"
    source.write_text(roadmapdocs.dumps(document), encoding="utf-8")
    data = work / f"texts-{activities}.json"
    data.write_text(json.dumps(texts(document), ensure_ascii=False), encoding="utf-8")
    template = work / "plain.docx"
    if not template.exists():
        plain_table_template(template)
    return source, data, template


def cold_one_shot(work: Path, runs: int, activities: int) -> dict[str, Any]:
    """A new process that loads, validates and renders, against a new process of bare docxtpl."""
    source, data, template = prepare(work, activities)
    python = sys.executable
    found = interleaved(
        {
            "roadmapdocs": lambda: run(
                [python, "-c", OURS_SCRIPT, str(source), str(work / "o.docx")]
            ),
            "docxtpl": lambda: run(
                [python, "-c", BARE_SCRIPT, str(template), str(data), str(work / "b.docx")]
            ),
        },
        runs,
    )
    return {name: spread(values) for name, values in found.items()}


def cli_cold(work: Path, runs: int) -> dict[str, Any]:
    """``roadmapdocs render`` of the example order, and ``--version``, against bare docxtpl on
    the same content and a bare Python."""
    document = roadmapdocs.load(EXAMPLE)
    data = work / "example.json"
    data.write_text(json.dumps(texts(document), ensure_ascii=False), encoding="utf-8")
    template = work / "plain.docx"
    if not template.exists():
        plain_table_template(template)
    python = sys.executable
    cli = [python, "-m", "roadmapdocs.cli"]
    found = interleaved(
        {
            "render": lambda: run([*cli, "render", str(EXAMPLE), "-o", str(work / "e.docx")]),
            "docxtpl": lambda: run(
                [python, "-c", BARE_SCRIPT, str(template), str(data), str(work / "eb.docx")]
            ),
            "version": lambda: run([*cli, "--version"]),
            "python": lambda: run([python, "-c", "pass"]),
        },
        runs,
    )
    return {name: spread(values) for name, values in found.items()}


def _clear_caches() -> None:
    """Forget what this process keeps between renders: templates, compiled parts, measures."""
    from roadmapdocs.rendering import docx as rendering_docx
    from roadmapdocs.rendering import layout, metrics

    rendering_docx._Template._opened.clear()
    rendering_docx._Template._patched.clear()
    getattr(rendering_docx, "_writers", {}).clear()  # an earlier version, run to compare, has none
    rendering_docx.shared_environment.cache_clear()
    metrics.metrics.cache_clear()
    metrics.hyphenate.cache_clear()
    layout._longest_syllable.cache_clear()


def _timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def in_process(work: Path, runs: int, activities: int) -> dict[str, Any]:
    """Render alone with cold caches and warm, the full pipeline warm, and bare docxtpl (a new
    DocxTemplate each time, as a script makes it) — all in this process, interleaved."""
    from docxtpl import DocxTemplate

    source, data, template = prepare(work, activities)
    context = json.loads(data.read_text(encoding="utf-8"))
    document = roadmapdocs.load(source)
    out = work / "in.docx"

    def cold_render() -> float:
        _clear_caches()
        return _timed(lambda: roadmapdocs.render(document, out))

    def bare() -> float:
        def once() -> None:
            tpl = DocxTemplate(str(template))
            tpl.render(context, autoescape=True)
            tpl.save(str(work / "in-bare.docx"))

        return _timed(once)

    from bench_render import bare_docxtpl, plain

    from roadmapdocs.rendering.context import build_context
    from roadmapdocs.templates import Registry

    ours = Registry().get("school/order")
    same_context = plain(build_context(document, ours.settings()))

    def same_template() -> float:
        return _timed(lambda: bare_docxtpl(ours.docx, same_context, work / "in-same.docx"))

    found = interleaved(
        {
            "docxtpl_same_template": same_template,
            "render_cold": cold_render,
            "render_warm": lambda: _timed(lambda: roadmapdocs.render(document, out)),
            "pipeline_warm": lambda: _timed(lambda: _pipeline(source, out)),
            "docxtpl": bare,
        },
        runs,
    )
    return {name: spread(values) for name, values in found.items()}


def _pipeline(source: Path, out: Path) -> None:
    document = roadmapdocs.load(source)
    roadmapdocs.validate(document)
    roadmapdocs.render(document, out)


def growth(work: Path, sizes: list[int], runs: int = 3) -> dict[str, Any]:
    """Load, validate and render of one order at each size, each in a new process (so that one
    size's garbage does not weigh on the next), timed inside it: start-up is not counted.

    Each size runs ``runs`` times, the sizes in turn round after round so that a busy moment of
    the machine falls on all of them alike; each step's figure is the median of its runs (one
    process per size let a single slow run tilt an exponent by a tenth)."""
    script = """
import json, sys, time
import roadmapdocs
source, out = sys.argv[1:3]
t0 = time.perf_counter(); document = roadmapdocs.load(source)
t1 = time.perf_counter(); roadmapdocs.validate(document)
t2 = time.perf_counter(); roadmapdocs.render(document, out)
t3 = time.perf_counter()
print(json.dumps({"load": t1 - t0, "validate": t2 - t1, "render": t3 - t2}))
"""
    env = {**os.environ, **BIG_LIMITS}
    sources = {size: prepare(work, size)[0] for size in sizes}
    found: dict[int, list[dict[str, float]]] = {size: [] for size in sizes}
    for _ in range(runs):
        for size in sizes:
            done = subprocess.run(
                [sys.executable, "-c", script, str(sources[size]), str(work / f"g{size}.docx")],
                capture_output=True,
                text=True,
                check=True,
                env=env,
            )
            row = json.loads(done.stdout)
            row["total"] = row["load"] + row["validate"] + row["render"]
            found[size].append(row)
    for source in sources.values():
        source.unlink()
    rows = {
        size: {key: statistics.median(r[key] for r in measured) for key in measured[0]}
        for size, measured in found.items()
    }
    spreads = {
        size: {"total": spread([r["total"] for r in measured])} for size, measured in found.items()
    }
    return {"runs": runs, "rows": rows, "spread": spreads, "exponents": exponents(rows)}


def _slope(rows: dict[int, dict[str, float]], key: str, low: int, high: int) -> float | None:
    points = [(math.log(n), math.log(r[key])) for n, r in rows.items() if low <= n <= high]
    if len(points) < 2:
        return None
    mean_x = statistics.fmean(x for x, _ in points)
    mean_y = statistics.fmean(y for _, y in points)
    top = sum((x - mean_x) * (y - mean_y) for x, y in points)
    bottom = sum((x - mean_x) ** 2 for x, _ in points)
    return top / bottom


def exponents(rows: dict[int, dict[str, float]]) -> dict[str, float | None]:
    """The exponent k of time ∝ n^k, fitted (least squares in log–log) over a range of sizes."""
    return {
        "total 4000–16000": _slope(rows, "total", 4000, 16000),
        "load 16000–32000": _slope(rows, "load", 16000, 32000),
        "render 16000–32000": _slope(rows, "render", 16000, 32000),
        "validate 16000–32000": _slope(rows, "validate", 16000, 32000),
        "total 500–32000": _slope(rows, "total", 500, 32000),
    }


def merged(work: Path, docs: int, runs: int) -> dict[str, Any]:
    """Orders of 30 activities through the batch with -j2, warm workers: documents a second."""
    document = roadmapdocs.load(order_data(30))
    items = [(document, f"{i:05d}.docx") for i in range(docs)]
    rates = []
    with ProcessPoolExecutor(2) as pool:
        (work / "warm").mkdir()
        list(render_many(items[:2], work / "warm", executor=pool))
        for attempt in range(runs):
            out = work / f"merge-{attempt}"
            out.mkdir()
            start = time.perf_counter()
            failed = [r for r in render_many(items, out, executor=pool) if r.error]
            rates.append(docs / (time.perf_counter() - start))
            assert not failed, failed[0].error
    return {"docs": docs, "docs_per_s": spread(rates)}


def pdf(runs: int) -> dict[str, Any] | None:
    """The PDF comparison of benchmarks/bench_pdf.py, when LibreOffice is there."""
    try:
        import bench_pdf
    except ImportError:
        return None
    measure = getattr(bench_pdf, "measure", None)
    if measure is None:
        return None
    with contextlib.suppress(Exception):
        result: dict[str, Any] = measure(runs=runs)
        return result
    return None


@contextlib.contextmanager
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-pdf", action="store_true")
    args = parser.parse_args()
    runs = 2 if args.quick else args.runs
    sizes = [500, 2000, 8000] if args.quick else [500, 1000, 2000, 4000, 8000, 16000, 32000]
    started = time.perf_counter()
    with folder() as work:
        report: dict[str, Any] = {"machine": machine(), "runs": runs}
        report["bytecode_compiled"] = compile_bytecode()
        report["load_avg_before"] = os.getloadavg()[0]
        report["cold_one_shot_2000"] = cold_one_shot(work, runs, 2000)
        report["cli_example"] = cli_cold(work, runs)
        report["in_process_2000"] = in_process(work, runs, 2000)
        report["merge_j2"] = merged(work, 200 if args.quick else 1000, runs)
        report["peak_rss_2000"] = peak_memory(work, 2000)
        report["growth"] = growth(work, sizes, 1 if args.quick else 3)
        if not args.no_pdf:
            report["pdf"] = pdf(runs)
        report["load_avg_after"] = os.getloadavg()[0]
    report["seconds"] = time.perf_counter() - started
    if args.json:
        print(json.dumps(report, ensure_ascii=False, default=str))
        return
    show(report)


def _f(value: dict[str, float], unit: str = "s") -> str:
    return f"{value['median']:.3f} {unit} ({value['min']:.3f}–{value['max']:.3f})"


def show(report: dict[str, Any]) -> None:
    print(f"machine: {report['machine']}; runs: {report['runs']}")
    print(
        f"roadmapdocs' bytecode: {report['bytecode_compiled']} modules compiled before the runs "
        "(as a wheel's install does)"
    )
    print(
        f"load average: {report['load_avg_before']:.2f} before, {report['load_avg_after']:.2f} after"
    )
    cold = report["cold_one_shot_2000"]
    ratio = cold["roadmapdocs"]["median"] / cold["docxtpl"]["median"]
    print("\ncold process, load + validate + render of 2000 activities")
    print(
        f"  roadmapdocs {_f(cold['roadmapdocs'])}   docxtpl {_f(cold['docxtpl'])}   {ratio:.2f}× (target ≤ 0.75×)"
    )
    cli = report["cli_example"]
    ratio = cli["render"]["median"] / cli["docxtpl"]["median"]
    print("\ncold process, the example order")
    print(
        f"  roadmapdocs render {_f(cli['render'])}   docxtpl {_f(cli['docxtpl'])}   {ratio:.2f}× (target ≤ 2×)"
    )
    print(f"  roadmapdocs --version {_f(cli['version'])}   python -c pass {_f(cli['python'])}")
    warm = report["in_process_2000"]
    bare = warm["docxtpl"]["median"]
    print("\nin one process, 2000 activities (docxtpl: a new DocxTemplate each time)")
    for name, target in (("render_cold", "≤ 0.3×"), ("render_warm", ""), ("pipeline_warm", "")):
        print(f"  {name:14} {_f(warm[name])}   {warm[name]['median'] / bare:.2f}× docxtpl {target}")
    print(f"  {'docxtpl':14} {_f(warm['docxtpl'])}")
    same = warm["docxtpl_same_template"]
    print(
        f"  docxtpl on roadmapdocs' own template.docx (the earlier baseline): {_f(same)}; "
        f"render_cold is {warm['render_cold']['median'] / same['median']:.2f}× it"
    )
    merge = report["merge_j2"]
    print(
        f"\nbatch -j2, {merge['docs']} orders of 30 activities: {_f(merge['docs_per_s'], 'docs/s')} (target ≥ 300)"
    )
    memory = report["peak_rss_2000"]
    print(
        f"\npeak RSS, 2000 activities: {memory['roadmapdocs_peak_mib']:.1f} MiB vs docxtpl "
        f"{memory['docxtpl_peak_mib']:.1f} MiB, {memory['ratio']:.2f}× (target ≤ 1.2×)"
    )
    grown = report["growth"]
    print(
        f"\ngrowth, new process per size, start-up not counted (seconds; medians of "
        f"{grown.get('runs', 1)} processes per size, total's range beside it)"
    )
    print(f"  {'activities':>10} {'load':>8} {'validate':>9} {'render':>8} {'total':>8}")
    for size, row in grown["rows"].items():
        total = grown.get("spread", {}).get(size, {}).get("total")
        beside = f"  ({total['min']:.3f}–{total['max']:.3f})" if total else ""
        print(
            f"  {size:>10} {row['load']:8.3f} {row['validate']:9.3f} {row['render']:8.3f} "
            f"{row['total']:8.3f}{beside}"
        )
    for name, value in grown["exponents"].items():
        print(f"  exponent {name}: {'—' if value is None else f'{value:.2f}'}")
    found = report.get("pdf")
    if found:
        print(f"\nPDF, {found['docs']} orders, -j{found['jobs']} (benchmarks/bench_pdf.py)")
        for row in found["results"].values():
            print(f"  {row['label']:60} {_f(row['wall_s'])}")
        print(f"  batch against one soffice call: {found['speedup']:.2f}× faster (target ≥ 1.5×)")
    print(f"\nthe whole run took {report['seconds']:.0f} s")


if __name__ == "__main__":
    main()
