"""What several rules need: blank checks, the rows that carry terms, hierarchical numbers."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from roadmapdocs.lang.deadline import Deadline
from roadmapdocs.model import Activity, ActivityField, ControlPoint, Party, Plan
from roadmapdocs.model.walk import Leaves, activities, control_points, leaves
from roadmapdocs.rules.base import Context
from roadmapdocs.sourcemap import PathKey


def blank(value: str | None) -> bool:
    """No text at all, or only spaces, dashes and dots: a «-» or «.» in a cell says «nothing»."""
    return value is None or not value.strip(" \t\n\u00a0-–—.…")


SHARE_UNIT = re.compile(r"^\s*(?:%|процент\w*|доля|доли|в\s*%)\s*$", re.I)
"""A unit that makes an indicator a share: «%», «процент», «доля», «в %»."""

SHARE_NAME = re.compile(r"^\W*(?:\d+(?:\.\d+)*\.?\s*)?(?:доля|удельный\s+вес|процент)\b", re.I)
"""An indicator named as a share: «Доля педагогов …», «1.2. Удельный вес …», «Процент …»."""

_VALUE_NUMBER = r"(?<![\d.,])[-−]?\d+(?:[.,]\d+)?"
_NUMBER_IN_VALUE = re.compile(_VALUE_NUMBER)
_PERCENTAGE = re.compile(rf"({_VALUE_NUMBER})(?:\s*[–—-]\s*({_VALUE_NUMBER}))?\s*%")


def percent(value: str, unit: str | None) -> bool:
    """A value reads as a percentage: it carries «%», or its indicator's unit is a share one
    (:data:`SHARE_UNIT`)."""
    return "%" in value or bool(SHARE_UNIT.match(unit or ""))


def value_numbers(value: str) -> list[float]:
    """The numbers an indicator's value states; in a value with «%», the numbers the sign is
    written after: «24 % (120 чел.)» → [24], «80–85 %» → [80, 85], «12,5» → [12.5]. A minus makes
    a number negative unless it joins two numbers: «−5 %» → [−5], «1-2 %» → [1, 2]. A value with
    no number («положительная динамика») → []."""
    if "%" in value:
        found = [n for m in _PERCENTAGE.finditer(value) for n in m.groups() if n]
    else:
        found = _NUMBER_IN_VALUE.findall(value)
    return [float(n.replace(",", ".").replace("−", "-")) for n in found]


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


def document_activities(context: Context) -> tuple[tuple[PathKey, Activity, Plan], ...]:
    """Every activity of the document (nested included) with its path and plan, in document
    order (:func:`~roadmapdocs.model.walk.activities`), walked once per validation: a dozen
    rules read them."""
    found: tuple[tuple[PathKey, Activity, Plan], ...] = context.shared(
        "activities", lambda: tuple(activities(context.document))
    )
    return found


def rows(context: Context) -> tuple[Row, ...]:
    """Every activity (nested included) and every control point, in document order."""

    def made() -> tuple[Row, ...]:
        found = [Row(path, activity, plan) for path, activity, plan in document_activities(context)]
        found += [Row(path, point, None) for path, point in control_points(context.document)]
        return tuple(found)

    found: tuple[Row, ...] = context.shared("rows", made)
    return found


def rows_to_fill(
    context: Context, column: ActivityField, *, control_points: bool = True
) -> Iterator[Row]:
    """The rows whose ``column`` cell must not be empty: activities of plans that show that
    column and, with ``control_points``, every control point (its table always shows it).
    Rows that only group nested activities are left out: their children carry the values."""
    for row in rows(context):
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


def _leaves(context: Context) -> Leaves:
    """The document's texts, prose and dates, walked once per validation."""
    found: Leaves = context.shared("leaves", lambda: leaves(context.document))
    return found


def document_texts(context: Context) -> tuple[tuple[PathKey, str], ...]:
    """Every text value of the document with its path (:func:`~roadmapdocs.model.walk.texts`)."""
    return _leaves(context).texts


def document_prose(context: Context) -> tuple[tuple[PathKey, str], ...]:
    """The texts of the document without its requisites (a registration number, a date, a
    place, an organisation's short name)."""
    return _leaves(context).prose


def document_dates(context: Context) -> tuple[tuple[PathKey, dt.date], ...]:
    """Every date field of the document with its path (:func:`~roadmapdocs.model.walk.dates`)."""
    return _leaves(context).dates
