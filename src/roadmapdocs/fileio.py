"""Writing output files atomically: a failure never leaves a half file or clobbers an old one."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path

from roadmapdocs.errors import Location, OutputError
from roadmapdocs.messages import Phrase, phrase


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target``; on success it replaces ``target`` in one step.

    The file left at ``target`` keeps the permissions of the file it replaces, or, if it is
    new, gets those a plain ``open(target, "w")`` would give (``0o666`` less the umask).
    """
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(
            Phrase("папка «{folder}» не существует", "folder «{folder}» does not exist").format(
                folder=folder
            ),
            Location(str(target)),
        )
    try:
        temporary, fresh_mode = _create_beside(folder, target.name)
    except OSError as exc:
        raise OutputError(
            phrase("write_failed", detail=exc.strerror or exc), Location(str(target))
        ) from None
    try:
        yield temporary
        os.chmod(temporary, _mode_of(target, fresh_mode))
        os.replace(temporary, target)
    except OSError as exc:
        raise OutputError(
            phrase("write_failed", detail=exc.strerror or exc), Location(str(target))
        ) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def _create_beside(folder: Path, name: str) -> tuple[Path, int]:
    """A new empty file in ``folder`` and the mode the system gave it.

    ``mkstemp`` always makes 0600; creating with 0666 lets the umask (and a default ACL) decide,
    as for any new file. The owner may write the temporary file until it is in place.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        candidate = folder / f".{name}.{secrets.token_hex(4)}.part"
        try:
            handle = os.open(candidate, flags, 0o666)
        except FileExistsError:
            continue
        try:
            mode = stat.S_IMODE(os.fstat(handle).st_mode)
            if mode & 0o600 != 0o600:
                os.chmod(candidate, mode | 0o600)
        finally:
            os.close(handle)
        return candidate, mode
    raise FileExistsError(
        errno.EEXIST,
        Phrase(
            "нет свободного имени для временного файла", "no free name for a temporary file"
        ).in_(),
        str(folder),
    )


def _mode_of(target: Path, fresh: int) -> int:
    """The permissions of the regular file ``target`` replaces, else those of a new file."""
    try:
        existing = os.stat(target)
    except OSError:
        return fresh
    return stat.S_IMODE(existing.st_mode) if stat.S_ISREG(existing.st_mode) else fresh


def write_atomic(target: Path, content: bytes) -> None:
    """Write ``content`` to ``target`` atomically."""
    with atomic_path(target) as temporary:
        temporary.write_bytes(content)
