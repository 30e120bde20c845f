"""The model's own pydantic errors: one wording, the catalogue's, whoever reads them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pydantic import ValidationError

from roadmapdocs.messages import _PYDANTIC
from roadmapdocs.model.base import Model, Text
from roadmapdocs.model.person import Person


class _Line(Model):
    text: Text


@pytest.mark.parametrize(
    ("check", "error_type"),
    [
        (lambda: Person.model_validate("три слова и ещё"), "person_name"),
        (lambda: _Line(text="a\x01b"), "xml_char"),
    ],
    ids=["person-name", "xml-char"],
)
def test_pydantic_reads_the_catalogue_wording(check: Callable[[], object], error_type: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check()
    (error,) = caught.value.errors()
    assert error["type"] == error_type
    assert error["msg"] == _PYDANTIC[error_type].en.format(**error.get("ctx", {}))
