"""How fast roadmapdocs renders the school order, as ratios against bare docxtpl.

Builds its own inputs from the school order example. Prints a table, or with ``--json`` one JSON
object. Run from the repository root: ``python benchmarks/bench_render.py [--docs 1000] [--json]``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate

import roadmapdocs
from roadmapdocs.batch import render_many
from roadmapdocs.rendering.context import build_context
from roadmapdocs.rendering.filters import FILTERS
from roadmapdocs.rendering.pdf import find_soffice, uno_python
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
        context = plain(build_context(document, template.settings()))
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


_RSS_CHILD = """
import json, resource, sys

def peak():
    # VmHWM is this process's own high-water mark; ru_maxrss would carry the parent's over exec.
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

mode, path, template, out = sys.argv[1:5]
if mode == "roadmapdocs":
    import roadmapdocs
    document = roadmapdocs.load(path)
    before = peak()
    roadmapdocs.render(document, out)
else:
    import jinja2
    from docxtpl import DocxTemplate
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    context = data["context"]
    before = peak()
    env = jinja2.Environment(autoescape=True)
    # Bare docxtpl has no Russian declension: the template's filters pass text through.
    env.filters.update({name: (lambda value, *a, **k: str(value)) for name in data["filters"]})
    tpl = DocxTemplate(template)
    tpl.render(context, env, autoescape=True)
    tpl.save(out)
after = peak()
print(json.dumps({"peak_kib": after, "before_kib": before}))
"""


def plain(value: Any, *, keep_dicts: bool = True) -> Any:
    """The context as plain dicts and lists, what a caller of bare docxtpl would pass.

    roadmapdocs' views of the model become dicts; with ``keep_dicts`` a person stays the dict
    that the declension filters understand, without it everything is JSON-able.
    """
    if isinstance(value, dict) and keep_dicts:
        return value
    if isinstance(value, Mapping):
        return {str(k): plain(v, keep_dicts=keep_dicts) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v, keep_dicts=keep_dicts) for v in value]
    return value


def peak_memory(work: Path, activities: int) -> dict[str, float]:
    """Peak RSS of a fresh process rendering the order: roadmapdocs from its YAML file, bare
    docxtpl from the same content as a JSON dict. Each process's peak includes its imports."""
    template = Registry().get("school/order")
    document = roadmapdocs.load(order_data(activities))
    yaml_path, json_path = work / "rss.yaml", work / "rss.json"
    yaml_path.write_text(roadmapdocs.dumps(document), encoding="utf-8")
    context = plain(build_context(document, template.settings()), keep_dicts=False)
    data = {"context": context, "filters": sorted(FILTERS)}
    json_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    found: dict[str, float] = {}
    for mode, source in (("roadmapdocs", yaml_path), ("docxtpl", json_path)):
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                _RSS_CHILD,
                mode,
                str(source),
                str(template.docx),
                str(work / f"rss-{mode}.docx"),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        numbers = json.loads(done.stdout)
        found[f"{mode}_peak_mib"] = numbers["peak_kib"] / 1024
        found[f"{mode}_before_render_mib"] = numbers["before_kib"] / 1024
    found["ratio"] = found["roadmapdocs_peak_mib"] / found["docxtpl_peak_mib"]
    return found


def pdf_batch(work: Path, docs: int) -> dict[str, float]:
    """``docs`` orders to PDF: the batch path (a LibreOffice kept per worker) against rendering
    each .docx and running one soffice process per file (with one warm profile for them all)."""
    soffice = find_soffice()
    items = [
        (roadmapdocs.load(order_data(30)).model_copy(update={"number": f"{i}"}), f"{i:03d}")
        for i in range(docs)
    ]
    out = work / "pdf-batch"
    out.mkdir()
    start = time.perf_counter()
    failed = [r.error for r in render_many(items, out, pdf=True) if r.error]
    batch_s = time.perf_counter() - start
    assert not failed, failed[0]
    single = work / "pdf-single"
    single.mkdir()
    profile = (work / "pdf-profile").as_uri()
    start = time.perf_counter()
    for document, name in items:
        docx = roadmapdocs.render(document, single / f"{name}.docx")
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(single),
                str(docx),
            ],
            capture_output=True,
            check=True,
        )
    per_file_s = time.perf_counter() - start
    assert len(list(single.glob("*.pdf"))) == docs == len(list(out.glob("*.pdf")))
    return {
        "docs": docs,
        "batch_s": batch_s,
        "per_file_s": per_file_s,
        "speedup": per_file_s / batch_s,
        "long_lived": uno_python(soffice) is not None,
    }


def load_validate(work: Path, activities: int) -> float:
    path = work / "big.yaml"
    path.write_text(roadmapdocs.dumps(roadmapdocs.load(order_data(activities))), encoding="utf-8")
    times = []
    for _ in range(3):
        start = time.perf_counter()
        roadmapdocs.validate(roadmapdocs.load(path))
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def compile_bytecode() -> int:
    """Compile roadmapdocs' modules to bytecode, as installing its wheel does, and return how
    many were compiled now.

    A cold process is meant as a user's: roadmapdocs installed from its wheel (pip writes the
    bytecode of every module at install time) against docxtpl installed the same way. An
    editable checkout has no bytecode until Python writes it, and where Python is told not to
    (``PYTHONDONTWRITEBYTECODE``, read-only folders) every new process would compile all of
    roadmapdocs' sources again — a tenth of a second the baseline never pays.
    """
    import compileall
    import importlib.util

    package = Path(roadmapdocs.__file__).parent
    missing = sum(
        1
        for source in package.rglob("*.py")
        if not Path(importlib.util.cache_from_source(str(source))).is_file()
    )
    compileall.compile_dir(str(package), quiet=1)
    return missing


def machine() -> str:
    """CPU, cores, memory, system, Python and LibreOffice: enough to compare two runs."""
    cpu = platform.processor() or platform.machine()
    memory = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f", {int(line.split()[1]) / 2**20:.0f} GiB"
                break
    office = "no LibreOffice"
    with contextlib.suppress(Exception):
        done = subprocess.run([find_soffice(), "--version"], capture_output=True, text=True)
        office = " ".join(done.stdout.split()[:2])
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, {office}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000, help="orders in the -j1/-j2 batch")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--pdf-docs", type=int, default=20, help="orders in the PDF comparison")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        singles = single(work, [50, 300, 2000])
        template = Registry().get("school/order")
        context = plain(build_context(roadmapdocs.load(order_data(30)), template.settings()))
        one_shot = best(lambda: bare_docxtpl(template.docx, context, work / "b.docx"), 5)
        throughput = batch(work, args.docs, 30)
        loading_ms = load_validate(work, 2000)
        memory = peak_memory(work, 2000)
        pdf = pdf_batch(work, args.pdf_docs)
    in_batch = 1 / throughput["j1_docs_per_s"]
    report = {
        "machine": machine(),
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
        "peak_rss_2000": memory,
        "pdf": pdf,
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
    m = report["peak_rss_2000"]
    print(
        f"{'peak RSS, one order of 2000 activities':44} {m['roadmapdocs_peak_mib']:9.0f}MiB {m['docxtpl_peak_mib']:7.0f}MiB {m['ratio']:6.2f}×  ≤ 1.5×"
    )
    p = report["pdf"]
    way = "long-lived LibreOffice per worker" if p["long_lived"] else "one run per share"
    print(
        f"PDF, {p['docs']} orders: batch ({way}) {p['batch_s']:.1f}s, soffice per file {p['per_file_s']:.1f}s, speed-up {p['speedup']:.1f}×  (≥ 2×)"
    )
    print(f"load + validate, 2000 activities: {loading_ms:.0f} ms")


if __name__ == "__main__":
    main()
