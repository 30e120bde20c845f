"""The JSON Schema that editors use must match the model."""

from __future__ import annotations

import json

import pytest

from roadmapdocs.schema import json_schema
from tests.conftest import EXAMPLES


def test_committed_schema_is_current() -> None:
    committed = json.loads((EXAMPLES / "schema" / "roadmapdocs.schema.json").read_text("utf-8"))
    assert committed == json_schema(), (
        "run: roadmapdocs schema > examples/schema/roadmapdocs.schema.json"
    )


@pytest.mark.parametrize("kind", ["roadmap", "passport", "order", "project"])
def test_schema_of_one_kind(kind: str) -> None:
    schema = json_schema(kind)
    assert schema["properties"]["kind"]["const"] == kind


def test_every_example_names_the_schema() -> None:
    for path in sorted(EXAMPLES.glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=schema/roadmapdocs.schema.json", path.name
