"""PDF in a batch: one long-lived LibreOffice per worker, restarted when it dies, and the
fallback of large runs when no Python can drive LibreOffice."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import roadmapdocs
from roadmapdocs.batch import render_many
from roadmapdocs.errors import ConversionError
from roadmapdocs.rendering.pdf import ODT, UNO_PYTHON_VAR, OfficeConverter, PdfConverter, uno_python
from tests.conftest import EXAMPLES

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) не установлен"
)
needs_uno = pytest.mark.skipif(
    shutil.which("soffice") is None or uno_python() is None,
    reason="нет Python с модулем uno (python3-uno), долгоживущий LibreOffice недоступен",
)


def _pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) не установлены")
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return " ".join(done.stdout.decode().split())


@pytest.fixture
def starts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A log of LibreOffice starts: soffice is replaced by a script that notes each start
    before running the real one."""
    log = tmp_path / "starts.log"
    wrapper = tmp_path / "soffice"
    real = shutil.which("soffice")
    wrapper.write_text(f'#!/bin/sh\necho start >> "{log}"\nexec "{real}" "$@"\n', encoding="utf-8")
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("ROADMAPDOCS_SOFFICE", str(wrapper))
    return log


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def _orders(count: int) -> list[tuple[roadmapdocs.Document, str]]:
    document = roadmapdocs.load(EXAMPLES / "school-order-clean.yaml")
    return [(document.model_copy(update={"number": f"{i}-о"}), f"order-{i}") for i in range(count)]


@needs_uno
def test_one_libreoffice_converts_many_documents_and_survives_a_bad_one(tmp_path: Path) -> None:
    document = roadmapdocs.load(EXAMPLES / "school-order-clean.yaml")
    source = roadmapdocs.render(document, tmp_path / "order.docx")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with PdfConverter() as converter:
        first = converter.convert(source, tmp_path / "1.pdf")
        with pytest.raises(ConversionError, match="PDF"):
            converter.convert(broken, tmp_path / "broken.pdf")
        second = converter.convert(source, tmp_path / "2.pdf")
        assert converter.starts == 1
    assert "ПРИКАЗ" in _pdf_text(first)
    assert first.read_bytes()[:5] == second.read_bytes()[:5] == b"%PDF-"
    assert not (tmp_path / "broken.pdf").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "1.pdf",
        "2.pdf",
        "broken.docx",
        "order.docx",
    ]


@needs_uno
@pytest.mark.skipif(sys.platform == "win32", reason="процессы LibreOffice ищутся через /proc")
def test_a_libreoffice_that_died_is_started_again(tmp_path: Path) -> None:
    source = roadmapdocs.render(
        roadmapdocs.load(EXAMPLES / "school-order-clean.yaml"), tmp_path / "o.docx"
    )
    with PdfConverter() as converter:
        converter.convert(source, tmp_path / "1.pdf")
        assert converter._process is not None
        # Kill LibreOffice itself (the child of the bridge), as a crash would.
        bridge = converter._process.pid
        children = Path(f"/proc/{bridge}/task/{bridge}/children").read_text().split()
        assert children
        for child in children:
            os.kill(int(child), 9)
        converter.convert(source, tmp_path / "2.pdf")
    assert (tmp_path / "2.pdf").read_bytes()[:5] == b"%PDF-"


@needs_uno
def test_a_batch_starts_one_libreoffice_per_worker(starts: Path, out: Path) -> None:
    with ThreadPoolExecutor(2) as pool:
        results = list(render_many(_orders(6), out, executor=pool, pdf=True))
    assert [r.error for r in results] == [None] * 6
    assert len(starts.read_text().split()) <= 2
    for i in range(6):
        assert f"№ {i}-о" in _pdf_text(out / f"order-{i}.pdf").replace("\u00a0", " ")
    assert sorted(p.name for p in out.iterdir()) == sorted(f"order-{i}.pdf" for i in range(6))


@needs_soffice
def test_without_uno_the_batch_converts_in_large_runs(
    starts: Path, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(UNO_PYTHON_VAR, "")  # no Python drives LibreOffice
    assert uno_python() is None
    with ThreadPoolExecutor(2) as pool:
        results = list(render_many(_orders(4), out, executor=pool, pdf=True))
    assert [r.error for r in results] == [None] * 4
    assert len(starts.read_text().split()) <= 2  # one run per share, not one per document
    assert all(zipfile.is_zipfile(p) is False for p in out.iterdir())  # PDFs, not .docx
    assert sorted(p.suffix for p in out.iterdir()) == [".pdf"] * 4


@needs_uno
def test_a_pdf_batch_validates_as_a_word_batch_does(tmp_path: Path, out: Path) -> None:
    folder = tmp_path / "project"
    folder.mkdir()
    shutil.copy(EXAMPLES / "school-roadmap.yaml", folder)
    (folder / "roadmapdocs.toml").write_text('ignore = ["RD3"]\n', encoding="utf-8")
    source = folder / "school-roadmap.yaml"
    with ThreadPoolExecutor(1) as pool:
        (as_pdf,) = render_many([source], out, executor=pool, pdf=True, ignore=["RD1"])
        (as_word,) = render_many([source], out, executor=pool, ignore=["RD1"])
    assert as_pdf.error is None and as_pdf.path == out / "school-roadmap.pdf"
    codes = sorted(f.code for f in as_pdf.findings)
    assert codes == sorted(f.code for f in as_word.findings)
    assert codes and not [c for c in codes if c.startswith(("RD1", "RD3"))]


@needs_uno
def test_the_office_is_renewed_every_so_many_documents_and_after_close(tmp_path: Path) -> None:
    source = roadmapdocs.render(
        roadmapdocs.load(EXAMPLES / "school-order-clean.yaml"), tmp_path / "o.docx"
    )
    converter = PdfConverter(restart_every=2)
    try:
        for i in range(5):
            converter.convert(source, tmp_path / f"{i}.pdf")
        assert converter.starts == 3  # documents 1-2, 3-4, 5
        converter.close()
        converter.convert(source, tmp_path / "again.pdf")
        assert converter.starts == 4
    finally:
        converter.close()
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == [
        "0.pdf",
        "1.pdf",
        "2.pdf",
        "3.pdf",
        "4.pdf",
        "again.pdf",
    ]


@needs_uno
def test_the_long_lived_office_makes_odt_too(tmp_path: Path) -> None:
    source = roadmapdocs.render(
        roadmapdocs.load(EXAMPLES / "school-order-clean.yaml"), tmp_path / "o.docx"
    )
    with OfficeConverter(export=ODT) as office:
        target = office.convert(source, tmp_path / "o.odt")
    with zipfile.ZipFile(target) as package:
        assert package.read("mimetype") == b"application/vnd.oasis.opendocument.text"


@needs_uno
def test_many_files_through_one_office_name_the_one_that_failed(tmp_path: Path) -> None:
    source = roadmapdocs.render(
        roadmapdocs.load(EXAMPLES / "school-order-clean.yaml"), tmp_path / "o.docx"
    )
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    targets = [tmp_path / "1.pdf", tmp_path / "broken.pdf", tmp_path / "2.pdf"]
    with PdfConverter() as office, pytest.raises(ConversionError, match=r"broken\.docx"):
        office.convert_many([source, broken, source], targets)
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["1.pdf", "2.pdf"]


@needs_uno
def test_a_start_copies_the_prepared_profile_and_skips_the_first_run_self_test(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    # What a process killed while preparing a profile left behind, long ago.
    stale = tmp_path / "cache" / "roadmapdocs" / ".libreoffice-profile-killed"
    (stale / "profile" / "user").mkdir(parents=True)
    os.utime(stale, (0, 0))
    source = roadmapdocs.render(
        roadmapdocs.load(EXAMPLES / "school-order-clean.yaml"), tmp_path / "o.docx"
    )
    for attempt in range(2):
        with PdfConverter() as office:
            office.convert(source, tmp_path / f"{attempt}.pdf")
            profile = office._work / "profile-0" / "user"
            # A profile that names no version makes LibreOffice take each start for the first
            # after an upgrade: it runs its graphics self-test, a second and more, and logs it.
            assert not (profile / "GraphicsRenderTests.log").exists()
            assert "ooSetupLastVersion" in (profile / "registrymodifications.xcu").read_text()
        prepared = list((tmp_path / "cache" / "roadmapdocs").glob("libreoffice-profile-*"))
        assert len(prepared) == 1
        if attempt == 0:
            made = prepared[0].stat().st_mtime_ns
    assert prepared[0].stat().st_mtime_ns == made  # prepared once, then only copied
    assert not stale.exists()
    assert not (prepared[0] / "user" / "GraphicsRenderTests.log").exists()


@needs_uno
def test_a_batch_worker_starts_its_libreoffice_before_its_first_document(
    starts: Path, out: Path, tmp_path: Path
) -> None:
    # This process keeps a LibreOffice of its own first: a worker forked from it must still
    # close its own when it ends.
    with ThreadPoolExecutor(1) as pool:
        (made,) = render_many(_orders(1), out, executor=pool, pdf=True)
    assert made.error is None
    broken = tmp_path / "broken.yaml"
    broken.write_text("kind: order\nnumber: [unclosed\n", encoding="utf-8")
    # The only document fails to load, before anything is rendered or converted: the worker's
    # LibreOffice was started when the worker was, not by the first conversion.
    (result,) = render_many([broken], out, pdf=True, jobs=1)
    assert result.error is not None
    assert starts.read_text().split() == ["start", "start"]
    assert sorted(p.name for p in out.iterdir()) == ["order-0.pdf"]


@needs_uno
def test_a_libreoffice_started_ahead_serves_the_first_document(tmp_path: Path) -> None:
    source = roadmapdocs.render(
        roadmapdocs.load(EXAMPLES / "school-order-clean.yaml"), tmp_path / "o.docx"
    )
    with PdfConverter() as office:
        office.start()
        office.start()  # one is starting: no second
        assert office.starts == 1
        office.convert(source, tmp_path / "o.pdf")
        assert office.starts == 1
    assert (tmp_path / "o.pdf").read_bytes()[:5] == b"%PDF-"
