"""The JSON Schema that editors use must match the model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

import roadmapdocs
from roadmapdocs.loader import dumps
from roadmapdocs.schema import json_schema
from tests.conftest import EXAMPLES
from tests.strategies import documents

jsonschema = pytest.importorskip("jsonschema")


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


def _errors(data: object, schema: dict[str, Any] | None = None) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema or json_schema())
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}"
        for e in validator.iter_errors(data)
    ]


_EXAMPLES = sorted(EXAMPLES.glob("*.yaml"))


@pytest.mark.parametrize("path", _EXAMPLES, ids=[p.name for p in _EXAMPLES])
def test_every_example_is_valid_under_the_schema(path: Path) -> None:
    # Editors check the files against this schema: a file the loader reads must not be flagged.
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    committed = json.loads((EXAMPLES / "schema" / "roadmapdocs.schema.json").read_text("utf-8"))
    assert _errors(data) == []
    assert _errors(data, committed) == []
    assert _errors(data, json_schema(data["kind"])) == []


@pytest.mark.parametrize(
    ("shorthand", "value"),
    [
        ("responsible as a string", {"responsible": "Зам директора по УВР"}),
        ("responsible as one party", {"responsible": {"body": "УО", "people": ["Чиж Л.В."]}}),
        ("responsible as a list of both", {"responsible": ["УО", {"people": ["Кулиш О.И."]}]}),
        ("a person as «Фамилия И.О.»", {"responsible": [{"people": ["Чиж Л.В."]}]}),
        ("a number as text", {"number": 3, "result": 100}),
        ("items as a YAML list", {"result": ["протокол", "справка"], "description": ["а", "б"]}),
    ],
)
def test_shorthands_are_valid(shorthand: str, value: dict[str, Any]) -> None:
    activity = {"number": "1.1", "text": "Педсовет", **value}
    data = {"kind": "roadmap", "level": "school", "plan": {"activities": [activity]}}
    assert _errors(data) == [], shorthand
    roadmapdocs.load(data)  # and the model takes it


@pytest.mark.parametrize(
    "activity",
    [
        {"text": "Педсовет", "unknown": 1},
        {"text": "Педсовет", "responsible": 5},
        {"text": {"items": ["Педсовет"]}},
        {"text": "Педсовет", "result": [["протокол"]]},
        {"text": "Педсовет", "responsible": [{"people": "Чиж Л.В.", "x": 1}]},
    ],
)
def test_the_schema_still_rejects_what_the_model_rejects(activity: dict[str, Any]) -> None:
    data = {"kind": "roadmap", "level": "school", "plan": {"activities": [activity]}}
    assert _errors(data) != []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_whatever_the_model_writes_the_schema_accepts(document: Any) -> None:
    assert _errors(yaml.safe_load(dumps(document))) == []
