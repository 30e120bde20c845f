"""What the monitoring rules share: the activities that carry an execution, and the date a
document bears."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from roadmapdocs.model import Activity, Document
from roadmapdocs.model.order import quoted_requisites
from roadmapdocs.rules.base import Context
from roadmapdocs.rules.builtin._shared import rows
from roadmapdocs.sourcemap import PathKey


def executed(context: Context) -> Iterator[tuple[PathKey, Activity]]:
    """Every activity with a status, a done date or a report, with its path."""
    for row in rows(context):
        item = row.item
        if isinstance(item, Activity) and (item.status or item.done or item.report):
            yield row.path, item


def document_date(document: Document) -> date | None:
    """The date the document bears: its own ``date`` (an order), else the date its approval
    stamp quotes («УТВЕРЖДЕНА приказом … от 29.08.2024 № 145») — the earliest, when the stamp
    also quotes the orders that amended it; None when it bears none."""
    own = getattr(document, "date", None)
    if isinstance(own, date):
        return own
    if document.approval:
        _, dates = quoted_requisites(document.approval)
        if dates:
            return min(dates)
    return None
