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
