"""`render --annotate` and `batch --annotate`: the validator's findings as Word comments."""

from __future__ import annotations

import shutil
import zipfile
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

import roadmapdocs
from roadmapdocs.batch import render_many
from roadmapdocs.cli import main
from roadmapdocs.rendering.annotate import comment_text
from roadmapdocs.rules import Config
from tests.conftest import EXAMPLES

ORDER = EXAMPLES / "school-order.yaml"
ROADMAP = EXAMPLES / "school-roadmap.yaml"


def _comments(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as package:
        if "word/comments.xml" not in package.namelist():
            return []
    return [c.text for c in docx.Document(str(path)).comments]


@pytest.fixture
def configured(tmp_path: Path) -> Path:
    """The school roadmap beside a roadmapdocs.toml that ignores the abbreviation rules."""
    folder = tmp_path / "project"
    folder.mkdir()
    shutil.copy(ROADMAP, folder)
    (folder / "roadmapdocs.toml").write_text('ignore = ["RD3"]\n', encoding="utf-8")
    return folder / ROADMAP.name


def test_render_annotate_uses_the_configuration_validate_uses(
    configured: Path, tmp_path: Path
) -> None:
    out = tmp_path / "roadmap.docx"
    result = CliRunner().invoke(main, ["render", str(configured), "-o", str(out), "--annotate"])
    assert result.exit_code == 0, result.output
    document = roadmapdocs.load(configured)
    report = roadmapdocs.validate(document, config=Config.discover(configured.parent))
    everything = roadmapdocs.validate(document)
    assert any(f.code.startswith("RD3") for f in everything), "the example has such findings"
    assert sorted(_comments(out)) == sorted(comment_text(f) for f in report)
    assert f"Замечаний в документе: {len(report)}." in result.output


def test_render_annotate_with_a_selection(tmp_path: Path) -> None:
    out = tmp_path / "order.docx"
    args = ["render", str(ORDER), "-o", str(out), "--annotate", "--select", "RD1,RD2"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    report = roadmapdocs.validate(roadmapdocs.load(ORDER), select=["RD1", "RD2"])
    assert report.findings
    assert sorted(_comments(out)) == sorted(comment_text(f) for f in report)


def test_render_without_annotate_adds_no_comments(tmp_path: Path) -> None:
    out = tmp_path / "order.docx"
    result = CliRunner().invoke(main, ["render", str(ORDER), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert _comments(out) == []
    assert "Замечаний" not in result.output


def test_a_selection_without_annotate_is_a_usage_error(tmp_path: Path) -> None:
    out = tmp_path / "order.docx"
    result = CliRunner().invoke(main, ["render", str(ORDER), "-o", str(out), "--ignore", "RD3"])
    assert result.exit_code == 2
    assert "--annotate" in result.output
    assert not out.exists()


def test_render_many_annotates_each_document_with_its_own_findings(tmp_path: Path) -> None:
    with ThreadPoolExecutor(2) as pool:
        results = list(render_many([ORDER, ROADMAP], tmp_path, executor=pool, annotate=True))
    assert len(results) == 2
    for result in results:
        assert result.ok and result.path is not None and result.findings
        assert sorted(_comments(result.path)) == sorted(comment_text(f) for f in result.findings)


def test_batch_annotate_on_the_command_line(tmp_path: Path) -> None:
    plain, annotated = tmp_path / "plain", tmp_path / "annotated"
    runner = CliRunner()
    for folder, extra in ((plain, []), (annotated, ["--annotate"])):
        args = ["batch", str(ORDER), str(ROADMAP), "-o", str(folder), "-j", "1", "-q", *extra]
        result = runner.invoke(main, args)
        assert result.exit_code == 0, result.output
    for source in (ORDER, ROADMAP):
        name = source.with_suffix(".docx").name
        findings = roadmapdocs.validate(roadmapdocs.load(source))
        assert _comments(plain / name) == []
        assert len(_comments(annotated / name)) == len(findings) > 0


def test_overdue_terms_are_annotated_as_of_a_date(tmp_path: Path) -> None:
    out = tmp_path / "roadmap.docx"
    args = ["render", str(ROADMAP), "-o", str(out), "--annotate", "--select", "overdue"]
    result = CliRunner().invoke(main, [*args, "--as-of", "01.01.2030"])
    assert result.exit_code == 0, result.output
    report = roadmapdocs.validate(
        roadmapdocs.load(ROADMAP), select=["overdue"], as_of=date(2030, 1, 1)
    )
    assert report.findings
    assert sorted(_comments(out)) == sorted(comment_text(f) for f in report)
    # Without a date the overdue rule does not run at all.
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert _comments(out) == []


def test_batch_checks_terms_as_of_a_date(tmp_path: Path) -> None:
    args = ["batch", str(ROADMAP), "-o", str(tmp_path), "-j", "1", "--select", "overdue"]
    later = CliRunner().invoke(main, [*args, "--as-of", "2030-01-01"])
    assert later.exit_code == 0, later.output
    assert "с замечаниями: 1" in later.output
    earlier = CliRunner().invoke(main, [*args, "--as-of", "2000-01-01"])
    assert "с замечаниями: 0" in earlier.output
