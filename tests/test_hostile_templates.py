"""Hostile input and hostile templates: what a document says is what was rendered, a template
sees views only and changes nothing, and a template that runs away stops with a located error."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from lxml import etree

import roadmapdocs
from roadmapdocs import limits
from roadmapdocs.authoring.builder import new_document, paragraph, save
from roadmapdocs.errors import LimitExceeded, TemplateError, TemplateSecurityError
from roadmapdocs.model import Addressees, Order, Person
from roadmapdocs.model.document import DocumentBase
from roadmapdocs.templates import Registry
from tests.conftest import EXAMPLES
from tests.rendering.conftest import load_example, make_template

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HUGE = etree.XMLParser(huge_tree=True)


def _body(path: Path) -> etree._Element:
    """The body of a rendered .docx, read whole (python-docx stops at a 10 MB text node)."""
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"), _HUGE)
    return root.find(f"{_W}body")


def _text(path: Path) -> str:
    """Every paragraph of the body as text, one a line."""
    return "\n".join(
        "".join(t.text or "" for t in p.iter(f"{_W}t")) for p in _body(path).iter(f"{_W}p")
    )


def _render(tmp_path: Path, *paragraphs: str, document: DocumentBase | None = None) -> Path:
    template = make_template(tmp_path / "t", *paragraphs)
    document = document if document is not None else load_example("school-order")
    return roadmapdocs.render(document, tmp_path / "out.docx", template=template)


# -- 1. Nothing silently lost ------------------------------------------------------------------


def test_a_text_field_over_ten_megabytes_comes_out_whole_with_what_follows_it(
    tmp_path: Path,
) -> None:
    order = load_example("school-order")
    basis = "Руководствуясь " + "основание " * 1_100_000 + "КОНЕЦ ОСНОВАНИЯ"
    order = order.model_copy(update={"basis": basis})
    out = roadmapdocs.render(order, tmp_path / "big.docx")
    body = _body(out)
    text = _text(out)
    assert "основание " * 1_100_000 + "КОНЕЦ ОСНОВАНИЯ" in text.replace("\u00a0", " ")
    assert "Контроль за исполнением настоящего приказа" in text  # the clause after it
    assert "Оловянникова" in text  # the signer
    assert body[-1].tag == f"{_W}sectPr"  # the page set-up


def test_template_output_over_ten_megabytes_comes_out_whole(tmp_path: Path) -> None:
    out = _render(tmp_path, "{{ 'я' * 11000000 }}КОНЕЦ", "после")
    lines = _text(out).splitlines()
    assert lines[:2] == ["я" * 11_000_000 + "КОНЕЦ", "после"]


def test_markup_that_does_not_read_as_xml_fails_and_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="не читается как XML"):
        _render(tmp_path, "{{ '<w:p>' | safe }}", "после")
    assert not (tmp_path / "out.docx").exists()


def test_a_header_over_ten_megabytes_comes_out_whole(tmp_path: Path) -> None:
    folder = tmp_path / "t" / "school" / "order"
    folder.mkdir(parents=True)
    (folder / "template.toml").write_text(
        '[template]\nname = "school/order"\nlevel = "school"\nkind = "order"\n', encoding="utf-8"
    )
    document = new_document()
    paragraph(document, "{{ doc.title }}")
    document.sections[0].header.paragraphs[0].text = "{{ doc.basis }}КОНЕЦ"
    save(document, folder / "template.docx")
    template = Registry([tmp_path / "t"], use_env=False, packs=False, builtins=False).get(
        "school/order"
    )
    order = load_example("school-order").model_copy(update={"basis": "ш" * 10_500_000})
    out = roadmapdocs.render(order, tmp_path / "out.docx", template=template)
    with zipfile.ZipFile(out) as archive:
        headers = [n for n in archive.namelist() if n.startswith("word/header")]
        texts = ["".join(etree.fromstring(archive.read(n), _HUGE).itertext()) for n in headers]
    assert "ш" * 10_500_000 + "КОНЕЦ" in texts


# -- 2. Views only, nothing changed ------------------------------------------------------------

_REACHING = [
    "{{ doc.signer.person.person.model_fields }}",
    "{% for c in doc.clauses if c.addressees %}"
    "{{ c.addressees.addressees.model_fields.clear() }}{% endfor %}",
    "{{ doc.signer.person.person.model_fields.clear() }}",
    "{{ doc.clauses.clear() }}",
    "{{ doc.clauses.append(1) }}",
    "{{ doc.abbreviations.pop() }}",
    "{{ settings.update(font='Arial') }}",
    "{{ requisites.pop('date') }}",
    "{{ dict.update(settings, font='Arial') }}",
    "{{ dict.clear(requisites) }}",
    "{{ settings.items().mapping }}",
    "{{ doc.appendices[0].plan.rows.append(1) }}",
    "{{ doc.clauses[1].addressees.people[0].person }}",
    "{{ ''.__class__.__mro__ }}",
]


@pytest.mark.parametrize("tag", _REACHING)
def test_a_template_reaching_for_models_or_changing_data_is_refused_where_it_stands(
    tag: str, tmp_path: Path
) -> None:
    with pytest.raises(TemplateSecurityError) as refused:
        _render(tmp_path, "Первый абзац", tag)
    message = refused.value.message
    assert "«school/order»" in message
    assert f"основной текст, абзац «{tag[:80]}», строка 3" in message
    assert refused.value.location is not None and refused.value.location.file
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.parametrize(
    "tag", ["{{ doc.signer.person.clear() }}", "{{ doc.clauses[1].addressees.update(a=1) }}"]
)
def test_a_view_has_no_method_that_changes_it(tag: str, tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="has no attribute"):
        _render(tmp_path, tag)


def test_no_template_changes_what_a_later_render_or_check_reads(tmp_path: Path) -> None:
    order = load_example("school-order")
    before = [f.code for f in roadmapdocs.validate(order)]
    first = roadmapdocs.render(order, tmp_path / "first.docx")
    fields = {k: dict(k.model_fields) for k in (Person, Addressees, Order)}
    for index, tag in enumerate(_REACHING):
        with pytest.raises(TemplateSecurityError):
            _render(tmp_path / str(index), tag, document=order)
    assert {k: dict(k.model_fields) for k in fields} == fields
    assert [f.code for f in roadmapdocs.validate(order)] == before
    again = roadmapdocs.render(order, tmp_path / "again.docx")
    assert _text(again) == _text(first)


# -- 3. Bounded in time and size ---------------------------------------------------------------


def _cli(
    tmp_path: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The command line in a process of its own that may not use more than 2 GB, nor 40 s."""

    def bounded() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))

    return subprocess.run(
        [sys.executable, "-c", "from roadmapdocs.cli import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=40,
        preexec_fn=bounded,
        env={**os.environ, "ROADMAPDOCS_LIMIT_RENDER_SECONDS": "5", **(env or {})},
        cwd=tmp_path,
    )


_RUNAWAY = [
    pytest.param(
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "дольше 5 с (предел render_seconds)",
        id="loop-of-loops",
    ),
    pytest.param(
        "{% for i in range(100000) %}{% for j in range(100000) %}{{ j }}{% endfor %}{% endfor %}",
        "(предел ",
        id="loop-of-loops-printing",
    ),
    pytest.param("{{ 'a'*10**9 }}", "1000000000 знаков", id="repeat"),
    pytest.param("{{ 10**9 * ['a'] }}", "знаков", id="repeat-list"),
    pytest.param("{{ 'x'.center(10**9) }}", "1000000000 знаков", id="center"),
    pytest.param("{{ 'x'.ljust(10**9) }}", "1000000000 знаков", id="ljust"),
    pytest.param("{{ 'x' | center(10**9) }}", "предел output_chars", id="center-filter"),
    pytest.param("{{ '{:>1000000000}'.format(1) }}", "предел output_chars", id="format"),
    pytest.param("{{ '%1000000000d' % 1 }}", "предел output_chars", id="percent"),
    pytest.param("{{ '%d' | format(1) * 10**9 }}", "предел output_chars", id="format-filter"),
    pytest.param("{{ ('a\\n' * 1000) | indent(1000000) }}", "предел output_chars", id="indent"),
    pytest.param("{{ ('a' * 10**7).replace('a', 'bbbbbbbbbb') }}", "output_chars", id="replace"),
    pytest.param("{{ 2 ** 1000000000 }}", "output_chars", id="power"),
    pytest.param("{% set a = 'x' * 40000000 %}{{ a ~ a }}", "80000000 знаков", id="join"),
    pytest.param("{% set a = 'x' * 40000000 %}{{ [a, a, a] | join }}", "знаков", id="join-filter"),
    pytest.param(
        "{% macro m(n) %}{% if n %}{% set s = m(n - 1) %}{{ s }}{{ s }}{% else %}x{% endif %}"
        "{% endmacro %}{{ m(60) }}",
        "предел output_chars",
        id="doubling-macro",
    ),
    pytest.param(
        "{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}",
        "предел output_chars",
        id="output",
    ),
    pytest.param("{{ range(10**9) | list }}", "range() на 1000000000 чисел", id="range"),
    pytest.param("{{ lipsum(10**6) }}", "lipsum()", id="lipsum"),
    pytest.param(
        "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
        "вызывает сам себя слишком глубоко",
        id="recursive-macro",
    ),
    pytest.param(
        "{% for x in [1] recursive %}{{ loop([1]) }}{% endfor %}",
        "вызывает сам себя слишком глубоко",
        id="recursive-loop",
    ),
    pytest.param("{{ 1 / 0 }}", "division by zero", id="zero"),
    pytest.param("{{ 10.0 ** 1000 }}", "не отрисовался", id="overflow"),
]


@pytest.mark.parametrize(("tag", "expected"), _RUNAWAY)
def test_a_runaway_template_stops_with_a_located_message(
    tag: str, expected: str, tmp_path: Path
) -> None:
    template = make_template(tmp_path / "t", "Первый абзац", tag)
    result = _cli(
        tmp_path,
        "render",
        str(EXAMPLES / "school-order.yaml"),
        "--templates",
        str(template.folder.parent.parent),
        "-t",
        "school/order",
        "-o",
        "out.docx",
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert "«school/order»" in output and expected in output
    assert f"основной текст, абзац «{tag[:80]}», строка 3" in output
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
            "предел render_seconds",
        ),
        ("{{ 'a'*10**9 }}", "предел output_chars"),
        ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "слишком глубоко"),
        ("{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}", "скобки вложены слишком глубоко"),
    ],
    ids=["loop-of-loops", "repeat", "recursive-macro", "nested-brackets"],
)
def test_templates_lint_is_bounded_as_a_render_is(tag: str, expected: str, tmp_path: Path) -> None:
    template = make_template(tmp_path / "t", tag)
    result = _cli(tmp_path, "templates", "lint", str(template.folder))
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output and expected in output
    assert "«school/order»" in output


def test_the_bounds_in_force_are_the_ones_a_render_obeys(tmp_path: Path) -> None:
    template = make_template(tmp_path / "t", "{{ 'x' * 2000 }}")
    order = load_example("school-order")
    with limits.override(output_chars=1000), pytest.raises(LimitExceeded) as stopped:
        roadmapdocs.render(order, tmp_path / "a.docx", template=template)
    assert stopped.value.limit == "output_chars"
    assert "ROADMAPDOCS_LIMIT_OUTPUT_CHARS" in stopped.value.message
    with limits.override(output_chars=100_000):
        roadmapdocs.render(order, tmp_path / "b.docx", template=template)
    slow = make_template(
        tmp_path / "s",
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    )
    start = time.monotonic()
    with limits.override(render_seconds=0.5), pytest.raises(LimitExceeded) as late:
        roadmapdocs.render(order, tmp_path / "c.docx", template=slow)
    assert late.value.limit == "render_seconds"
    assert time.monotonic() - start < 10


def test_the_bounds_leave_an_ordinary_render_alone(tmp_path: Path) -> None:
    template = make_template(
        tmp_path / "t",
        "{% for c in doc.clauses %}{{ loop.index }}. {{ c.text ~ '' }}{% endfor %}",
        "{{ '%s — %s' % (requisites.number, requisites.date) }} {{ 'x' * 3 }} {{ 2 ** 10 }}",
        "{{ doc.clauses | map(attribute='text') | join('; ') | truncate(30) }}",
        "{{ '{}-{}'.format(1, 2) }} {{ range(3) | list | sum }} {{ 'ab'.center(6, '*') }}",
        "{{ '{}'.format(10**12) }} {{ '%d' % 60000000 }} {{ '%s' | format(10**15) }}",
    )
    out = roadmapdocs.render(load_example("school-order"), tmp_path / "o.docx", template=template)
    text = _text(out)
    assert "226/1-г — 05.09.2024 xxx 1024" in text
    assert "1-2 3 **ab**" in text
    assert "1000000000000 60000000 1000000000000000" in text
    assert text.startswith("1. Утвердить")


@pytest.mark.parametrize("filter_", ["dative", "genitive", "initials_first"])
def test_a_declension_filter_takes_a_name_not_a_page(filter_: str, tmp_path: Path) -> None:
    start = time.monotonic()
    with pytest.raises(TemplateError, match="не длиннее 10000 знаков") as refused:
        _render(tmp_path, f"{{{{ ('заместитель директора ' * 100000) | {filter_} }}}}")
    assert "основной текст, абзац" in refused.value.message
    assert time.monotonic() - start < 20


# -- 4. Text verbatim --------------------------------------------------------------------------

_BRACES = "{_{ a }_} {_% b %_} {{ c }} {% d %} {# e #} {_#"


def test_tag_like_text_in_data_comes_out_exactly(tmp_path: Path) -> None:
    order = load_example("school-order")
    order = order.model_copy(update={"title": "Заголовок " + _BRACES, "basis": _BRACES + " конец"})
    out = roadmapdocs.render(order, tmp_path / "o.docx", settings={"nbsp": False, "quotes": False})
    text = _text(out)
    for written in ("Заголовок " + _BRACES, _BRACES + " конец"):
        assert written in text


def test_escapes_written_in_a_template_still_print_as_tags(tmp_path: Path) -> None:
    out = _render(tmp_path, "{_{ doc.title }_} и {_% if %_}", "{{ doc.number }}")
    assert _text(out).splitlines()[:2] == ["{{ doc.title }} и {% if %}", "226/1-г"]


def test_two_spaces_stay_two_with_non_breaking_spaces_on(tmp_path: Path) -> None:
    order = load_example("school-order")
    basis = "Приказ от 8  г. и №  5, ст.  28 и 5  сентября"
    order = order.model_copy(update={"basis": basis})
    out = roadmapdocs.render(order, tmp_path / "o.docx", settings={"nbsp": True, "quotes": False})
    text = _text(out)
    assert "8\u00a0\u00a0г." in text
    assert basis in text.replace("\u00a0", " ")


def test_a_bound_is_worded_in_the_language_of_the_call(tmp_path: Path) -> None:
    template = make_template(tmp_path / "t", "Первый абзац", "{{ 'a' * 10**9 }}")
    order = load_example("school-order")
    with pytest.raises(LimitExceeded) as stopped:
        roadmapdocs.render(order, tmp_path / "o.docx", template=template, lang="en")
    message = stopped.value.message
    assert message.startswith("template «school/order» was stopped: a value of 1000000000")
    assert "— the body, paragraph «{{ 'a' * 10**9 }}», line 3" in message
    assert "ROADMAPDOCS_LIMIT_OUTPUT_CHARS" in message
