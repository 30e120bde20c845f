"""Widths of words in the font that will print them, and where Russian words may be hyphenated.

Column widths are measured with the advance widths of the installed font file that fontconfig
(``fc-match``, which LibreOffice uses as well) picks for the requested family: where Times New
Roman is not installed that is Liberation Serif, whose advance widths are Times New Roman's, so a
line breaks at the same word in Word on Windows and in LibreOffice on Linux. Without fontconfig
the usual font folders are searched for the family's file. Metrics are read once per font file
and process; word widths are kept per font and size.

A font file's advance widths are kept in the user's cache folder
(:func:`roadmapdocs.fileio.cache_folder`, ``metrics/``), keyed by the file's path, size and time
stamp: reading them from the font took fontTools' import (40 ms and 5 MiB) and 19 ms per file in
every new process, reading them back takes under a millisecond. The patterns of the Russian
hyphenation dictionary are kept the same way (``hyphenation/``, keyed also by pyphen's version).
A cache that cannot be read or written is passed over; the file is read as before.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from roadmapdocs.errors import OutputError
from roadmapdocs.fileio import cache_folder, write_atomic

SOFT_HYPHEN = "\u00ad"
"""A hyphenation point: invisible unless the line breaks there, then printed as a hyphen."""

_FALLBACK_EM = 0.5
"""Advance of a character when no font file is found, in ems: about Times New Roman's mean."""

# File names by family for the search without fontconfig, the metric-compatible ones last.
_FILES = {
    "times new roman": (
        ("times.ttf", "Times New Roman.ttf", "LiberationSerif-Regular.ttf"),
        ("timesbd.ttf", "Times New Roman Bold.ttf", "LiberationSerif-Bold.ttf"),
    ),
    "arial": (
        ("arial.ttf", "Arial.ttf", "LiberationSans-Regular.ttf"),
        ("arialbd.ttf", "Arial Bold.ttf", "LiberationSans-Bold.ttf"),
    ),
}


def _font_folders() -> list[Path]:
    home = Path.home()
    folders = [
        home / ".local/share/fonts",
        home / ".fonts",
        Path("/usr/local/share/fonts"),
        Path("/usr/share/fonts"),
        home / "Library/Fonts",
        Path("/Library/Fonts"),
        Path("/System/Library/Fonts"),
    ]
    if sys.platform == "win32":
        windows = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home))
        folders[:0] = [windows / "Fonts", local / "Microsoft/Windows/Fonts"]
    return [folder for folder in folders if folder.is_dir()]


def _fc_match(pattern: str, answer: str) -> str | None:
    """What fontconfig (as LibreOffice uses it) picks for ``pattern``, printed as ``answer``
    (``%{file}``, ``%{family}``); None where fontconfig is not installed or does not answer."""
    return _fc_match_each([pattern], answer)[0]


def _fc_match_each(patterns: Sequence[str], answer: str) -> list[str | None]:
    """:func:`_fc_match` for each of ``patterns``, asked all at once: each answer is a process
    of its own, and the regular and bold faces a table needs took twice one's time in turn."""
    if not shutil.which("fc-match"):
        return [None] * len(patterns)
    running: list[subprocess.Popen[str] | None] = []
    for pattern in patterns:
        try:
            running.append(
                subprocess.Popen(
                    ["fc-match", "-f", answer, pattern],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
            )
        except OSError:
            running.append(None)
    found: list[str | None] = []
    for process in running:
        if process is None:
            found.append(None)
            continue
        try:
            printed, _ = process.communicate(timeout=10)
        except (OSError, subprocess.SubprocessError):
            process.kill()
            process.communicate()
            found.append(None)
            continue
        found.append(printed.strip())
    return found


@functools.cache
def _fontconfig_files(family: str) -> tuple[str, str]:
    """The files fontconfig picks for the regular and the bold face of ``family`` ("" where it
    picks none or is not there), asked together."""
    regular, bold = _fc_match_each([f"{family}:regular", f"{family}:bold"], "%{file}")
    return regular or "", bold or ""


@functools.cache
def font_file(family: str, bold: bool = False) -> Path | None:
    """The file of ``family`` (bold or regular) that will print it, or None if none is found."""
    found = _fontconfig_files(family)[bold]
    if found.lower().endswith((".ttf", ".otf")) and Path(found).is_file():
        return Path(found)
    names = _FILES.get(family.lower(), ((f"{family}.ttf",), (f"{family} Bold.ttf",)))[bold]
    for name in names:
        for folder in _font_folders():
            hits = sorted(folder.rglob(name))
            if hits:
                return hits[0]
    return None


METRIC_TWINS = {"times new roman": "liberation serif", "arial": "liberation sans"}
"""Fonts and the free fonts drawn to the same advance widths: lines break at the same places."""


@functools.cache
def printed_family(family: str) -> str | None:
    """The family that will print text asked for in ``family`` (fontconfig's choice, as
    LibreOffice makes it); None where fontconfig is not there to ask."""
    found = _fc_match(family, "%{family}")
    if found is None:
        return None
    return found.split(",")[0].strip() or None


class Metrics:
    """Advance widths of one font file: ``width(text, size)`` in twips (1/1440 inch)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._advances: dict[str, float] = {}
        self._missing = _FALLBACK_EM
        self._widths: dict[tuple[str, float], int] = {}
        if path is None:
            return
        found = _advances(path)
        per_em = found.per_em
        self._advances = {chr(code): advance / per_em for code, advance in found.advances}
        self._missing = found.missing / per_em if found.missing is not None else _FALLBACK_EM
        self._advances[SOFT_HYPHEN] = 0.0

    def em(self, text: str) -> float:
        """The advance of ``text`` in ems."""
        advances, missing = self._advances, self._missing
        if not advances:
            return len(text) * missing
        return sum(advances.get(char, missing) for char in text)

    def width(self, text: str, size: float) -> int:
        """The width of ``text`` at ``size`` points, in twips, rounded up."""
        key = (text, size)
        found = self._widths.get(key)
        if found is None:
            if len(self._widths) > 200_000:
                self._widths.clear()
            found = self._widths[key] = -int(-self.em(text) * size * 20 // 1)
        return found


@dataclass(frozen=True)
class _Advances:
    """What a font file says of its glyphs' widths, in its own units."""

    per_em: int
    advances: list[tuple[int, int]]  # (character code, advance) of each mapped character
    missing: int | None  # the advance of «.notdef», drawn for a character the font lacks

    @staticmethod
    def read(path: Path) -> _Advances:
        from fontTools.ttLib import TTFont  # only for a font not in the cache

        font = TTFont(str(path), lazy=True)
        try:
            metrics = font["hmtx"].metrics
            advances = [(code, metrics[glyph][0]) for code, glyph in font.getBestCmap().items()]
            missing = metrics[".notdef"][0] if ".notdef" in metrics else None
            return _Advances(font["head"].unitsPerEm, advances, missing)
        finally:
            font.close()

    @staticmethod
    def parse(text: str, key: str) -> _Advances | None:
        """The advances a cache file holds for ``key``; None unless it holds exactly that."""
        data = _cache_data(text, key)
        if data is None or "missing" not in data:
            return None
        per_em, pairs, missing = data.get("per_em"), data.get("advances"), data.get("missing")
        if type(per_em) is not int or per_em <= 0 or not isinstance(pairs, list):
            return None
        if not (missing is None or type(missing) is int):
            return None
        for pair in pairs:
            if not (isinstance(pair, list) and len(pair) == 2):
                return None
            code, advance = pair
            if type(code) is not int or type(advance) is not int:
                return None
            if not 0 <= code <= sys.maxunicode:
                return None
        return _Advances(per_em, [(code, advance) for code, advance in pairs], missing)


_CACHE_FORMAT = 1
"""Changes when what a cache file of advances holds changes: a new key, a new file."""


def _advances(path: Path) -> _Advances:
    """The advances of the font file ``path``: from the cache, or read and then kept there."""
    return _kept_for(
        path,
        "metrics",
        str(_CACHE_FORMAT),
        _Advances.parse,
        lambda: _Advances.read(path),
        lambda found: {
            "per_em": found.per_em,
            "advances": found.advances,
            "missing": found.missing,
        },
    )


_T = TypeVar("_T")


def _cache_data(text: str, key: str) -> dict[str, Any] | None:
    """The JSON object of a cache file's text, when it is one written for ``key``."""
    try:
        data = json.loads(text)
    except ValueError:
        return None
    return data if isinstance(data, dict) and data.get("key") == key else None


def _kept_for(
    path: Path,
    folder: str,
    version: str,
    parse: Callable[[str, str], _T | None],
    make: Callable[[], _T],
    data: Callable[[_T], dict[str, Any] | None],
) -> _T:
    """What ``make`` reads from the file ``path``, kept in the cache folder's ``folder`` under a
    key of the file's path, size and time stamp and ``version``: ``parse`` takes it back from a
    cache file's text (None unless it holds exactly that key), ``data`` gives what to keep
    (None: nothing). A cache that cannot be read or written is passed over."""
    try:
        state = path.stat()
    except OSError:
        return make()
    key = f"{path.resolve()}|{state.st_size}|{state.st_mtime_ns}|{version}"
    kept = cache_folder() / folder / f"{hashlib.sha256(key.encode()).hexdigest()[:24]}.json"
    try:
        found = parse(kept.read_text(encoding="utf-8"), key)
    except (OSError, UnicodeDecodeError):
        found = None
    if found is not None:
        return found
    made = make()
    stored = data(made)
    if stored is not None:
        text = json.dumps({"key": key, **stored}, ensure_ascii=False, separators=(",", ":"))
        try:
            kept.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(kept, text.encode("utf-8"))
        except (OSError, OutputError):
            pass  # a cache that cannot be written: the file is read again next time
    return made


@functools.cache
def metrics(family: str, bold: bool = False) -> Metrics:
    """The metrics of ``family`` as it will print, read once per process."""
    return Metrics(font_file(family, bold))


_HYPHENATION = "ru_RU"

_PATTERNS_FORMAT = 2
"""Changes when what a cache file of hyphenation patterns holds changes."""


@functools.cache
def _dictionary() -> Any:
    """pyphen's Russian dictionary, its patterns taken from the cache folder (``hyphenation/``)
    when they are there: parsing the pattern file took 12 ms of every new process's first
    render, reading them back takes under two."""
    import pyphen

    with contextlib.suppress(Exception):  # pyphen made otherwise: it reads its file itself
        path = pyphen.LANGUAGES[pyphen.language_fallback(_HYPHENATION)]
        if path not in pyphen.hdcache:
            pyphen.hdcache[path] = _hyphenation(pyphen, path)
    return pyphen.Pyphen(lang=_HYPHENATION)


def _hyphenation(pyphen: Any, path: Any) -> Any:
    """pyphen's patterns of the dictionary file ``path``: parsed by pyphen, or made from what the
    cache keeps of an earlier parse by the same version of pyphen."""

    parsed: list[Any] = []

    def parse() -> _Patterns:
        parsed.append(pyphen.HyphDict(path))
        return _Patterns.of(parsed[0])

    found = _kept_for(
        Path(str(path)),
        "hyphenation",
        f"{pyphen.__version__}|{_PATTERNS_FORMAT}",
        _Patterns.parse,
        parse,
        _Patterns.data,
    )
    if parsed:
        return parsed[0]
    dictionary = pyphen.HyphDict.__new__(pyphen.HyphDict)
    dictionary.patterns, dictionary.maxlen, dictionary.cache = found.patterns, found.maxlen, {}
    # What the cache gives must hyphenate as pyphen's own parse did: a pyphen whose dictionary
    # needs more than the patterns (its inner workings are not its interface) parses its file.
    try:
        same = _probe(dictionary) == found.probe
    except Exception:
        same = False
    return dictionary if same else pyphen.HyphDict(path)


_PROBE = "общеобразовательная"
"""A word whose hyphenation points a dictionary from the cache must find as pyphen's parse did."""


def _probe(dictionary: Any) -> tuple[int, ...]:
    return tuple(int(point) for point in dictionary.positions(_PROBE))


@dataclass(frozen=True)
class _Patterns:
    """What a pyphen dictionary holds after parsing its file: pattern → (offset, values)."""

    patterns: dict[str, tuple[int, tuple[int, ...]]]
    maxlen: int
    probe: tuple[int, ...]
    """The hyphenation points of :data:`_PROBE` by pyphen's own parse."""
    plain: bool = True
    """Whether every value is a plain number (no nonstandard hyphenation, which is kept as
    objects of pyphen's own and is not cached)."""

    @staticmethod
    def of(dictionary: Any) -> _Patterns:
        patterns = dictionary.patterns
        plain = all(
            type(start) is int and all(type(value) is int for value in values)
            for start, values in patterns.values()
        )
        return _Patterns(patterns, dictionary.maxlen, _probe(dictionary), plain)

    @staticmethod
    def data(found: _Patterns) -> dict[str, Any] | None:
        if not found.plain:
            return None
        return {"maxlen": found.maxlen, "probe": found.probe, "patterns": found.patterns}

    @staticmethod
    def parse(text: str, key: str) -> _Patterns | None:
        """The patterns a cache file holds for ``key``; None unless it holds exactly that."""
        data = _cache_data(text, key)
        if data is None:
            return None
        maxlen, kept, probe = data.get("maxlen"), data.get("patterns"), data.get("probe")
        if type(maxlen) is not int or not isinstance(kept, dict) or not kept:
            return None
        if not isinstance(probe, list) or not all(type(point) is int for point in probe):
            return None
        patterns: dict[str, tuple[int, tuple[int, ...]]] = {}
        for pattern, entry in kept.items():
            if not (isinstance(entry, list) and len(entry) == 2 and isinstance(entry[1], list)):
                return None
            start, values = entry
            if type(start) is not int or start < 0 or not values:
                return None
            if not all(type(value) is int and value >= 0 for value in values):
                return None
            patterns[pattern] = (start, tuple(values))
        if maxlen != max(len(pattern) for pattern in patterns):
            return None
        return _Patterns(patterns, maxlen, tuple(probe))


_LETTERS = re.compile(r"[^\W\d_]{4,}")


@functools.lru_cache(maxsize=65536)
def hyphenate(word: str) -> str:
    """``word`` with a soft hyphen at each point where Russian hyphenation allows a break.

    The points are those of the Russian dictionary of LibreOffice's hyphenation patterns (as
    pyphen ships it), found in each run of letters on its own (so «решения/ожидаемые» is
    hyphenated as two words, and no single letter is left at a line's end); abbreviations in
    capitals are not hyphenated. Nothing but soft hyphens is added. Words are kept once
    hyphenated: a plan repeats its words, and the dictionary is slow.
    """
    dictionary = _dictionary()

    def letters(found: re.Match[str]) -> str:
        run = found.group(0)
        return run if run.isupper() else str(dictionary.inserted(run, hyphen=SOFT_HYPHEN))

    return _LETTERS.sub(letters, word)
