"""Rendering to .docx: every example, arbitrary text verbatim, the sandbox and its messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import roadmapdocs
from roadmapdocs import Activity, Appendix, Clause, Order, Organisation, Plan
from roadmapdocs.authoring.builder import new_document, save
from roadmapdocs.errors import TemplateError, TemplateSecurityError
from roadmapdocs.templates import Registry
from tests.rendering.conftest import (
    docx_paragraphs,
    example_params,
    expected_texts,
    load_example,
    make_template,
    normalise,
)


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
        organisation=Organisation(full_name=text(), short_name=text(), parent_body=text()),
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
    roadmapdocs.render(order, out, settings={"nbsp": False})
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
