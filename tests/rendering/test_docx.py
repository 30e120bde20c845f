"""Rendering to .docx: every example, arbitrary text verbatim, the sandbox and its messages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from docx.document import Document as WordDocument
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import roadmapdocs
from roadmapdocs import Activity, Appendix, Clause, Order, Organisation, Plan
from roadmapdocs.authoring.builder import new_document, save
from roadmapdocs.errors import RenderError, TemplateError, TemplateSecurityError
from roadmapdocs.messages import language
from roadmapdocs.rendering.docx import render_docx
from roadmapdocs.rendering.filters import first_upper
from roadmapdocs.templates import Registry, Template
from tests.rendering.conftest import (
    docx_paragraphs,
    example_params,
    expected_texts,
    load_example,
    make_template,
    normalise,
)
from tests.wording import is_english


@pytest.mark.parametrize("name", example_params())
def test_example_renders_with_its_default_template_and_shows_every_item(
    name: str, tmp_path: Path
) -> None:
    document = load_example(name)
    out = roadmapdocs.render(document, tmp_path / f"{name}.docx")
    body = normalise("\n".join(docx_paragraphs(out)))
    missing = [text for text in expected_texts(document) if normalise(text) not in body]
    assert expected_texts(document), "the example has nothing to look for"
    assert missing == []


# Text a template author fears: markup, Jinja tags, quotes, breaks, NBSP, tabs.
_TRICKY = ["<", ">", "&", '"', "'", "{{ x }}", "{% if %}", "{%p endif %}", "<p>", "\n", "\t"]
_TRICKY += ["\u00a0", "«", "»", "№", "  "]
_CHARS = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
_TEXT = st.lists(st.one_of(st.sampled_from(_TRICKY), st.text(_CHARS, max_size=6)), max_size=6).map(
    "".join
)
_NONEMPTY = _TEXT.filter(lambda text: text.strip() != "")


@st.composite
def _orders(draw: st.DrawFn) -> tuple[Order, list[str]]:
    texts: list[str] = []

    def text(strategy: st.SearchStrategy[str] = _TEXT) -> str:
        value = draw(strategy)
        texts.append(value)
        return value

    activities = [
        Activity(text=text(_NONEMPTY), result=text(), report_form=text())
        for _ in range(draw(st.integers(1, 3)))
    ]
    order = Order(
        title=text(),
        # The letterhead prints the full name with a capital, as ГОСТ Р 7.0.97 shows it.
        organisation=Organisation(
            full_name=text(_TEXT.map(first_upper)), short_name=text(), parent_body=text()
        ),
        number=text(),
        place=text(),
        basis=text(),
        clauses=[Clause(text=text(), subclauses=[text()])],
        appendices=[
            Appendix(
                number=text(),
                title=text(),
                approval=text(),
                plan=Plan(
                    columns=["number", "text", "result", "report_form"], activities=activities
                ),
            )
        ],
    )
    return order, texts


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=_orders())
def test_any_text_of_an_order_and_its_appendix_comes_out_verbatim(
    case: tuple[Order, list[str]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    order, texts = case
    out = tmp_path_factory.mktemp("arbitrary") / "order.docx"
    # With the typography off and the single appendix numbered, nothing may change the text.
    plain = {"nbsp": False, "quotes": False, "number_single_appendix": True}
    roadmapdocs.render(order, out, settings=plain)
    body = "\n".join(docx_paragraphs(out))
    assert [text for text in texts if text not in body] == []


@pytest.mark.parametrize(
    ("tag", "error"),
    [
        ("{{ ''.__class__.__mro__ }}", TemplateSecurityError),
        ("{{ doc.__class__ }}", TemplateSecurityError),
        ("{{ requisites.date.__init__.__globals__ }}", TemplateSecurityError),
    ],
)
def test_the_sandbox_refuses_python_internals(tag: str, error: type, tmp_path: Path) -> None:
    template = make_template(tmp_path / "t", tag)
    with pytest.raises(error):
        roadmapdocs.render(load_example("school-order"), tmp_path / "x.docx", template=template)
    assert not (tmp_path / "x.docx").exists()


@pytest.mark.parametrize(
    ("tag", "hint"),
    [
        ("{{ docs.title }}", "возможно, имелось в виду «doc»"),
        ("{{ requisite.number }}", "возможно, имелось в виду «requisites»"),
        ("{{ setings.font }}", "возможно, имелось в виду «settings»"),
        ("{{ zzzzzz }}", None),
    ],
)
def test_an_unknown_variable_is_named_with_the_closest_known_one(
    tag: str, hint: str | None, tmp_path: Path
) -> None:
    template = make_template(tmp_path / "t", tag)
    with pytest.raises(TemplateError) as caught:
        roadmapdocs.render(load_example("school-order"), tmp_path / "x.docx", template=template)
    message = str(caught.value)
    assert "неизвестную переменную" in message
    if hint is None:
        assert "возможно" not in message
    else:
        assert hint in message


def test_a_syntax_error_names_the_paragraph_it_is_in(tmp_path: Path) -> None:
    template = make_template(tmp_path / "t", "Приказ", "Дата: {{ requisites.date | }}", "Подпись")
    with pytest.raises(TemplateError) as caught:
        roadmapdocs.render(load_example("school-order"), tmp_path / "x.docx", template=template)
    message = str(caught.value)
    assert "ошибка синтаксиса" in message
    assert "в абзаце «Дата: {{ requisites.date | }}»" in message


def test_a_tag_left_open_names_its_own_paragraph(tmp_path: Path) -> None:
    template = make_template(tmp_path / "t", "Утверждаю {{ doc.title ", "{{ doc.number }} подпись")
    with pytest.raises(TemplateError) as caught:
        roadmapdocs.render(load_example("school-order"), tmp_path / "x.docx", template=template)
    message = str(caught.value)
    assert "в абзаце «Утверждаю {{ doc.title»: тег «{{» не закрыт" in message
    assert "подпись" not in message
    assert not (tmp_path / "x.docx").exists()


@pytest.mark.parametrize("tag", ["{% if doc.title %}", "{{ doc.title | }}"])
def test_a_syntax_error_in_a_table_names_the_cell(tag: str, tmp_path: Path) -> None:
    folder = tmp_path / "school" / "order"
    folder.mkdir(parents=True)
    (folder / "template.toml").write_text(
        '[template]\nname = "school/order"\nkind = "order"\n', encoding="utf-8"
    )
    document = new_document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Срок"
    table.cell(0, 1).text = tag
    save(document, folder / "template.docx")
    template = Registry([tmp_path], use_env=False, packs=False, builtins=False).get("school/order")
    with pytest.raises(TemplateError) as caught:
        roadmapdocs.render(load_example("school-order"), tmp_path / "x.docx", template=template)
    assert f"в ячейке таблицы «{tag}»" in str(caught.value)


# --- the language of the messages -------------------------------------------------------------


def _broken_file(root: Path) -> Template:
    template = make_template(root, "{{ doc.title }}")
    template.docx.write_bytes(b"not a Word file")
    return template


def _full_disk(self: object, path: str) -> None:
    raise OSError(28, "No space left on device")


_TEMPLATE_ERRORS = {
    "broken-file": (
        _broken_file,
        "does not open as a Word document",
        "не открывается как документ Word",
    ),
    "syntax": (
        lambda root: make_template(root, "Приказ", "Дата: {{ requisites.date | }}"),
        "syntax error in template «school/order» in the paragraph «Дата: {{ requisites.date | }}»",
        "ошибка синтаксиса в шаблоне «school/order» в абзаце «Дата: {{ requisites.date | }}»",
    ),
    "unclosed": (
        lambda root: make_template(root, "Утверждаю {{ doc.title ", "{{ doc.number }} подпись"),
        "in the paragraph «Утверждаю {{ doc.title»: tag «{{» is not closed in the same paragraph",
        "в абзаце «Утверждаю {{ doc.title»: тег «{{» не закрыт в том же абзаце",
    ),
    "unknown-variable": (
        lambda root: make_template(root, "{{ docs.title }}"),
        "uses an unknown variable: 'docs' is undefined; did you mean «doc»",
        "использует неизвестную переменную: 'docs' is undefined; возможно, имелось в виду «doc»",
    ),
    "sandbox": (
        lambda root: make_template(root, "{{ ''.__class__ }}"),
        "reaches for Python internals",
        "обращается к внутренним объектам Python",
    ),
}


@pytest.mark.parametrize(
    ("make", "english", "russian"), _TEMPLATE_ERRORS.values(), ids=_TEMPLATE_ERRORS
)
def test_template_errors_are_english_when_asked_and_russian_by_default(
    tmp_path: Path, make: Callable[[Path], Template], english: str, russian: str
) -> None:
    document = load_example("school-order")
    template = make(tmp_path / "t")
    with language("en"), pytest.raises(TemplateError) as in_english:
        render_docx(document, template, tmp_path / "x.docx", template.settings())
    assert english in in_english.value.message
    assert is_english(in_english.value.message), in_english.value.message
    with pytest.raises(TemplateError) as by_default:
        render_docx(document, template, tmp_path / "x.docx", template.settings())
    assert russian in by_default.value.message
    assert not (tmp_path / "x.docx").exists()


def test_a_failed_write_is_english_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    template = make_template(tmp_path / "t", "{{ doc.title }}")
    monkeypatch.setattr(WordDocument, "save", _full_disk)
    document = load_example("school-order")
    with language("en"), pytest.raises(RenderError) as in_english:
        render_docx(document, template, tmp_path / "x.docx", template.settings())
    assert in_english.value.message == "cannot write the file: [Errno 28] No space left on device"
    with pytest.raises(RenderError) as by_default:
        render_docx(document, template, tmp_path / "x.docx", template.settings())
    assert by_default.value.message.startswith("не удалось записать файл: ")
