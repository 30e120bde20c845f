"""What several rules need: blank checks, the rows that carry terms, hierarchical numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from roadmapdocs.lang.deadline import Deadline
from roadmapdocs.model import Activity, ActivityField, ControlPoint, Document, Party, Plan
from roadmapdocs.model.walk import activities, control_points, texts
from roadmapdocs.rules.base import Context
from roadmapdocs.sourcemap import PathKey


def blank(value: str | None) -> bool:
    """No text at all, or only spaces, dashes and dots: a «-» or «.» in a cell says «nothing»."""
    return value is None or not value.strip(" \t\n\u00a0-–—.…")


SHARE_UNIT = re.compile(r"^\s*(?:%|процент\w*|доля|доли|в\s*%)\s*$", re.I)
"""A unit that makes an indicator a share: «%», «процент», «доля», «в %»."""


def nobody(parties: list[Party]) -> bool:
    """The responsible cell names no one."""
    return all(blank(str(party)) for party in parties)


def no_term(deadline: Deadline | None) -> bool:
    return deadline is None or blank(deadline.text)


@dataclass(frozen=True)
class Row:
    """A plan row or a control point: what the completeness rules look at."""

    path: PathKey
    item: Activity | ControlPoint
    plan: Plan | None
    """The plan of an activity, for its columns; ``None`` for a control point."""

    @property
    def is_heading(self) -> bool:
        """A row that only groups nested activities: the children carry terms and owners."""
        return isinstance(self.item, Activity) and bool(self.item.activities)


def rows(document: Document) -> Iterator[Row]:
    """Every activity (nested included) and every control point, in document order."""
    for path, activity, plan in activities(document):
        yield Row(path, activity, plan)
    for path, point in control_points(document):
        yield Row(path, point, None)


def rows_to_fill(
    document: Document, column: ActivityField, *, control_points: bool = True
) -> Iterator[Row]:
    """The rows whose ``column`` cell must not be empty: activities of plans that show that
    column and, with ``control_points``, every control point (its table always shows it).
    Rows that only group nested activities are left out: their children carry the values."""
    for row in rows(document):
        if row.is_heading:
            continue
        if row.plan is None:
            if control_points:
                yield row
        elif row.plan.has_column(column):
            yield row


_NUMBER = re.compile(r"^\d+(?:\.\d+)*\.?$")


def parse_number(text: str | None) -> tuple[int, ...] | None:
    """«3.1.2» or «1.3.» → (3, 1, 2) / (1, 3); anything else (a letter, «*») → None."""
    if text is None:
        return None
    cleaned = text.strip()
    if not _NUMBER.match(cleaned):
        return None
    return tuple(int(part) for part in cleaned.rstrip(".").split("."))


def normalise(text: str) -> str:
    """Text compared for sameness: case, «ё», punctuation, quotes and spacing do not count."""
    lowered = text.lower().replace("ё", "е")
    return " ".join(re.sub(r"[^\w\s]|_", " ", lowered).split())


def document_texts(context: Context) -> tuple[tuple[PathKey, str], ...]:
    """Every text value of the document with its path, walked once per validation."""
    found: tuple[tuple[PathKey, str], ...] = context.shared(
        "texts", lambda: tuple(texts(context.document))
    )
    return found


def document_prose(context: Context) -> tuple[tuple[PathKey, str], ...]:
    """The texts of the document without its requisites (a registration number, a date, a
    place, an organisation's short name), walked once per validation."""
    found: tuple[tuple[PathKey, str], ...] = context.shared(
        "prose", lambda: tuple(texts(context.document, with_requisites=False))
    )
    return found
