"""LibreOffice gone wrong: one that hangs, one that writes garbage, one that leaves a child running.

soffice is replaced by a small script; each leaves a process whose command line carries a marker
unique to the test, so that what survives can be found.
"""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

import roadmapdocs
from roadmapdocs import limits
from roadmapdocs.batch import render_many
from roadmapdocs.errors import ConversionError
from roadmapdocs.rendering.pdf import ODT, PDF, check_output, uno_python
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX process groups")

ORDER = EXAMPLES / "school-order-clean.yaml"

# Each fake starts a grandchild that would outlive a soffice killed alone.
_GRANDCHILD = f'"{sys.executable}" -c "import time; time.sleep(300)" {{marker}} &\n'
_HANGS = "#!/bin/sh\n" + _GRANDCHILD + "sleep 300\n"
_GARBAGE = """#!/bin/sh
{grandchild}out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --outdir) out="$2"; shift ;;
    *.docx) name=$(basename "$1" .docx); mkdir -p "$out"; echo "not a pdf" > "$out/$name.pdf" ;;
  esac
  shift
done
exit 0
"""


def _fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> str:
    marker = f"fake-soffice-{tmp_path.name}"
    script = tmp_path / "soffice"
    script.write_text(
        body.replace("{grandchild}", _GRANDCHILD).replace("{marker}", marker), encoding="utf-8"
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("ROADMAPDOCS_SOFFICE", str(script))
    return marker


def _survivors(marker: str) -> list[psutil.Process]:
    found = []
    for process in psutil.process_iter(["cmdline"]):
        if marker in " ".join(process.info["cmdline"] or ()):
            found.append(process)
    return found


def _none_left(marker: str) -> None:
    deadline = time.monotonic() + 10
    while _survivors(marker) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = _survivors(marker)
    for process in left:
        process.kill()
    assert not left, left


def _bounded() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "roadmapdocs.cli", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        preexec_fn=_bounded,
    )


def test_a_hanging_soffice_is_killed_with_its_children_after_pdf_seconds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = _fake(tmp_path, monkeypatch, _HANGS)
    monkeypatch.setenv("ROADMAPDOCS_LIMIT_PDF_SECONDS", "2")
    target = tmp_path / "order.pdf"
    started = time.monotonic()
    done = _cli("render", str(ORDER), "-o", str(target))
    assert time.monotonic() - started < 30
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(
        f"ошибка: {target}: LibreOffice не ответил за 2 с при создании PDF"
    ), done.stderr
    assert "ROADMAPDOCS_LIMIT_PDF_SECONDS" in done.stderr
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".part"] == []
    _none_left(marker)


def test_a_soffice_that_writes_garbage_replaces_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = _fake(tmp_path, monkeypatch, _GARBAGE)
    target = tmp_path / "order.pdf"
    target.write_bytes(b"%PDF-1.4 the old file")
    done = _cli("render", str(ORDER), "-o", str(target))
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    # The output is the file named: the scratch .docx LibreOffice was given is gone.
    assert done.stderr.strip() == (
        f"ошибка: {target}: LibreOffice закончил без ошибки, но сделал не PDF (нет заголовка "
        "%PDF-); прежний файл не тронут"
    )
    assert target.read_bytes() == b"%PDF-1.4 the old file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["order.pdf", "soffice"]
    _none_left(marker)


def test_the_api_names_the_output_not_its_scratch_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import roadmapdocs
    from roadmapdocs.errors import ConversionError

    marker = _fake(tmp_path, monkeypatch, _GARBAGE)
    target = tmp_path / "order.pdf"
    with pytest.raises(ConversionError) as raised:
        roadmapdocs.render(roadmapdocs.load(ORDER), target)
    assert raised.value.location is not None
    assert raised.value.location.file == str(target)
    assert str(raised.value).startswith(f"{target}: LibreOffice закончил без ошибки")
    _none_left(marker)


def test_a_batch_without_uno_reports_garbage_per_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = _fake(tmp_path, monkeypatch, _GARBAGE)
    monkeypatch.setenv("ROADMAPDOCS_UNO_PYTHON", "")  # one soffice run for a share of the batch
    out = tmp_path / "out"
    out.mkdir()
    document = roadmapdocs.load(ORDER)
    items = [(document, "first"), (document, "second")]
    results = list(render_many(items, out, pdf=True, jobs=1))
    assert sorted((r.source, r.ok) for r in results) == [("first", False), ("second", False)]
    for result in results:
        assert result.error is not None and result.error.startswith(f"{result.source}: ")
    assert list(out.iterdir()) == []
    _none_left(marker)


@pytest.mark.skipif(
    shutil.which("soffice") is None or uno_python() is None,
    reason="LibreOffice с Python UNO (python3-uno) не установлен",
)
def test_a_worker_whose_libreoffice_hangs_names_each_file_and_stops_trying(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = _fake(tmp_path, monkeypatch, _HANGS)
    out = tmp_path / "out"
    out.mkdir()
    document = roadmapdocs.load(ORDER)
    items = [(document, f"order-{i}") for i in range(4)]
    started = time.monotonic()
    with limits.override(pdf_seconds=2):
        results = list(render_many(items, out, pdf=True, jobs=1))
    # Two starts are waited for; then the worker's LibreOffice is given up, not waited for.
    assert time.monotonic() - started < 25
    errors = [r.error or "" for r in results]
    assert [r.source for r in results] == [f"order-{i}" for i in range(4)]
    for i, error in enumerate(errors):
        assert error.startswith(f"order-{i}: LibreOffice"), error
    assert "не ответил за 2 с" in errors[0] and "не ответил за 2 с" in errors[1]
    assert errors[2] == (
        "order-2: LibreOffice не запускается (2 попытки подряд), этот документ не переводился: "
        "LibreOffice не ответил за 2 с при создании PDF; LibreOffice остановлен (предел "
        "pdf_seconds, меняется переменной ROADMAPDOCS_LIMIT_PDF_SECONDS)"
    )
    assert list(out.iterdir()) == []
    _none_left(marker)


def _pdf(tail: bytes = b"\n%%EOF\n", pages: bytes = b"<< /Type /Page >>") -> bytes:
    return b"%PDF-1.6\n" + pages + b"\ntrailer\n" + tail


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"not a pdf", "нет заголовка %PDF-"),
        (_pdf(tail=b""), "нет конца файла %%EOF"),
        (_pdf(pages=b"<< /Type /Pages /Count 0 >>"), "ни одной страницы"),
        (_pdf(), None),
    ],
)
def test_what_counts_as_a_pdf(tmp_path: Path, content: bytes, why: str | None) -> None:
    path = tmp_path / "x.pdf"
    path.write_bytes(content)
    if why is None:
        check_output(path, PDF)
        return
    with pytest.raises(ConversionError, match=why):
        check_output(path, PDF)


def test_an_odt_must_be_an_archive(tmp_path: Path) -> None:
    path = tmp_path / "x.odt"
    path.write_bytes(b"garbage")
    with pytest.raises(ConversionError, match="не архив OpenDocument"):
        check_output(path, ODT)
    path.write_bytes(b"PK\x03\x04rest")
    check_output(path, ODT)


def test_pdf_seconds_comes_from_the_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    from roadmapdocs.rendering import pdf

    with limits.override(pdf_seconds=3.5):
        assert pdf._seconds() == 3.5
    assert pdf._seconds() == limits.current().pdf_seconds
    assert os.environ.get("ROADMAPDOCS_LIMIT_PDF_SECONDS") is None


@pytest.mark.skipif(
    shutil.which("soffice") is None or uno_python() is None,
    reason="LibreOffice с Python UNO (python3-uno) не установлен",
)
def test_a_killed_batch_takes_its_libreoffice_and_temporary_folders_with_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = _fake(tmp_path, monkeypatch, _HANGS)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    command = ["batch", str(ORDER), "-o", str(tmp_path / "o"), "--pdf", "-q"]
    run = subprocess.Popen(
        [sys.executable, "-m", "roadmapdocs.cli", *command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=_bounded,
    )
    try:
        deadline = time.monotonic() + 30
        while not _survivors(marker):  # the worker's LibreOffice has started
            assert run.poll() is None and time.monotonic() < deadline
            time.sleep(0.1)
        everything = psutil.Process(run.pid).children(recursive=True)
        run.kill()
        run.wait(timeout=10)
        _, alive = psutil.wait_procs(everything, timeout=15)
        assert not alive, alive
    finally:
        with contextlib.suppress(ProcessLookupError):
            run.kill()
    _none_left(marker)
    assert list(scratch.iterdir()) == []


_PARENT = """
import subprocess, sys, time
bridge = subprocess.Popen(sys.argv[1:], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
print(bridge.pid, flush=True)
time.sleep(300)
"""


@pytest.mark.skipif(
    shutil.which("soffice") is None or uno_python() is None,
    reason="LibreOffice с Python UNO (python3-uno) не установлен",
)
def test_an_orphaned_bridge_removes_all_its_scratch_folder_before_it_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bridge's main thread, finding LibreOffice killed and its answer unread, must not end
    the process while the watcher is still removing a large scratch folder."""
    from roadmapdocs.rendering.pdf import BRIDGE

    marker = _fake(tmp_path, monkeypatch, _HANGS)
    scratch = tmp_path / "roadmapdocs-worker-x"
    for folder in range(30):
        (scratch / f"f{folder}").mkdir(parents=True)
        for name in range(1000):
            (scratch / f"f{folder}" / f"{name}.xml").write_bytes(b"x")
    python = uno_python()
    assert python is not None
    command = [python, str(BRIDGE), str(tmp_path / "soffice"), str(tmp_path / "profile")]
    parent = subprocess.Popen(
        [sys.executable, "-c", _PARENT, *command, str(scratch)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert parent.stdout is not None
        bridge = psutil.Process(int(parent.stdout.readline()))
        deadline = time.monotonic() + 30
        while not _survivors(marker):
            assert time.monotonic() < deadline
            time.sleep(0.05)
        parent.kill()
        parent.wait(timeout=10)
        bridge.wait(timeout=30)
    finally:
        with contextlib.suppress(ProcessLookupError):
            parent.kill()
    _none_left(marker)
    assert not scratch.exists()
