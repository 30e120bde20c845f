"""The example kind plugin (minutes), installed for real: a kind from outside the package.

A fresh virtual environment gets the plugin from its wheel and the commands read, check and
render its documents; then the same in this process, with its spec registered by hand.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

import roadmapdocs
from roadmapdocs import plugins
from roadmapdocs.model import kinds
from roadmapdocs.templates import Registry

from .conftest import EXAMPLES
from .venvs import purelib, with_installed
from .venvs import roadmapdocs as roadmapdocs_in

PLUGIN = EXAMPLES / "kind-plugin"
PACKAGE = PLUGIN / "src" / "roadmapdocs_minutes"
MINUTES = PLUGIN / "minutes.yaml"


def _defective(text: str) -> str:
    """The example with two planted defects: decision 2 names no one responsible, and the
    agenda goes 1, 3."""
    planted = text.replace("    responsible: Балабанова Н.В.\n", "").replace(
        "- number: 2\n  text: Об итогах", "- number: 3\n  text: Об итогах"
    )
    assert planted.count("responsible:") == text.count("responsible:") - 1
    assert "- number: 3\n  text: Об итогах" in planted
    return planted


@pytest.fixture(scope="module")
def plugin_env(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the plugin installed from its source, as a user would.

    roadmapdocs and its dependencies come from this environment through a .pth line, so
    nothing is downloaded and roadmapdocs is the very copy under test, unedited.
    """
    pytest.importorskip("setuptools", minversion="70.1")
    return with_installed(PLUGIN, tmp_path_factory.mktemp("kind-env"))


def _texts(path: Path) -> list[str]:
    """The paragraphs of a .docx, then the cells of its tables."""
    word = Document(str(path))
    cells = [c.text for table in word.tables for row in table.rows for c in row.cells]
    return [p.text for p in word.paragraphs] + cells


def test_wheel_ships_the_template(plugin_env: Path) -> None:
    installed = purelib(plugin_env) / "roadmapdocs_minutes" / "school" / "minutes"
    shipped = PACKAGE / "school" / "minutes"
    for name in ("template.toml", "template.docx"):
        assert (installed / name).read_bytes() == (shipped / name).read_bytes(), name


def test_validate_finds_the_planted_defects(plugin_env: Path, tmp_path: Path) -> None:
    clean = roadmapdocs_in(plugin_env, "validate", str(MINUTES))
    assert clean.returncode == 0, clean.stdout + clean.stderr
    broken = tmp_path / "minutes.yaml"
    broken.write_text(_defective(MINUTES.read_text(encoding="utf-8")), encoding="utf-8")
    result = roadmapdocs_in(plugin_env, "validate", str(broken))
    assert result.returncode == 1, result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if " RD" in line]
    assert len(lines) == 2, result.stdout
    gap, responsible = lines
    assert "numbering-gap" in gap and "вопрос повестки 3" in gap and "пропущен 2" in gap
    # Decisions are the rows of a plan, which roadmapdocs names as activities.
    assert "missing-responsible" in responsible and "решение 2" in responsible


def test_render_prints_the_minutes(plugin_env: Path, tmp_path: Path) -> None:
    out = tmp_path / "minutes.docx"
    result = roadmapdocs_in(plugin_env, "render", str(MINUTES), "-o", str(out))
    assert result.returncode == 0, result.stderr
    texts = _texts(out)
    assert "ПРОТОКОЛ" in texts
    assert "28.10.2024\t№ 3" in texts  # date and number from the minutes' own fields
    assert "Смоленск" in texts
    assert "1. О ходе реализации дорожной карты в I четверти 2024-2025 учебного года." in texts
    assert any(t.startswith("2. СЛУШАЛИ: Балабанову") for t in texts)
    assert "Рассмотреть итоги диагностики на заседании методического совета." in texts
    assert "Балабанова\u00a0Н.В." in texts
    assert Document(str(out)).core_properties.subject == "Протокол"


def test_templates_list_shows_the_plugin_template(plugin_env: Path) -> None:
    result = roadmapdocs_in(plugin_env, "templates", "list")
    assert result.returncode == 0, result.stderr
    (line,) = [x for x in result.stdout.splitlines() if x.startswith("school/minutes ")]
    assert "roadmapdocs-minutes" in line


def test_schema_of_all_kinds_has_the_minutes(plugin_env: Path) -> None:
    result = roadmapdocs_in(plugin_env, "schema")
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    assert schema["discriminator"]["mapping"]["minutes"] == "#/$defs/Minutes"
    assert "chair" in schema["$defs"]["Minutes"]["properties"]


def test_schema_of_the_minutes_alone(plugin_env: Path) -> None:
    result = roadmapdocs_in(plugin_env, "schema", "minutes")
    assert result.returncode == 0, result.stderr


def test_a_misspelt_kind_lists_the_minutes(plugin_env: Path, tmp_path: Path) -> None:
    typo = tmp_path / "minutes.yaml"
    typo.write_text(
        MINUTES.read_text(encoding="utf-8").replace("kind: minutes", "kind: minutse"),
        encoding="utf-8",
    )
    result = roadmapdocs_in(plugin_env, "validate", str(typo))
    assert result.returncode == 1
    (line,) = [x for x in result.stdout.splitlines() if "load-error" in x]
    assert "«minutse»" in line
    assert line.endswith("roadmap, passport, order, project, report, minutes")


# In this process ------------------------------------------------------------------------------


@pytest.fixture
def registered(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The plugin's spec announced through a stand-in for the installed entry point."""
    monkeypatch.syspath_prepend(str(PLUGIN / "src"))
    point = EntryPoint("minutes", "roadmapdocs_minutes:MINUTES", kinds.ENTRY_POINT_GROUP)
    monkeypatch.setattr(
        plugins, "entry_points", lambda group: [point] if group == point.group else []
    )
    kinds.registry.cache_clear()
    kinds.adapter.cache_clear()
    yield
    kinds.registry.cache_clear()
    kinds.adapter.cache_clear()


@pytest.mark.usefixtures("registered")
def test_a_registered_spec_loads_and_validates() -> None:
    assert "minutes" in kinds.names()
    document = roadmapdocs.load(_defective(MINUTES.read_text(encoding="utf-8")))
    assert type(document).__name__ == "Minutes"
    found = {f.name: f.element for f in roadmapdocs.validate(document, lang="en")}
    assert found == {"numbering-gap": "agenda item 3", "missing-responsible": "decision 2"}


@pytest.mark.usefixtures("registered")
def test_comments_stand_where_the_defects_are(tmp_path: Path) -> None:
    document = roadmapdocs.load(_defective(MINUTES.read_text(encoding="utf-8")))
    out = roadmapdocs.render(
        document, tmp_path / "minutes.docx", registry=Registry(folders=[PACKAGE]), annotate=True
    )
    body = Document(str(out)).element.body
    anchored = []
    for start in body.iter(qn("w:commentRangeStart")):
        row = next(start.iterancestors(qn("w:tr")), None)
        where = start.getparent() if row is None else row
        anchored.append("".join(t.text or "" for t in where.iter(qn("w:t"))))
    gap, responsible = anchored
    assert gap == "3. Об итогах входной диагностики по математике в 5-х классах."
    assert responsible.startswith("2Составить индивидуальные образовательные маршруты")


def test_template_docx_is_what_its_script_makes(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("minutes_build_docx", PLUGIN / "build_docx.py")
    assert spec is not None and spec.loader is not None
    build_docx = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_docx)
    made = build_docx.build(tmp_path / "template.docx")
    assert made.read_bytes() == build_docx.TARGET.read_bytes()
