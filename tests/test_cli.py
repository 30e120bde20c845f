"""The command line: exit codes, located messages, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import roadmapdocs
from roadmapdocs.cli import main
from tests.conftest import EXAMPLES


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "roadmapdocs.cli", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert roadmapdocs.__version__ in result.output


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("kind: order\ntitle: [\n", ":3:1: RD001 load-error  ошибка синтаксиса YAML"),
        ("kind: order\nclauses: 5\n", ":2:10: RD001 load-error  clauses: ожидается список"),
        ("kind: memo\n", ":1:7: RD001 load-error  kind: неизвестный вид документа «memo»"),
    ],
)
def test_malformed_file_gives_located_message_and_exit_1(
    tmp_path: Path, content: str, expected: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    result = run("validate", str(path))
    assert result.returncode == 1
    assert str(path) + expected in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_wrong_usage_exits_2() -> None:
    assert CliRunner().invoke(main, ["validate"]).exit_code == 2
    assert CliRunner().invoke(main, ["no-such-command"]).exit_code == 2


def test_schema_prints_json_schema() -> None:
    result = CliRunner().invoke(main, ["schema", "order"])
    assert result.exit_code == 0
    assert '"const": "order"' in result.output


@pytest.mark.parametrize("name", ["school-order-clean.yaml", "school-roadmap-clean.yaml"])
def test_validate_clean_examples_exit_0(name: str) -> None:
    result = CliRunner().invoke(main, ["validate", str(EXAMPLES / name)])
    assert result.exit_code == 0, result.output


def test_every_example_passes_the_structural_check() -> None:
    # The seed examples keep their real defects on purpose (the rules' fixtures), so only the
    # structural check — loading — must pass for all of them.
    paths = [str(p) for p in sorted(EXAMPLES.glob("*.yaml"))]
    assert len(paths) >= 7
    result = CliRunner().invoke(main, ["validate", "--ignore", "ALL", *paths])
    assert result.exit_code == 0, result.output


def test_render_to_unwritable_place_is_one_message(tmp_path: Path) -> None:
    result = run(
        "render", str(EXAMPLES / "school-order.yaml"), "-o", str(tmp_path / "no" / "x.docx")
    )
    assert result.returncode == 1
    assert "не существует" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "no").exists()
