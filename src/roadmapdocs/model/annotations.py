"""Reading the type annotations of model fields: what a field may hold, once its wrappers are off.

A field is written ``Annotated[…]`` for its validators and ``X | None`` when it may be empty; the
loader's hints, the template linter's samples, the template context's empty values and the
model reference all look through those wrappers the same way, here. What each makes of the
types it finds stays with it.
"""

from __future__ import annotations

import types
import typing
from typing import Any, TypeGuard

from pydantic import BaseModel


def unwrap(annotation: Any) -> tuple[Any, ...]:
    """The types a field of ``annotation`` may hold, in order, with the ``Annotated`` metadata
    taken off and ``None`` left out: ``Annotated[str, …] | None`` → ``(str,)``, ``A | B`` →
    ``(A, B)``, ``list[A]`` → ``(list[A],)``. Never empty: a union has an option besides None."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = typing.get_args(annotation)
        return tuple(option for arg in args if arg is not type(None) for option in unwrap(arg))
    return (annotation,)


def is_model(annotation: Any) -> TypeGuard[type[BaseModel]]:
    """Whether ``annotation`` is a model class (a part of a document with fields of its own)."""
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def inner_model(annotation: Any) -> type[BaseModel] | None:
    """The model a field of ``annotation`` holds, itself or as the items of its lists (lists of
    lists too): ``Plan | None`` → Plan, ``list[list[Cell]]`` → Cell; None if it holds none."""
    for option in unwrap(annotation):
        if is_model(option):
            return option
        if typing.get_origin(option) is list:
            found = inner_model(typing.get_args(option)[0])
            if found is not None:
                return found
    return None
