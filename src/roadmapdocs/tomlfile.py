"""Reading TOML: the standard tomllib from Python 3.11, its backport tomli on Python 3.10."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = ["TOMLDecodeError", "loads", "read_toml"]

TOMLDecodeError = tomllib.TOMLDecodeError
loads = tomllib.loads


def read_toml(path: Path) -> dict[str, Any]:
    """The table a TOML file holds, read as bytes, as TOML requires UTF-8.

    Raises :class:`TOMLDecodeError` for a file that is not TOML, and what opening or decoding the
    file raises (:class:`OSError`, :class:`UnicodeDecodeError`).
    """
    with path.open("rb") as handle:
        return tomllib.load(handle)
