"""Line breaks: text handed over from Python with «\\r\\n» or «\\r» is the same text as with «\\n»."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import roadmapdocs
from roadmapdocs.model import Activity, Cell

# Lines without any line break of their own; a text is some of them joined by one convention.
_LINES = st.lists(
    st.text(
        alphabet=st.characters(whitelist_categories=("L", "N", "P", "Zs")), min_size=0, max_size=12
    ),
    min_size=1,
    max_size=4,
)
_BREAK = st.sampled_from(["\r\n", "\r"])


def _roadmap(text: str, deadline: str = "март 2024") -> dict[str, Any]:
    activity = {
        "number": "1.1",
        "text": text,
        "deadline": deadline,
        "responsible": [text, "Зам директора по УВР"],
        "result": text,
    }
    return {
        "kind": "roadmap",
        "level": "school",
        "title": f"Дорожная карта{text}",
        "goal": text,
        "plan": {"sections": [{"number": "1", "title": "Раздел", "activities": [activity]}]},
    }


@given(_LINES, _BREAK)
def test_every_break_convention_reads_as_newline(lines: list[str], newline: str) -> None:
    written, meant = newline.join(lines), "\n".join(lines)
    assert Activity(text=written).text == meant
    assert Cell.model_validate(written).text == meant
    assert roadmapdocs.load(_roadmap(written)).model_dump() == (
        roadmapdocs.load(_roadmap(meant)).model_dump()
    )


def test_a_deadline_written_on_two_lines() -> None:
    written = roadmapdocs.load(_roadmap("a", deadline="2025 г.\r\n2024 г."))
    meant = roadmapdocs.load(_roadmap("a", deadline="2025 г.\n2024 г."))
    assert written.model_dump() == meant.model_dump()


def _document_xml(text: str, folder: Path) -> bytes:
    out = roadmapdocs.render(roadmapdocs.load(_roadmap(text)), folder / "plan.docx")
    with zipfile.ZipFile(out) as package:
        return package.read("word/document.xml")


def test_crlf_renders_as_one_line_break(tmp_path: Path) -> None:
    meant = _document_xml("Педсовет\nпо итогам четверти", tmp_path)
    assert meant.count(b"<w:br/>") >= 1
    assert _document_xml("Педсовет\r\nпо итогам четверти", tmp_path) == meant
    assert _document_xml("Педсовет\rпо итогам четверти", tmp_path) == meant
