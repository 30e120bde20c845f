"""The cycle collector: paused while a document is read and built, checked and rendered, and
left as found."""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import roadmapdocs
from roadmapdocs import collector as collector_module
from roadmapdocs import loader
from roadmapdocs.errors import LoadError

GOOD = "kind: roadmap\nlevel: school\ntitle: План\n"
INVALID = "kind: roadmap\nlevel: school\ntitle: План\nнеизвестное: 1\n"
BROKEN = "kind: roadmap\ntitle: 'не закрыта\n"


def _roadmap(activities: int) -> dict[str, Any]:
    sections = [
        {
            "number": str(s + 1),
            "title": f"Раздел {s + 1}",
            "activities": [
                {
                    "number": f"{s + 1}.{i + 1}",
                    "text": f"Семинар {s + 1}.{i + 1} для учителей",
                    "deadline": "март 2024",
                    "responsible": ["заместитель директора"],
                    "result": "Протокол",
                }
                for i in range(10)
            ],
        }
        for s in range(activities // 10)
    ]
    return {"kind": "roadmap", "level": "school", "title": "План", "plan": {"sections": sections}}


def _large_yaml(activities: int) -> str:
    return roadmapdocs.dumps(roadmapdocs.load(_roadmap(activities)))


@pytest.fixture
def collector() -> Iterator[None]:
    """The test may turn the collector off; it is back as it was afterwards."""
    was = gc.isenabled()
    try:
        yield
    finally:
        (gc.enable if was else gc.disable)()


def _load_or_fail(source: Any) -> None:
    with contextlib.suppress(LoadError):
        roadmapdocs.load(source)


@pytest.mark.parametrize(
    "source",
    [GOOD, INVALID, BROKEN, {"kind": "roadmap", "level": "school", "title": "План"}, {"kind": 1}],
    ids=["loaded", "invalid", "yaml error", "mapping", "mapping of no kind"],
)
@pytest.mark.parametrize("enabled", [True, False], ids=["enabled", "disabled"])
def test_load_leaves_the_collector_as_it_found_it(
    collector: None, source: Any, enabled: bool
) -> None:
    (gc.enable if enabled else gc.disable)()
    _load_or_fail(source)
    assert gc.isenabled() is enabled


@pytest.mark.parametrize("enabled", [True, False], ids=["enabled", "disabled"])
def test_a_load_over_a_limit_leaves_the_collector_as_it_found_it(
    collector: None, enabled: bool
) -> None:
    (gc.enable if enabled else gc.disable)()
    with roadmapdocs.limits.override(yaml_nodes=10), pytest.raises(LoadError):
        roadmapdocs.load(_large_yaml(20))
    assert gc.isenabled() is enabled


def test_an_unexpected_failure_inside_load_still_restores_the_collector(
    collector: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: Any) -> Any:
        assert not gc.isenabled()
        raise RuntimeError("сбой")

    gc.enable()
    monkeypatch.setattr(loader, "_load", fail)
    with pytest.raises(RuntimeError):
        roadmapdocs.load(GOOD)
    assert gc.isenabled()


def test_overlapping_loads_resume_the_collector_when_the_last_ends(collector: None) -> None:
    """Two threads loading at once: the first to finish must not turn the collector on under
    the other, and the last turns it on again."""
    gc.enable()
    first, second = collector_module.paused(), collector_module.paused()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert not gc.isenabled()
    second.__exit__(None, None, None)
    assert gc.isenabled()


def _collections_inside(code: Any, run: Callable[[], object]) -> list[int]:
    """How many collections of each generation start while a call of ``code`` is running."""
    counts = [0, 0, 0]

    def count(phase: str, info: dict[str, int]) -> None:
        if phase != "start":
            return
        frame: Any = sys._getframe(1)
        while frame is not None:
            if frame.f_code is code:
                counts[info["generation"]] += 1
                return
            frame = frame.f_back

    gc.callbacks.append(count)
    try:
        run()
    finally:
        gc.callbacks.remove(count)
    return counts


@pytest.mark.parametrize("form", ["yaml", "mapping"])
def test_no_collection_runs_while_a_document_is_read_and_built(collector: None, form: str) -> None:
    # A full collection waits until the objects made since the last one are a quarter of all
    # the collector keeps; with what the process made before set aside (frozen) and thresholds
    # that run every generation often, reading 2,000 activities starts full collections too.
    source: Any = _large_yaml(2000) if form == "yaml" else _roadmap(2000)
    thresholds = gc.get_threshold()
    gc.enable()
    gc.freeze()
    gc.set_threshold(100, 2, 2)
    try:
        gc.collect()
        # The same reading with the collector on, to show the document is large enough.
        unpaused = _collections_inside(loader._load.__code__, lambda: loader._load(source, "ru"))
        gc.collect()
        paused = _collections_inside(loader._load.__code__, lambda: roadmapdocs.load(source))
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()
    assert unpaused[0] > 10 and unpaused[2] > 0, unpaused
    assert paused == [0, 0, 0]
    assert gc.isenabled()


@pytest.mark.parametrize("enabled", [True, False], ids=["enabled", "disabled"])
@pytest.mark.parametrize("step", ["render", "rules", "template look-up"])
def test_checking_and_rendering_pause_the_collector_and_leave_it_as_they_found_it(
    collector: None, enabled: bool, step: str, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rules and the render run with the collector paused; so does the template's look-up,
    which comes before the render proper: the first pass after a load walks the whole
    document."""
    from roadmapdocs import pipeline
    from roadmapdocs.rendering import docx as rendering_docx
    from roadmapdocs.rules import engine

    owner, name = {
        "render": (rendering_docx, "_render_docx"),
        "rules": (engine, "run"),
        "template look-up": (pipeline, "resolve_template"),
    }[step]
    seen = []
    real = getattr(owner, name)

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, spy)
    document = roadmapdocs.load(_roadmap(20))
    (gc.enable if enabled else gc.disable)()
    if step == "rules":
        assert roadmapdocs.validate(document).rules  # the rules did run
    else:
        roadmapdocs.render(document, tmp_path / "out.docx")
    assert seen and not any(seen)
    assert gc.isenabled() is enabled
