"""PDF through LibreOffice headless (soffice): many files in one run, each with a clean profile."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from roadmapdocs.errors import ConversionError, Location, SofficeNotFound
from roadmapdocs.fileio import atomic_path

ENV_VAR = "ROADMAPDOCS_SOFFICE"
INSTALL_HINT = (
    "LibreOffice не найден: PDF делает LibreOffice (soffice). Установите его "
    "(Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui; Windows/macOS: "
    "libreoffice.org) или укажите путь к soffice в переменной ROADMAPDOCS_SOFFICE. "
    "DOCX создаётся и без него."
)
TIMEOUT_PER_FILE = 120


def find_soffice() -> str:
    """The soffice executable: ``ROADMAPDOCS_SOFFICE``, else ``soffice``/``libreoffice`` on PATH."""
    configured = os.environ.get(ENV_VAR)
    if configured:
        if Path(configured).is_file() or shutil.which(configured):
            return shutil.which(configured) or configured
        raise SofficeNotFound(f"{ENV_VAR}={configured}: файл не найден. {INSTALL_HINT}")
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise SofficeNotFound(INSTALL_HINT)


def convert_to_pdf(
    sources: Sequence[Path], outputs: Sequence[Path] | None = None, *, soffice: str | None = None
) -> list[Path]:
    """Convert .docx files to PDF in one LibreOffice run; ``outputs`` default to ``.pdf`` beside.

    Each PDF is written atomically. A file LibreOffice could not convert raises
    :class:`ConversionError` naming it (the others are still written).
    """
    program = soffice or find_soffice()
    targets = list(outputs) if outputs is not None else [s.with_suffix(".pdf") for s in sources]
    with tempfile.TemporaryDirectory(prefix="roadmapdocs-pdf-") as work:
        work_dir = Path(work)
        profile = (work_dir / "profile").as_uri()
        staged: list[Path] = []
        for index, source in enumerate(sources):
            # Distinct names in one folder: LibreOffice names each PDF after its input.
            copy = work_dir / "in" / f"{index:05d}.docx"
            copy.parent.mkdir(exist_ok=True)
            shutil.copyfile(source, copy)
            staged.append(copy)
        command = [
            program,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf:writer_pdf_Export",
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
            raise ConversionError("LibreOffice не ответил вовремя при создании PDF") from None
        missing: list[Path] = []
        for copy, source, target in zip(staged, sources, targets, strict=True):
            produced = work_dir / "out" / (copy.stem + ".pdf")
            if not produced.is_file():
                missing.append(source)
                continue
            with atomic_path(target) as temporary:
                shutil.copyfile(produced, temporary)
        if missing:
            names = ", ".join(str(m) for m in missing)
            raise ConversionError(
                f"LibreOffice не смог сделать PDF из: {names}", Location(str(missing[0]))
            )
    return targets
