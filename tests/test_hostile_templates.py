"""Hostile input and hostile templates: what a document says is what was rendered, a template
sees views only and changes nothing, and a template that runs away stops with a located error."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

import roadmapdocs
from roadmapdocs.errors import TemplateError
from roadmapdocs.model.document import DocumentBase
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
