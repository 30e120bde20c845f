"""The period a document's title names: «… в 2024-2025 учебном году» → «2024-2025 учебный год».

Templates print the period under the title only when the title does not name its years; so a
title is where an import finds it back. The text returned is one the period field reads.
"""

from __future__ import annotations

import re

_SPAN = re.compile(
    r"(?<!\d)(\d{4})\s*([-–—/])\s*(\d{4})(?!\d)\s*(учебн\w*\s+год\w*|гг\.?|годы|годов|годах)?",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)\s*(учебн\w*\s+год\w*|год\w*|г\.)", re.IGNORECASE)


def period_in(title: str) -> str | None:
    """The period ``title`` names, written as a period field takes it; None when it names none
    (or more than one)."""
    spans = _SPAN.findall(title)
    if len(spans) == 1:
        start, dash, end, unit = spans[0]
        dash = "/" if dash == "/" else "-"
        if unit.lower().startswith("учебн"):
            return f"{start}{dash}{end} учебный год"
        return f"{start}{dash}{end} гг."
    if spans:
        return None
    years = _YEAR.findall(title)
    if len(years) == 1:
        year, unit = years[0]
        return (
            f"{year}/{int(year) + 1} учебный год"
            if unit.lower().startswith("учебн")
            else (f"{year} год")
        )
    return None
