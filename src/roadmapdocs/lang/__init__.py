"""Russian language layer: deadlines (сроки), dates, declension of names and positions, nbsp."""

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
