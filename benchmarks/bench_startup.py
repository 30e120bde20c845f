"""How long a cold command takes, against a bare Python that imports pydantic and PyYAML.

Editors and CI run ``roadmapdocs validate`` on every save, so what a fresh process costs matters
as much as what rendering costs. Every figure is a new process (nothing warm), the compared
commands are interleaved run by run so that a busy moment hits all of them alike, and each line
gives the median with the range over the runs. roadmapdocs' modules are compiled to bytecode
first, as installing its wheel does.

    python benchmarks/bench_startup.py [--runs 5] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_render import compile_bytecode

ROOT = Path(__file__).resolve().parents[1]
CLEAN_ORDER = ROOT / "examples" / "school-order-clean.yaml"


def _commands() -> dict[str, list[str]]:
    python = sys.executable
    cli = [python, "-m", "roadmapdocs.cli"]
    installed = shutil.which("roadmapdocs", path=str(Path(python).parent))
    if installed:  # the console script a user runs, when this Python has one
        cli = [installed]
    return {
        "bare": [python, "-c", "import pydantic, yaml"],
        "version": [*cli, "--version"],
        "validate": [*cli, "validate", str(CLEAN_ORDER)],
    }


def _once(command: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of ``command``."""
    before = os.times()
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return wall, cpu


def measure(runs: int) -> dict[str, dict[str, list[float]]]:
    commands = _commands()
    for command in commands.values():  # warm the file cache: «cold» means a new process
        _once(command)
    found: dict[str, dict[str, list[float]]] = {name: {"wall": [], "cpu": []} for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            wall, cpu = _once(command)
            found[name]["wall"].append(wall)
            found[name]["cpu"].append(cpu)
    return found


def _line(values: list[float]) -> str:
    return f"{statistics.median(values):.3f} с ({min(values):.3f}–{max(values):.3f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    compile_bytecode()  # a cold process of an installed roadmapdocs, not of a checkout
    found = measure(args.runs)
    bare = statistics.median(found["bare"]["wall"])
    if args.json:
        print(json.dumps(found))
        return
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} ядра, {args.runs} прогонов подряд")
    print(f"{'команда':<10} {'время (медиана, мин–макс)':<32} {'ЦП':<28} к голому Python")
    for name, times in found.items():
        ratio = statistics.median(times["wall"]) / bare
        print(f"{name:<10} {_line(times['wall']):<32} {_line(times['cpu']):<28} {ratio:.2f}×")


if __name__ == "__main__":
    main()
