"""The framework: selection, severity, configuration files, crashing rules, plugins, the CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import roadmapdocs
from roadmapdocs.cli import main
from roadmapdocs.messages import Lang
from roadmapdocs.rules import discovery, docs
from roadmapdocs.rules.base import ConfigError, Context, Hit, RuleConflict, Severity, rule
from roadmapdocs.rules.config import Config
from roadmapdocs.rules.engine import run
from tests.conftest import EXAMPLES, ROOT

DEFECTIVE = {
    "kind": "roadmap",
    "level": "school",
    "goal": "СОШ № ____",
    "plan": {"activities": [{"number": "1", "text": "Урок"}]},
}


@pytest.mark.parametrize(
    ("select", "ignore", "codes"),
    [
        (None, None, {"RD101", "RD102", "RD103", "RD401"}),
        (["RD1"], None, {"RD101", "RD102", "RD103"}),
        (["placeholder", "RD101"], None, {"RD101", "RD401"}),
        (None, ["RD10"], {"RD401"}),
        (["ALL"], ["missing-deadline"], {"RD101", "RD103", "RD401"}),
    ],
)
def test_select_and_ignore(
    select: list[str] | None, ignore: list[str] | None, codes: set[str]
) -> None:
    report = roadmapdocs.validate(roadmapdocs.load(DEFECTIVE), select=select, ignore=ignore)
    assert {f.code for f in report} == codes


def test_unknown_rule_is_a_user_error() -> None:
    with pytest.raises(ConfigError, match="нет правила «RD999»"):
        roadmapdocs.validate(roadmapdocs.load(DEFECTIVE), select=["RD999"])


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("roadmapdocs.toml", 'ignore = ["RD10"]\n[severity]\nplaceholder = "info"\n'),
        (
            "pyproject.toml",
            '[tool.roadmapdocs]\nignore = ["RD10"]\n[tool.roadmapdocs.severity]\nRD401 = "info"\n',
        ),
    ],
)
def test_configuration_file_next_to_the_input(tmp_path: Path, name: str, content: str) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    nested = tmp_path / "plans"
    nested.mkdir()
    report = roadmapdocs.validate(roadmapdocs.load(DEFECTIVE), config=Config.discover(nested))
    assert [(f.code, f.severity) for f in report] == [("RD401", Severity.INFO)]


def test_a_broken_configuration_file_is_a_located_user_error(tmp_path: Path) -> None:
    settings = tmp_path / "roadmapdocs.toml"
    settings.write_text('ignore = ["RD10"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="ошибка в файле настроек") as caught:
        Config.discover(tmp_path)
    assert caught.value.location is not None
    assert caught.value.location.file == str(settings)


def test_known_abbreviations_from_configuration() -> None:
    document = roadmapdocs.load(
        {"kind": "roadmap", "level": "school", "goal": "по плану СКИРО ПК и ПРО"}
    )
    assert [f.code for f in roadmapdocs.validate(document, select=["RD301"])] == ["RD301"] * 2
    config = Config(known_abbreviations=frozenset({"СКИРО ПК и ПРО"}))
    assert not roadmapdocs.validate(document, select=["RD301"], config=config).findings


def test_a_crashing_rule_is_reported_and_the_others_still_run() -> None:
    @rule("RD900", "always-crashes", Severity.WARNING)
    def crashes(context: Context) -> Iterator[Hit]:
        """Падает всегда."""
        raise ZeroDivisionError("деление на ноль")

    placeholder = discovery.registry()["RD401"]
    context = Context(roadmapdocs.load(DEFECTIVE), Config())
    findings = run([crashes, placeholder], context)
    assert [(f.code, f.name) for f in findings] == [
        ("RD000", "internal-error"),
        ("RD401", "placeholder"),
    ]
    assert "ZeroDivisionError" in findings[0].message


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ru", "правило RD900 always-crashes завершилось сбоем (ZeroDivisionError: "),
        ("en", "rule RD900 always-crashes crashed (ZeroDivisionError: "),
    ],
)
def test_a_crashing_rule_is_reported_in_the_language_asked(lang: Lang, expected: str) -> None:
    @rule("RD900", "always-crashes", Severity.WARNING)
    def crashes(context: Context) -> Iterator[Hit]:
        """Падает всегда."""
        raise ZeroDivisionError("division by zero")

    context = Context(roadmapdocs.load(DEFECTIVE), Config(), lang=lang)
    (finding,) = run([crashes], context)
    assert finding.message.startswith(expected)


def test_a_plugin_reusing_a_code_is_a_loud_error(monkeypatch: pytest.MonkeyPatch) -> None:
    copy = discovery.registry()["RD101"]
    from dataclasses import replace

    monkeypatch.setattr(
        discovery, "_plugin_rules", lambda: iter([replace(copy, name="x", origin="region-rules")])
    )
    discovery.registry.cache_clear()
    try:
        with pytest.raises(RuleConflict, match=r"roadmapdocs.*region-rules"):
            discovery.registry()
    finally:
        discovery.registry.cache_clear()


def test_rules_reference_is_current() -> None:
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == docs.render(), (
        "docs/rules.md устарел: python -m roadmapdocs.rules.docs > docs/rules.md"
    )


def test_every_rule_is_documented() -> None:
    for item in discovery.registry().values():
        assert item.summary and "Пример" in item.doc, item.name


def test_cli_text_json_and_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    source = tmp_path / "plan.yaml"
    source.write_text(
        "kind: roadmap\nlevel: school\nplan:\n  activities:\n    - {number: '2.3', text: Урок, deadline: март 2024, result: Протокол}\n",
        encoding="utf-8",
    )
    text = runner.invoke(main, ["validate", str(source)])
    assert text.exit_code == 1
    assert (
        f"{source}:5: RD101 missing-responsible  мероприятие 2.3: не указан ответственный"
        in text.output
    )
    assert "Проверено: 1 документ; 1 ошибка, 0 предупреждений" in text.output
    data = json.loads(runner.invoke(main, ["validate", "--format", "json", str(source)]).output)
    assert {"file", "line", "code", "name", "severity", "path", "element", "message"} <= set(
        data[0]
    )
    assert runner.invoke(main, ["validate", "--ignore", "RD101", str(source)]).exit_code == 0
    listing = runner.invoke(main, ["rules"])
    assert listing.exit_code == 0 and "RD101  missing-responsible" in listing.output


def test_cli_strict_fails_on_warnings(tmp_path: Path) -> None:
    source = tmp_path / "plan.yaml"
    source.write_text("kind: roadmap\nlevel: school\ngoal: Помощь ШНОР\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["validate", str(source)]).exit_code == 0
    assert runner.invoke(main, ["validate", "--strict", str(source)]).exit_code == 1


def _mutations() -> st.SearchStrategy[dict[str, object]]:
    """Examples with one field blanked, duplicated or given odd text: still loadable, often odd."""
    paths = sorted(EXAMPLES.glob("*.yaml"))
    odd = st.sampled_from(
        ["", " ", "____", "<p>", "Доля", "1.1.", "ШНОР ШНРО", "13", "……", "по по"]
    )

    def mutate(data: object, choice: int, value: str) -> object:
        if isinstance(data, dict) and data:
            key = sorted(data)[choice % len(data)]
            if key in ("kind", "level") or not isinstance(data[key], (str, dict, list)):
                return data
            return {
                **data,
                key: value if isinstance(data[key], str) else mutate(data[key], choice // 3, value),
            }
        if isinstance(data, list) and data:
            index = choice % len(data)
            return [*data[:index], mutate(data[index], choice // 5, value), *data[index:]]
        return data

    def build(path: Path, choices: list[int], value: str) -> dict[str, object]:
        data: object = roadmapdocs.to_data(roadmapdocs.load(path))
        for choice in choices:
            data = mutate(data, choice, value)
        assert isinstance(data, dict)
        return data

    return st.builds(
        build, st.sampled_from(paths), st.lists(st.integers(0, 10_000), max_size=6), odd
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mutations())
def test_validate_never_raises_on_a_loadable_document(data: dict[str, object]) -> None:
    try:
        document = roadmapdocs.load(data)
    except roadmapdocs.LoadError:
        return
    # With a date every rule runs, overdue included.
    report = roadmapdocs.validate(document, as_of=date(2025, 1, 1))
    assert all(f.code != "RD000" for f in report), [str(f) for f in report if f.code == "RD000"]


def test_names_that_moved_stay_importable_from_the_rule_contract() -> None:
    from roadmapdocs.rules import base, config

    assert base.Config is config.Config
    assert base.resolve is config.resolve
    assert base.registry is discovery.registry
    assert base.ENTRY_POINT_GROUP == "roadmapdocs.rules"
