"""collect_inputs: files, folders and globs, each once."""

from __future__ import annotations

from pathlib import Path

from roadmapdocs.batch import collect_inputs


def test_globs_and_folders_are_expanded_once_each(inputs: Path) -> None:
    found = collect_inputs([str(inputs / "*.yaml"), str(inputs), str(inputs / "broken.yaml")])
    assert [p.name for p in found] == ["broken.yaml", "school-order.yaml", "school-roadmap.yaml"]
