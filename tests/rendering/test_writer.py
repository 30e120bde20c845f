"""The direct writer gives Jinja's text: over every example, generated documents of every kind
and the constructs a template may use; and the built-in templates never need Jinja."""

from __future__ import annotations

import contextlib
import logging
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import roadmapdocs
from roadmapdocs.errors import RoadmapdocsError
from roadmapdocs.lint import template_parts
from roadmapdocs.model.document import DocumentBase
from roadmapdocs.rendering import docx as rendering_docx
from roadmapdocs.rendering import writer
from roadmapdocs.rendering.context import ModelView, build_context
from roadmapdocs.rendering.docx import (
    _VIEW_TYPES,
    DIRECT,
    bounded,
    jinja_source,
    shared_environment,
)
from roadmapdocs.settings import Settings
from roadmapdocs.templates import Registry
from tests.conftest import EXAMPLES
from tests.rendering.test_every_field import _documents, _filled
from tests.strategies import documents

BUILTINS = Registry(use_env=False, packs=False)


@contextlib.contextmanager
def _direct(on: bool) -> Iterator[None]:
    token = DIRECT.set(on)
    try:
        yield
    finally:
        DIRECT.reset(token)


def _parts(path: Path) -> dict[str, bytes]:
    """Every XML part of a .docx but the file's properties (dated when made)."""
    with zipfile.ZipFile(path) as package:
        return {n: package.read(n) for n in package.namelist() if n != "docProps/core.xml"}


def _both(document: DocumentBase, folder: Path) -> tuple[dict[str, bytes], dict[str, bytes]]:
    made = []
    for on in (True, False):
        with _direct(on):
            out = roadmapdocs.render(document, folder / f"direct-{on}.docx", registry=BUILTINS)
        made.append(_parts(out))
    return made[0], made[1]


@pytest.mark.parametrize("name", BUILTINS.names())
def test_every_part_of_every_built_in_template_is_written_directly(name: str) -> None:
    environment = shared_environment()
    for part, xml in template_parts(BUILTINS.get(name)):
        assert writer.refusal(environment, jinja_source(xml), _VIEW_TYPES) is None, part


EXAMPLE_FILES = sorted(p for p in EXAMPLES.rglob("*.yaml") if "kind-plugin" not in p.parts)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_every_example_is_the_same_written_directly_as_through_jinja(
    path: Path, tmp_path: Path
) -> None:
    direct, jinja = _both(roadmapdocs.load(path), tmp_path)
    assert direct == jinja


@pytest.mark.parametrize(("kind", "level"), list(_documents()))
def test_every_field_of_every_kind_is_the_same_written_directly(
    kind: str, level: str, tmp_path: Path
) -> None:
    data, _ = _filled(kind, level)
    direct, jinja = _both(roadmapdocs.load(data), tmp_path)
    assert direct == jinja


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=documents())
def test_any_document_is_the_same_written_directly(
    document: DocumentBase, tmp_path_factory: pytest.TempPathFactory
) -> None:
    direct, jinja = _both(document, tmp_path_factory.mktemp("writer"))
    assert direct == jinja


def test_the_built_in_templates_render_without_jinja(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the file's properties (a line each) still go through Jinja."""
    compile_ = rendering_docx._Environment.from_string

    def refuse_parts(self: Any, source: Any, *args: Any, **kwargs: Any) -> Any:
        assert "<w:" not in str(source), "a part of the template went to Jinja"
        return compile_(self, source, *args, **kwargs)

    monkeypatch.setattr(rendering_docx._Environment, "from_string", refuse_parts)
    for path in EXAMPLE_FILES:
        roadmapdocs.render(roadmapdocs.load(path), tmp_path / "out.docx", registry=BUILTINS)


# -- The constructs, one by one, against Jinja -----------------------------------------------


class _Thing(ModelView):
    __slots__ = ()


ROWS = [
    {"kind": "section", "title": "Раздел <1>", "cells": []},
    {"kind": "activity", "title": "", "cells": ["1.1", "Семинар & «практикум»", "", None, 3]},
    {"kind": "note", "title": "Примечание", "cells": ["x"]},
    {"kind": "activity", "title": "", "cells": ["1.2", "Отчёт", "до 1 мая"]},
]
CONTEXT: dict[str, Any] = {
    "doc": {
        "title": "Приказ\nо плане",
        "rows": ROWS,
        "people": ["Иванов", "Петров"],
        "empty": [],
        "captions": ["первая", "вторая", "третья"],
        "values": {"2024": "10 %", "2025": "20 %"},
        "flag": True,
        "none": None,
        "number": 7,
    },
    "settings": {"style": "spaced", "blank": ""},
}

SNIPPETS = [
    "<w:t>{{ doc.title }}</w:t>",
    "{{ doc.title | upper }}|{{ doc.title | lower | list | join(' ') }}",
    "{% if doc.flag %}да{% elif doc.none %}нет{% else %}иначе{% endif %}",
    "{% if doc.none %}1{% elif doc.number > 5 %}2{% endif %}",
    "{% if not doc.empty and doc.people %}{{ doc.people | join(', ') }}{% endif %}",
    "{{ settings.blank or doc.title }}/{{ doc.none or 'нет' }}/{{ doc.flag and doc.number }}",
    "{{ 'a' if doc.flag else 'b' }}{{ doc.number if doc.none else doc.people[0] }}",
    "{% for row in doc.rows %}{% if row.kind == 'section' %}<s>{{ row.title }}</s>"
    "{% elif row.kind == 'note' %}<n>{{ row.title }}</n>{% else %}"
    "{% for cell in row.cells %}<c>{{ loop.index }}/{{ loop.length }}:{{ cell }}</c>"
    "{% endfor %}{% endif %}{% endfor %}",
    "{% for row in doc.rows %}{% set outer = loop.index %}"
    "{% for cell in row.cells %}{{ outer }}.{{ loop.index0 }}{% endfor %}{% endfor %}",
    "{% for p in doc.people %}{{ loop.first }}{{ loop.last }}{{ loop.revindex }}"
    "{{ loop.revindex0 }}{% endfor %}",
    "{% for p in doc.empty %}x{% else %}пусто{% endfor %}",
    "{% for row in doc.rows if row.kind == 'activity' %}{{ loop.index }}{{ row.cells[1] }}"
    "{% endfor %}",
    "{% for period, value in doc['values'].items() %}{{ period }}={{ value }};{% endfor %}",
    "{{ doc.captions[0] }}{% for c in doc.captions[1:] %},{{ c }}{% endfor %}",
    "{% for line in doc.title.split('\\n') %}[{{ line }}]{% endfor %}",
    "{{ doc.rows | map(attribute='kind') | join(',') }}{{ doc.people | length }}",
    "{% if 'x' not in doc.people %}нет x{% endif %}{% if doc.number == 7 %}семь{% endif %}",
    "{% set total = doc.people | length %}{{ total }}{% for p in doc.people %}"
    "{% set total = loop.index %}{{ total }}{% endfor %}{{ total }}",
    "{{ doc.number | int }}{{ '3' | int }}{{ doc.none }}",
    "{{ doc.rows[1].cells[1] | first_upper }}",
    # What the writer sends back: Jinja gives the same result or error.
    "{{ doc.missing }}",
    "{% for x in doc.missing %}{% endfor %}",
    "{{ doc.people.append }}",
    "{{ doc.none.title() }}",
]


def _jinja(source: str, context: dict[str, Any]) -> tuple[str, str | None]:
    try:
        with bounded():
            return shared_environment().from_string(source).render(context), None
    except Exception as exc:  # the error is what is compared
        return "", type(exc).__name__


def _written(source: str, context: dict[str, Any]) -> tuple[str, str | None]:
    compiled = writer.compile_part(shared_environment(), source, _VIEW_TYPES)
    with bounded() as bounds:
        text = compiled.render(
            shared_environment(), context, deadline=bounds.deadline, chars=bounds.chars
        )
    if text is None:  # sent back: what the render then does
        return _jinja(source, context)
    return text, None


@pytest.mark.parametrize("source", SNIPPETS)
def test_each_construct_writes_what_jinja_renders(source: str) -> None:
    assert _written(source, CONTEXT) == _jinja(source, CONTEXT)


@pytest.mark.parametrize(
    "source",
    [
        "{{ doc.title }}",
        "{% for row in doc.rows %}{{ row.title }}{% endfor %}",
        "{% if doc.flag %}{{ doc.number }}{% endif %}",
    ],
)
def test_what_the_writer_covers_it_writes_itself(source: str) -> None:
    compiled = writer.compile_part(shared_environment(), source, _VIEW_TYPES)
    with bounded() as bounds:
        text = compiled.render(
            shared_environment(), CONTEXT, deadline=bounds.deadline, chars=bounds.chars
        )
    assert text is not None and text == _jinja(source, CONTEXT)[0]


@pytest.mark.parametrize(
    ("source", "why"),
    [
        ("{% macro m() %}x{% endmacro %}{{ m() }}", "macro"),
        ("{% if doc.title is defined %}x{% endif %}", "Test"),
        ("{{ doc.title ~ '!' }}", "Concat"),
        ("{{ doc.number + 1 }}", "Add"),
        ("{% for r in doc.rows recursive %}{{ loop(r.cells) }}{% endfor %}", "recursive"),
        ("{% for r in doc.rows %}{{ loop }}{% endfor %}", "loop"),
        ("{% for r in doc.rows %}{{ x }}{% set x = 1 %}{% endfor %}", "читается до"),
        ("{% include 'other' %}", "include"),
        ("{{ doc.title | nosuchfilter }}", "неизвестный фильтр"),
        ("{{ doc.__class__ }}", "атрибут"),
        ("{% for %}", "Jinja"),
    ],
)
def test_what_the_writer_does_not_cover_is_refused_with_a_reason(source: str, why: str) -> None:
    reason = writer.refusal(shared_environment(), source, _VIEW_TYPES)
    assert reason is not None and why in reason


@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "kind": st.sampled_from(["section", "note", "activity"]),
                "title": st.text(max_size=6),
                "cells": st.lists(
                    st.one_of(st.text(max_size=6), st.none(), st.integers()), max_size=4
                ),
            }
        ),
        max_size=6,
    )
)
def test_the_plan_loop_writes_what_jinja_renders_for_any_rows(rows: list[dict[str, Any]]) -> None:
    context = {**CONTEXT, "doc": {**CONTEXT["doc"], "rows": rows}}
    assert _written(SNIPPETS[7], context) == _jinja(SNIPPETS[7], context)


def test_a_template_the_writer_does_not_cover_renders_through_jinja_and_says_why(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from tests.rendering.conftest import docx_paragraphs, make_template

    template = make_template(
        tmp_path, "{% macro t() %}Макрос{% endmacro %}{{ t() }}: {{ doc.title }}"
    )
    document = roadmapdocs.load(EXAMPLES / "school-order-clean.yaml")
    with caplog.at_level(logging.INFO, logger="roadmapdocs.rendering.docx"):
        out = roadmapdocs.render(document, tmp_path / "out.docx", template=template)
    assert any("Макрос" in p and document.title.split()[0] in p for p in docx_paragraphs(out))
    assert any("macro" in r.getMessage() for r in caplog.records)


def test_an_error_in_a_directly_written_template_is_jinja_s_located_error(
    tmp_path: Path,
) -> None:
    from tests.rendering.conftest import make_template

    template = make_template(tmp_path, "{{ doc.no_such_field }}")
    document = roadmapdocs.load(EXAMPLES / "school-order-clean.yaml")
    messages = []
    for on in (True, False):
        with _direct(on), pytest.raises(RoadmapdocsError) as caught:
            roadmapdocs.render(document, tmp_path / "out.docx", template=template)
        messages.append(str(caught.value))
    assert messages[0] == messages[1]
    assert "no_such_field" in messages[0]


def test_context_of_a_render_is_read_as_jinja_reads_it() -> None:
    """The writer takes the same context build_context gives docxtpl."""
    document = roadmapdocs.load(EXAMPLES / "school-order.yaml")
    context = build_context(document, Settings())
    source = "{{ doc.title }}|{{ doc.organisation.short_name }}|{{ requisites.number }}"
    assert _written(source, context) == _jinja(source, context)


def test_the_edits_the_template_guide_describes_are_written_directly(tmp_path: Path) -> None:
    """docs/templates.md: values, filters, {%p if %}, {%p for %}, requisites."""
    from roadmapdocs.lint import writer_notes
    from tests.rendering.conftest import make_template

    template = make_template(
        tmp_path,
        "{{ doc.title | upper }}",
        "{%p if doc.basis %}",
        "Основание: {{ doc.basis }}",
        "{%p endif %}",
        "{%p for clause in doc.clauses %}",
        "{{ loop.index }}. {{ clause.addressees | dative }} {{ clause.text }}",
        "{%p endfor %}",
        "{{ requisites.date }} № {{ requisites.number }}",
    )
    assert writer_notes(template) == []
    document = roadmapdocs.load(EXAMPLES / "school-order.yaml")
    made = []
    for on in (True, False):
        with _direct(on):
            out = roadmapdocs.render(document, tmp_path / f"{on}.docx", template=template)
        made.append(_parts(out))
    assert made[0] == made[1]
