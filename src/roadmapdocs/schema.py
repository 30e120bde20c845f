"""JSON Schema of the documents, for editors (YAML language server) and other systems."""

from __future__ import annotations

from typing import Any

from roadmapdocs.model import DOCUMENT_KINDS, document_adapter


def json_schema(kind: str | None = None) -> dict[str, Any]:
    """The JSON Schema of every document (``kind=None``) or of one kind (``"order"`` …)."""
    if kind is None:
        schema = document_adapter.json_schema()
    else:
        model = DOCUMENT_KINDS.get(kind)
        if model is None:
            raise KeyError(kind)
        schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema.setdefault("title", "roadmapdocs")
    return schema
