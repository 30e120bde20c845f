"""What installed distributions provide through an entry point group: rules, document kinds.

An entry point gives one object or a list of them; anything else, or an entry point that fails
to load, is the plugin's error and is reported naming it, never a traceback.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from importlib import metadata
from typing import Any, TypeVar

from roadmapdocs.errors import RoadmapdocsError
from roadmapdocs.messages import Phrase

T = TypeVar("T")

_CANNOT_LOAD = Phrase(
    "не удалось загрузить точку входа «{name}» ({origin}): {error}",
    "cannot load the entry point «{name}» ({origin}): {error}",
)
_NOT_PROVIDED = Phrase(
    "точка входа «{name}» ({origin}) даёт {found}, а не {wanted}",
    "entry point «{name}» ({origin}) gives {found}, not {wanted}",
)


@functools.cache
def _installed() -> Any:
    # One look at the installed distributions per process serves every group; the rules and
    # kinds read from it are kept for the process's life anyway. (Python 3.10 and 3.11 return
    # a SelectableGroups here, later ones EntryPoints; both select by group.)
    return metadata.entry_points()


def entry_points(group: str) -> list[metadata.EntryPoint]:
    """The entry points of ``group`` among the installed distributions."""
    return list(_installed().select(group=group))


def provided(
    group: str, kind: type[T], wanted: Phrase, error: type[RoadmapdocsError]
) -> Iterator[tuple[T, str]]:
    """Each object of type ``kind`` that the entry points of ``group`` give, with the name of
    the distribution that gives it; ``wanted`` names such an object in messages («правило»)."""
    for point in entry_points(group):
        origin = point.dist.name if point.dist is not None else point.value
        try:
            value = point.load()
        except Exception as exc:  # a broken plugin is reported, not a crash of roadmapdocs
            raise error(_CANNOT_LOAD.format(name=point.name, origin=origin, error=exc)) from None
        for item in value if isinstance(value, (list, tuple)) else [value]:
            if not isinstance(item, kind):
                found = type(item).__name__
                raise error(
                    _NOT_PROVIDED.format(name=point.name, origin=origin, found=found, wanted=wanted)
                )
            yield item, origin
