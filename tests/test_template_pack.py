"""The example template pack, installed for real: its wheel ships the templates and it wins."""

from __future__ import annotations

import filecmp
import importlib.util
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from docx import Document

from .conftest import EXAMPLES

PACK = EXAMPLES / "template-pack"


def _purelib(python: Path) -> Path:
    out = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    )
    return Path(out.stdout.strip())


@pytest.fixture(scope="module")
def pack_env(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the pack installed from its wheel.

    The environment sees this one's packages (roadmapdocs and its dependencies) through a .pth
    line, so nothing is downloaded; the pack itself is built and installed as a user would.
    """
    pytest.importorskip("setuptools", minversion="70.1")
    root = tmp_path_factory.mktemp("pack-env")
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    here = sysconfig.get_paths()["purelib"]
    (_purelib(python) / "outer-env.pth").write_text(
        f"import site; site.addsitedir({here!r})\n", encoding="utf-8"
    )
    # A copy, so that building leaves no build/ or *.egg-info in the repository.
    source = root / "pack"
    shutil.copytree(PACK, source, ignore=shutil.ignore_patterns("build", "*.egg-info"))
    subprocess.run(
        [
            *(str(python), "-m", "pip", "install", "-q"),
            *("--no-deps", "--no-index", "--no-build-isolation", str(source)),
        ],
        check=True,
        capture_output=True,
    )
    return python


def _roadmapdocs(python: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(python), "-m", "roadmapdocs.cli", *args],
        capture_output=True,
        text=True,
        cwd=EXAMPLES.parent,
        env={"PATH": "", "PYTHONIOENCODING": "utf-8"},
    )


def test_wheel_ships_the_templates(pack_env: Path) -> None:
    installed = _purelib(pack_env) / "smolensk_templates" / "school" / "order"
    original = PACK / "src" / "smolensk_templates" / "school" / "order"
    for name in ("template.toml", "template.docx"):
        assert filecmp.cmp(installed / name, original / name, shallow=False), name


def test_list_shows_the_pack_shadowing_the_builtin(pack_env: Path) -> None:
    result = _roadmapdocs(pack_env, "templates", "list")
    assert result.returncode == 0, result.stderr
    assert "пакет roadmapdocs-smolensk-templates (smolensk = smolensk_templates)" in result.stdout
    (line,) = [x for x in result.stdout.splitlines() if x.startswith("school/order ")]
    winner, _, shadowed = line.partition("заслоняет:")
    assert "roadmapdocs-smolensk-templates" in winner
    assert "встроенный roadmapdocs" in shadowed


def test_render_uses_the_pack(pack_env: Path, tmp_path: Path) -> None:
    out = tmp_path / "order.docx"
    result = _roadmapdocs(pack_env, "render", "examples/school-order.yaml", "-o", str(out))
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
