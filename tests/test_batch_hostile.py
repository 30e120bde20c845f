"""Hostile input to a batch: one bad document fails alone, located; killing or stopping the batch
leaves no process, no .part file, no temporary folder behind."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from roadmapdocs import pipeline
from roadmapdocs.batch import render_many
from tests.conftest import EXAMPLES, as_at_a_terminal

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and processes")

ORDER = EXAMPLES / "school-order.yaml"
ROADMAP = EXAMPLES / "municipal-roadmap.yaml"


def _bounded() -> None:
    # A run gone wrong must not eat the machine: 3 GB of address space per process.
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
    as_at_a_terminal()


def _batch(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "roadmapdocs.cli", "batch", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        preexec_fn=_bounded,
        start_new_session=True,
    )


def test_documents_that_break_the_loader_fail_alone_and_located(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.yaml").write_text(ORDER.read_text(encoding="utf-8"), encoding="utf-8")
    head = "kind: order\nlevel: school\nnumber: "
    (folder / "deep.yaml").write_text(head + "[" * 330 + "]" * 330 + "\n", encoding="utf-8")
    (folder / "digits.yaml").write_text(head + "9" * 5000 + "\n", encoding="utf-8")
    deep_json = '{"kind": "order", "number": ' + "[" * 100_000 + "]" * 100_000 + "}"
    (folder / "nested.json").write_text(deep_json, encoding="utf-8")
    out = tmp_path / "out"
    run = _batch(str(folder), "-o", str(out), "-j", "2")
    listed, errors = run.communicate(timeout=120)
    assert run.returncode == 1, errors
    assert "Traceback" not in errors
    lines = [line for line in errors.splitlines() if line.startswith("ошибка:")]
    for name in ("deep.yaml", "digits.yaml", "nested.json"):
        assert any(str(folder / name) in line for line in lines), (name, errors)
    assert "Готово: 1" in errors and "ошибок: 3" in errors, errors
    assert listed.split(" (")[0].strip() == str(out / "good.docx")
    assert sorted(p.name for p in out.iterdir()) == ["good.docx"]


def _dies_on(marked: str, how: str) -> object:
    real = pipeline.load

    def load(source: object, lang: str = "ru") -> object:
        if marked in str(source):
            if how == "exit":
                os._exit(9)  # a worker killed under a document: the OOM killer, a segfault
            raise MemoryError
        return real(source, lang)  # type: ignore[arg-type]

    return load


@pytest.mark.parametrize("how", ["exit", "memory"])
def test_a_worker_that_dies_or_runs_out_of_memory_costs_one_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    text = ORDER.read_text(encoding="utf-8")
    names = [f"order-{i}.yaml" for i in range(6)] + ["killer.yaml"]
    for name in names:
        (folder / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    # Workers are forked: they see the patched loader.
    monkeypatch.setattr(pipeline, "load", _dies_on("killer", how))
    started = time.monotonic()
    results = list(render_many(sorted(folder.iterdir()), out, jobs=2))
    assert time.monotonic() - started < 60
    failed = {Path(r.source).name: r.error for r in results if r.error}
    assert list(failed) == ["killer.yaml"], failed
    message = failed["killer.yaml"]
    assert message is not None and message.startswith(str(folder / "killer.yaml") + ": ")
    wording = "рабочий процесс аварийно завершился" if how == "exit" else "не хватило памяти"
    assert wording in message
    assert sorted(p.name for p in out.iterdir()) == [f"order-{i}.docx" for i in range(6)]


def _children(pid: int) -> list[psutil.Process]:
    with contextlib.suppress(psutil.NoSuchProcess):
        return psutil.Process(pid).children(recursive=True)
    return []


def _wait_for_output(run: subprocess.Popen[str], out: Path) -> None:
    deadline = time.monotonic() + 60
    while not (out.is_dir() and any(out.glob("*.docx"))):
        assert run.poll() is None, run.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.02)


def _roadmaps(folder: Path, count: int) -> Path:
    folder.mkdir()
    text = ROADMAP.read_text(encoding="utf-8")
    for i in range(count):
        (folder / f"roadmap-{i:03d}.yaml").write_text(text, encoding="utf-8")
    return folder


def test_workers_end_when_the_batch_is_killed(tmp_path: Path) -> None:
    inputs = _roadmaps(tmp_path / "in", 60)
    out = tmp_path / "out"
    run = _batch(str(inputs), "-o", str(out), "-j", "2", "-q")
    try:
        _wait_for_output(run, out)
        workers = _children(run.pid)
        assert workers
        run.kill()  # SIGKILL: no handler, no clean-up of its own
        run.communicate(timeout=30)
        _, alive = psutil.wait_procs(workers, timeout=15)
        assert not alive, alive
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(run.pid, signal.SIGKILL)


@contextlib.contextmanager
def _held(path: Path) -> Iterator[None]:
    handle = os.open(path, os.O_WRONLY)
    fcntl.flock(handle, fcntl.LOCK_EX)
    try:
        yield
    finally:
        os.close(handle)


def test_a_rerun_removes_the_part_files_a_killed_run_left_and_no_others(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    old = time.time() - 3600
    left = out / ".order.docx.0123abcd.part"  # a killed run's
    writing = out / ".other.docx.89abcdef.part"  # another run's, being written now
    fresh = out / ".new.docx.00ff00ff.part"  # just made: perhaps a writer about to lock it
    mine = out / "notes.part"  # not of the pattern
    for path in (left, writing, fresh, mine):
        path.write_bytes(b"half")
    for path in (left, writing, mine):
        os.utime(path, (old, old))
    with _held(writing):
        results = list(render_many([ORDER], out, jobs=1))
    assert [r.error for r in results] == [None]
    assert not left.exists()
    assert writing.exists() and fresh.exists() and mine.exists()


@pytest.mark.parametrize("stop", ["SIGTERM", "SIGINT"])
def test_a_stopped_batch_lists_what_it_made_and_leaves_nothing_half_done(
    tmp_path: Path, stop: str
) -> None:
    inputs = _roadmaps(tmp_path / "in", 60)
    out = tmp_path / "out"
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch)}
    run = _batch(str(inputs), "-o", str(out), "-j", "2", env=env)
    try:
        _wait_for_output(run, out)
        if stop == "SIGTERM":
            run.terminate()  # a service manager stopping it: the main process alone
        else:
            os.killpg(run.pid, signal.SIGINT)  # Ctrl-C at a terminal: the whole group
        listed, errors = run.communicate(timeout=120)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(run.pid, signal.SIGKILL)
    assert run.returncode == (143 if stop == "SIGTERM" else 130), errors
    assert ("SIGTERM" if stop == "SIGTERM" else "прервано") in errors
    assert "Traceback" not in errors
    made = sorted(out.iterdir())
    assert made and all(p.suffix == ".docx" and not p.name.startswith(".") for p in made)
    assert len(made) < 60
    assert sorted(line.split(" (")[0] for line in listed.splitlines()) == [str(p) for p in made]
    assert list(scratch.iterdir()) == []


def test_an_unwritable_output_folder_is_one_message(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    run = _batch(str(ORDER), "-o", str(blocker / "out"))
    _, errors = run.communicate(timeout=60)
    assert run.returncode == 1
    assert errors.strip().splitlines() == [
        f"ошибка: {blocker / 'out'}: не удалось записать файл: Not a directory"
    ]


def test_the_limits_of_the_caller_hold_in_the_workers(tmp_path: Path) -> None:
    from roadmapdocs import limits

    out = tmp_path / "out"
    out.mkdir()
    seen = tmp_path / "seen.json"
    real = pipeline.load

    def load(source: object, lang: str = "ru") -> object:
        seen.write_text(json.dumps(limits.current().pdf_seconds), encoding="utf-8")
        return real(source, lang)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch, limits.override(pdf_seconds=7):
        patch.setattr(pipeline, "load", load)
        assert [r.error for r in render_many([ORDER], out, jobs=1)] == [None]
    assert json.loads(seen.read_text(encoding="utf-8")) == 7
