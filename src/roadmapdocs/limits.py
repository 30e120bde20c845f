"""Bounds on what roadmapdocs reads and renders, so that hostile or broken input fails clearly.

Every limit has a default no real document meets (the seeds are a thousand times smaller) and
can be changed three ways, the later winning:

- a ``[limits]`` table of ``roadmapdocs.toml`` (``[tool.roadmapdocs.limits]`` in
  ``pyproject.toml``) nearest to the document, applied when a document file is loaded
  (:func:`in_settings`, :func:`using`);
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

from roadmapdocs.errors import ConfigError, Location
from roadmapdocs.messages import Phrase, did_you_mean

__all__ = [
    "Limits",
    "current",
    "from_environment",
    "from_mapping",
    "how_to_change",
    "in_settings",
    "override",
    "problem",
    "set_current",
    "using",
]


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
    render_seconds: float = 30.0
    """Time one template may take to render one document, seconds."""
    output_chars: int = 50_000_000
    """Characters a template may produce for one document part; also the bound on each value a
    template builds on the way, and twice it on all of them together."""
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
    if isinstance(value, bool) or (
        kind is int and isinstance(value, float) and not value.is_integer()
    ):
        raise ValueError(f"{name}: {value!r}")  # «true» is no size; 2.5 bytes neither
    try:
        number: int | float = kind(value)
    except (TypeError, ValueError, OverflowError):
        raise ValueError(f"{name}: {value!r}") from None
    if not number > 0 or number == float("inf"):
        raise ValueError(f"{name}: {value!r}")
    return number


_HOW_TO_CHANGE = Phrase(
    "предел {name} меняется в разделе [limits] файла roadmapdocs.toml ({name} = …) или "
    "переменной окружения {variable}",
    "the limit {name} is set in the [limits] table of roadmapdocs.toml ({name} = …) or by the "
    "environment variable {variable}",
)
_UNKNOWN = Phrase("нет предела «{key}»{hint}", "there is no limit «{key}»{hint}")
_NOT_POSITIVE = Phrase(
    "предел {name}: ожидается {what} больше нуля, а не «{value}»",
    "limit {name}: {what} greater than zero expected, not «{value}»",
)
_WHOLE = Phrase("целое число", "a whole number")
_NUMBER = Phrase("число", "a number")


def how_to_change(name: str) -> Phrase:
    """How to change the limit ``name``: for the message of an input that goes past it."""
    return _HOW_TO_CHANGE.format(name=name, variable=_PREFIX + name.upper())


def problem(key: str, value: Any) -> Phrase | None:
    """What is wrong with setting the limit ``key`` to ``value``; None when nothing is."""
    name = str(key).replace("-", "_")
    if name not in Limits.names():
        return _UNKNOWN.format(key=key, hint=did_you_mean(name, Limits.names()))
    try:
        _coerce(name, value)
    except ValueError:
        whole = not isinstance(getattr(Limits(), name), float)
        return _NOT_POSITIVE.format(name=name, what=_WHOLE if whole else _NUMBER, value=value)
    return None


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
_PROCESS_SET: list[bool] = []
_SET_IN_CODE: contextvars.ContextVar[frozenset[str]] = contextvars.ContextVar(
    "roadmapdocs_limits_in_code", default=frozenset()
)


def current() -> Limits:
    """The limits in force: :func:`override`'s, else the process's, else the environment's.

    Raises :class:`~roadmapdocs.errors.ConfigError` naming a ``ROADMAPDOCS_LIMIT_*`` variable
    that names no limit or holds no positive number: a limit the user set is never silently
    ignored.
    """
    found = _CURRENT.get()
    if found is not None:
        return found
    if not _PROCESS:
        _PROCESS.append(_environment())
    return _PROCESS[0]


def _environment() -> Limits:
    """The defaults with the environment's limits, or the error of its first wrong variable."""
    for key, value in sorted(os.environ.items()):
        if key.startswith(_PREFIX):
            wrong = problem(key[len(_PREFIX) :].lower(), value)
            if wrong is not None:
                raise ConfigError(wrong, Location(key))
    return from_environment()


def in_settings(table: Mapping[str, Any]) -> Limits:
    """The limits for a document whose settings file has the ``[limits]`` table ``table``.

    The file's limits stand in for the defaults: a limit the environment (``ROADMAPDOCS_LIMIT_*``)
    or the code (:func:`override`, :func:`set_current`) set stays as they set it.
    """
    now = current()
    if not table:
        return now
    chosen = set(_SET_IN_CODE.get())
    chosen.update(key[len(_PREFIX) :].lower() for key in os.environ if key.startswith(_PREFIX))
    defaults = Limits()
    if _PROCESS_SET:  # limits handed over whole (a batch's worker): those not at their default
        chosen.update(n for n in Limits.names() if getattr(now, n) != getattr(defaults, n))
    filed = from_mapping(table, defaults)
    changes = {n: getattr(filed, n) for n in Limits.names() if n not in chosen}
    return dataclasses.replace(now, **changes)


@contextlib.contextmanager
def using(limits: Limits) -> Iterator[Limits]:
    """``limits`` in force for the code inside the ``with`` block (those of a settings file)."""
    token = _CURRENT.set(limits)
    try:
        yield limits
    finally:
        _CURRENT.reset(token)


def set_current(limits: Limits) -> None:
    """Make ``limits`` the process's limits (a batch passes them to its workers this way)."""
    _PROCESS[:] = [limits]
    _PROCESS_SET[:] = [True]


@contextlib.contextmanager
def override(**changes: Any) -> Iterator[Limits]:
    """The limits changed by ``changes`` for the code inside the ``with`` block."""
    coerced: dict[str, Any] = {k: _coerce(k, v) for k, v in changes.items()}
    limits = dataclasses.replace(current(), **coerced)
    token = _CURRENT.set(limits)
    named = _SET_IN_CODE.set(_SET_IN_CODE.get() | set(coerced))
    try:
        yield limits
    finally:
        _SET_IN_CODE.reset(named)
        _CURRENT.reset(token)
