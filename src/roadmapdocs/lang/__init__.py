"""Russian language layer: deadlines (сроки), dates, declension of names and positions, typography."""

from roadmapdocs.lang.deadline import Deadline, DeadlineKind, Recurrence, parse_deadline

__all__ = ["Deadline", "DeadlineKind", "Recurrence", "parse_deadline"]
