"""Numbers as indicator values write them: «86%», «12,5», «≥ 90 %», «−6»."""

from __future__ import annotations

import re

_NUMBER = re.compile(r"^[^\d+−-]*([+−-]?\d+(?:[.,]\d+)?)\s*(%|[^\d]*)$")


def number(value: str) -> float | None:
    """The one number ``value`` writes («86%», «12,5», «≥ 90 %»), or None when it writes none
    or several («80–85 %»)."""
    found = _NUMBER.match(value.strip().replace("\u00a0", " "))
    if not found:
        return None
    return float(found.group(1).replace(",", ".").replace("−", "-"))


def deviation(target: str, actual: str) -> str:
    """Actual less target, as a report writes it: «+2», «−6,5», «0»; "" unless both are
    numbers."""
    planned, done = number(target), number(actual)
    if planned is None or done is None:
        return ""
    difference = round(done - planned, 2)
    text = f"{abs(difference):g}".replace(".", ",")
    if difference > 0:
        return f"+{text}"
    return f"−{text}" if difference < 0 else "0"
