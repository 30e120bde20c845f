"""Shared test fixtures: where the examples and the real seed documents are.

The seed documents — the real documents the examples reproduce — are not part of the repository:
they live beside it, in ``../shared/seeds``. A test that reads them either takes a fixture named
``seed`` (each example module has one for its own seed) or carries ``@pytest.mark.seeds``. On a
checkout without the seeds such tests are deselected, and the run says so in one line at its
end instead of a skip for each. A test that reads a seed without saying so fails, so that the
split stays true.
"""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
# The real documents the examples reproduce live beside the repository, in shared/seeds.
SEEDS = ROOT.parent / "shared" / "seeds"
SEEDS_SHOWN = "../shared/seeds"
"""Where the seeds are looked for, as the summary names it: beside the repository."""

SEED_MARK = "seeds"
SEED_FIXTURE = "seed"
_NOT_RUN = pytest.StashKey[int]()
_current: pytest.Item | None = None


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", f"{SEED_MARK}: reads the seed documents beside the repository ({SEEDS_SHOWN})"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if SEED_FIXTURE in getattr(item, "fixturenames", ()):
            item.add_marker(SEED_MARK)
    if SEEDS.is_dir():
        return
    needing = [item for item in items if item.get_closest_marker(SEED_MARK)]
    if needing:
        items[:] = [item for item in items if not item.get_closest_marker(SEED_MARK)]
        config.hook.pytest_deselected(items=needing)
    config.stash[_NOT_RUN] = len(needing)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    count = terminalreporter.config.stash.get(_NOT_RUN, 0)
    if count:
        tests = "test that reads them was" if count == 1 else "tests that read them were"
        terminalreporter.write_line(
            f"seed documents not found at {SEEDS_SHOWN}: {count} {tests} not run; "
            "put the seeds there to run them"
        )


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    # Before any fixture: a module's seed fixture is set up within its first test's setup.
    global _current
    _current = item


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES


def seed_text(prefix: str) -> str:
    """The text of the seed whose file name starts with ``prefix`` ("000" … "004")."""
    if _current is not None and not _current.get_closest_marker(SEED_MARK):
        pytest.fail(
            f"{_current.nodeid} reads a seed document: take the «{SEED_FIXTURE}» fixture or mark "
            f"the test @pytest.mark.{SEED_MARK}, so that a checkout without the seeds leaves it out",
            pytrace=False,
        )
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def as_at_a_terminal() -> None:
    """Run in a child before it starts (``preexec_fn``): Ctrl-C acts as it does on a command
    typed at a terminal. A command started in the background by a shell without job control
    (a CI script's ``… &``) inherits SIGINT ignored, Python then leaves it ignored, and a test
    that sends Ctrl-C would see the command carry on."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
