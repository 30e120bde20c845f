"""The rules roadmapdocs ships: one module per rule, found here by looking, not by a list.

Adding a rule is adding a module that defines it with :func:`roadmapdocs.rules.base.rule`;
modules whose name starts with an underscore hold what several rules share.
"""

from __future__ import annotations

import importlib
import pkgutil

from roadmapdocs.rules.base import Rule


def _discover() -> tuple[Rule, ...]:
    found: list[Rule] = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.extend(v for v in vars(module).values() if isinstance(v, Rule))
    return tuple(sorted(found, key=lambda r: r.code))


RULES = _discover()
