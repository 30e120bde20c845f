"""One warm render of the school order, this checkout against another, in interleaved processes.

Each round starts one process per checkout, in alternating order; each process renders the order
with ``--activities`` activities (``order_data`` of bench_render.py) once to warm up, then
``--repeat`` times, and reports its best time. The script prints, per checkout, the median of
the rounds' best times with their range, and the ratio of the medians. Run from the repository
root: ``python benchmarks/compare_render.py --before ../old-checkout [--activities 50,300,2000]``
(``--before`` is a checkout of roadmapdocs, e.g. ``git worktree add ../old-checkout <commit>``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_CHILD = """
import json, sys, tempfile, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import roadmapdocs
from bench_render import order_data
document = roadmapdocs.load(order_data(int(sys.argv[2])))
out = Path(tempfile.mkdtemp()) / "order.docx"
roadmapdocs.render(document, out)
times = []
for _ in range(int(sys.argv[3])):
    start = time.perf_counter()
    roadmapdocs.render(document, out)
    times.append(time.perf_counter() - start)
print(json.dumps(min(times)))
"""


def _best(checkout: Path, activities: int, repeat: int) -> float:
    env = dict(os.environ, PYTHONPATH=str(checkout / "src"))
    env["ROADMAPDOCS_TEMPLATES"] = str(checkout / "templates")
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(ROOT / "benchmarks"), str(activities), str(repeat)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="the other checkout")
    parser.add_argument("--activities", default="50,300,2000", help="sizes, comma-separated")
    parser.add_argument("--rounds", type=int, default=5, help="processes per checkout and size")
    args = parser.parse_args()
    checkouts = {"before": args.before.resolve(), "after": ROOT}
    for size in (int(s) for s in args.activities.split(",")):
        repeat = 15 if size < 1000 else 3
        found: dict[str, list[float]] = {name: [] for name in checkouts}
        for round_ in range(args.rounds):
            order = list(checkouts.items())
            for name, checkout in order if round_ % 2 == 0 else order[::-1]:
                found[name].append(_best(checkout, size, repeat))
        medians = {name: statistics.median(times) for name, times in found.items()}
        line = ", ".join(
            f"{name} {medians[name] * 1000:.1f} ms ({min(t) * 1000:.1f}–{max(t) * 1000:.1f})"
            for name, t in found.items()
        )
        print(
            f"{size} activities: {line}; after/before {medians['after'] / medians['before']:.2f}×"
        )


if __name__ == "__main__":
    main()
