"""Atomic writes: the file appears whole, with the permissions an ordinary write would give it."""

from __future__ import annotations

import os
import secrets
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roadmapdocs.errors import OutputError
from roadmapdocs.fileio import atomic_path, write_atomic
from roadmapdocs.messages import language

from .wording import is_english, is_russian

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask() -> Iterator[None]:
    """Restore the process umask whatever a test sets it to."""
    saved = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(saved)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=40)
@given(mask=st.integers(0, 0o777))
def test_a_new_file_gets_the_mode_open_would_give(tmp_path: Path, umask: None, mask: int) -> None:
    os.umask(mask)
    plain, atomic = tmp_path / f"plain-{mask:o}.txt", tmp_path / f"atomic-{mask:o}.txt"
    with open(plain, "w", encoding="utf-8") as handle:
        handle.write("x")
    write_atomic(atomic, b"x")
    assert _mode(atomic) == _mode(plain) == 0o666 & ~mask
    assert atomic.read_bytes() == b"x"
    plain.unlink()
    atomic.unlink()


@pytest.mark.parametrize("mask", [0o022, 0o002, 0o077])
def test_the_customary_umasks(tmp_path: Path, umask: None, mask: int) -> None:
    os.umask(mask)
    write_atomic(tmp_path / "plan.yaml", b"kind: roadmap\n")
    assert _mode(tmp_path / "plan.yaml") == 0o666 & ~mask


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664, 0o444])
def test_a_replaced_file_keeps_its_mode(tmp_path: Path, umask: None, mode: int) -> None:
    target = tmp_path / "order.docx"
    target.write_bytes(b"old")
    target.chmod(mode)
    write_atomic(target, b"new")
    assert (target.read_bytes(), _mode(target)) == (b"new", mode)


def test_a_writer_that_fails_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "order.docx"
    target.write_bytes(b"old")
    target.chmod(0o640)
    with pytest.raises(RuntimeError), atomic_path(target) as temporary:
        temporary.write_bytes(b"half")
        raise RuntimeError
    assert (target.read_bytes(), _mode(target)) == (b"old", 0o640)
    assert [p.name for p in tmp_path.iterdir()] == ["order.docx"]


def test_a_missing_folder_is_a_located_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="не существует"):
        write_atomic(tmp_path / "нет" / "order.docx", b"x")


def _missing_folder(root: Path) -> None:
    write_atomic(root / "нет" / "order.docx", b"x")


def _a_folder_in_the_way(root: Path) -> None:
    (root / "order.docx").mkdir(parents=True)
    (root / "order.docx" / "inside").write_bytes(b"x")
    write_atomic(root / "order.docx", b"x")


def _no_free_temporary_name(root: Path) -> None:
    root.mkdir(parents=True)
    (root / ".order.docx.0000.part").write_bytes(b"x")
    write_atomic(root / "order.docx", b"x")


_OUTPUT_ERRORS = {
    "missing-folder": (_missing_folder, "does not exist", "папка «"),
    "folder-in-the-way": (_a_folder_in_the_way, "cannot write the file: ", "не удалось записать"),
    "no-temporary-name": (
        _no_free_temporary_name,
        "cannot write the file: no free name for a temporary file",
        "не удалось записать файл: нет свободного имени для временного файла",
    ),
}


@pytest.mark.parametrize(
    ("make_error", "english", "russian"), _OUTPUT_ERRORS.values(), ids=_OUTPUT_ERRORS
)
def test_output_errors_are_english_when_asked_and_russian_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_error: Any, english: str, russian: str
) -> None:
    monkeypatch.setattr(secrets, "token_hex", lambda _: "0000")
    with language("en"), pytest.raises(OutputError) as in_english:
        make_error(tmp_path / "en")
    assert english in in_english.value.message
    assert is_english(in_english.value.message), in_english.value.message
    with pytest.raises(OutputError) as by_default:
        make_error(tmp_path / "ru")
    assert russian in by_default.value.message
    assert is_russian(by_default.value.message)


def test_a_symbolic_link_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.docx"
    real.write_bytes(b"old")
    link = tmp_path / "link.docx"
    link.symlink_to(real.name)
    write_atomic(link, b"new")
    assert link.is_symlink() and os.readlink(link) == real.name
    assert real.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.docx", "real.docx"]


def test_a_link_to_nothing_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "link.docx"
    link.symlink_to("missing.docx")
    with language("ru"), pytest.raises(OutputError, match="символическая ссылка на несуществующий"):
        write_atomic(link, b"new")
    assert link.is_symlink() and not (tmp_path / "missing.docx").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.docx"]
