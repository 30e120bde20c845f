"""The example template pack, installed for real: its wheel ships the templates and it wins."""

from __future__ import annotations

import filecmp
import importlib.util
from pathlib import Path

import pytest
from docx import Document

from .conftest import EXAMPLES
from .venvs import purelib, with_installed
from .venvs import roadmapdocs as roadmapdocs_in

PACK = EXAMPLES / "template-pack"


@pytest.fixture(scope="module")
def pack_env(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the pack installed from its wheel.

    The environment sees this one's packages (roadmapdocs and its dependencies) through a .pth
    line, so nothing is downloaded; the pack itself is built and installed as a user would.
    """
    pytest.importorskip("setuptools", minversion="70.1")
    return with_installed(PACK, tmp_path_factory.mktemp("pack-env"))


def test_wheel_ships_the_templates(pack_env: Path) -> None:
    installed = purelib(pack_env) / "smolensk_templates" / "school" / "order"
    original = PACK / "src" / "smolensk_templates" / "school" / "order"
    for name in ("template.toml", "template.docx"):
        assert filecmp.cmp(installed / name, original / name, shallow=False), name


def test_list_shows_the_pack_shadowing_the_builtin(pack_env: Path) -> None:
    result = roadmapdocs_in(pack_env, "templates", "list")
    assert result.returncode == 0, result.stderr
    assert "пакет roadmapdocs-smolensk-templates (smolensk = smolensk_templates)" in result.stdout
    (line,) = [x for x in result.stdout.splitlines() if x.startswith("school/order ")]
    winner, _, shadowed = line.partition("заслоняет:")
    assert "roadmapdocs-smolensk-templates" in winner
    assert "встроенный roadmapdocs" in shadowed


def test_render_uses_the_pack(pack_env: Path, tmp_path: Path) -> None:
    out = tmp_path / "order.docx"
    result = roadmapdocs_in(pack_env, "render", "examples/school-order.yaml", "-o", str(out))
    assert result.returncode == 0, result.stderr
    rendered = Document(str(out))
    assert rendered.styles["Normal"].font.size.pt == 13
    # The pack writes the order's date in words; the built-in writes it as 05.09.2024.
    requisites = next(p.text for p in rendered.paragraphs if "№ 226/1-г" in p.text)
    assert requisites.split("\t")[0] == "5 сентября 2024 г."


def test_pack_docx_is_what_its_script_makes(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("pack_build_docx", PACK / "build_docx.py")
    assert spec is not None and spec.loader is not None
    build_docx = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_docx)
    made = build_docx.build(tmp_path / "template.docx")
    assert made.read_bytes() == build_docx.TARGET.read_bytes()
