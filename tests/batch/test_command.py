"""`roadmapdocs batch`: exit codes, the summary, the selection of rules, mail-merge from the command line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from roadmapdocs.cli import main
from tests.batch.conftest import ORDER, ROADMAP, write_csv, write_xlsx


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_cli_mail_merge_and_a_wrong_column(tmp_path: Path, suffix: str) -> None:
    rows = [{"number": "1/к", "bad.path": "x"}]
    table = tmp_path / f"t{suffix}"
    if suffix == ".csv":
        write_csv(table, rows, delimiter=",", bom=False)
    else:
        write_xlsx(table, rows)
    result = CliRunner().invoke(
        main,
        ["batch", str(ORDER), "--data", str(table), "--name", "{number}", "-o", str(tmp_path)],
    )
    assert result.exit_code == 1
    assert "bad.path" in result.output and "organisation.short_name" in result.output


def test_cli_batch_reports_the_broken_file_and_exits_1(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(inputs), "-o", str(out), "-j", "2"])
    assert result.exit_code == 1
    assert "broken.yaml:4:1" in result.output
    assert "Готово: 2, с замечаниями: 2, ошибок: 1." in result.output
    assert sorted(p.name for p in out.iterdir()) == ["school-order.docx", "school-roadmap.docx"]


def test_cli_batch_quiet_prints_only_the_summary(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["batch", str(ORDER), "-o", str(tmp_path), "-q"])
    assert result.exit_code == 0
    assert result.output.strip() == "Готово: 1, с замечаниями: 1, ошибок: 0."


def test_batch_select_and_ignore_on_the_command_line(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "out"
    result = runner.invoke(
        main, ["batch", str(ROADMAP), "-o", str(out), "-j", "1", "--select", "RD1"]
    )
    assert result.exit_code == 0, result.output
    only_rd1 = result.output
    result = runner.invoke(
        main, ["batch", str(ROADMAP), "-o", str(out), "-j", "1", "--ignore", "ALL"]
    )
    assert result.exit_code == 0, result.output
    assert "с замечаниями: 0" in result.output
    assert "с замечаниями: 1" in only_rd1


def test_mail_merge_follows_the_base_document_s_settings(tmp_path: Path) -> None:
    base = tmp_path / "base"
    base.mkdir()
    shutil.copy(ORDER, base)
    (base / "roadmapdocs.toml").write_text('ignore = ["ALL"]\n', "utf-8")
    table = tmp_path / "t.csv"
    table.write_text("number\n1\n2\n", encoding="utf-8")
    result = CliRunner().invoke(
        main,
        [
            "batch",
            str(base / ORDER.name),
            "--data",
            str(table),
            "--name",
            "{number}.docx",
            "-o",
            str(tmp_path / "out"),
            "-j",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Готово: 2, с замечаниями: 0" in result.output
