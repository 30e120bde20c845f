"""Writing output files atomically: a failure never leaves a half file or clobbers an old one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from roadmapdocs.errors import Location, OutputError


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target``; on success it replaces ``target`` in one step."""
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"папка «{folder}» не существует", Location(str(target)))
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise OutputError(
            f"не удалось записать файл: {exc.strerror or exc}", Location(str(target))
        ) from None
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.replace(temporary, target)
    except OSError as exc:
        raise OutputError(
            f"не удалось записать файл: {exc.strerror or exc}", Location(str(target))
        ) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def write_atomic(target: Path, content: bytes) -> None:
    """Write ``content`` to ``target`` atomically."""
    with atomic_path(target) as temporary:
        temporary.write_bytes(content)
