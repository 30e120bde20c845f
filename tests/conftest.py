"""Shared test fixtures: where the examples and the real seed documents are."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
# The real documents the examples reproduce live beside the repository, in shared/seeds.
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES


def seed_text(prefix: str) -> str:
    """The text of the seed whose file name starts with ``prefix`` ("000" … "004")."""
    if not SEEDS.is_dir():
        pytest.skip("the seed documents (../shared/seeds) are not beside this checkout")
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")
