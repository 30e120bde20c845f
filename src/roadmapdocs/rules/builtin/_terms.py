"""Terms of plan rows as dates: what the three deadline rules share."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from roadmapdocs.lang.deadline import Deadline, DeadlineKind
from roadmapdocs.rules.base import Context
from roadmapdocs.rules.builtin._shared import Row, rows
from roadmapdocs.sourcemap import PathKey


def terms(context: Context) -> Iterator[tuple[Row, PathKey, Deadline]]:
    """Each row with a written term, and the path of that term."""
    for row in rows(context):
        deadline = row.item.deadline
        if deadline is not None and deadline.text.strip():
            yield row, (*row.path, "deadline"), deadline


def unparsed(deadline: Deadline) -> bool:
    return deadline.kind == DeadlineKind.TEXT


def past_due(deadline: Deadline, as_of: date) -> bool:
    """Whether the term ended before ``as_of``; the parser's own judgement where it has one."""
    judge = getattr(deadline, "is_overdue", None)
    if callable(judge):
        return bool(judge(as_of))
    return deadline.end is not None and deadline.end < as_of


def show(day: date) -> str:
    return day.strftime("%d.%m.%Y")
