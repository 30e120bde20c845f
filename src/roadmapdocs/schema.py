"""JSON Schema of the documents, for editors (YAML language server) and other systems.

The schema describes what a YAML file may say, not only the objects the model keeps: a
responsible written as «Зам директора по УВР», a cell as «86%» or 86, a list of one as its only
item, a number where text is expected (``number: 1``). Those shorthands are read by validators
that run before the model's own; the schema learns them from the validators themselves, so a
new shorthand in the model needs no change here.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from roadmapdocs.model import kinds
from roadmapdocs.model.fielddocs import field_docs


def json_schema(kind: str | None = None) -> dict[str, Any]:
    """The JSON Schema of every document (``kind=None``) or of one kind (``"order"`` …)."""
    if kind is None:
        schema: dict[str, Any] = kinds.adapter().json_schema(schema_generator=_Shorthands)
    else:
        found = kinds.registry().get(kind)
        if found is None:
            raise KeyError(kind)
        schema = found.model.model_json_schema(schema_generator=_Shorthands)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema.setdefault("title", "roadmapdocs")
    return schema


# One value of each JSON type a YAML scalar or mapping can be; a validator that turns one into
# something of another type, or rejects it with its own message, reads that type as a shorthand.
_PROBES: tuple[tuple[object, JsonSchemaValue], ...] = (
    ("05.09.2024", {"type": "string"}),
    (1, {"type": "integer"}),
    (None, {"type": "null"}),
    ({}, {"type": "object"}),
)


class _Shorthands(GenerateJsonSchema):
    """Pydantic's schema, widened by what the before-validators and number coercion accept."""

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        found = super().str_schema(schema)
        if self._config.coerce_numbers_to_str and found == {"type": "string"}:
            # «number: 1», «value: 86»: numbers are read as their text.
            return {"type": ["string", "number"]}
        return found

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        found = super().model_schema(schema)
        model: type = schema["cls"]
        _describe_fields(found, field_docs(model))
        if "anyOf" in found and "additionalProperties" in found:
            # «No unknown fields» belongs to the mapping form, not to the string beside it.
            closed = found.pop("additionalProperties")
            for branch in found["anyOf"]:
                if branch.get("type") == "object" and "properties" in branch:
                    branch.setdefault("additionalProperties", closed)
        return found

    def function_before_schema(
        self, schema: core_schema.BeforeValidatorFunctionSchema
    ) -> JsonSchemaValue:
        full = super().function_before_schema(schema)
        if self.mode != "validation" or schema.get("json_schema_input_schema"):
            return full
        function = schema["function"]
        call = function["function"]
        with_info = function["type"] == "with-info"
        shorthands: list[JsonSchemaValue] = []
        for sample, plain in _PROBES:
            probe = copy.deepcopy(sample)  # a validator may change the mapping it is handed
            read = _reads(call, probe, with_info)
            if read is _UNTOUCHED:
                continue
            # A validator that wraps one item in a list takes that item in any of its forms.
            single = full.get("items") if isinstance(read, list) and sample == {} else None
            shorthand = single if isinstance(single, dict) else plain
            if shorthand not in shorthands:
                shorthands.append(shorthand)
        if not shorthands:
            return full
        return {"anyOf": [*shorthands, full]}


def _describe_fields(found: JsonSchemaValue, docs: dict[str, str]) -> None:
    """Each property of the model's mapping form gets its field's documentation."""
    forms = [found, *found.get("anyOf", ())]
    for form in forms:
        for name, value in form.get("properties", {}).items():
            if name in docs and isinstance(value, dict):
                value.setdefault("description", docs[name])


_UNTOUCHED = object()


def _reads(call: Callable[..., Any], probe: object, with_info: bool) -> object:
    """What the validator makes of ``probe``: ``_UNTOUCHED`` if it passes it on as it is."""
    try:
        read = call(probe, None) if with_info else call(probe)
    except (ValueError, TypeError, AssertionError):
        return None  # rejected with a message of its own: the type is the validator's to read
    same_kind = type(read) is type(probe) or (probe is None and read is None)
    return _UNTOUCHED if same_kind else read
