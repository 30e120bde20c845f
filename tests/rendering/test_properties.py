"""The file's own properties: title, kind, owner, language and time of making."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

import roadmapdocs
from tests.rendering.conftest import load_example


def _properties(path: Path) -> docx.opc.coreprops.CoreProperties:
    return docx.Document(str(path)).core_properties


def test_an_order_says_what_and_whose_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1725494400")
    out = roadmapdocs.render(load_example("school-order"), tmp_path / "o.docx")
    properties = _properties(out)
    assert properties.title.startswith("Приказ № 226/1-г Об утверждении плана мероприятий")
    assert properties.subject == "Приказ"
    assert properties.author == "МБОУ «СШ № 5»"
    assert properties.language == "ru-RU"
    assert properties.comments == ""
    assert (
        properties.created == properties.modified == dt.datetime(2024, 9, 5, tzinfo=dt.timezone.utc)
    )


def test_a_long_title_is_cut_at_a_word(tmp_path: Path) -> None:
    document = load_example("school-roadmap")
    long = document.model_copy(update={"title": "очень длинное название " * 20})
    title = _properties(roadmapdocs.render(long, tmp_path / "r.docx")).title
    assert len(title) <= 255
    assert title.endswith("название…") or title.endswith("длинное…") or title.endswith("очень…")


def test_without_source_date_epoch_the_file_is_stamped_now(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    created = _properties(roadmapdocs.render(load_example("passport"), tmp_path / "p.docx")).created
    assert created is not None and before <= created <= before + dt.timedelta(minutes=5)


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdfinfo") is None,
    reason="LibreOffice (soffice) или poppler-utils (pdfinfo) не установлены",
)
def test_the_pdf_carries_the_title(tmp_path: Path) -> None:
    out = roadmapdocs.render(load_example("school-order"), tmp_path / "o.pdf")
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
    assert "Приказ № 226/1-г" in info.stdout
