"""docs/model.md is written from the models; it must say what the code says."""

from __future__ import annotations

import re

from pydantic import BaseModel

from roadmapdocs.model import DOCUMENT_KINDS
from roadmapdocs.model.annotations import inner_model
from roadmapdocs.model.fielddocs import field_docs
from roadmapdocs.model.kinds import BUILTIN
from roadmapdocs.model.reference import PARTS, page
from tests.conftest import ROOT


def test_model_page_is_current() -> None:
    committed = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    assert committed == page(), "run: python -m roadmapdocs.model.reference > docs/model.md"


def test_every_field_of_every_kind_is_documented() -> None:
    text = page()
    for kind, model in DOCUMENT_KINDS.items():
        assert f"`kind: {kind}`" in text
        docs = field_docs(model)
        for name in model.model_fields:
            assert f"| `{name}` |" in text
            assert name == "kind" or docs.get(name), f"{kind}.{name} has no docstring"


_HEADING = re.compile(r"^### `(?:kind: )?([A-Za-z]+)` — (.+)$", re.MULTILINE)


def test_every_kind_and_part_is_headed_in_russian() -> None:
    headings = dict(_HEADING.findall(page()))
    assert set(headings) == {spec.name for spec in BUILTIN} | {p.__name__ for p in PARTS}
    for name, summary in headings.items():
        # Russian words, maybe with a name such as YAML among them; not an English docstring.
        latin = re.findall("[A-Za-z]+", summary)
        assert len(re.findall("[А-Яа-яЁё]+", summary)) >= 3, f"{name}: {summary}"
        assert latin in ([], ["YAML"]), f"{name}: {summary}"


def test_a_kind_is_headed_by_its_own_description() -> None:
    text = page()
    for spec in BUILTIN:
        assert spec.description is not None, spec.name
        assert f"### `kind: {spec.name}` — {spec.description.ru}\n" in text


def test_every_part_a_kind_holds_has_its_heading() -> None:
    reached: set[type[BaseModel]] = set()
    waiting: list[type[BaseModel]] = [spec.model for spec in BUILTIN]
    while waiting:
        for info in waiting.pop().model_fields.values():
            part = inner_model(info.annotation)
            if part is not None and part not in reached:
                reached.add(part)
                waiting.append(part)
    assert reached == set(PARTS)
