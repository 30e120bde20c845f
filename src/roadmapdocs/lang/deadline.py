"""Deadlines (сроки) as structured terms: what a plan's «Сроки» column says, in dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any


class DeadlineKind(str, Enum):
    """What kind of term a deadline text states."""

    DATE = "date"
    PERIOD = "period"
    BY = "by"
    FROM = "from"
    SEVERAL = "several"
    RECURRING = "recurring"
    WHOLE_PERIOD = "whole_period"
    AS_NEEDED = "as_needed"
    SCHEDULE = "schedule"
    RELATIVE = "relative"
    TEXT = "text"


@dataclass(frozen=True)
class Recurrence:
    """How often a recurring term repeats."""

    frequency: str
    interval: int = 1
    months: tuple[int, ...] = ()


@dataclass(frozen=True)
class Deadline:
    """A term as written (``text``) and as understood (``kind``, ``start``, ``end`` …)."""

    text: str
    kind: DeadlineKind = DeadlineKind.TEXT
    start: date | None = None
    end: date | None = None
    note: str | None = None
    recurrence: Recurrence | None = None
    parts: tuple[Deadline, ...] = ()

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> Deadline:
        """Build a deadline from its structured YAML form (``text`` or ``kind`` with dates)."""
        text = data.get("text")
        if isinstance(text, str) and text:
            return parse_deadline(text)
        raise ValueError("a structured deadline needs «text»")

    def to_data(self) -> str:
        """What YAML and JSON keep: the original text."""
        return self.text


def parse_deadline(text: str, *, within: tuple[date, date] | None = None) -> Deadline:
    """Read a deadline text; never raises on non-empty text."""
    return Deadline(text=text)
