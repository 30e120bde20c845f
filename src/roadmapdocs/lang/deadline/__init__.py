"""Deadlines (сроки) as structured terms: what a plan's «Сроки» column says, in dates.

A deadline is read from the text people actually write («Февраль – март 2024», «до 20 января
2022», «Ежегодно: март, май», «по плану СКИРО ПК и ПРО») into a :class:`Deadline`: a kind, the
first and last day it covers, a recurrence, a remark. Reading never fails: what is not understood
stays as text with kind ``text``. Writing back (:meth:`Deadline.format`) gives the customary
Russian form, and reading that form again gives the same term.

The value lives in :mod:`.value`, the grammar in :mod:`.parse` (with the token language of its
words in :mod:`.words`), the written form in :mod:`.format` and the YAML form in :mod:`.mapping`.
"""

from roadmapdocs.lang.deadline.parse import Span, parse_deadline
from roadmapdocs.lang.deadline.value import (
    Deadline,
    DeadlineKind,
    FormatStyle,
    Frequency,
    Recurrence,
)

__all__ = [
    "Deadline",
    "DeadlineKind",
    "FormatStyle",
    "Frequency",
    "Recurrence",
    "Span",
    "parse_deadline",
]
