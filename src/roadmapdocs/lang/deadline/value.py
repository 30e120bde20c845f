"""The deadline value: its kind, the first and last day it covers, a recurrence, a remark."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any, Literal


class DeadlineKind(str, Enum):
    """What kind of term a deadline text states."""

    DATE = "date"
    """Один день: «21.02.2023»."""
    PERIOD = "period"
    """Отрезок: месяц, квартал, полугодие, год, учебный год, «с … по …»."""
    BY = "by"
    """Не позднее дня: «до 20 января 2022»."""
    FROM = "from"
    """Начиная с дня: «с февраля 2024»."""
    SEVERAL = "several"
    """Несколько сроков: «май, октябрь 2024 г.»."""
    RECURRING = "recurring"
    """Повторяется: «ежеквартально», «Ежегодно: март, май»."""
    WHOLE_PERIOD = "whole_period"
    """Весь период документа: «весь период», «постоянно»."""
    AS_NEEDED = "as_needed"
    """По необходимости."""
    SCHEDULE = "schedule"
    """По графику или плану, утверждённому отдельно."""
    RELATIVE = "relative"
    """От события: «в течение 2 дней со дня …»."""
    TEXT = "text"
    """Не разобран; текст сохранён как есть."""


class Frequency(str, Enum):
    """The unit a recurring term repeats in."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    YEAR = "year"
    SCHOOL_QUARTER = "school_quarter"
    """Учебная четверть."""
    SCHOOL_HALF_YEAR = "school_half_year"
    """Учебное полугодие."""


@dataclass(frozen=True)
class Recurrence:
    """How often a recurring term repeats: every ``interval`` units of ``frequency``.

    ``months`` are the months of a yearly term («Ежегодно: март, май» → (3, 5)); ``day`` is the
    day of the month a monthly term falls due («до 25 числа каждого месяца» → 25).
    """

    frequency: Frequency
    interval: int = 1
    months: tuple[int, ...] = ()
    day: int | None = None


FormatStyle = Literal["text", "numeric"]
"""``text`` writes months in words («до 20 января 2022 г.»), ``numeric`` days as «20.01.2022»."""


@dataclass(frozen=True)
class Deadline:
    """A term as written (``text``) and as understood (``kind``, ``start``, ``end`` …).

    ``start`` and ``end`` are the first and the last day the term covers, both inclusive; either
    is ``None`` when the text does not fix it (a term «с февраля 2024» has no end, a month named
    without a year has no dates until the document's period places it). A ``several`` term keeps
    its pieces in ``parts`` and spans their hull.
    """

    text: str
    kind: DeadlineKind = DeadlineKind.TEXT
    start: date | None = None
    end: date | None = None
    note: str | None = None
    """Примечание в скобках или после срока: «по утвержденному графику»."""
    recurrence: Recurrence | None = None
    parts: tuple[Deadline, ...] = field(default=())

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Deadline:
        """Build a deadline from its structured YAML form.

        ``{text: …}`` is read like a plain string; ``{kind: period, start: 2024-02-01, end:
        2024-03-31}`` is taken as given and its text written by :meth:`format`. Raises
        :class:`ValueError` with a message for the author of the document.
        """
        # Imported here: the YAML form, and the grammar it reads text with, build on this type.
        from roadmapdocs.lang.deadline.mapping import from_mapping

        return from_mapping(data)

    def to_data(self) -> str:
        """What YAML and JSON keep: the original text."""
        return self.text

    def format(self, style: FormatStyle = "text") -> str:
        """The term in customary Russian; reading it back gives the same term."""
        # Imported here: the formatter builds on this type.
        from roadmapdocs.lang.deadline.format import format_deadline

        return format_deadline(self, style)

    def is_overdue(self, as_of: date) -> bool:
        """Whether the last day of the term is before ``as_of``; terms with no end never are."""
        return self.end is not None and self.end < as_of

    def sort_key(self) -> tuple[bool, date, date, str]:
        """Order for monitoring: by last day, terms with no known end after all others."""
        return (
            self.end is None,
            self.end or date.max,
            self.start or date.min,
            self.text,
        )
