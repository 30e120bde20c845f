"""PDF and ODT through LibreOffice headless (soffice), behind one :class:`Converter`: a run of
soffice for a set of files, each with a clean profile (:class:`SofficeRun`), or a LibreOffice
kept running for a whole batch (:class:`OfficeConverter`).

Every LibreOffice gets a profile of its own, copied from one prepared once per installation and
kept in the user's cache folder (see :func:`new_profile`): a profile LibreOffice has to make
first, and one that does not say which version made it, each cost a second or more per start.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

try:
    import fcntl
except ImportError:  # Windows: two first starts may each prepare a profile; one is kept
    fcntl = None  # type: ignore[assignment]

from roadmapdocs import limits
from roadmapdocs.errors import ConversionError, Location, SofficeNotFound
from roadmapdocs.fileio import atomic_path, cache_folder
from roadmapdocs.messages import Phrase

ENV_VAR = "ROADMAPDOCS_SOFFICE"
INSTALL_HINT = Phrase(
    "LibreOffice не найден: PDF делает LibreOffice (soffice). Установите его "
    "(Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui; Windows/macOS: "
    "libreoffice.org) или укажите путь к soffice в переменной ROADMAPDOCS_SOFFICE. "
    "DOCX создаётся и без него.",
    "LibreOffice not found: PDF is made by LibreOffice (soffice). Install it "
    "(Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui; Windows/macOS: "
    "libreoffice.org) or give the path to soffice in the variable ROADMAPDOCS_SOFFICE. "
    "DOCX is made without it.",
)
TIMEOUT_PER_FILE = 120
"""The default of the limit ``pdf_seconds``, kept for code that imports it; the limit in force
is :func:`roadmapdocs.limits.current`'s."""

_NO_FILE = Phrase("{variable}: файл не найден. ", "{variable}: file not found. ")
_TIMED_OUT = Phrase(
    "LibreOffice не ответил за {seconds} с при создании {what}; LibreOffice остановлен "
    "(предел pdf_seconds, меняется переменной ROADMAPDOCS_LIMIT_PDF_SECONDS)",
    "LibreOffice did not answer within {seconds} s while making {what}; LibreOffice was "
    "stopped (the limit pdf_seconds, changed by the variable ROADMAPDOCS_LIMIT_PDF_SECONDS)",
)
_NOT_A_FILE = Phrase(
    "LibreOffice закончил без ошибки, но сделал не {what} ({why}); прежний файл не тронут",
    "LibreOffice ended without an error but did not make a {what} ({why}); no file was replaced",
)
_NO_HEADER = Phrase("нет заголовка %PDF-", "no %PDF- header")
_NO_END = Phrase("нет конца файла %%EOF", "no %%EOF end")
_NO_PAGES = Phrase("ни одной страницы", "no page")
_NOT_ZIP = Phrase("не архив OpenDocument", "not an OpenDocument archive")
_WONT_START = Phrase(
    "LibreOffice не запускается ({count} попытки подряд), этот документ не переводился: {error}",
    "LibreOffice does not start ({count} attempts in a row), this document was not converted: "
    "{error}",
)
_DIED = Phrase(
    "LibreOffice неожиданно завершился при создании {what}",
    "LibreOffice ended unexpectedly while making {what}",
)
_NOT_MADE = Phrase(
    "LibreOffice не смог сделать {what} из: {names}",
    "LibreOffice could not make {what} of: {names}",
)
_NOT_CONVERTED = Phrase(
    "LibreOffice не смог сделать {what}: {error}", "LibreOffice could not make {what}: {error}"
)
_NOT_STARTED = Phrase("LibreOffice не запустился: {error}", "LibreOffice did not start: {error}")
_NO_UNO = Phrase(
    "для долгоживущего LibreOffice нужен Python с модулем uno (Debian/Ubuntu: "
    "sudo apt-get install python3-uno) или путь к нему в {variable}",
    "a long-lived LibreOffice needs a Python with the uno module (Debian/Ubuntu: "
    "sudo apt-get install python3-uno) or its path in {variable}",
)


@dataclass(frozen=True)
class Export:
    """A file type LibreOffice writes from a .docx: its extension and its export filter."""

    extension: str
    filter: str

    @property
    def what(self) -> str:
        """How messages name the files of this type: «PDF», «ODT»."""
        return self.extension.upper()


PDF = Export("pdf", "writer_pdf_Export")
ODT = Export("odt", "writer8")


def find_soffice() -> str:
    """The soffice executable: ``ROADMAPDOCS_SOFFICE``, else ``soffice``/``libreoffice`` on PATH."""
    configured = os.environ.get(ENV_VAR)
    if configured:
        if Path(configured).is_file() or shutil.which(configured):
            return shutil.which(configured) or configured
        raise SofficeNotFound(_NO_FILE.format(variable=f"{ENV_VAR}={configured}") + INSTALL_HINT)
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise SofficeNotFound(INSTALL_HINT)


def _seconds() -> float:
    """How long LibreOffice may take over one document: the limit ``pdf_seconds``."""
    return limits.current().pdf_seconds


_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
_TAIL = 2048


def check_output(path: Path, export: Export) -> None:
    """Raise :class:`ConversionError` unless ``path`` looks like a whole file of ``export``'s
    type. A PDF must start with ``%PDF-``, end with ``%%EOF`` and hold a page; an ODT must be a
    zip archive. Cheap: the file is read once, no program is run unless the pages are packed in
    compressed object streams and ``pdfinfo`` is there to count them."""
    data = path.read_bytes()
    why: Phrase | None = None
    if export.extension == "pdf":
        if not data[:1024].lstrip().startswith(b"%PDF-"):
            why = _NO_HEADER
        elif b"%%EOF" not in data[-_TAIL:]:
            why = _NO_END
        elif not _PAGE.search(data) and not _pdfinfo_pages(path):
            why = _NO_PAGES
    elif export.extension == "odt" and not data.startswith(b"PK\x03\x04"):
        why = _NOT_ZIP
    if why is not None:
        raise ConversionError(_NOT_A_FILE.format(what=export.what, why=why))


def _pdfinfo_pages(path: Path) -> int:
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is None:
        return 0
    try:
        done = subprocess.run(
            [pdfinfo, str(path)], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return 0
    found = re.search(r"^Pages:\s+(\d+)", done.stdout, re.MULTILINE)
    return int(found.group(1)) if found else 0


# Profiles ---------------------------------------------------------------------------------------

PROFILE_PREFIX = "libreoffice-profile-"
"""How the prepared profiles in the cache folder are named: the prefix and a key of the
installation that made it, so that an upgraded LibreOffice prepares its own."""
_PROFILE_FORMAT = "1"
"""Changes when what a prepared profile holds changes: a new key, a new profile."""
_SEED = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
    'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
    '<item oor:path="/org.openoffice.Setup/Product"><prop oor:name="ooSetupLastVersion" '
    'oor:op="fuse"><value>{version}</value></prop></item>\n'
    "</oor:items>\n"
)
"""The settings a new profile starts with: the version that last ran it is this one. Without it
LibreOffice takes every start for the first after an upgrade and runs its graphics self-test
(a second and more), since a headless LibreOffice never records the version itself."""
_VERSION = re.compile(r'oor:name="ooSetupVersion">\s*<value>([0-9]+\.[0-9]+)</value>')
_PREPARE_SECONDS = 60.0
_unprepared: set[str] = set()
"""Keys of installations whose profile could not be prepared in this process: not tried again."""


@functools.lru_cache(maxsize=8)
def _installation(soffice: str) -> tuple[str, str] | None:
    """The version of the LibreOffice ``soffice`` belongs to («7.4») and a key that changes when
    the installation does, read from its configuration (``main.xcd``); None when it is not
    where LibreOffice keeps it (a wrapper script, an unusual layout)."""
    program = Path(soffice).resolve().parent
    for xcd in (
        program.parent / "share" / "registry" / "main.xcd",  # Linux, Windows
        program.parent / "Resources" / "registry" / "main.xcd",  # macOS
    ):
        try:
            found = _VERSION.search(xcd.read_text(encoding="utf-8", errors="replace"))
            state = xcd.stat()
        except OSError:
            continue
        if found is None:
            return None
        what = f"{xcd.resolve()}|{state.st_size}|{state.st_mtime_ns}|{_PROFILE_FORMAT}"
        return found.group(1), hashlib.sha256(what.encode()).hexdigest()[:16]
    return None


def _seed(profile: Path, version: str) -> None:
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(
        _SEED.format(version=version), encoding="utf-8"
    )


def new_profile(soffice: str, where: Path) -> Path:
    """Make ``where`` a profile for one LibreOffice of ``soffice`` and return it.

    It is a copy of the profile prepared for this installation (:func:`prepared_profile`); where
    none can be had, a new one that names its version (LibreOffice fills in the rest); where the
    version is unknown, an empty folder, as LibreOffice would make it.
    """
    installed = _installation(soffice)
    template = prepared_profile(soffice)
    if template is not None:
        try:
            shutil.copytree(template, where, symlinks=True)
            return where
        except OSError:
            shutil.rmtree(where, ignore_errors=True)
    where.mkdir(parents=True, exist_ok=True)
    if installed is not None:
        _seed(where, installed[0])
    return where


def prepared_profile(soffice: str) -> Path | None:
    """The profile prepared for the LibreOffice of ``soffice``, in :func:`cache_folder`: made
    once — by a short run of LibreOffice over a new profile that names its version — and kept,
    so that later starts copy it instead of making one. Two processes that need it at once make
    it once (the second waits on a lock); it is put in place in one step, so a half-made one is
    never used. None when it cannot be had (no version known, a read-only cache folder, a
    LibreOffice that failed): then each start makes its own profile, only slower."""
    installed = _installation(soffice)
    if installed is None or installed[1] in _unprepared:
        return None
    version, key = installed
    folder = cache_folder()
    ready = folder / f"{PROFILE_PREFIX}{key}"
    if _is_profile(ready):
        return ready
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        folder.mkdir(parents=True, exist_ok=True)
        with _locked(folder / f".{PROFILE_PREFIX}{key}.lock"):
            if not _is_profile(ready):
                _prepare(soffice, version, folder, ready)
    if _is_profile(ready):  # made here, or by another process meanwhile
        return ready
    _unprepared.add(key)
    return None


def _remove_stale_builds(folder: Path) -> None:
    """Remove what a process killed while it prepared a profile left: a build folder older than
    any preparing takes (the one being made now is under the lock, and young)."""
    oldest = time.time() - 2 * _PREPARE_SECONDS
    for build in folder.glob(f".{PROFILE_PREFIX}*"):
        with contextlib.suppress(OSError):
            if build.is_dir() and build.stat().st_mtime < oldest:
                shutil.rmtree(build, ignore_errors=True)


def _is_profile(folder: Path) -> bool:
    return (folder / "user" / "registrymodifications.xcu").is_file()


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (waiting for it as long as a profile takes to make);
    without ``flock``, or past that wait, go on unlocked: the worst is a profile made twice."""
    with open(path, "a+b") as handle:
        if fcntl is not None:
            deadline = time.monotonic() + _PREPARE_SECONDS
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        break
                    time.sleep(0.02)
        yield


def _prepare(soffice: str, version: str, folder: Path, ready: Path) -> None:
    """Make the profile ``ready``: LibreOffice starts over a seeded profile and converts a line of
    text, which makes all that a start makes; the profile is then moved into place."""
    _remove_stale_builds(folder)
    build = Path(tempfile.mkdtemp(prefix=f".{PROFILE_PREFIX}", dir=folder))
    try:
        _seed(build / "profile", version)
        sample = build / "sample.txt"
        sample.write_text("roadmapdocs\n", encoding="utf-8")
        process = subprocess.Popen(
            [
                soffice,
                f"-env:UserInstallation={(build / 'profile').as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(build / "out"),
                str(sample),
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=os.name == "posix",
        )
        try:
            process.wait(timeout=min(_PREPARE_SECONDS, _seconds()))
        finally:
            _kill_group(process)
        made = build / "profile" / "user" / "registrymodifications.xcu"
        if process.returncode != 0 or "ooSetupLastVersion" not in made.read_text("utf-8"):
            raise subprocess.SubprocessError("the profile was not made")
        (build / "profile").rename(ready)
    finally:
        shutil.rmtree(build, ignore_errors=True)


def _kill_group(process: subprocess.Popen[Any]) -> None:
    """End ``process`` and everything it started: it leads its own process group."""
    if os.name == "posix":
        with contextlib.suppress(OSError):
            os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        process.kill()
    process.wait()


class Converter(Protocol):
    """What turns rendered .docx files into another type; every write is atomic."""

    def convert(self, source: Path, target: Path) -> Path:
        """Write ``target`` from the .docx ``source``."""
        ...

    def convert_many(self, sources: Sequence[Path], targets: Sequence[Path]) -> list[Path]:
        """Write each target from its source; a file that could not be converted raises
        :class:`ConversionError` naming it, after the others are written."""
        ...

    def close(self) -> None:
        """Let go of what the converter keeps (a running LibreOffice, its profile)."""
        ...


class SofficeRun:
    """One soffice run per call, each run with a fresh profile (a copy of the prepared one).

    Starting LibreOffice costs a few tenths of a second even so, so a set of files is best given
    to one :meth:`convert_many`.
    """

    def __init__(self, export: Export = PDF, soffice: str | None = None) -> None:
        self.export = export
        self.soffice = soffice or find_soffice()

    def convert(self, source: Path, target: Path) -> Path:
        return self.convert_many([source], [target])[0]

    def convert_many(self, sources: Sequence[Path], targets: Sequence[Path]) -> list[Path]:
        export = self.export
        with tempfile.TemporaryDirectory(prefix="roadmapdocs-office-") as work:
            work_dir = Path(work)
            profile = new_profile(self.soffice, work_dir / "profile").as_uri()
            staged: list[Path] = []
            for index, source in enumerate(sources):
                # Distinct names in one folder: LibreOffice names each output after its input.
                copy = work_dir / "in" / f"{index:05d}.docx"
                copy.parent.mkdir(exist_ok=True)
                shutil.copyfile(source, copy)
                staged.append(copy)
            command = [
                self.soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                f"{export.extension}:{export.filter}",
                "--outdir",
                str(work_dir / "out"),
                *map(str, staged),
            ]
            seconds = _seconds() * max(1, len(staged))
            self._run(command, seconds, sources)
            missing: list[Path] = []
            garbled: ConversionError | None = None
            for copy, source, target in zip(staged, sources, targets, strict=True):
                produced = work_dir / "out" / f"{copy.stem}.{export.extension}"
                if not produced.is_file():
                    missing.append(source)
                    continue
                try:
                    check_output(produced, export)
                except ConversionError as error:
                    missing.append(source)
                    garbled = garbled or error
                    continue
                with atomic_path(target) as temporary:
                    shutil.copyfile(produced, temporary)
            if missing:
                names = ", ".join(str(m) for m in missing)
                what = _NOT_MADE.format(what=export.what, names=names).in_()
                if garbled is not None:
                    what = garbled.message if len(missing) == 1 else f"{what}: {garbled}"
                raise ConversionError(what, Location(str(missing[0])))
        return list(targets)

    def _run(self, command: list[str], seconds: float, sources: Sequence[Path]) -> None:
        """Run soffice in a process group of its own, so that a timeout (or Ctrl-C) ends it and
        whatever it started."""
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=os.name == "posix",
            )
        except FileNotFoundError:
            raise SofficeNotFound(INSTALL_HINT) from None
        try:
            process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            where = Location(str(sources[0])) if sources else None
            raise ConversionError(
                _TIMED_OUT.format(seconds=f"{seconds:g}", what=self.export.what), where
            ) from None
        except BaseException:
            _kill_group(process)
            raise
        if os.name == "posix":  # what it left running in its group goes with it
            with contextlib.suppress(OSError):
                os.killpg(process.pid, signal.SIGKILL)

    def close(self) -> None:
        """Nothing is kept between runs."""


def convert_to_pdf(
    sources: Sequence[Path], outputs: Sequence[Path] | None = None, *, soffice: str | None = None
) -> list[Path]:
    """Convert .docx files to PDF in one LibreOffice run; ``outputs`` default to ``.pdf`` beside.

    Each PDF is written atomically. A file LibreOffice could not convert raises
    :class:`ConversionError` naming it (the others are still written).
    """
    targets = list(outputs) if outputs is not None else [s.with_suffix(".pdf") for s in sources]
    return SofficeRun(PDF, soffice).convert_many(sources, targets)


# A LibreOffice kept running ---------------------------------------------------------------------

UNO_PYTHON_VAR = "ROADMAPDOCS_UNO_PYTHON"
WORKER_SCRATCH = "roadmapdocs-worker-"
"""How a batch worker's own temporary folder begins: the bridge removes all of it if the worker
dies, since nothing else in it outlives the worker."""
BRIDGE = Path(__file__).with_name("_lo_bridge.py")
START_TIMEOUT = 90


def _can_import_uno(python: str) -> bool:
    try:
        done = subprocess.run(
            [python, "-c", "import uno"], capture_output=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


@functools.lru_cache(maxsize=8)
def _uno_python(soffice: str, configured: str | None) -> str | None:
    if configured is not None:
        return configured if configured and _can_import_uno(configured) else None
    program = Path(soffice).resolve().parent
    candidates = [program / "python", program / "python.exe", Path("/usr/bin/python3")]
    for candidate in candidates:
        if candidate.is_file() and _can_import_uno(str(candidate)):
            return str(candidate)
    return None


def uno_python(soffice: str | None = None) -> str | None:
    """A Python that can drive LibreOffice over UNO: ``ROADMAPDOCS_UNO_PYTHON`` (empty: none),
    else LibreOffice's own (``program/python``), else the system's ``/usr/bin/python3`` with
    python3-uno; None when there is none, and conversion falls back to soffice runs."""
    return _uno_python(soffice or find_soffice(), os.environ.get(UNO_PYTHON_VAR))


class OfficeConverter:
    """One LibreOffice, kept running with its own profile, converting one document after another.

    Starting LibreOffice with a prepared profile costs a few tenths of a second; converting a
    short order in a running one, about a fifth of a second. The office lives in a small bridge
    process (:mod:`._lo_bridge`) run by a Python that has LibreOffice's UNO module; it is
    started by :meth:`start` (which does not wait for it) or on first use, with a copy of the
    prepared profile (:func:`new_profile`), started again if it dies, and ended by
    :meth:`close` (or when this process ends: the bridge ends with its input and with its
    parent). A long-running office grows, as LibreOffice does: every
    ``restart_every`` documents it is ended and started afresh (0: never).

    One document — starting LibreOffice if need be, and converting — may take ``timeout``
    seconds (by default the limit ``pdf_seconds`` in force at the call): past it the bridge and
    LibreOffice, with whatever they started, are killed, the document fails naming its file and
    the next one starts a fresh LibreOffice. After two failed starts in a row the converter stops
    trying, so that a LibreOffice that cannot start does not cost a timeout per document. Not
    thread-safe: give each thread or process its own. Without such a Python it raises
    :class:`SofficeNotFound`; :class:`SofficeRun` needs none.
    """

    def __init__(
        self,
        soffice: str | None = None,
        *,
        export: Export = PDF,
        timeout: float | None = None,
        restart_every: int = 500,
    ) -> None:
        self.soffice = soffice or find_soffice()
        self.python = uno_python(self.soffice)
        if self.python is None:
            raise SofficeNotFound(_NO_UNO.format(variable=UNO_PYTHON_VAR))
        self.export = export
        self.timeout = timeout
        self.restart_every = restart_every
        self._since_start = 0
        self._process: subprocess.Popen[str] | None = None
        self._starting = False
        """True from starting the bridge until its first answer (ready or not) is read."""
        self._office: int | None = None
        self._answers: queue.Queue[str | None] = queue.Queue()
        self._work = Path(tempfile.mkdtemp(prefix="roadmapdocs-office-"))
        self._count = 0
        self._failed_starts: list[ConversionError] = []
        self.starts = 0
        """How many times LibreOffice was started: 1 for a whole healthy batch."""

    def start(self) -> None:
        """Start LibreOffice now, without waiting for it to be ready: a batch worker starts it
        before it renders its first document, so that the two overlap. :meth:`convert` waits for
        it, and starts one itself when none was started (or the one started has died)."""
        process = self._process
        idle = process is None or (not self._starting and process.poll() is not None)
        if idle and len(self._failed_starts) < 2:
            self._spawn()

    def _spawn(self) -> None:
        self._work.mkdir(parents=True, exist_ok=True)
        profile = new_profile(self.soffice, self._work / f"profile-{self.starts}")
        assert self.python is not None
        process = subprocess.Popen(
            [self.python, str(BRIDGE), self.soffice, str(profile), str(self._scratch())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
            start_new_session=os.name == "posix",  # so that closing ends LibreOffice with it
        )
        self.starts += 1
        self._since_start = 0
        self._answers = queue.Queue()
        threading.Thread(target=self._read, args=(process, self._answers), daemon=True).start()
        self._process = process
        self._starting = True

    def _start(self, deadline: float, source: Path) -> subprocess.Popen[str]:
        """The bridge, ready: the one :meth:`start` began (its answer is read even if it has
        ended since), else a new one."""
        if len(self._failed_starts) >= 2:
            raise ConversionError(
                _WONT_START.format(
                    count=len(self._failed_starts), error=self._failed_starts[-1].message
                ),
                Location(str(source)),
            )
        if not self._starting:
            self._spawn()
        process = self._process
        assert process is not None
        try:
            answer = self._answer(min(deadline, time.monotonic() + START_TIMEOUT), source)
            if not answer.get("ready"):
                self._kill()
                raise ConversionError(
                    _NOT_STARTED.format(error=answer.get("error", "")), Location(str(source))
                )
        except ConversionError as error:
            self._failed_starts.append(error)
            raise
        finally:
            self._starting = False
        self._failed_starts.clear()
        return process

    def _scratch(self) -> Path:
        """What the bridge removes if this process dies: the profile and the files converted,
        or the whole temporary folder of a batch worker."""
        here = Path(tempfile.gettempdir())
        return here if here.name.startswith(WORKER_SCRATCH) else self._work

    @staticmethod
    def _read(process: subprocess.Popen[str], answers: queue.Queue[str | None]) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            answers.put(line)
        answers.put(None)

    def _answer(self, deadline: float, source: Path) -> dict[str, Any]:
        while True:
            try:
                line = self._answers.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                self._kill()
                seconds = self.timeout if self.timeout is not None else _seconds()
                raise ConversionError(
                    _TIMED_OUT.format(seconds=f"{seconds:g}", what=self.export.what),
                    Location(str(source)),
                ) from None
            if line is None:
                self._kill()
                raise ConversionError(_DIED.format(what=self.export.what), Location(str(source)))
            answer: dict[str, Any] = json.loads(line)
            if "office" in answer:  # the process group of the soffice the bridge started
                self._office = int(answer["office"])
                continue
            return answer

    def convert(self, source: Path, target: Path) -> Path:
        """Write ``target`` (atomically) from the .docx ``source``."""
        timeout = self.timeout if self.timeout is not None else _seconds()
        deadline = time.monotonic() + timeout
        if self.restart_every and self._since_start >= self.restart_every:
            self._stop()
        process = self._process
        if process is None or self._starting or process.poll() is not None:
            process = self._start(deadline, source)
        self._count += 1
        self._since_start += 1
        produced = self._work / f"{self._count:06d}.{self.export.extension}"
        assert process.stdin is not None
        request = {
            "source": str(Path(source).resolve()),
            "target": str(produced),
            "filter": self.export.filter,
        }
        try:
            process.stdin.write(json.dumps(request, ensure_ascii=False) + "\n")
            process.stdin.flush()
        except OSError:
            self._kill()
            raise ConversionError(
                _DIED.format(what=self.export.what), Location(str(source))
            ) from None
        try:
            answer = self._answer(deadline, source)
            if not answer.get("ok") or not produced.is_file():
                raise ConversionError(
                    _NOT_CONVERTED.format(what=self.export.what, error=answer.get("error", "")),
                    Location(str(source)),
                )
            try:
                check_output(produced, self.export)
            except ConversionError as error:
                raise ConversionError(error.message, Location(str(source))) from None
            with atomic_path(target) as temporary:
                shutil.move(produced, temporary)
        finally:
            produced.unlink(missing_ok=True)
        return target

    def convert_many(self, sources: Sequence[Path], targets: Sequence[Path]) -> list[Path]:
        missing: list[Path] = []
        for source, target in zip(sources, targets, strict=True):
            try:
                self.convert(source, target)
            except ConversionError:
                missing.append(source)
        if missing:
            names = ", ".join(str(m) for m in missing)
            raise ConversionError(
                _NOT_MADE.format(what=self.export.what, names=names), Location(str(missing[0]))
            )
        return list(targets)

    def _kill(self) -> None:
        """Kill the bridge, LibreOffice and whatever either started: both lead a group."""
        process, self._process = self._process, None
        office, self._office = self._office, None
        self._starting = False
        if os.name == "posix" and office is not None:
            with contextlib.suppress(OSError):
                os.killpg(office, signal.SIGKILL)
        if process is not None:
            _kill_group(process)

    def close(self) -> None:
        """End LibreOffice and remove its profile (a later :meth:`convert` starts a new one)."""
        self._stop()
        shutil.rmtree(self._work, ignore_errors=True)

    def _stop(self) -> None:
        """End LibreOffice: the bridge closes it when its input ends."""
        process, self._process = self._process, None
        self._starting = False
        if process is not None:
            with contextlib.suppress(OSError):
                assert process.stdin is not None
                process.stdin.write('{"end": true}\n')  # an end, not a death: nothing to remove
                process.stdin.close()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self._process = process
                self._kill()
        self._office = None

    def __enter__(self) -> OfficeConverter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


PdfConverter = OfficeConverter
"""The long-lived converter by the name batch code knows it; it makes PDF unless told otherwise."""
