"""A fresh virtual environment with one example distribution installed, as a user would.

roadmapdocs and its dependencies come from the running environment through a .pth line, so
nothing is downloaded and the roadmapdocs under test is the very copy of this checkout.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from tests.conftest import EXAMPLES


def purelib(python: Path) -> Path:
    """Where ``python`` installs pure-Python packages."""
    out = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    )
    return Path(out.stdout.strip())


def with_installed(distribution: Path, root: Path) -> Path:
    """The Python of a new environment under ``root`` with ``distribution`` (a source folder)
    built and installed into it."""
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    here = sysconfig.get_paths()["purelib"]
    (purelib(python) / "outer-env.pth").write_text(
        f"import site; site.addsitedir({here!r})\n", encoding="utf-8"
    )
    # A copy, so that building leaves no build/ or *.egg-info in the repository.
    source = root / distribution.name
    shutil.copytree(distribution, source, ignore=shutil.ignore_patterns("build", "*.egg-info"))
    subprocess.run(
        [
            *(str(python), "-m", "pip", "install", "-q"),
            *("--no-deps", "--no-index", "--no-build-isolation", str(source)),
        ],
        check=True,
        capture_output=True,
    )
    return python


def roadmapdocs(python: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command line of that environment, run from the repository root."""
    return subprocess.run(
        [str(python), "-m", "roadmapdocs.cli", *args],
        capture_output=True,
        text=True,
        cwd=EXAMPLES.parent,
        env={"PATH": "", "PYTHONIOENCODING": "utf-8"},
    )
