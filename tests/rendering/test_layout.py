"""Layout from settings: the Normal style's size, section margins, and settings refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from docx.shared import Mm, Pt

import roadmapdocs
from roadmapdocs.errors import TemplateError
from tests.rendering.conftest import load_example


def _render(tmp_path: Path, settings: dict[str, Any]) -> Any:
    out = roadmapdocs.render(load_example("school-order"), tmp_path / "o.docx", settings=settings)
    return docx.Document(str(out))


@pytest.mark.parametrize(
    ("settings", "size", "left"),
    [
        ({}, 14, 30),
        ({"font_size": 13, "margins": {"left": 25}}, 13, 25),
        ({"font_size": 12.5}, 12.5, 30),
    ],
)
def test_font_size_and_margins_come_from_settings(
    settings: dict[str, Any], size: float, left: float, tmp_path: Path
) -> None:
    document = _render(tmp_path, settings)
    assert document.styles["Normal"].font.size == Pt(size)
    assert len(document.sections) > 1, "the order's appendix should be a section of its own"
    for section in document.sections:
        assert abs(section.left_margin - Mm(left)) < Mm(0.1)
        # A margin not set keeps the template's value: settings merge key by key.
        assert abs(section.top_margin - Mm(20)) < Mm(0.1)


def test_table_text_follows_its_own_size(tmp_path: Path) -> None:
    document = _render(tmp_path, {"table_font_size": 10})
    assert document.styles["RD Table Text"].font.size == Pt(10)
    assert document.styles["Normal"].font.size == Pt(14)


@pytest.mark.parametrize(
    "settings",
    [
        {"font_size": 100},
        {"margins": {"left": 5}},
        {"margins": {"middle": 10}},
        {"date_style": "по-старинке"},
    ],
)
def test_invalid_settings_are_a_template_error(settings: dict[str, Any], tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="неверные настройки"):
        _render(tmp_path, settings)
    assert not (tmp_path / "o.docx").exists()


@pytest.mark.parametrize(
    ("orientation", "landscape"), [("auto", True), ("landscape", True), ("portrait", False)]
)
def test_appendix_orientation_setting(orientation: str, landscape: bool, tmp_path: Path) -> None:
    first, *appendix = _render(tmp_path, {"appendix_orientation": orientation}).sections
    assert first.page_width < first.page_height
    assert all((s.page_width > s.page_height) == landscape for s in appendix)
