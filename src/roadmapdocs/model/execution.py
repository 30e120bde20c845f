"""How an activity stands on the date of a report: its status field and the dates reports use."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer
from pydantic_core import PydanticCustomError

from roadmapdocs.lang.status import WORDS, Status, parse_status
from roadmapdocs.messages import pydantic_template
from roadmapdocs.model.dates import Date

__all__ = ["Date", "Status", "StatusField"]


def _status(value: Any) -> Any:
    if isinstance(value, Status):
        return value
    if isinstance(value, str):
        found = parse_status(value)
        if found is not None:
            return found
    raise PydanticCustomError(
        "status",
        pydantic_template("status"),
        {"text": str(value), "expected": ", ".join(f"«{w}»" for w in WORDS)},
    )


StatusField = Annotated[
    Status,
    BeforeValidator(_status, json_schema_input_type=str),
    PlainSerializer(lambda status: status.value, return_type=str),
]
"""A status, written as reports write it («выполнено», «в работе», «Выполнен») or by its code
(``done``); kept as :class:`~roadmapdocs.lang.status.Status` and written back as its word."""
