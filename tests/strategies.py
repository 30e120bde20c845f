"""Hypothesis strategies for documents, built from the models themselves.

Every field of every model gets values: text from the whole of Unicode that Word can hold
(«», №, NBSP, `<p>`, `{{ x }}` included), numbers, dates, nested models and lists. Deadlines are
drawn as text, since that is how they are written.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from typing import Any

from hypothesis import strategies as st
from pydantic import BaseModel

from roadmapdocs.lang.deadline import Deadline
from roadmapdocs.model import Order, Passport, Person, Project, Roadmap

# Characters XML 1.0 allows (tab, newline and the printable ranges), without surrogates.
WORD_TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs",),
        blacklist_characters="\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
        "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\ufffe\uffff\r",
    ),
    max_size=30,
)
"""Text a Word document can hold (carriage returns left out: XML reading folds them into \\n)."""

DEADLINE_TEXTS = st.sampled_from(
    ["сентябрь 2024", "до 20 января 2022", "Ежеквартально", "весь период", "2024", "по графику"]
) | WORD_TEXT.filter(str.strip)

PEOPLE = st.builds(
    Person,
    surname=st.sampled_from(["Лаврушкина", "Романова", "Кулиш", "Оловянникова"]),
    initials=st.sampled_from(["Е.А.", "И.Е.", None]),
    first_name=st.sampled_from(["Елена", None]),
    gender=st.sampled_from(["male", "female", None]),
    position=WORD_TEXT | st.none(),
)


def strategy_for(annotation: Any, depth: int = 0) -> st.SearchStrategy[Any]:
    """A strategy for values of a model field's type."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return strategy_for(args[0], depth)
    if origin in (typing.Union, types.UnionType):
        return st.one_of([strategy_for(a, depth) for a in args])
    if annotation is type(None):
        return st.none()
    if origin is typing.Literal:
        return st.sampled_from(args)
    if origin is list:
        size = 2 if depth < 3 else 0
        return st.lists(strategy_for(args[0], depth + 1), max_size=size)
    if origin is dict:
        keys = strategy_for(args[0], depth + 1)
        return st.dictionaries(keys, strategy_for(args[1], depth + 1), max_size=2)
    if annotation is Deadline:
        return DEADLINE_TEXTS
    if annotation is Person:
        return PEOPLE
    if annotation is dt.date:
        return st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31))
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return st.sampled_from(list(annotation))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return models(annotation, depth + 1)
    if annotation is bool:
        return st.booleans()
    if annotation is int:
        return st.integers(1, 5)
    if annotation is float:
        return st.floats(0.5, 3, allow_nan=False)
    if annotation is str:
        return WORD_TEXT
    raise TypeError(f"no strategy for {annotation!r}")


def models(model: type[BaseModel], depth: int = 0) -> st.SearchStrategy[Any]:
    """Instances of ``model`` with any subset of fields set (the rest at defaults)."""
    required: dict[str, st.SearchStrategy[Any]] = {}
    optional: dict[str, st.SearchStrategy[Any]] = {}
    for name, info in model.model_fields.items():
        if name == "kind":
            continue
        if info.is_required():
            required[name] = strategy_for(info.annotation, depth)
        elif depth <= 4:
            optional[name] = strategy_for(info.annotation, depth)
    return st.fixed_dictionaries(required, optional=optional).map(model.model_validate)


def documents() -> st.SearchStrategy[Any]:
    """Any document: roadmap, passport, order or project."""
    return st.one_of(models(Roadmap), models(Passport), models(Order), models(Project))
