"""The execution status of an activity, as reports word it: «выполнено», «в работе» …

Schools write the state of an activity in many ways — «выполнено», «Выполнен», «исполнено»,
«в работе», «выполняется», «в процессе», «не выполнено», «перенесено на май», «отменено» —
and often run it together with the date and the evidence: «Выполнено 12.10.2024, протокол
педсовета № 3». :func:`parse_status` reads the word (English codes too: ``done``,
``in_progress``, ``not_done``, ``postponed``, ``cancelled``); :func:`read_mark` reads a whole
«Отметка об исполнении» into its status, its date and what is left of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum


class Status(str, Enum):
    """The state of an activity on the date of a report. The value is the word reports print."""

    DONE = "выполнено"
    IN_PROGRESS = "выполняется"
    NOT_DONE = "не выполнено"
    POSTPONED = "перенесено"
    CANCELLED = "отменено"

    @property
    def code(self) -> str:
        """The English code: ``done``, ``in_progress`` …"""
        return self.name.lower()


_WORDS: dict[str, Status] = {}


def _say(status: Status, *words: str) -> None:
    for word in (status.value, status.code, *words):
        _WORDS[_key(word)] = status


def _key(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").replace("_", " ").replace("-", " ").split())


_say(
    Status.DONE,
    "выполнен",
    "выполнена",
    "выполнены",
    "исполнено",
    "исполнен",
    "исполнена",
    "реализовано",
    "проведено",
    "сделано",
    "готово",
    "completed",
)
_say(
    Status.IN_PROGRESS,
    "в работе",
    "в процессе",
    "в процессе выполнения",
    "в стадии выполнения",
    "выполняются",
    "исполняется",
    "реализуется",
    "частично выполнено",
    "in progress",
    "ongoing",
)
_say(
    Status.NOT_DONE,
    "не выполнен",
    "не выполнена",
    "не выполнены",
    "не исполнено",
    "не реализовано",
    "не проведено",
    "не начато",
    "failed",
)
_say(Status.POSTPONED, "перенесен", "перенесена", "перенесены", "отложено", "deferred")
_say(Status.CANCELLED, "отменен", "отменена", "отменены", "исключено", "canceled")

WORDS: tuple[str, ...] = tuple(s.value for s in Status)
"""The words a status is written with, one per status, for messages and docs."""


def parse_status(text: str) -> Status | None:
    """The status ``text`` names, or None when it names none."""
    return _WORDS.get(_key(text))


# The longest words first, so that «не выполнено» is not read as «выполнено».
_LEADING = re.compile(
    r"^\s*(?P<word>"
    + "|".join(
        re.escape(w).replace(r"\ ", r"[\s-]+")
        for w in sorted({k for k in _WORDS if not k.isascii()}, key=len, reverse=True)
    )
    + r")(?![а-яё])[\s.,;:–—-]*",
    re.IGNORECASE,
)
_DATE = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?!\d)(?:\s*г\.?)?")


@dataclass(frozen=True)
class Mark:
    """What an «Отметка об исполнении» says: a status, the date it names, the rest of it."""

    status: Status
    done: date | None
    report: str


def read_mark(text: str) -> Mark | None:
    """The status, date and evidence of a mark that starts with a status word: «Выполнено
    12.10.2024, протокол № 3» → (выполнено, 12.10.2024, «протокол № 3»). None for a mark that
    does not (a bare «протокол № 3» stays a mark)."""
    found = _LEADING.match(text)
    if not found:
        return None
    status = _WORDS[_key(found.group("word"))]
    rest = text[found.end() :]
    done: date | None = None
    day = _DATE.search(rest)
    if day is not None and status is Status.DONE and not rest[: day.start()].strip(" ,;:("):
        year = int(day.group(3))
        try:
            done = date(year + 2000 if year < 100 else year, int(day.group(2)), int(day.group(1)))
        except ValueError:
            done = None
        if done is not None:
            rest = rest[day.end() :]
    return Mark(status, done, rest.strip(" \t\n,;:.–—-"))
