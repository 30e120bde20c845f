"""Ctrl-C during a batch: whole files only, a clear message, and a re-run that finishes the rest."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, as_at_a_terminal

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
        preexec_fn=as_at_a_terminal,
    )


def test_ctrl_c_leaves_whole_files_and_skip_existing_finishes(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    text = (EXAMPLES / "municipal-roadmap.yaml").read_text(encoding="utf-8")
    # Far more than can be made between the first file and Ctrl-C, even on a busy machine.
    for i in range(150):
        (inputs / f"roadmap-{i:03d}.yaml").write_text(text, encoding="utf-8")
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
    assert 0 < len(made) < 150, errors

    again = _batch(inputs, out, "-j", "2", "--skip-existing", "--quiet")
    _, summary = again.communicate(timeout=300)
    assert again.returncode == 0, summary
    assert f"пропущено: {len(made)}" in summary
    assert len(list(out.glob("*.docx"))) == 150


def test_a_terminal_sees_a_progress_bar_and_a_log_sees_lines(tmp_path: Path) -> None:
    import pty

    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("school-order.yaml", "school-roadmap.yaml"):
        (inputs / name).write_bytes((EXAMPLES / name).read_bytes())
    command = [sys.executable, "-m", "roadmapdocs.cli", "batch", str(inputs), "-j", "1", "-o"]
    # On a terminal: rich's bar on stderr, no per-file lines.
    leader, follower = pty.openpty()
    run = subprocess.Popen(
        [*command, str(tmp_path / "tty")], stdout=follower, stderr=follower, close_fds=True
    )
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closes when the command ends
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    assert run.wait(timeout=120) == 0
    screen = seen.decode("utf-8", "replace")
    assert "Документы" in screen and "━" in screen
    assert "Готово: 2" in screen
    # Into a log: one plain line per file and the summary, no bar.
    logged = subprocess.run([*command, str(tmp_path / "log")], capture_output=True, text=True)
    assert logged.returncode == 0
    assert "━" not in logged.stderr + logged.stdout
    assert sorted(Path(line.split(" ")[0]).name for line in logged.stdout.splitlines()) == [
        "school-order.docx",
        "school-roadmap.docx",
    ]
    quiet = subprocess.run([*command, str(tmp_path / "q"), "-q"], capture_output=True, text=True)
    assert quiet.stdout == "" and quiet.stderr.startswith("Готово: 2")


def test_the_bar_stays_off_a_redirected_stdout(tmp_path: Path) -> None:
    import pty

    leader, follower = pty.openpty()
    listing = tmp_path / "list.txt"
    with listing.open("w") as stdout:
        run = subprocess.Popen(
            [
                *(sys.executable, "-m", "roadmapdocs.cli", "batch"),
                *(str(EXAMPLES / "school-order.yaml"), "-j", "1", "-o", str(tmp_path / "out")),
            ],
            stdout=stdout,
            stderr=follower,
            close_fds=True,
        )
        os.close(follower)
        with contextlib.suppress(OSError):
            while os.read(leader, 4096):
                pass
        os.close(leader)
        assert run.wait(timeout=120) == 0
    # The bar is on the terminal; the file gets the list of what was made, and nothing else.
    import roadmapdocs

    findings = len(roadmapdocs.validate(roadmapdocs.load(EXAMPLES / "school-order.yaml")))
    assert listing.read_text(encoding="utf-8").split() == [
        str(tmp_path / "out" / "school-order.docx"),
        "(замечаний:",
        f"{findings})",
    ]
