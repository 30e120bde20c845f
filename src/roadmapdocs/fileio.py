"""Writing output files atomically: a failure never leaves a half file or clobbers an old one.

The temporary file is ``.<name>.<8 hex digits>.part`` beside the target. While it is being
written its writer holds a lock on it (``flock`` where the system has it; on Windows an open file
cannot be removed anyway), so that :func:`remove_stale_parts` — run by a batch before it starts —
removes only what a killed run left behind, never a file another run is writing.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: an open file cannot be removed, which serves as the lock
    fcntl = None  # type: ignore[assignment]

from roadmapdocs.errors import Location, OutputError
from roadmapdocs.messages import Phrase, phrase


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target``; on success it replaces ``target`` in one step.

    The file left at ``target`` keeps the permissions of the file it replaces, or, if it is
    new, gets those a plain ``open(target, "w")`` would give (``0o666`` less the umask).
    """
    target = _through_link(target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(
            Phrase("папка «{folder}» не существует", "folder «{folder}» does not exist").format(
                folder=folder
            ),
            Location(str(target)),
        )
    try:
        temporary, fresh_mode, lock = _create_beside(folder, target.name)
    except OSError as exc:
        raise OutputError(
            phrase("write_failed", detail=exc.strerror or exc), Location(str(target))
        ) from None
    try:
        yield temporary
        os.chmod(temporary, _mode_of(target, fresh_mode))
        _unlock(lock)  # Windows renames no open file
        lock = None
        os.replace(temporary, target)
    except OSError as exc:
        raise OutputError(
            phrase("write_failed", detail=exc.strerror or exc), Location(str(target))
        ) from None
    finally:
        _unlock(lock)
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


_LINK_DANGLES = Phrase(
    "«{link}» — символическая ссылка на несуществующий файл «{target}»; запись через такую "
    "ссылку не делается: удалите ссылку или создайте файл, на который она указывает",
    "«{link}» is a symbolic link to the missing file «{target}»; nothing is written through "
    "such a link: remove the link or create the file it points to",
)


def _through_link(target: Path) -> Path:
    """The file to write for ``target``: a symbolic link is written through, to the file it
    points to (as ``cp`` and editors do), so the link stays a link. A link to nothing is
    refused: writing through it would create a file wherever the link points."""
    if not target.is_symlink():
        return target
    resolved = Path(os.path.realpath(target))
    if not resolved.exists():
        raise OutputError(
            _LINK_DANGLES.format(link=target, target=os.readlink(target)), Location(str(target))
        )
    return resolved


def _unlock(lock: int | None) -> None:
    if lock is not None:
        with contextlib.suppress(OSError):
            os.close(lock)


def _create_beside(folder: Path, name: str) -> tuple[Path, int, int | None]:
    """A new empty file in ``folder``, the mode the system gave it and an open handle that
    locks it until closed (None where there is nothing to lock with).

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
            if fcntl is not None:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            mode = stat.S_IMODE(os.fstat(handle).st_mode)
            if mode & 0o600 != 0o600:
                os.chmod(candidate, mode | 0o600)
        except BaseException:
            os.close(handle)
            raise
        return candidate, mode, handle
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


PART = re.compile(r"^\..+\.[0-9a-f]{8}\.part$", re.DOTALL)
"""The names :func:`atomic_path` gives its temporary files."""


def remove_stale_parts(folder: Path, before: float) -> list[Path]:
    """Remove the temporary files of :func:`atomic_path` that a killed run left in ``folder``.

    A file is removed only when its name is of that pattern, it was last changed before
    ``before`` (a time stamp, :func:`time.time`) and no writer holds it: another run writing into
    the same folder keeps its files. What was removed is returned; what cannot be removed stays.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not PART.match(entry.name):
            continue
        try:
            if not entry.is_file(follow_symlinks=False) or entry.stat().st_mtime >= before:
                continue
            if _held(entry.path):
                continue
            os.unlink(entry.path)
        except OSError:  # gone meanwhile, or not ours to remove
            continue
        removed.append(Path(entry.path))
    return removed


def _held(path: str) -> bool:
    """Whether a writer holds the lock on ``path``."""
    if fcntl is None:
        return False  # Windows refuses to remove an open file: the unlink fails instead
    handle = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(handle)  # closing lets the lock go
    return False


def cache_folder() -> Path:
    """The user's cache folder of roadmapdocs: ``$XDG_CACHE_HOME/roadmapdocs`` (by default
    ``~/.cache/roadmapdocs``), ``~/Library/Caches/roadmapdocs`` on macOS,
    ``%LOCALAPPDATA%\\roadmapdocs`` on Windows. Everything in it can be removed at any time."""
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = home / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache")
    return base / "roadmapdocs"
