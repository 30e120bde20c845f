"""The base of every model: strict about unknown fields, verbatim about text."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict
from pydantic_core import PydanticCustomError

from roadmapdocs.messages import pydantic_template

# Characters XML 1.0 forbids, so Word cannot hold them: C0 controls other than tab, newline and
# carriage return, lone surrogates, and the two non-characters U+FFFE and U+FFFF.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _check_text(value: str) -> str:
    found = _XML_ILLEGAL.search(value)
    if found:
        raise PydanticCustomError(
            "xml_char",
            pydantic_template("xml_char"),
            {"code": f"{ord(found.group()):04X}", "position": found.start() + 1},
        )
    # A line break is «\n», however the text came: YAML folds «\r\n» itself, text passed
    # from Python (a Windows file, a form) does not, and «\r» would render as a second break.
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value


Text = Annotated[str, AfterValidator(_check_text)]
"""Text kept verbatim (quotes «», №, dashes, non-breaking spaces) and checked for Word."""


# «…соглашений: - по использованию …; - по реализации …»: a lead ending in a colon, then items
# each after « - », the ones before the last ending in a semicolon.
_LEAD = re.compile(r":[ \u00a0]+-[ \u00a0]+")
_NEXT_ITEM = re.compile(r";[ \u00a0]+-[ \u00a0]+")


def _as_items(value: Any) -> Any:
    """A YAML list is items, one «- item» line each."""
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return "\n".join(f"- {item}" for item in value)
    return value


def _items_on_lines(value: str) -> str:
    """The inline list form the documents type, «вводные слова: - а; - б», as one item a line:
    «вводные слова:\n- а;\n- б». Only the spaces before each dash change; a text without
    «: - », or with its items on lines already (as it is loaded back), is left as it is."""
    if not _LEAD.search(value) or value.startswith("- ") or "\n- " in value:
        return value
    value = _LEAD.sub(":\n- ", value, count=1)
    return _NEXT_ITEM.sub(";\n- ", value)


ItemText = Annotated[
    str,
    # The schema says what a file may hold: a text, or a list of item texts.
    BeforeValidator(_as_items, json_schema_input_type=str | list[str]),
    AfterValidator(_check_text),
    AfterValidator(_items_on_lines),
]
"""Text that may hold a list: a YAML list of items, or «…: - а; - б» as the documents type it,
is kept one «- item» a line, and printed so, one item a line with its dash."""


def _str_to_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


TextList = Annotated[list[Text], BeforeValidator(_str_to_list)]
"""A list of paragraphs or items; a single string is a list of one."""


class Model(BaseModel):
    """Common configuration: unknown fields are errors, numbers may stand for text.

    The string under each field documents it (read by :mod:`roadmapdocs.model.fielddocs`).
    """

    model_config = ConfigDict(
        extra="forbid",
        coerce_numbers_to_str=True,
        populate_by_name=True,
        # A model is built when first used: a document of one kind needs few of the others.
        defer_build=True,
    )
