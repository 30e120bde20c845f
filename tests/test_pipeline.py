"""The pipeline's own decisions: which font LibreOffice will really print, said before it does."""

from __future__ import annotations

import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

import roadmapdocs
from roadmapdocs import pipeline
from roadmapdocs.cli import main
from roadmapdocs.errors import FontSubstituted
from roadmapdocs.messages import language
from roadmapdocs.rendering import metrics
from tests.conftest import EXAMPLES


@pytest.fixture
def fonts(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """What fontconfig answers, as the test says; nothing has been warned of yet."""
    answers: dict[str, str] = {}
    monkeypatch.setattr(metrics, "printed_family", lambda family: answers.get(family, family))
    monkeypatch.setattr(pipeline, "_warned", set())
    return answers


@pytest.mark.parametrize(
    ("asked", "printed", "expected"),
    [
        ("Times New Roman", "Times New Roman", None),
        ("Times New Roman", "Liberation Serif", "the same letter widths"),
        ("PT Astra Serif", "DejaVu Sans", "may fall otherwise"),
    ],
)
def test_a_missing_font_is_named_with_its_substitute(
    fonts: dict[str, str], asked: str, printed: str, expected: str | None
) -> None:
    fonts[asked] = printed
    with language("en"), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pipeline.warn_if_substituted(asked)
        pipeline.warn_if_substituted(asked)  # once per process is enough
    if expected is None:
        assert caught == []
    else:
        (warning,) = caught
        assert warning.category is FontSubstituted
        assert f"«{asked}»" in str(warning.message) and f"«{printed}»" in str(warning.message)
        assert expected in str(warning.message)


def test_no_warning_where_fontconfig_cannot_say(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(metrics, "printed_family", lambda family: None)
    monkeypatch.setattr(pipeline, "_warned", set())
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pipeline.warn_if_substituted("Times New Roman")


def test_a_word_file_needs_no_font_warning(fonts: dict[str, str], tmp_path: Path) -> None:
    fonts["Times New Roman"] = "Liberation Serif"
    document = roadmapdocs.load(EXAMPLES / "school-order-clean.yaml")
    with warnings.catch_warnings():
        warnings.simplefilter("error", FontSubstituted)
        roadmapdocs.render(document, tmp_path / "order.docx")


def test_the_font_warning_points_at_the_caller_of_the_render(
    fonts: dict[str, str], tmp_path: Path
) -> None:
    """The warning names the line that asked for the PDF, not a line inside roadmapdocs."""
    from roadmapdocs.rendering.formats import FORMATS

    class Copying:  # stands for LibreOffice: the .docx itself is the «PDF»
        def convert(self, source: Path, target: Path) -> Path:
            shutil.copyfile(source, target)
            return target

    fonts["Times New Roman"] = "Liberation Serif"
    document = roadmapdocs.load(EXAMPLES / "school-order-clean.yaml")
    rendering = pipeline.Rendering()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rendering.write(document, tmp_path / "o.pdf", FORMATS["pdf"], converter=Copying())  # type: ignore[arg-type]
    (warning,) = [w for w in caught if w.category is FontSubstituted]
    assert warning.filename == __file__


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) не установлен")
def test_render_pdf_says_once_which_font_prints(fonts: dict[str, str], tmp_path: Path) -> None:
    fonts["Times New Roman"] = "Liberation Serif"
    target = tmp_path / "order.pdf"
    order = str(EXAMPLES / "school-order-clean.yaml")
    result = CliRunner().invoke(main, ["render", order, "-o", str(target)])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if "Liberation Serif" in line]
    assert lines == [
        "предупреждение: шрифт «Times New Roman» не установлен: LibreOffice напечатает "
        "«Liberation Serif», у которого те же ширины букв, так что строки и страницы совпадут "
        "с Word"
    ]
    assert target.is_file()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) не установлен")
def test_a_pdf_batch_says_it_once_and_its_workers_not_at_all(tmp_path: Path) -> None:
    # A real process, so that what the workers print reaches the captured stderr too.
    orders = [str(EXAMPLES / "school-order-clean.yaml"), str(EXAMPLES / "school-order.yaml")]
    done = subprocess.run(
        [sys.executable, "-m", "roadmapdocs.cli", "batch", *orders, "-o", str(tmp_path), "--pdf"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    told = [line for line in done.stderr.splitlines() if "не установлен" in line]
    if metrics.printed_family("Times New Roman") not in (None, "Times New Roman"):
        assert len(told) == 1 and told[0].startswith("предупреждение: шрифт «Times New Roman»")
    assert "FontSubstituted" not in done.stderr and "Warning" not in done.stderr
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == [
        "school-order-clean.pdf",
        "school-order.pdf",
    ]
