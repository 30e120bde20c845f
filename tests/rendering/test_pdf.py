"""PDF through LibreOffice: every example converts in one run, with its text and orientation."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

import roadmapdocs
from roadmapdocs.cli import main
from roadmapdocs.errors import SofficeNotFound
from roadmapdocs.rendering.pdf import ENV_VAR, convert_to_pdf
from tests.conftest import EXAMPLES
from tests.rendering.conftest import (
    EXAMPLE_NAMES,
    example_params,
    expected_texts,
    load_example,
    squeeze,
)

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) не установлен"
)
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="poppler-utils (pdftotext, pdfinfo) не установлены",
)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path | Exception]:
    """Every example that has a template, rendered and converted in a single LibreOffice run.

    An example that fails to render keeps its error, so that only its own tests fail.
    """
    folder = tmp_path_factory.mktemp("pdf")
    results: dict[str, Path | Exception] = {}
    for name in EXAMPLE_NAMES:
        try:
            results[name] = roadmapdocs.render(load_example(name), folder / f"{name}.docx")
        except roadmapdocs.TemplateNotFound:
            continue
        except roadmapdocs.RoadmapdocsError as error:
            results[name] = error
    sources = {name: path for name, path in results.items() if isinstance(path, Path)}
    results.update(zip(sources, convert_to_pdf(list(sources.values())), strict=True))
    return results


def _pdf(pdfs: dict[str, Path | Exception], name: str) -> Path:
    result = pdfs[name]
    if isinstance(result, Exception):
        raise result
    return result


def _pages(pdf: Path) -> list[tuple[float, float]]:
    """Width and height of every page, in points."""
    count = int(re.search(r"Pages:\s+(\d+)", _run("pdfinfo", pdf)).group(1))  # type: ignore[union-attr]
    sizes = re.findall(
        r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", _run("pdfinfo", "-f", "1", "-l", str(count), pdf)
    )
    return [(float(w), float(h)) for w, h in sizes]


def _run(*command: str | Path) -> str:
    return subprocess.run(
        [str(part) for part in command], capture_output=True, check=True, text=True
    ).stdout


def _shown(item: str, text: str) -> bool:
    """Whether ``item`` is in ``text`` whole, or as a row broken across a page in two pieces.

    Texts are compared without whitespace and hyphens, as hyphenation and line breaking change
    both. A row taller than what is left of a page continues on the next, after the page number
    and the repeated header; the item is then a prefix and the rest found apart.
    """
    wanted = squeeze(item).replace("-", "")
    if wanted in text:
        return True
    low, high = 0, len(wanted)
    while low < high:  # the longest prefix of the item that the text has
        middle = (low + high + 1) // 2
        low, high = (middle, high) if wanted[:middle] in text else (low, middle - 1)
    return any(wanted[cut:] in text for cut in range(max(1, low - 40), low + 1))


@needs_soffice
@needs_poppler
@pytest.mark.parametrize("name", example_params())
def test_pdf_shows_every_activity_control_point_and_indicator(
    name: str, pdfs: dict[str, Path | Exception]
) -> None:
    # Content-stream order keeps each cell's lines together; the reading-order modes interleave
    # the lines of neighbouring cells in tables of narrow columns.
    text = squeeze(_run("pdftotext", "-raw", _pdf(pdfs, name), "-")).replace("-", "")
    missing = [item for item in expected_texts(load_example(name)) if not _shown(item, text)]
    assert missing == []


@needs_soffice
@needs_poppler
def test_the_order_is_portrait_and_its_appendix_landscape(
    pdfs: dict[str, Path | Exception],
) -> None:
    first, *appendix = _pages(_pdf(pdfs, "school-order"))
    assert first[0] < first[1]
    assert 3 <= len(appendix) <= 30
    assert all(width > height for width, height in appendix)


@needs_soffice
@needs_poppler
@pytest.mark.parametrize("name", example_params())
def test_page_count_is_sane(name: str, pdfs: dict[str, Path | Exception]) -> None:
    assert 1 <= len(_pages(_pdf(pdfs, name))) <= 40


@pytest.fixture
def no_soffice(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "нет" / "soffice"))
    monkeypatch.setenv("PATH", "")
    return tmp_path


def test_pdf_without_libreoffice_says_how_to_install_it(no_soffice: Path) -> None:
    target = no_soffice / "order.pdf"
    with pytest.raises(SofficeNotFound) as caught:
        roadmapdocs.render(load_example("school-order"), target, format="pdf")
    assert "apt-get install libreoffice" in str(caught.value)
    assert ENV_VAR in str(caught.value)
    assert not target.exists()


def test_pdf_without_libreoffice_is_one_line_on_the_command_line(no_soffice: Path) -> None:
    target = no_soffice / "order.pdf"
    result = CliRunner().invoke(
        main, ["render", str(EXAMPLES / "school-order.yaml"), "--pdf", "-o", str(target)]
    )
    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert result.output.startswith("ошибка:")
    assert "LibreOffice" in result.output
    assert "Traceback" not in result.output
    assert not target.exists()
