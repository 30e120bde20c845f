"""Which rules exist: the built-in ones and those of installed plugins, each code and name once.

A plugin announces its rules through the entry point group ``roadmapdocs.rules``: the entry
point gives a :class:`~roadmapdocs.rules.base.Rule` or a list of them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import replace

from roadmapdocs.errors import RuleConflict
from roadmapdocs.messages import Phrase
from roadmapdocs.plugins import provided
from roadmapdocs.rules.base import Rule

ENTRY_POINT_GROUP = "roadmapdocs.rules"


def _builtin_rules() -> list[Rule]:
    from roadmapdocs.rules import builtin

    return list(builtin.RULES)


def _plugin_rules() -> Iterator[Rule]:
    wanted = Phrase("правило", "a rule")
    for item, origin in provided(ENTRY_POINT_GROUP, Rule, wanted, RuleConflict):
        yield replace(item, origin=origin)


@functools.lru_cache(maxsize=1)
def registry() -> Mapping[str, Rule]:
    """Every rule by code: built-in ones, then those of installed plugins, sorted by code.

    A plugin that reuses a code or a name is a loud error naming both providers.
    """
    found: dict[str, Rule] = {}
    names: dict[str, Rule] = {}
    for item in [*_builtin_rules(), *_plugin_rules()]:
        for key, index in ((item.code, found), (item.name, names)):
            other = index.get(key)
            if other is not None:
                raise RuleConflict(
                    Phrase(
                        "правило «{key}» объявлено дважды: в {first} и в {second}",
                        "rule «{key}» is declared twice: by {first} and by {second}",
                    ).format(
                        key=key,
                        first=f"{other.origin} ({other.code} {other.name})",
                        second=f"{item.origin} ({item.code} {item.name})",
                    )
                )
        found[item.code] = item
        names[item.name] = item
    return dict(sorted(found.items()))
