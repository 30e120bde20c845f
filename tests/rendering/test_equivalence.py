"""The faster passes of rendering give exactly what the passes they replace give."""

from __future__ import annotations

from docxtpl import DocxTemplate
from hypothesis import given
from hypothesis import strategies as st

from roadmapdocs.rendering.docx import _Template
from roadmapdocs.templates import Registry

_TEXT = st.text(alphabet="ab \t\n\a\f<>", max_size=8).map(
    lambda t: t.replace("<", "&lt;").replace(">", "&gt;")
)
_RUN = st.builds(
    lambda props, text: f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>',
    st.sampled_from(["", "<w:rPr><w:b/></w:rPr>"]),
    _TEXT,
)
_PARAGRAPH = st.builds(
    lambda props, runs: f"<w:p>{props}{''.join(runs)}</w:p>",
    st.sampled_from(["", '<w:pPr><w:jc w:val="center"/></w:pPr>']),
    st.lists(_RUN, max_size=3),
)
_BODY = st.lists(
    st.one_of(
        _PARAGRAPH, st.just("\n"), st.just("<w:tbl><w:tr><w:tc>"), st.just("</w:tc></w:tr></w:tbl>")
    ),
    max_size=8,
).map("".join)


@given(_BODY)
def test_listing_is_resolved_as_docxtpl_does(xml: str) -> None:
    ours = _Template.__new__(_Template)
    theirs = DocxTemplate.__new__(DocxTemplate)
    assert ours.resolve_listing(xml) == theirs.resolve_listing(xml)


def test_patched_template_xml_is_kept_and_the_same() -> None:
    template = Registry().get("school/order")
    ours, theirs = _Template(str(template.docx)), DocxTemplate(str(template.docx))
    ours.render_init()
    theirs.render_init()
    source = theirs.get_xml()
    assert ours.patch_xml(source) == theirs.patch_xml(source)
    assert ours.patch_xml(source) is ours.patch_xml(source)
