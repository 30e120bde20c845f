"""What a batch is given on the command line: files, folders and globs, as a list of files."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from roadmapdocs.loader import SUFFIXES


def collect_inputs(inputs: Iterable[str]) -> list[Path]:
    """Files, folders (their YAML/JSON documents, not recursively) and globs, each once, in order."""
    found: dict[Path, None] = {}
    for entry in inputs:
        path = Path(entry)
        if path.is_dir():
            matches = sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES)
        elif any(ch in entry for ch in "*?["):
            anchor = Path(path.anchor or ".")
            pattern = str(path.relative_to(anchor)) if path.anchor else entry
            matches = sorted(p for p in anchor.glob(pattern) if p.is_file())
        else:
            matches = [path]
        for match in matches:
            found.setdefault(match)
    return list(found)
