"""Bounds on what roadmapdocs reads and renders, so that hostile or broken input fails clearly.

Every limit has a default no real document meets (the seeds are a thousand times smaller) and
can be changed three ways, the later winning:

- a ``[limits]`` table of ``roadmapdocs.toml`` (``[tool.roadmapdocs.limits]`` in
  ``pyproject.toml``), read by :func:`from_mapping`;
- an environment variable ``ROADMAPDOCS_LIMIT_<NAME>`` (``ROADMAPDOCS_LIMIT_FILE_BYTES=50000000``);
- :func:`override` in code (a context manager) or :func:`set_current` for the process.

Code that checks a limit reads it from :func:`current` at the moment of the check and raises
:class:`roadmapdocs.errors.LimitExceeded` with where the input broke it.
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["Limits", "current", "from_environment", "from_mapping", "override", "set_current"]


@dataclass(frozen=True)
class Limits:
    """The bounds, each documented in docs/security.md."""

    file_bytes: int = 20_000_000
    """Size of one input file (YAML, JSON, CSV, XLSX, DOCX), bytes."""
    yaml_nodes: int = 200_000
    """Nodes a YAML document may build, aliases counted at every use (an alias bomb expands)."""
    depth: int = 64
    """Nesting of mappings and lists in input data."""
    number_digits: int = 100
    """Digits of a number in input data."""
    field_chars: int = 100_000
    """Characters of one text field."""
    document_chars: int = 5_000_000
    """Characters of all the text fields of one document together."""
    archive_member_bytes: int = 200_000_000
    """Uncompressed size of one member of a .docx or .xlsx archive, bytes."""
    archive_total_bytes: int = 500_000_000
    """Uncompressed size of all the members of one archive together, bytes."""
    archive_ratio: int = 200
    """Compression ratio of one archive member (uncompressed / compressed) above 1 MB."""
    archive_members: int = 10_000
    """Members of one archive."""
    render_seconds: float = 60.0
    """Time one template may take to render one document, seconds."""
    output_chars: int = 50_000_000
    """Characters a template may produce for one document part."""
    csv_cell_chars: int = 1_000_000
    """Characters of one cell of a mail-merge table."""
    pdf_seconds: float = 120.0
    """Time LibreOffice may take to convert one document to PDF, seconds."""

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in dataclasses.fields(cls))


_PREFIX = "ROADMAPDOCS_LIMIT_"


def _coerce(name: str, value: Any) -> int | float:
    kind = float if isinstance(getattr(Limits(), name), float) else int
    try:
        number: int | float = kind(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name}: {value!r}") from None
    if number <= 0:
        raise ValueError(f"{name}: {value!r}")
    return number


def from_mapping(data: Mapping[str, Any], base: Limits | None = None) -> Limits:
    """``base`` (by default :func:`current`) with the limits of a ``[limits]`` table.

    Keys may use dashes or underscores. Raises :class:`ValueError` naming an unknown key or a
    value that is not a positive number.
    """
    changes: dict[str, Any] = {}
    for key, value in data.items():
        name = str(key).replace("-", "_")
        if name not in Limits.names():
            raise ValueError(str(key))
        changes[name] = _coerce(name, value)
    return dataclasses.replace(base or current(), **changes)


def from_environment(
    base: Limits | None = None, environ: Mapping[str, str] | None = None
) -> Limits:
    """``base`` (by default the defaults) with the limits set by ``ROADMAPDOCS_LIMIT_*``."""
    environ = os.environ if environ is None else environ
    found = {
        key[len(_PREFIX) :].lower(): value
        for key, value in environ.items()
        if key.startswith(_PREFIX)
    }
    return from_mapping(found, base or Limits()) if found else (base or Limits())


_CURRENT: contextvars.ContextVar[Limits | None] = contextvars.ContextVar(
    "roadmapdocs_limits", default=None
)
_PROCESS: list[Limits] = []


def current() -> Limits:
    """The limits in force: :func:`override`'s, else the process's, else the environment's."""
    found = _CURRENT.get()
    if found is not None:
        return found
    if not _PROCESS:
        try:
            _PROCESS.append(from_environment())
        except ValueError:
            _PROCESS.append(Limits())
    return _PROCESS[0]


def set_current(limits: Limits) -> None:
    """Make ``limits`` the process's limits (a batch passes them to its workers this way)."""
    _PROCESS[:] = [limits]


@contextlib.contextmanager
def override(**changes: Any) -> Iterator[Limits]:
    """The limits changed by ``changes`` for the code inside the ``with`` block."""
    coerced: dict[str, Any] = {k: _coerce(k, v) for k, v in changes.items()}
    limits = dataclasses.replace(current(), **coerced)
    token = _CURRENT.set(limits)
    try:
        yield limits
    finally:
        _CURRENT.reset(token)
