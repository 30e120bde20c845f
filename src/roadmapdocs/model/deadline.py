"""The deadline field of the model: written as text, kept as a structured :class:`Deadline`."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

from roadmapdocs.lang.deadline import Deadline, parse_deadline
from roadmapdocs.model.base import _check_text


def _to_deadline(value: Any) -> Any:
    if isinstance(value, Deadline):
        return value
    if isinstance(value, date):
        value = value.strftime("%d.%m.%Y")
    if isinstance(value, int):
        value = str(value)
    if isinstance(value, str):
        return parse_deadline(_check_text(value))
    if isinstance(value, dict):
        # Its words are checked for Word as a plain deadline's are.
        value = {
            key: _check_text(item) if key in ("text", "note") and isinstance(item, str) else item
            for key, item in value.items()
        }
        try:
            return Deadline.from_mapping(value)
        except ValueError as error:
            # A typed error, so the loader shows the reader's own message without pydantic's
            # «Value error,» prefix.
            raise PydanticCustomError(
                "deadline", "invalid deadline: {message}", {"message": str(error)}
            ) from None
    return value


DeadlineField = Annotated[
    Deadline,
    BeforeValidator(_to_deadline),
    PlainSerializer(lambda d: d.to_data(), when_used="always"),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "description": "Срок как он написан: «Февраль – март 2024»"},
                {"type": "integer", "description": "Год: 2024"},
                {
                    "type": "object",
                    "description": "Срок в разобранном виде",
                    "properties": {
                        "text": {"type": "string"},
                        "kind": {"type": "string"},
                        "start": {"type": "string", "format": "date"},
                        "end": {"type": "string", "format": "date"},
                        "note": {"type": "string"},
                    },
                },
            ]
        }
    ),
]
"""Сроки. YAML takes the plain text («до 20 января 2022») and writes the same text back."""
