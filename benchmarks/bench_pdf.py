"""PDF of many orders: one soffice run for all of them against ``roadmapdocs batch --pdf``.

The school order example is copied ``--docs`` times (20 by default) and rendered to .docx once.
Then, round after round, each of these runs once, every one a new process (cold: nothing of an
earlier run is kept in memory, only the system's file cache is warm), in an order that turns by
one place each round, so that a busy moment of the machine falls on all of them alike:

- ``soffice, new profile``: ``soffice --headless --convert-to pdf --outdir D f1.docx … fN.docx``
  with a profile folder of its own that does not exist yet (``-env:UserInstallation``), as a
  script that converts a folder would run it;
- ``soffice, warm profile``: the same call with one profile folder kept from run to run;
- ``batch --pdf``: the whole command ``roadmapdocs batch IN -o OUT --pdf -j J``: loading,
  checking, rendering and converting, with its prepared LibreOffice profile already in the cache
  folder (as on every run but the first on a machine);
- ``batch --pdf, empty cache``: the same with an empty cache folder (the first run on a machine:
  the profile is prepared first);
- ``batch, Word only``: the same command without ``--pdf``: what rendering alone costs, so that
  the difference is what PDF adds to the command;
- ``conversion only``: J processes, each with a LibreOffice kept running (``OfficeConverter``,
  as in a batch worker), converting their share of the rendered .docx files.

Each line gives the median wall time with the range over the runs, and the median CPU time
(user and system, of the process and all it started). The batch runs use a cache folder of
their own (``XDG_CACHE_HOME``), not the user's.

``--baseline-src DIR`` adds ``batch --pdf, baseline``: the same command run with the package in
``DIR`` (``git archive <commit> src | tar -x -C DIR`` gives an earlier one), in the same rounds,
so that a change is measured against what it changes under the same load.

    python benchmarks/bench_pdf.py [--docs 20] [--runs 5] [--jobs 2] [--baseline-src DIR] [--json]

From Python: ``measure(docs=20, runs=5, jobs=2)`` returns the numbers as a dict.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ORDER = ROOT / "examples" / "school-order-clean.yaml"

NAMES = {
    "soffice_new": "soffice, new profile",
    "soffice_warm": "soffice, warm profile",
    "batch": "batch --pdf",
    "batch_empty_cache": "batch --pdf, empty cache",
    "batch_word": "batch, Word only",
    "convert_only": "conversion only",
    "batch_baseline": "batch --pdf, baseline",
}

_CONVERT = """
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from roadmapdocs.rendering.pdf import OfficeConverter

def share(pairs):
    with OfficeConverter() as office:
        for source, target in pairs:
            office.convert(Path(source), Path(target))

if __name__ == "__main__":
    jobs, out, *sources = sys.argv[1:]
    pairs = [(s, str(Path(out) / (Path(s).stem + ".pdf"))) for s in sources]
    shares = [pairs[i :: int(jobs)] for i in range(int(jobs))]
    with ProcessPoolExecutor(int(jobs)) as pool:
        list(pool.map(share, shares))
"""


def _cli() -> list[str]:
    installed = shutil.which("roadmapdocs", path=str(Path(sys.executable).parent))
    return [installed] if installed else [sys.executable, "-m", "roadmapdocs.cli"]


def _soffice() -> str:
    from roadmapdocs.rendering.pdf import find_soffice

    return find_soffice()


def _once(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall time and CPU time (user + system of everything it started) of one run."""
    before = os.times()
    start = time.perf_counter()
    subprocess.run(
        command,
        check=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return wall, cpu


def _prepare(work: Path, docs: int) -> tuple[Path, list[Path]]:
    """``docs`` copies of the order (each its own number) and their .docx files."""
    inputs = work / "in"
    inputs.mkdir()
    text = ORDER.read_text(encoding="utf-8")
    for i in range(docs):
        (inputs / f"order-{i:03d}.yaml").write_text(text, encoding="utf-8")
    rendered = work / "docx"
    _once([*_cli(), "batch", str(inputs), "-o", str(rendered), "-q"])
    sources = sorted(rendered.glob("*.docx"))
    assert len(sources) == docs, sources
    return inputs, sources


def _variants(
    work: Path, inputs: Path, sources: list[Path], jobs: int, baseline: Path | None
) -> dict[str, Any]:
    soffice = _soffice()
    cli = _cli()
    counter = iter(range(1_000_000))
    cache = work / "cache"  # the batch's prepared profile, kept from run to run
    warm_profile = work / "warm-profile"

    def fresh(name: str) -> Path:
        folder = work / f"{name}-{next(counter)}"
        return folder

    def env(cache_home: Path) -> dict[str, str]:
        return {**os.environ, "XDG_CACHE_HOME": str(cache_home)}

    def soffice_run(profile: Path) -> tuple[float, float]:
        out = fresh("out")
        return _once(
            [
                soffice,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out),
                *map(str, sources),
            ]
        )

    def batch(
        *extra: str, cache_home: Path = cache, source: Path | None = None
    ) -> tuple[float, float]:
        out = fresh("out")
        command = [*cli, "batch", str(inputs), "-o", str(out), "-q", "-j", str(jobs), *extra]
        variables = env(cache_home)
        if source is not None:  # this package, not the installed one
            command = [sys.executable, "-m", "roadmapdocs.cli", *command[len(cli) :]]
            variables["PYTHONPATH"] = str(source)
        return _once(command, variables)

    def convert_only() -> tuple[float, float]:
        out = fresh("out")
        out.mkdir()
        command = [sys.executable, "-c", _CONVERT, str(jobs), str(out), *map(str, sources)]
        return _once(command, env(cache))

    runs: dict[str, Callable[[], tuple[float, float]]] = {
        "soffice_new": lambda: soffice_run(fresh("profile")),
        "soffice_warm": lambda: soffice_run(warm_profile),
        "batch": lambda: batch("--pdf"),
        "batch_empty_cache": lambda: batch("--pdf", cache_home=fresh("cache")),
        "batch_word": lambda: batch(),
        "convert_only": convert_only,
    }
    if baseline is not None:
        runs["batch_baseline"] = lambda: batch("--pdf", source=baseline)
    return runs


def _check(work: Path, docs: int) -> None:
    """Every run made every file: a benchmark of failures would be worth nothing."""
    for out in work.glob("out-*"):
        made = [p for p in out.iterdir() if p.suffix in (".pdf", ".docx")]
        assert len(made) == docs, (out, len(made))


def _summary(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def measure(
    docs: int = 20, runs: int = 5, jobs: int = 2, baseline: Path | None = None
) -> dict[str, Any]:
    """The numbers of every run and their medians, as :func:`main` prints them; ``baseline``
    is the ``src`` folder of the code to compare the batch with."""
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as folder:
        work = Path(folder)
        inputs, sources = _prepare(work, docs)
        variants = _variants(work, inputs, sources, jobs, baseline)
        for run in variants.values():  # warm-up: the file cache, the batch's prepared profile
            run()
        found: dict[str, dict[str, list[float]]] = {n: {"wall": [], "cpu": []} for n in variants}
        names = list(variants)
        for round_ in range(runs):
            shift = round_ % len(names)
            for name in names[shift:] + names[:shift]:
                wall, cpu = variants[name]()
                found[name]["wall"].append(wall)
                found[name]["cpu"].append(cpu)
        _check(work, docs)
    results: dict[str, dict[str, Any]] = {
        name: {
            "label": NAMES[name],
            "wall": values["wall"],
            "cpu": values["cpu"],
            "wall_s": _summary(values["wall"]),
            "cpu_s": _summary(values["cpu"]),
        }
        for name, values in found.items()
    }
    median = {name: r["wall_s"]["median"] for name, r in results.items()}
    compared: dict[str, float] = {}
    if "batch_baseline" in median:
        compared["speedup_baseline"] = median["soffice_new"] / median["batch_baseline"]
        compared["baseline_over_batch"] = median["batch_baseline"] / median["batch"]
    return {
        "docs": docs,
        "runs": runs,
        "jobs": jobs,
        "cores": os.cpu_count(),
        "results": results,
        "speedup": median["soffice_new"] / median["batch"],
        "speedup_warm_profile": median["soffice_warm"] / median["batch"],
        "pdf_adds_s": median["batch"] - median["batch_word"],
        **compared,
    }


def _line(summary: dict[str, float]) -> str:
    return f"{summary['median']:6.2f} с ({summary['min']:.2f}–{summary['max']:.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--docs", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--baseline-src", type=Path, help="src folder of the code to compare")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    found = measure(args.docs, args.runs, args.jobs, args.baseline_src)
    if args.json:
        print(json.dumps(found, ensure_ascii=False))
        return
    print(
        f"{found['docs']} приказов в PDF, -j{found['jobs']}, ядер: {found['cores']}; "
        f"{found['runs']} чередующихся прогонов, каждый — новый процесс"
    )
    print(f"{'':28} {'время: медиана (мин–макс)':>28} {'ЦП, медиана':>12}")
    for result in found["results"].values():
        cpu = result["cpu_s"]["median"]
        print(f"{result['label']:28} {_line(result['wall_s']):>28} {cpu:10.2f} с")
    print(
        f"batch --pdf быстрее одного soffice: в {found['speedup']:.2f} раза (новый профиль), "
        f"в {found['speedup_warm_profile']:.2f} раза (тёплый профиль); "
        f"PDF добавляет к команде {found['pdf_adds_s']:.2f} с"
    )
    if "speedup_baseline" in found:
        print(
            f"прежний код: batch --pdf быстрее одного soffice в {found['speedup_baseline']:.2f} "
            f"раза; нынешний быстрее прежнего в {found['baseline_over_batch']:.2f} раза"
        )


if __name__ == "__main__":
    main()
