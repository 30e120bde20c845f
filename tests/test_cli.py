"""The command line: exit codes, located messages, never a traceback."""

from __future__ import annotations

import json
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


def test_python_dash_m_runs_the_command_line() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "roadmapdocs", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("roadmapdocs, version ")


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


HEAVY = ("docxtpl", "docx", "jinja2", "rich", "openpyxl", "pymorphy3", "pytrovich")
"""The libraries of rendering, the progress bar, tables and declension: what ``--version`` and
``validate`` must not load (each costs tens of milliseconds at start)."""

_PROBE = """
import importlib.util, json, sys, types
if sys.argv[1] == "bare":
    # The package's own __init__ left out: only what the command line itself imports counts.
    package = types.ModuleType("roadmapdocs")
    package.__path__ = list(importlib.util.find_spec("roadmapdocs").submodule_search_locations)
    package.__version__ = "0"
    sys.modules["roadmapdocs"] = package
else:
    import roadmapdocs
heavy = sys.argv[2].split(",")
package_loads = [name for name in heavy if name in sys.modules]
from roadmapdocs.cli import main
try:
    main(sys.argv[3:])
except SystemExit:
    pass
loaded = [name for name in heavy if name in sys.modules]
print("\\n" + json.dumps({"package": package_loads, "loaded": loaded}))
"""

COMMANDS = {
    "version": ["--version"],
    "validate": ["validate", str(EXAMPLES / "school-order.yaml")],
    "validate a roadmap": ["validate", str(EXAMPLES / "school-roadmap.yaml")],
}
USED = {"validate": {"pytrovich"}}
"""What a command does use: validating an order declines its clauses' addressees, as the
template will (rule RD208), with the declension rules of names (a few milliseconds); a
document that names no one to decline, a roadmap, loads none of them."""


def _loaded(package: str, command: str) -> dict[str, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, package, ",".join(HEAVY), *COMMANDS[command]],
        capture_output=True,
        text=True,
        check=True,
    )
    found: dict[str, list[str]] = json.loads(done.stdout.splitlines()[-1])
    return found


@pytest.fixture(scope="module")
def bare_imports() -> dict[str, list[str]]:
    """The heavy modules each command loaded, with the package's __init__ left out."""
    return {command: _loaded("bare", command)["loaded"] for command in COMMANDS}


@pytest.mark.parametrize(
    ("command", "module"),
    [(c, m) for c in COMMANDS for m in HEAVY if m not in USED.get(c, set())],
)
def test_the_command_line_imports_no_heavy_module_it_does_not_use(
    bare_imports: dict[str, list[str]], command: str, module: str
) -> None:
    assert module not in bare_imports[command]


@pytest.mark.parametrize("command", list(COMMANDS))
def test_the_installed_command_loads_no_rendering_library(command: str) -> None:
    # With the package's __init__: nothing of rendering, declension, tables or the progress bar.
    found = _loaded("package", command)
    assert set(found["loaded"]) <= USED.get(command, set())


def test_english_messages_of_render_and_batch(tmp_path: Path) -> None:
    order = str(EXAMPLES / "school-order.yaml")
    missing = tmp_path / "no" / "x.docx"
    result = CliRunner().invoke(main, ["render", order, "-o", str(missing), "--lang", "en"])
    assert result.exit_code == 1
    assert result.output.startswith("error: ") and "does not exist" in result.output
    result = CliRunner().invoke(main, ["render", order, "--pdf", "-o", "x.docx", "--lang", "en"])
    assert result.exit_code == 1 and "name the file «x.pdf»" in result.output
    result = CliRunner().invoke(main, ["validate", order, "--as-of", "soon", "--lang", "en"])
    assert result.exit_code == 2 and "a date DD.MM.YYYY" in result.output
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", order, "-o", str(out), "-q", "--lang", "en"])
    assert result.exit_code == 0
    assert result.output.strip() == "Done: 1, with findings: 1, errors: 0."


def test_english_messages_of_the_template_commands(tmp_path: Path) -> None:
    listing = CliRunner().invoke(main, ["templates", "list", "--lang", "en"])
    assert listing.exit_code == 0 and listing.output.startswith("Search order")
    shown = CliRunner().invoke(main, ["templates", "show", "school/order", "--lang", "en"])
    assert "document kind: order; level: school" in shown.output and "Settings:" in shown.output
    forked = CliRunner().invoke(
        main, ["templates", "fork", "school/order", str(tmp_path / "mine"), "--lang", "en"]
    )
    assert forked.exit_code == 0 and "Copy of the template school/order" in forked.output


def test_an_unknown_setting_is_refused_with_a_suggestion(tmp_path: Path) -> None:
    target = tmp_path / "o.docx"
    done = run(
        "render", str(EXAMPLES / "school-order.yaml"), "-o", str(target), "--set", "font_sise=13"
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(
        "ошибка: --set font_sise: у шаблона «school/order» нет настройки «font_sise» "
        "(может быть, «font_size»?)"
    ), done.stderr
    assert not target.exists()


def test_a_setting_the_template_declares_is_accepted(tmp_path: Path) -> None:
    folder = tmp_path / "templates" / "school" / "order"
    folder.mkdir(parents=True)
    (folder / "template.toml").write_text(
        '[template]\nname = "school/order"\nlevel = "school"\nkind = "order"\n'
        'extends = "school/order"\n[settings]\nmotto = ""\n',
        encoding="utf-8",
    )
    target = tmp_path / "o.docx"
    source = str(EXAMPLES / "school-order.yaml")
    args = ("render", source, "-o", str(target), "--templates", str(tmp_path / "templates"))
    done = run(*args, "--set", "motto=Вперёд")
    assert done.returncode == 0, done.stderr
    assert target.is_file()
