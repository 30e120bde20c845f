"""Python's cycle collector paused for work that makes many objects and no cycles worth finding.

Loading a document (YAML nodes, values, models), checking it (the walks of the rules) and
rendering it (the rows of a plan, the XML pieces, the tree) make hundreds of thousands of
objects, each kept or freed by its reference count. The collector, started again and again by so
many new objects, only walks them: from a few thousand activities on it took from a third to over
half of a load and a fifth of a check, and its full passes over a growing heap made the time grow
faster than the document. All three pause it; the objects made meanwhile are walked once, by the
first pass after the last pause ends, in the caller's time.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_LOCK = threading.Lock()
_state = {"paused": 0, "resume": False}
"""How many pauses are open, and whether the first of them found the collector enabled: the last
one to close restores what the first found."""


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """The collector off inside the block. Pauses that overlap (other threads, a load inside a
    render) pause it once: the last to end enables it again, and only if it was enabled when the
    first began; a collector the caller turned off stays off."""
    with _LOCK:
        if _state["paused"] == 0:
            _state["resume"] = gc.isenabled()
            gc.disable()
        _state["paused"] += 1
    try:
        yield
    finally:
        with _LOCK:
            _state["paused"] -= 1
            if _state["paused"] == 0 and _state["resume"]:
                gc.enable()
