"""The structured YAML form of a deadline: ``{kind: period, start: …, end: …}`` or ``{text: …}``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import Any, TypeGuard

from roadmapdocs.lang.deadline.parse import parse_deadline
from roadmapdocs.lang.deadline.value import Deadline, DeadlineKind, Frequency, Recurrence

_NEEDS = {
    DeadlineKind.DATE: ("start",),
    DeadlineKind.PERIOD: ("start", "end"),
    DeadlineKind.BY: ("end",),
    DeadlineKind.FROM: ("start",),
}
_KIND_NAMES = ", ".join(kind.value for kind in DeadlineKind)


def from_mapping(data: Mapping[str, Any]) -> Deadline:
    """Build a deadline from its structured YAML form; see :meth:`Deadline.from_mapping`."""
    unknown = set(data) - {"text", "kind", "start", "end", "note", "recurrence"}
    if unknown:
        raise ValueError(f"в сроке неизвестные поля: {', '.join(sorted(map(str, unknown)))}")
    text, kind_value = data.get("text"), data.get("kind")
    kind = _kind(kind_value) if kind_value is not None else None
    if text is not None:
        if not isinstance(text, str) or not text.strip():
            raise ValueError("текст срока («text») должен быть непустой строкой")
        parsed = parse_deadline(text)
        if kind is not None and parsed.kind is not kind and parsed.kind is not DeadlineKind.TEXT:
            raise ValueError(
                f"срок «{text}» читается как «{parsed.kind.value}», а указан вид «{kind.value}»"
            )
        return parsed
    if kind is None:
        raise ValueError("у срока должен быть текст («text») или вид («kind») с датами")
    start, end = _date(data.get("start"), "start"), _date(data.get("end"), "end")
    for name in _NEEDS.get(kind, ()):
        if {"start": start, "end": end}[name] is None:
            raise ValueError(f"у срока вида «{kind.value}» должна быть дата «{name}»")
    if kind is DeadlineKind.DATE:
        end = start if end is None else end
        if end != start:
            raise ValueError("у срока вида «date» начало и конец — один и тот же день")
    if start is not None and end is not None and start > end:
        raise ValueError(
            f"срок начинается ({start:%d.%m.%Y}) позже, чем кончается ({end:%d.%m.%Y})"
        )
    recurrence = _recurrence(data.get("recurrence"))
    if kind is DeadlineKind.RECURRING and recurrence is None:
        raise ValueError("у повторяющегося срока должна быть периодичность («recurrence»)")
    if kind in (
        DeadlineKind.SEVERAL,
        DeadlineKind.SCHEDULE,
        DeadlineKind.RELATIVE,
        DeadlineKind.TEXT,
    ):
        raise ValueError(f"срок вида «{kind.value}» задаётся текстом («text»)")
    note = data.get("note")
    if isinstance(note, bool) or not isinstance(note, str | int | float | None):
        raise ValueError("примечание к сроку («note») — текст")
    made = Deadline(
        text="",
        kind=kind,
        start=start,
        end=end,
        note=str(note) if note is not None else None,
        recurrence=recurrence,
    )
    return replace(made, text=made.format())


def _kind(value: Any) -> DeadlineKind:
    try:
        return DeadlineKind(value)
    except ValueError:
        raise ValueError(f"неизвестный вид срока «{value}»; возможны: {_KIND_NAMES}") from None


def _date(value: Any, name: str) -> date | None:
    if isinstance(value, datetime):  # its day, as for a deadline given as a datetime itself
        return value.date()
    if value is None or isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"«{name}» срока должна быть датой вида 2024-02-01, а не «{value}»")


def _recurrence(value: Any) -> Recurrence | None:
    if value is None:
        return None
    if not isinstance(value, Mapping) or "frequency" not in value:
        raise ValueError("периодичность («recurrence») задаётся полем «frequency»")
    try:
        frequency = Frequency(value["frequency"])
    except ValueError:
        names = ", ".join(f.value for f in Frequency)
        raise ValueError(
            f"неизвестная периодичность «{value['frequency']}»; возможны: {names}"
        ) from None
    interval, months, day = value.get("interval", 1), value.get("months", ()), value.get("day")
    if not _whole(interval) or interval < 1:
        raise ValueError("интервал периодичности («interval») — целое число от 1")
    if not isinstance(months, list | tuple) or any(
        not _whole(m) or not 1 <= m <= 12 for m in months
    ):
        raise ValueError("месяцы периодичности («months») — список чисел от 1 до 12")
    if day is not None and (not _whole(day) or not 1 <= day <= 31):
        raise ValueError("день периодичности («day») — число от 1 до 31")
    return Recurrence(frequency, interval=interval, months=tuple(months), day=day)


def _whole(value: Any) -> TypeGuard[int]:
    """A whole number as YAML writes one: ``true`` is not 1."""
    return isinstance(value, int) and not isinstance(value, bool)
