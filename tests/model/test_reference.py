"""docs/model.md is written from the models; it must say what the code says."""

from __future__ import annotations

from roadmapdocs.model import DOCUMENT_KINDS
from roadmapdocs.model.fielddocs import field_docs
from roadmapdocs.model.reference import page
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
