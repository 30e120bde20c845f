"""Keeps one LibreOffice running and converts documents (to PDF, ODT) on request, over UNO.

Run by a Python that can ``import uno`` (LibreOffice's own, or the system's with python3-uno),
not by roadmapdocs' interpreter, so it imports nothing of roadmapdocs. Arguments: the soffice
executable, the folder of the profile (empty, or a copy of a prepared one) and, optionally, the
caller's scratch folder to remove if the caller dies. Protocol, one JSON object per line:

- each time it starts soffice it says ``{"office": pid}``: soffice leads a process group of its
  own, which the caller kills (with all soffice started) when a document takes too long;
- it answers ``{"ready": true}`` once LibreOffice accepts requests (or ``{"error": …}`` and ends);
- each request ``{"source": path, "target": path, "filter": name}`` (an export filter such as
  ``writer_pdf_Export``) is answered ``{"ok": true}`` or
  ``{"error": text}``; a LibreOffice that died is started again and the document tried once more;
- ``{"end": true}`` closes LibreOffice and ends it; an input that ends without it means that the
  parent died: then, as when its parent dies while it waits, it kills LibreOffice, removes the
  scratch folder and ends.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import uno  # type: ignore[import-not-found]  # only in a Python that LibreOffice provides
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]

START_TIMEOUT = 60.0
POLL_SECONDS = 0.02
"""How often a starting LibreOffice is asked whether it accepts requests: with a prepared
profile it is ready in a few tenths of a second, and each early ask is cheap."""


def _properties(**values: Any) -> tuple[Any, ...]:
    found = []
    for name, value in values.items():
        item = PropertyValue()
        item.Name, item.Value = name, value
        found.append(item)
    return tuple(found)


class Office:
    """One soffice process with its own profile, and the UNO desktop that drives it."""

    def __init__(self, soffice: str, profile: Path) -> None:
        self.soffice, self.profile = soffice, profile
        self.process: subprocess.Popen[bytes] | None = None
        self.desktop: Any = None
        self.pipe = ""
        self.dying = False
        """Set when the parent is gone: no LibreOffice may be started any more."""

    def start(self) -> None:
        if self.dying:
            raise RuntimeError("the parent is gone")
        pipe = self.pipe = f"roadmapdocs-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.process = subprocess.Popen(
            [
                self.soffice,
                f"-env:UserInstallation={self.profile.as_uri()}",
                "--headless",
                "--invisible",
                "--nologo",
                "--nodefault",
                "--norestore",
                "--nolockcheck",
                f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=os.name == "posix",  # its group holds all it starts, to kill at once
        )
        if self.dying:  # the parent went while this one started: the watcher may have missed it
            self.kill()
            raise RuntimeError("the parent is gone")
        _answer(office=self.process.pid)
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except NoConnectException:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("LibreOffice не запустился") from None
                time.sleep(POLL_SECONDS)
        self.desktop = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", context
        )

    def convert(self, source: str, target: str, export_filter: str) -> None:
        document = self.desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(source),
            "_blank",
            0,
            _properties(Hidden=True, ReadOnly=True, UpdateDocMode=0),
        )
        if document is None:
            raise RuntimeError("LibreOffice не открыл документ")
        try:
            document.storeToURL(
                uno.systemPathToFileUrl(target), _properties(FilterName=export_filter)
            )
        finally:
            document.close(True)

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        if self.desktop is not None:
            # A dead office cannot be asked to end; it is waited for or killed below.
            with contextlib.suppress(Exception):
                self.desktop.terminate()
        if self.process is not None:
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.kill()  # what soffice left running in its group
        self.process = self.desktop = None

    def kill(self) -> None:
        if self.process is not None and os.name == "posix":
            with contextlib.suppress(OSError):
                os.killpg(self.process.pid, signal.SIGKILL)
            # A killed LibreOffice leaves the socket of its pipe behind.
            for folder in {tempfile.gettempdir(), "/tmp"}:
                for socket in Path(folder).glob(f"OSL_PIPE_*_{self.pipe}"):
                    socket.unlink(missing_ok=True)


_ending = threading.Lock()


def _end_orphaned(office: Office, scratch: str | None) -> None:
    """Kill LibreOffice, remove the scratch folder and end the process: the parent is gone.

    Both threads come here when the parent dies (the watcher, and the main thread when its input
    ends or an answer cannot be written). Whichever comes second waits on the lock until the
    first has ended the process, so that neither can end it while the other is still removing
    the folder.
    """
    with _ending:
        office.dying = True
        office.kill()
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
        office.kill()  # one the main thread started meanwhile
        os._exit(1)


def _watch_parent(office: Office, scratch: str | None, parent: int) -> None:
    """End everything when the parent is gone: it cannot close the input if it was killed."""
    while os.getppid() == parent:
        time.sleep(0.5)
    _end_orphaned(office, scratch)


def _answer(**values: Any) -> None:
    sys.stdout.write(json.dumps(values, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def main() -> int:
    soffice, profile = sys.argv[1], Path(sys.argv[2])
    scratch = sys.argv[3] if len(sys.argv) > 3 else None
    office = Office(soffice, profile)
    parent = os.getppid()
    threading.Thread(target=_watch_parent, args=(office, scratch, parent), daemon=True).start()
    try:
        ended = _serve(office)
    except BaseException as exc:
        # An answer nobody reads any more: the parent's pipe may close before it is seen gone.
        if office.dying or os.getppid() != parent or isinstance(exc, BrokenPipeError):
            _end_orphaned(office, scratch)
        raise
    if not ended:  # the input ended without a word: the parent is gone
        _end_orphaned(office, scratch)
    office.stop()
    return 0


def _serve(office: Office) -> bool:
    """Start LibreOffice and convert what is asked; True when asked to end, False when the input
    ended without it."""
    try:
        office.start()
    except Exception as exc:
        if office.dying:
            raise
        _answer(error=str(exc))
        office.stop()
        sys.exit(1)
    _answer(ready=True)
    for line in sys.stdin:
        request = json.loads(line)
        if request.get("end"):
            return True
        for attempt in (1, 2):
            try:
                if not office.alive():
                    office.stop()
                    office.start()
                office.convert(request["source"], request["target"], request["filter"])
            except Exception as exc:
                if office.dying:
                    raise
                if attempt == 1 and not office.alive():
                    continue  # LibreOffice died under this document: once more, fresh
                _answer(error=f"{type(exc).__name__}: {exc}")
            else:
                _answer(ok=True)
            break
    return False


if __name__ == "__main__":
    sys.exit(main())
