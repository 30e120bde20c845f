"""The field documentation read from the class bodies, as pydantic itself would read it."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ConfigDict

from roadmapdocs.model import DOCUMENT_KINDS, Activity, Order, Person, Roadmap
from roadmapdocs.model.fielddocs import field_docs


@pytest.mark.parametrize(
    ("model", "field", "expected"),
    [
        (Person, "surname", "Фамилия."),
        (Person, "initials", "Инициалы, когда имя и отчество не известны полностью: «Е.А.»."),
        # inherited from DocumentBase, and overridden by the kind
        (Roadmap, "title", "Заголовок документа; переводы строк делят его на строки."),
        (Order, "level", "Уровень; приказ по умолчанию школьный."),
    ],
)
def test_a_field_is_documented_by_the_string_under_it(
    model: type[BaseModel], field: str, expected: str
) -> None:
    assert field_docs(model)[field] == expected


class _Documented(BaseModel):
    model_config = ConfigDict(use_attribute_docstrings=True)

    first: str = ""
    """Первое."""
    """A second string under a field documents nothing."""
    second: int = 0
    third: list[str] = []
    """Третье:
        с продолжением."""


def test_the_same_text_pydantic_reads() -> None:
    expected = {n: f.description for n, f in _Documented.model_fields.items() if f.description}
    assert (
        field_docs(_Documented)
        == expected
        == {"first": "Первое.", "third": "Третье:\nс продолжением."}
    )


def test_every_field_a_document_can_hold_has_its_text() -> None:
    for model in [*DOCUMENT_KINDS.values(), Activity]:
        docs = field_docs(model)
        assert {n for n in model.model_fields if n != "kind"} <= set(docs), model.__name__
