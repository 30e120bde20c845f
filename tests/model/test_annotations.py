"""Reading field annotations: the wrappers come off, the types a field may hold remain."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal, Optional, Union

import pytest
from pydantic import AfterValidator, BaseModel

from roadmapdocs.model import Activity, Cell, Plan, Section, Table
from roadmapdocs.model.annotations import inner_model, is_model, unwrap

Marked = Annotated[str, AfterValidator(str.strip)]


@pytest.mark.parametrize(
    ("annotation", "options"),
    [
        (str, (str,)),
        (Marked, (str,)),
        (Optional[Marked], (str,)),  # noqa: UP045 - the form pydantic models are written in
        (Marked | None, (str,)),
        (Annotated[date | None, "meta"], (date,)),
        (Union[int, Marked, None], (int, str)),  # noqa: UP007
        (int | list[Marked], (int, list[Marked])),
        (list[Marked], (list[Marked],)),
        (Literal["a", "b"] | None, (Literal["a", "b"],)),
        (type(None), (type(None),)),
    ],
)
def test_unwrap_takes_off_annotated_and_none(annotation: Any, options: tuple[Any, ...]) -> None:
    assert unwrap(annotation) == options


def test_is_model_only_for_model_classes() -> None:
    assert is_model(Plan)
    assert not is_model(Plan()) and not is_model(list[Plan]) and not is_model(str)


@pytest.mark.parametrize(
    ("annotation", "model"),
    [
        (Plan, Plan),
        (Plan | None, Plan),
        (Annotated[Optional[Plan], "meta"], Plan),  # noqa: UP045
        (list[Section], Section),
        (Table.model_fields["rows"].annotation, Cell),
        (str | list[Activity], Activity),
        (list[Marked], None),
        (dict[str, Marked], None),
        (Marked | None, None),
    ],
)
def test_inner_model_looks_through_lists(annotation: Any, model: type[BaseModel] | None) -> None:
    assert inner_model(annotation) is model
