"""Ctrl-C during a batch: whole files only, a clear message, and a re-run that finishes the rest."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from .conftest import EXAMPLES

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="Ctrl-C is sent to a process group, as a POSIX terminal does"
)


def _batch(inputs: Path, out: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "roadmapdocs.cli", "batch", str(inputs), "-o", str(out), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own group, like a command started from a terminal
    )


def test_ctrl_c_leaves_whole_files_and_skip_existing_finishes(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    text = (EXAMPLES / "municipal-roadmap.yaml").read_text(encoding="utf-8")
    for i in range(60):
        (inputs / f"roadmap-{i:02d}.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    run = _batch(inputs, out, "-j", "2")
    deadline = time.monotonic() + 120
    while not (out.is_dir() and any(out.glob("*.docx"))):
        assert run.poll() is None, run.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.02)
    os.killpg(run.pid, signal.SIGINT)  # what a terminal does on Ctrl-C
    _, errors = run.communicate(timeout=120)
    assert run.returncode == 130, errors
    assert "прервано" in errors
    assert "Traceback" not in errors
    made = sorted(out.iterdir())
    assert all(p.suffix == ".docx" and not p.name.startswith(".") for p in made), made
    assert all(zipfile.ZipFile(p).testzip() is None for p in made)
    assert 0 < len(made) < 60

    again = _batch(inputs, out, "-j", "2", "--skip-existing", "--quiet")
    _, summary = again.communicate(timeout=300)
    assert again.returncode == 0, summary
    assert f"пропущено: {len(made)}" in summary
    assert len(list(out.glob("*.docx"))) == 60
