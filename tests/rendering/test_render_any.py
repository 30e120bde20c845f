"""Any document the loader accepts, however unfinished, renders with a built-in template.

Saying what is missing is the validator's job: a half-finished file still makes a Word document
that shows every activity, control point and indicator it already has.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from pydantic import BaseModel

import roadmapdocs
from roadmapdocs.errors import TemplateError, TemplateSecurityError
from roadmapdocs.lint import sample_document
from roadmapdocs.model import Order, Roadmap
from roadmapdocs.model.document import LEVELS, DocumentBase
from roadmapdocs.model.kinds import BUILTIN
from roadmapdocs.rendering.context import (
    AddresseesView,
    EmptyView,
    ModelView,
    PersonView,
    build_context,
)
from roadmapdocs.settings import Settings
from roadmapdocs.templates import Registry
from tests.rendering.conftest import docx_paragraphs, expected_texts, make_template, normalise
from tests.strategies import documents

KINDS = [spec.name for spec in BUILTIN]
BUILTINS = Registry(use_env=False, packs=False)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=documents())
def test_any_document_renders_and_shows_every_item(
    document: DocumentBase, tmp_path_factory: pytest.TempPathFactory
) -> None:
    out = tmp_path_factory.mktemp("any") / "out.docx"
    roadmapdocs.render(document, out, registry=BUILTINS)
    docx.Document(str(out))
    body = normalise("\n".join(docx_paragraphs(out)))
    missing = [text for text in expected_texts(document) if normalise(text) not in body]
    assert missing == []


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_at_every_level_has_a_built_in_template(
    kind: str, level: str, tmp_path: Path
) -> None:
    template = BUILTINS.default_for(kind, level)
    assert (template.manifest.kind, template.manifest.level) == (kind, level)
    document = sample_document(kind).model_copy(update={"level": level})
    out = roadmapdocs.render(document, tmp_path / "out.docx", registry=BUILTINS)
    assert docx.Document(str(out)).paragraphs


# What a missing model reads as, from a template of one's own (regional offices write them too).


def test_a_missing_organisation_reads_empty_at_any_depth(tmp_path: Path) -> None:
    template = make_template(
        tmp_path / "t",
        "[{{ doc.organisation.parent_body }}|{{ doc.organisation.head.surname }}]",
        "[{{ doc.organisation }}|{{ doc.organisation.head | dative }}]",
        "{% if doc.organisation %}есть{% else %}нет{% endif %}",
        "{% for key in doc.organisation %}{{ key }}{% endfor %}конец",
    )
    out = roadmapdocs.render(Order(title="О плане"), tmp_path / "o.docx", template=template)
    assert list(docx_paragraphs(out)) == ["[|]", "[|]", "нет", "конец"]


def test_a_missing_plan_has_no_rows_and_no_columns(tmp_path: Path) -> None:
    template = make_template(
        tmp_path / "t",
        "{{ doc.mechanisms.rows | length }} {{ doc.mechanisms.columns | length }}",
        "[{{ doc.mechanisms.title }}]",
        name="school/roadmap",
    )
    document = Roadmap(level="school", title="Дорожная карта")
    out = roadmapdocs.render(document, tmp_path / "r.docx", template=template)
    assert list(docx_paragraphs(out)) == ["0 0", "[]"]


def test_a_name_a_missing_model_lacks_is_still_an_error(tmp_path: Path) -> None:
    template = make_template(tmp_path / "t", "{{ doc.organisation.adress }}")
    with pytest.raises(TemplateError, match="adress"):
        roadmapdocs.render(Order(title="О плане"), tmp_path / "o.docx", template=template)


def test_a_missing_model_keeps_its_insides_out_of_reach(tmp_path: Path) -> None:
    template = make_template(tmp_path / "t", "{{ doc.organisation._model_type }}")
    with pytest.raises(TemplateSecurityError):
        roadmapdocs.render(Order(title="О плане"), tmp_path / "o.docx", template=template)


def test_a_template_cannot_change_what_a_later_render_reads(tmp_path: Path) -> None:
    template = make_template(
        tmp_path / "t",
        "{{ doc.mechanisms.rows.append(1) }}{{ doc.mechanisms.rows | length }}",
        name="school/roadmap",
    )
    document = Roadmap(level="school", title="Дорожная карта")
    for attempt in range(2):
        with pytest.raises(TemplateSecurityError, match="append"):
            roadmapdocs.render(document, tmp_path / f"r{attempt}.docx", template=template)
    reader = make_template(
        tmp_path / "r", "{{ doc.mechanisms.rows | length }}", name="school/roadmap"
    )
    out = roadmapdocs.render(document, tmp_path / "r.docx", template=reader)
    assert list(docx_paragraphs(out)) == ["0"]


def _views(model: object, view: object) -> Iterator[tuple[BaseModel, Mapping[str, object]]]:
    """Each model of a document beside the view a template sees of it."""
    if isinstance(model, BaseModel) and isinstance(view, ModelView | PersonView | AddresseesView):
        yield model, view
        for name in view:
            if name in type(model).model_fields:
                yield from _views(getattr(model, name), view[name])
    elif isinstance(model, list) and isinstance(view, list):
        for item, item_view in zip(model, view, strict=False):
            yield from _views(item, item_view)


@pytest.mark.parametrize("kind", ["order", "roadmap", "passport", "project"])
def test_a_missing_model_has_every_name_its_view_would_have_and_each_reads_empty(
    kind: str,
) -> None:
    document = sample_document(kind)
    seen: set[type[BaseModel]] = set()
    for model, view in _views(document, build_context(document, Settings())["doc"]):
        seen.add(type(model))
        empty = EmptyView(type(model))
        assert not empty and list(empty) == [] and str(empty) == ""
        for name in view:
            assert not empty[name], (type(model).__name__, name)
        with pytest.raises(KeyError):
            empty["no_such_name"]
    assert len(seen) > 3
