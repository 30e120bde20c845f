"""Hostile input to the loader: each is refused by one located message within bounded memory
and time, with exit code 1 and no traceback; the bounds are those of roadmapdocs.limits, set by
a settings file, the environment or the code."""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

import roadmapdocs
from roadmapdocs import limits, pipeline
from roadmapdocs.cli import main
from roadmapdocs.errors import ConfigError, LimitExceeded, LoadError
from tests.conftest import EXAMPLES

MEMORY = 2 * 1024**3
SECONDS = 40


def _bounded() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _environment(env: dict[str, str] | None) -> dict[str, str | None]:
    """No limit of the machine's environment, and those of ``env``."""
    unset = {k: None for k in os.environ if k.startswith("ROADMAPDOCS_LIMIT_")}
    return {**unset, **(env or {})}


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The command line in a process of at most 2 GB that must end within 40 s: for input that
    took all memory or time before it was bounded."""
    environ = {k: v for k, v in {**os.environ, **_environment(env)}.items() if v is not None}
    return subprocess.run(
        [sys.executable, "-m", "roadmapdocs.cli", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=SECONDS,
        preexec_fn=_bounded,
        env=environ,
    )


@dataclass
class Outcome:
    returncode: int
    stdout: str
    stderr: str


def invoke(*args: str, env: dict[str, str] | None = None) -> Outcome:
    """The command line in this process, the environment's limits read anew; an exception that
    escapes the command (a traceback for the user) fails the test."""
    saved = list(limits._PROCESS), list(limits._PROCESS_SET)
    limits._PROCESS.clear()
    limits._PROCESS_SET.clear()
    try:
        result = CliRunner().invoke(main, list(args), env=_environment(env))
    finally:
        limits._PROCESS[:], limits._PROCESS_SET[:] = saved
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return Outcome(result.exit_code, result.stdout, result.stderr)


def _alias_bomb() -> str:
    """Under 1 KB: activities nested 8 deep, each level ten aliases of the one below (10⁸)."""
    lines = [
        "kind: order",
        "title: Бомба",
        "appendices:",
        "  - number: '1'",
        "    plan:",
        "      activities:",
        "      - &a0 {number: '1', text: мероприятие}",
    ]
    for level in range(1, 9):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"      - &a{level} {{text: уровень, activities: [{refs}]}}")
    return "\n".join(lines) + "\n"


def _nested_list(depth: int) -> str:
    return "kind: order\ntitle: " + "[" * depth + "]" * depth + "\n"


def _nested_mapping(depth: int) -> str:
    body = "".join(" " * (i + 1) + "a:\n" for i in range(depth))
    return "kind: order\ntitle: Т\nextra:\n" + body


# name, suffix, content, the limit, the line the message must point at
CASES: list[tuple[str, str, Callable[[], str], str, int]] = [
    ("alias-bomb", ".yaml", _alias_bomb, "yaml_nodes", 12),  # the first alias past the bound
    ("self-alias", ".yaml", lambda: "kind: order\ntitle: &t [*t]\n", "yaml_nodes", 2),
    (  # ten million values in a file under 20 MB: minutes and gigabytes to compose
        "wide-yaml",
        ".yaml",
        lambda: "kind: order\ntitle: Т\nextra: [" + "1," * 9_900_000 + "1]\n",
        "yaml_nodes",
        3,
    ),
    (
        "wide-json",
        ".json",
        lambda: '{"kind": "order",\n"title": "Т",\n"extra": [' + "1," * 9_900_000 + "1]}",
        "yaml_nodes",
        3,
    ),
    ("list-330-deep", ".yaml", lambda: _nested_list(330), "depth", 2),
    ("mapping-200-deep", ".yaml", lambda: _nested_mapping(200), "depth", 67),
    (
        "json-100k-deep",
        ".json",
        lambda: '{"kind": "order",\n "title": ' + "[" * 100_000 + "]" * 100_000 + "}",
        "depth",
        2,
    ),
    (
        "number-yaml",
        ".yaml",
        lambda: "kind: order\ntitle: Т\nnumber: " + "9" * 5000,
        "number_digits",
        3,
    ),
    (
        "number-json",
        ".json",
        lambda: '{"kind": "order",\n"title": "Т",\n"number": ' + "9" * 5000 + "}",
        "number_digits",
        3,
    ),
    (
        "hex-number",
        ".yaml",
        lambda: "kind: order\ntitle: Т\nnumber: !!int 0x" + "f" * 5000,
        "number_digits",
        3,
    ),
    (
        "field-over-10-MB",
        ".yaml",
        lambda: "kind: order\ntitle: Т\nbasis: " + "x" * 10_500_000 + "\n",
        "field_chars",
        3,
    ),
    (
        "json-field",
        ".json",
        lambda: '{"kind": "order",\n"title": "' + "т" * 100_001 + '"}',
        "field_chars",
        2,
    ),
]


@pytest.mark.parametrize(
    ("suffix", "content", "limit", "line"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_hostile_input_is_refused_by_a_located_message(
    tmp_path: Path, suffix: str, content: Callable[[], str], limit: str, line: int
) -> None:
    path = tmp_path / f"hostile{suffix}"
    path.write_text(content(), encoding="utf-8")
    bounded = limit == "yaml_nodes" or path.stat().st_size > 100_000
    result = (run if bounded else invoke)("validate", str(path))
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-2000:]
    assert "Traceback" not in output
    assert re.search(re.escape(f"{path}:{line}:") + r"\d+: RD001 load-error ", output), output[
        :2000
    ]
    assert f"предел {limit} меняется" in output
    assert f"ROADMAPDOCS_LIMIT_{limit.upper()}" in output


@pytest.mark.parametrize("name", ["alias-bomb", "list-330-deep", "number-json"])
def test_render_refuses_hostile_input_before_it_writes(tmp_path: Path, name: str) -> None:
    _, suffix, content, limit, line = next(case for case in CASES if case[0] == name)
    path = tmp_path / f"hostile{suffix}"
    path.write_text(content(), encoding="utf-8")
    target = tmp_path / "out.docx"
    result = (run if limit == "yaml_nodes" else invoke)("render", str(path), "-o", str(target))
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-2000:]
    assert "Traceback" not in output
    assert output.startswith(f"{path}:{line}:"), output[:2000]
    assert f"ROADMAPDOCS_LIMIT_{limit.upper()}" in output
    assert not target.exists()


def test_a_file_over_the_size_limit_is_refused_at_the_byte_it_passes(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("kind: order\ntitle: Т\nbasis: " + "x" * 5000 + "\n", encoding="utf-8")
    result = invoke("validate", str(path), env={"ROADMAPDOCS_LIMIT_FILE_BYTES": "1000"})
    assert result.returncode == 1
    assert f"{path}:3:" in result.stdout
    assert "файл больше 1000 байт" in result.stdout
    assert "ROADMAPDOCS_LIMIT_FILE_BYTES" in result.stdout


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_with_no_end_is_read_only_up_to_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "zero.yaml"
    path.symlink_to("/dev/zero")
    result = run("validate", str(path), env={"ROADMAPDOCS_LIMIT_FILE_BYTES": "100000"})
    assert result.returncode == 1
    assert f"{path}:1:100001: RD001 load-error  файл больше 100000 байт" in result.stdout


def test_a_file_larger_than_the_limit_is_not_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("kind: order\ntitle: Т\n" + "#" * 100_000 + "\n", encoding="utf-8")
    with limits.override(file_bytes=50), pytest.raises(LimitExceeded) as caught:
        roadmapdocs.load(path)
    assert caught.value.limit == "file_bytes"
    assert isinstance(caught.value, LoadError)
    assert caught.value.location is not None and caught.value.location.line == 3


def test_all_text_fields_together_are_bounded(tmp_path: Path) -> None:
    source = EXAMPLES / "school-order.yaml"
    with limits.override(document_chars=2000), pytest.raises(LimitExceeded) as caught:
        roadmapdocs.load(source)
    assert caught.value.limit == "document_chars"
    assert str(caught.value).startswith(f"{source}:")
    assert "в текстовых полях документа больше 2000 символов" in str(caught.value)


def test_an_alias_counts_what_it_repeats_and_what_is_below_the_bound_loads() -> None:
    text = "kind: order\ntitle: &t Заголовок\nbasis: *t\nclauses: &c [a, b, c]\nextra: [*c, *c]\n"
    with limits.override(yaml_nodes=12), pytest.raises(LimitExceeded) as caught:
        roadmapdocs.load(text)
    assert caught.value.limit == "yaml_nodes"
    # Below the bound «extra» is read, then refused as no field of an order.
    with limits.override(yaml_nodes=10_000), pytest.raises(LoadError) as caught_load:
        roadmapdocs.load(text)
    assert not isinstance(caught_load.value, LimitExceeded)


def test_a_mapping_given_in_python_is_bounded_too() -> None:
    with pytest.raises(LimitExceeded) as caught:
        roadmapdocs.load({"kind": "order", "title": "т" * 200_000})
    assert caught.value.limit == "field_chars"
    assert "title:" in str(caught.value)
    deep: object = "т"
    for _ in range(100):
        deep = [deep]
    with pytest.raises(LimitExceeded) as caught:
        roadmapdocs.load({"kind": "order", "title": deep})
    assert caught.value.limit == "depth"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("kind: order\ntitle: Т\ndate: !!timestamp 2024-13-45\n", "3:7"),  # no such day
        # Text no timestamp, float or int at all: PyYAML's constructors fail on it each in its
        # own way (AttributeError, IndexError, ValueError), with no message of their own.
        ("!!timestamp 2024-13-45title: \n", "1:1"),
        ("title: !!float \n", "1:8"),
        ("number: !!int\n", "1:9"),
    ],
)
def test_a_tagged_value_that_cannot_be_built_fails_located_not_with_a_traceback(
    text: str, place: str
) -> None:
    with pytest.raises(LoadError) as caught:
        roadmapdocs.load(text)
    assert str(caught.value).startswith(
        f"<ввод>:{place}: ошибка синтаксиса YAML: неверное значение"
    )


# Settings ---------------------------------------------------------------------------------


def _document_with_long_basis(folder: Path, chars: int) -> Path:
    text = (EXAMPLES / "school-order-clean.yaml").read_text(encoding="utf-8")
    path = folder / "order.yaml"
    path.write_text(text.replace("basis: ", f"basis: {'ы' * chars} ", 1), encoding="utf-8")
    return path


def test_a_limits_table_beside_the_document_raises_a_bound(tmp_path: Path) -> None:
    path = _document_with_long_basis(tmp_path, 150_000)
    refused = invoke("validate", str(path))
    assert refused.returncode == 1
    assert "предел field_chars" in refused.stdout
    (tmp_path / "roadmapdocs.toml").write_text("[limits]\nfield-chars = 200_000\n", "utf-8")
    assert invoke("validate", str(path)).returncode == 0
    # The environment wins over the file.
    lowered = invoke("validate", str(path), env={"ROADMAPDOCS_LIMIT_FIELD_CHARS": "1000"})
    assert lowered.returncode == 1
    assert "допустимо не больше 1000" in lowered.stdout


def test_pyproject_limits_table_is_read(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[project]\nname = 'x'\n\n[tool.roadmapdocs.limits]\nfile_bytes = 100\n", "utf-8"
    )
    path = tmp_path / "order.yaml"
    path.write_text((EXAMPLES / "school-order-clean.yaml").read_text("utf-8"), "utf-8")
    with pytest.raises(LimitExceeded) as caught:
        pipeline.load(path)
    assert caught.value.limit == "file_bytes"


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (
            "[limits]\nfile-bites = 10\n",
            "нет предела «file-bites»; возможно, имелось в виду «file_bytes»",
        ),
        ("[limits]\n\ndepth = -3\n", "предел depth: ожидается целое число больше нуля, а не «-3»"),
        ("[limits]\n\ndepth = 'много'\n", "предел depth: ожидается целое число больше нуля"),
        (
            "[limits]\n\nrender-seconds = true\n",
            "предел render_seconds: ожидается число больше нуля",
        ),
        ("limits = 5\n", "limits должен быть таблицей [limits]"),
    ],
)
def test_a_wrong_limit_in_the_settings_is_a_located_error(
    tmp_path: Path, table: str, expected: str
) -> None:
    settings = tmp_path / "roadmapdocs.toml"
    settings.write_text(table, encoding="utf-8")
    path = tmp_path / "order.yaml"
    path.write_text((EXAMPLES / "school-order-clean.yaml").read_text("utf-8"), "utf-8")
    line = table.count("\n", 0, table.index("=")) + 1
    for command in (["validate", str(path)], ["render", str(path), "-o", str(tmp_path / "o.docx")]):
        result = invoke(*command)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert f"{settings}:{line}:1: {expected}" in result.stderr
    with pytest.raises(ConfigError):
        pipeline.load(path)


def test_a_wrong_limit_in_the_environment_is_an_error_not_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "order.yaml"
    path.write_text((EXAMPLES / "school-order-clean.yaml").read_text("utf-8"), "utf-8")
    result = invoke("validate", str(path), env={"ROADMAPDOCS_LIMIT_FILE_BYTES": "20MB"})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "ROADMAPDOCS_LIMIT_FILE_BYTES: предел file_bytes: ожидается целое число" in result.stderr
    unknown = invoke("validate", str(path), env={"ROADMAPDOCS_LIMIT_NODES": "5"})
    assert unknown.returncode == 1
    assert "ROADMAPDOCS_LIMIT_NODES: нет предела «nodes»" in unknown.stderr
    monkeypatch.setenv("ROADMAPDOCS_LIMIT_DEPTH", "0")
    monkeypatch.setattr(limits, "_PROCESS", [])
    with pytest.raises(ConfigError):
        limits.current()


def test_code_and_environment_win_over_the_settings_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "_PROCESS", [])
    monkeypatch.setattr(limits, "_PROCESS_SET", [])
    monkeypatch.setenv("ROADMAPDOCS_LIMIT_DEPTH", "7")
    table = {"depth": 9, "field-chars": 11, "yaml_nodes": 13}
    found = limits.in_settings(table)
    assert (found.depth, found.field_chars, found.yaml_nodes) == (7, 11, 13)
    with limits.override(yaml_nodes=99):
        found = limits.in_settings(table)
    assert (found.depth, found.field_chars, found.yaml_nodes) == (7, 11, 99)
    assert limits.in_settings({}) == limits.current()
