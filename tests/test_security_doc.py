"""docs/security.md tells every limit of roadmapdocs.limits with the default the code has."""

from __future__ import annotations

import re
from pathlib import Path

from roadmapdocs.limits import Limits

DOC = Path(__file__).resolve().parent.parent / "docs" / "security.md"


def _number(text: str) -> float:
    return float(text.replace("\u00a0", "").replace(" ", "").replace(",", "."))


def test_every_limit_is_in_the_table_with_its_default() -> None:
    rows = [
        (found.group(1), _number(found.group(2)))
        for found in re.finditer(
            r"^\| `(\w+)` \| ([\d\u00a0 ,]+)(?: \S+)? \|", DOC.read_text("utf-8"), re.M
        )
    ]
    defaults = Limits()
    assert {name for name, _ in rows} == set(Limits.names())
    # Each table that names a limit (the summary and the sections) gives the code's default.
    assert [(n, v) for n, v in rows if v != float(getattr(defaults, n))] == []
