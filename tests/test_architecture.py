"""The layers of the package, checked from its imports (module level and inside functions).

Data flows one way — input, model, checks, templates, rendering, entry points — and each layer
imports only layers below it (docs/architecture.md draws them). A module that is not listed
here fails the test until its layer is chosen.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

SOURCE = ROOT / "src" / "roadmapdocs"

# Lower numbers lie lower. A module's layer is that of its longest listed prefix.
LAYERS: dict[str, int] = {
    "roadmapdocs.lazy": 0,
    "roadmapdocs.messages": 0,
    "roadmapdocs.errors": 0,
    "roadmapdocs.limits": 0,
    "roadmapdocs.archive": 0,
    "roadmapdocs.sourcemap": 0,
    "roadmapdocs.tomlfile": 0,
    "roadmapdocs.plugins": 0,
    "roadmapdocs.fileio": 0,
    "roadmapdocs.collector": 0,
    "roadmapdocs.settings": 0,
    "roadmapdocs.lang": 1,
    "roadmapdocs.model": 2,
    "roadmapdocs.loader": 3,
    "roadmapdocs.importing": 3,
    "roadmapdocs.schema": 3,
    "roadmapdocs.rules": 3,
    "roadmapdocs.templates": 3,
    "roadmapdocs.rendering": 4,
    "roadmapdocs.lint": 4,
    "roadmapdocs.authoring": 5,
    "roadmapdocs.pipeline": 5,
    "roadmapdocs.api": 5,
    "roadmapdocs.batch": 6,
    "roadmapdocs.monitoring": 6,
    "roadmapdocs": 7,  # the public API, which the command line is a skin over
    "roadmapdocs.cli": 8,
    "roadmapdocs.__main__": 8,
}


def _module(path: Path) -> str:
    parts = path.relative_to(SOURCE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer(module: str) -> int:
    for end in range(module.count(".") + 1, 0, -1):
        found = LAYERS.get(".".join(module.split(".")[:end]))
        if found is not None:
            return found
    raise AssertionError(f"{module} has no layer: add it to LAYERS and to docs/architecture.md")


def _imports(path: Path) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
            if node.module == "roadmapdocs":  # «from roadmapdocs import batch»
                names = [f"roadmapdocs.{a.name}" for a in node.names]
            found += [(node.lineno, name) for name in names]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
    return [(line, name) for line, name in found if name.split(".")[0] == "roadmapdocs"]


MODULES = sorted(p for p in SOURCE.rglob("*.py") if p.name != "_lo_bridge.py")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _module(p))
def test_imports_go_down(path: Path) -> None:
    here = _module(path)
    if here == "roadmapdocs":
        return  # the public face re-exports every layer
    upward = [
        f"{path.name}:{line} {target}"
        for line, target in _imports(path)
        if _layer(target) > _layer(here)
    ]
    assert not upward, f"{here} (layer {_layer(here)}) imports from above: {upward}"


def test_the_loader_is_read_by_no_rule_and_no_rendering_module() -> None:
    for path in MODULES:
        here = _module(path)
        if here.startswith(("roadmapdocs.rules", "roadmapdocs.rendering", "roadmapdocs.model")):
            targets = {target for _, target in _imports(path)}
            assert "roadmapdocs.loader" not in targets, here


def test_no_two_packages_import_each_other() -> None:
    edges: set[tuple[str, str]] = set()
    for path in MODULES:
        source = ".".join(_module(path).split(".")[:2])
        for _, target in _imports(path):
            top = ".".join(target.split(".")[:2])
            if top != source and source != "roadmapdocs":
                edges.add((source, top))
    both = sorted(f"{a} ⇄ {b}" for a, b in edges if (b, a) in edges and a < b)
    assert not both, both
