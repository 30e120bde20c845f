"""Russian language layer: deadlines (сроки), dates, declension of names and positions, nbsp.

Declension needs dictionaries (pytrovich's rules, pymorphy3's 15 MB dictionary); they are loaded
when a declining name is first used, not when a document that only reads deadlines is loaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from roadmapdocs.lazy import exports

if TYPE_CHECKING:
    from roadmapdocs.lang.dates import DateStyle, format_date
    from roadmapdocs.lang.deadline import (
        Deadline,
        DeadlineKind,
        Frequency,
        Recurrence,
        parse_deadline,
    )
    from roadmapdocs.lang.names import inflect_name, initials_first, name_gender, person_name
    from roadmapdocs.lang.positions import inflect_position
    from roadmapdocs.lang.typography import NBSP, nbsp

_EXPORTS: dict[str, str] = {
    "DateStyle": ".dates",
    "format_date": ".dates",
    "Deadline": ".deadline",
    "DeadlineKind": ".deadline",
    "Frequency": ".deadline",
    "Recurrence": ".deadline",
    "parse_deadline": ".deadline",
    "inflect_name": ".names",
    "initials_first": ".names",
    "name_gender": ".names",
    "person_name": ".names",
    "inflect_position": ".positions",
    "NBSP": ".typography",
    "nbsp": ".typography",
}

__all__ = [
    "NBSP",
    "DateStyle",
    "Deadline",
    "DeadlineKind",
    "Frequency",
    "Recurrence",
    "format_date",
    "inflect_name",
    "inflect_position",
    "initials_first",
    "name_gender",
    "nbsp",
    "parse_deadline",
    "person_name",
]


__getattr__, __dir__ = exports(__name__, _EXPORTS, globals())
