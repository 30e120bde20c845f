"""The documentation of each model field: the string written under it in the class body.

Pydantic can read these itself (``use_attribute_docstrings``), but it does so for every model
as the model is defined, parsing the source of each class: 0.3 s of a 0.8 s ``validate``, for
text that only the JSON Schema and the model reference page show. They read it here, on demand.
"""

from __future__ import annotations

import ast
import functools
import inspect
import sys


@functools.cache
def _module_classes(module: str) -> dict[str, ast.ClassDef]:
    try:
        source = inspect.getsource(sys.modules[module])
    except (OSError, TypeError, KeyError):  # no source to read (a frozen or built module)
        return {}
    return {node.name: node for node in ast.parse(source).body if isinstance(node, ast.ClassDef)}


def _own_docs(cls: type) -> dict[str, str]:
    node = _module_classes(cls.__module__).get(cls.__name__)
    if node is None:
        return {}
    docs: dict[str, str] = {}
    for field, after in zip(node.body, node.body[1:], strict=False):
        if (
            isinstance(field, ast.AnnAssign)
            and isinstance(field.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            docs[field.target.id] = inspect.cleandoc(after.value.value)
    return docs


@functools.cache
def field_docs(cls: type) -> dict[str, str]:
    """Field name → its documentation, for ``cls`` and the classes it inherits fields from."""
    docs: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        docs.update(_own_docs(klass))
    fields = getattr(cls, "model_fields", docs)  # not pydantic's own class attributes
    return {name: text for name, text in docs.items() if name in fields}
