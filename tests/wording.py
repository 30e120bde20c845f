"""The language of a message: what it says apart from the user's own words it quotes."""

from __future__ import annotations

import re

_QUOTED = re.compile(r"«[^«»]*»")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def unquoted(message: str) -> str:
    """``message`` without its «…»-quoted parts (names, paths, the user's text), nested or not."""
    previous = None
    while previous != message:
        previous, message = message, _QUOTED.sub("", message)
    return message


def is_english(message: str) -> bool:
    """Whether ``message`` has no Cyrillic letter outside its quotes."""
    return _CYRILLIC.search(unquoted(message)) is None


def is_russian(message: str) -> bool:
    """Whether ``message`` itself, not only what it quotes, is written in Cyrillic."""
    return not is_english(message)
