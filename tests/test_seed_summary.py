"""A checkout without the seed documents runs the rest and says so once, not a skip per test."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

_TESTS = """
import pytest

from tests.conftest import seed_text


@pytest.fixture(scope="module")
def seed() -> str:
    return seed_text("000")


def test_by_fixture(seed: str) -> None:
    assert seed == "сид"


@pytest.mark.seeds
def test_by_mark() -> None:
    assert seed_text("000") == "сид"


def test_without_seeds() -> None:
    assert True
"""

_UNSAID = """
from tests.conftest import seed_text


def test_reads_a_seed_unsaid() -> None:
    assert seed_text("000")
"""


def _checkout(tmp_path: Path, tests: str) -> Path:
    repo = tmp_path / "repo"
    (repo / "tests").mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "conftest.py", repo / "tests" / "conftest.py")
    (repo / "tests" / "__init__.py").write_text("", encoding="utf-8")
    (repo / "tests" / "test_tiny.py").write_text(tests, encoding="utf-8")
    (repo / "pyproject.toml").write_text(
        '[tool.pytest.ini_options]\ntestpaths = ["tests"]\naddopts = "-ra"\n', encoding="utf-8"
    )
    return repo


def _pytest(repo: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:randomly", "-p", "no:cacheprovider"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _add_seeds(repo: Path) -> None:
    seeds = repo.parent / "shared" / "seeds"
    seeds.mkdir(parents=True)
    (seeds / "000_tiny.txt").write_text("сид", encoding="utf-8")


def test_without_the_seeds_one_line_says_what_was_not_run(tmp_path: Path) -> None:
    run = _pytest(_checkout(tmp_path, _TESTS))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "SKIPPED" not in run.stdout and "skipped" not in run.stdout
    summary = [line for line in run.stdout.splitlines() if "seed documents" in line]
    assert summary == [
        "seed documents not found at ../shared/seeds: 2 tests that read them were not run; "
        "put the seeds there to run them"
    ]
    assert "1 passed, 2 deselected" in run.stdout


def test_with_the_seeds_every_test_runs_and_nothing_is_said(tmp_path: Path) -> None:
    repo = _checkout(tmp_path, _TESTS)
    _add_seeds(repo)
    run = _pytest(repo)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "seed documents" not in run.stdout and "3 passed" in run.stdout


def test_a_test_that_reads_a_seed_unsaid_fails_with_how_to_say_it(tmp_path: Path) -> None:
    repo = _checkout(tmp_path, _UNSAID)
    _add_seeds(repo)
    run = _pytest(repo)
    assert run.returncode == 1
    assert (
        "reads a seed document: take the «seed» fixture or mark the test @pytest.mark.seeds"
        in run.stdout
    )
