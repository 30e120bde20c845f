"""PDF and ODT through LibreOffice headless (soffice), behind one :class:`Converter`: a run of
soffice for a set of files, each with a clean profile (:class:`SofficeRun`), or a LibreOffice
kept running for a whole batch (:class:`OfficeConverter`)."""

from __future__ import annotations

import contextlib
import functools
import json
import os
import queue
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from roadmapdocs.errors import ConversionError, Location, SofficeNotFound
from roadmapdocs.fileio import atomic_path
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

_NO_FILE = Phrase("{variable}: файл не найден. ", "{variable}: file not found. ")
_TIMED_OUT = Phrase(
    "LibreOffice не ответил вовремя при создании {what}",
    "LibreOffice did not answer in time while making {what}",
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
    """One soffice run per call, each run with a fresh profile.

    Starting LibreOffice costs about a second, so a set of files is best given to one
    :meth:`convert_many`.
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
            profile = (work_dir / "profile").as_uri()
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
            try:
                subprocess.run(
                    command,
                    capture_output=True,
                    check=False,
                    timeout=TIMEOUT_PER_FILE * max(1, len(staged)),
                )
            except FileNotFoundError:
                raise SofficeNotFound(INSTALL_HINT) from None
            except subprocess.TimeoutExpired:
                raise ConversionError(_TIMED_OUT.format(what=export.what)) from None
            missing: list[Path] = []
            for copy, source, target in zip(staged, sources, targets, strict=True):
                produced = work_dir / "out" / f"{copy.stem}.{export.extension}"
                if not produced.is_file():
                    missing.append(source)
                    continue
                with atomic_path(target) as temporary:
                    shutil.copyfile(produced, temporary)
            if missing:
                names = ", ".join(str(m) for m in missing)
                raise ConversionError(
                    _NOT_MADE.format(what=export.what, names=names), Location(str(missing[0]))
                )
        return list(targets)

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

    Starting LibreOffice costs about a second; converting a short order in a running one, a
    tenth of that. The office lives in a small bridge process (:mod:`._lo_bridge`) run by a
    Python that has LibreOffice's UNO module; it is started on first use, started again if it
    dies, and ended by :meth:`close` (or when this process ends, since the bridge ends with its
    input). A long-running office grows, as LibreOffice does: every ``restart_every`` documents
    it is ended and started afresh (0: never). Not thread-safe: give each thread or process its
    own. Without such a Python it raises :class:`SofficeNotFound`; :class:`SofficeRun` needs none.
    """

    def __init__(
        self,
        soffice: str | None = None,
        *,
        export: Export = PDF,
        timeout: float = TIMEOUT_PER_FILE,
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
        self._answers: queue.Queue[str | None] = queue.Queue()
        self._work = Path(tempfile.mkdtemp(prefix="roadmapdocs-office-"))
        self._count = 0
        self.starts = 0
        """How many times LibreOffice was started: 1 for a whole healthy batch."""

    def _start(self) -> subprocess.Popen[str]:
        self._work.mkdir(parents=True, exist_ok=True)
        profile = self._work / f"profile-{self.starts}"
        assert self.python is not None
        process = subprocess.Popen(
            [self.python, str(BRIDGE), self.soffice, str(profile)],
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
        answer = self._answer(START_TIMEOUT)
        if not answer.get("ready"):
            self._kill()
            raise ConversionError(_NOT_STARTED.format(error=answer.get("error", "")))
        return process

    @staticmethod
    def _read(process: subprocess.Popen[str], answers: queue.Queue[str | None]) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            answers.put(line)
        answers.put(None)

    def _answer(self, timeout: float) -> dict[str, Any]:
        try:
            line = self._answers.get(timeout=timeout)
        except queue.Empty:
            self._kill()
            raise ConversionError(_TIMED_OUT.format(what=self.export.what)) from None
        if line is None:
            self._kill()
            raise ConversionError(_DIED.format(what=self.export.what))
        answer: dict[str, Any] = json.loads(line)
        return answer

    def convert(self, source: Path, target: Path) -> Path:
        """Write ``target`` (atomically) from the .docx ``source``."""
        if self.restart_every and self._since_start >= self.restart_every:
            self._stop()
        process = self._process
        if process is None or process.poll() is not None:
            process = self._start()
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
            raise ConversionError(_DIED.format(what=self.export.what)) from None
        answer = self._answer(self.timeout)
        if not answer.get("ok") or not produced.is_file():
            raise ConversionError(
                _NOT_CONVERTED.format(what=self.export.what, error=answer.get("error", "")),
                Location(str(source)),
            )
        try:
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
        process, self._process = self._process, None
        if process is None:
            return
        if os.name == "posix":
            with contextlib.suppress(OSError):
                os.killpg(process.pid, signal.SIGKILL)
        process.kill()
        process.wait()

    def close(self) -> None:
        """End LibreOffice and remove its profile (a later :meth:`convert` starts a new one)."""
        self._stop()
        shutil.rmtree(self._work, ignore_errors=True)

    def _stop(self) -> None:
        """End LibreOffice: the bridge closes it when its input ends."""
        process, self._process = self._process, None
        if process is not None:
            with contextlib.suppress(OSError):
                assert process.stdin is not None
                process.stdin.close()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self._process = process
                self._kill()

    def __enter__(self) -> OfficeConverter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


PdfConverter = OfficeConverter
"""The long-lived converter by the name batch code knows it; it makes PDF unless told otherwise."""
