"""The wheel a user installs: every module and template in it, built without warnings, and
working on its own (not only from a checkout)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from .conftest import EXAMPLES, ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The project's wheel, built from a copy of the sources, and what the build printed."""
    pytest.importorskip("setuptools", minversion="70.1")
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, source)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(ROOT / "src", source / "src", ignore=ignore)
    shutil.copytree(ROOT / "templates", source / "templates", ignore=ignore)
    built = subprocess.run(
        [
            *(sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "--no-index"),
            *("--no-build-isolation", "-w", str(root / "dist"), str(source)),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    (found,) = (root / "dist").glob("roadmapdocs-*.whl")
    return found, built.stdout + built.stderr


def test_every_module_and_template_file_is_in_the_wheel(wheel: tuple[Path, str]) -> None:
    path, _ = wheel
    with zipfile.ZipFile(path) as package:
        shipped = {n for n in package.namelist() if not n.startswith("roadmapdocs-")}
    modules = {
        "roadmapdocs/" + p.relative_to(ROOT / "src" / "roadmapdocs").as_posix()
        for p in (ROOT / "src" / "roadmapdocs").rglob("*")
        if p.suffix in (".py", ".typed") and "__pycache__" not in p.parts
    }
    templates = {
        "roadmapdocs/builtin_templates/" + p.relative_to(ROOT / "templates").as_posix()
        for p in (ROOT / "templates").rglob("template.*")
    }
    assert modules - shipped == set()
    assert templates - shipped == set()
    assert "roadmapdocs/rules/builtin/missing_responsible.py" in shipped


def test_the_build_warns_of_nothing(wheel: tuple[Path, str]) -> None:
    _, log = wheel
    assert "would be ignored" not in log
    assert "BuildBackendWarning" not in log


def test_an_installed_wheel_validates_and_renders_on_its_own(
    wheel: tuple[Path, str], tmp_path: Path
) -> None:
    path, _ = wheel
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # The dependencies come from this environment; roadmapdocs only from the wheel.
    with zipfile.ZipFile(path) as package:
        package.extractall(purelib)
    here = sysconfig.get_paths()["purelib"]
    Path(purelib, "outer-env.pth").write_text(
        f"import site; site.addsitedir({here!r})\n", encoding="utf-8"
    )

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(python), *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env={"PATH": "", "PYTHONIOENCODING": "utf-8"},
        )

    where = run("-c", "import roadmapdocs; print(roadmapdocs.__file__)")
    assert where.stdout.startswith(purelib), where.stdout + where.stderr
    checked = run("-m", "roadmapdocs.cli", "validate", str(EXAMPLES / "school-order-clean.yaml"))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    listed = run("-m", "roadmapdocs.cli", "rules")
    assert "RD101" in listed.stdout and "missing-responsible" in listed.stdout
    out = tmp_path / "order.docx"
    made = run(
        "-m", "roadmapdocs.cli", "render", str(EXAMPLES / "school-order.yaml"), "-o", str(out)
    )
    assert made.returncode == 0, made.stderr
    assert zipfile.is_zipfile(out)
