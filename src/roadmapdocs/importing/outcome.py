"""What recognising a document gives: data the loader reads, what was guessed, what was left."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from roadmapdocs.errors import LoadError, Location, Problem
from roadmapdocs.importing.raw import Place
from roadmapdocs.messages import Phrase


def refuse(path: str | os.PathLike[str], code: str, message: Phrase) -> LoadError:
    """The one located error of a file that cannot be imported (``code`` says why)."""
    return LoadError([Problem(Location(str(path)), code, message.in_())])


@dataclass(frozen=True)
class Guess:
    """A decision made on the user's behalf, said as a YAML comment in the output:
    «столбец «Сроки исполнения» → deadline»."""

    place: Place
    text: str
    """In Russian, without the leading «#»."""


@dataclass(frozen=True)
class Unplaced:
    """A text of the file that no field took; it is kept in the document's ``notes`` and
    listed on stderr, never dropped."""

    place: Place
    text: str


@dataclass
class Imported:
    """A recognised document: ``data`` loads with :func:`roadmapdocs.load`; ``places`` maps a
    field path of ``data`` (a tuple, as the source map keys it) to where its text stood in the
    file, so that findings can be located in the user's terms."""

    data: dict[str, Any]
    guesses: list[Guess] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    places: dict[tuple[str | int, ...], Place] = field(default_factory=dict)

    def merge(self, other: Imported, prefix: tuple[str | int, ...] = ()) -> None:
        """Take ``other``'s guesses, leftovers and places, its paths under ``prefix``."""
        self.guesses.extend(other.guesses)
        self.unplaced.extend(other.unplaced)
        self.places.update({(*prefix, *path): place for path, place in other.places.items()})
