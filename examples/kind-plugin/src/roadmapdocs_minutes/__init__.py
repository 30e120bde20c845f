"""Протокол заседания рабочей группы (kind ``minutes``) for roadmapdocs.

The model says what minutes hold; :data:`MINUTES` tells roadmapdocs the rest: what a reader
calls the document and its fields, that its decisions are a plan table (so responsible people
and deadlines are checked as in any plan) and that its agenda items are numbered.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from roadmapdocs.messages import Phrase
from roadmapdocs.model import ActivityField, Column, DocumentBase, Level, Model, Person, Plan
from roadmapdocs.model.base import Text
from roadmapdocs.model.kinds import ElementList, KindSpec
from roadmapdocs.model.order import Date

_DECISION_COLUMNS = (
    (ActivityField.NUMBER, "№ п/п"),
    (ActivityField.TEXT, "Решение"),
    (ActivityField.RESPONSIBLE, "Ответственный"),
    (ActivityField.DEADLINE, "Срок исполнения"),
)


def _decision_columns() -> list[Column]:
    return [Column(field=field, title=title) for field, title in _DECISION_COLUMNS]


class Decisions(Plan):
    """What the meeting decided: a plan whose table shows decision, responsible and deadline."""

    columns: list[Column] = Field(default_factory=_decision_columns)
    """Столбцы таблицы решений; по умолчанию: №, решение, ответственный, срок исполнения."""


class AgendaItem(Model):
    """A question of the agenda, with who reported on it."""

    number: Text | None = None
    """Номер вопроса: «1»."""
    text: Text = ""
    """Вопрос: «О ходе реализации дорожной карты в I четверти»."""
    speakers: list[Person] = Field(default_factory=list)
    """Кого слушали: «Лаврушкина Е.А.»."""
    summary: Text | None = None
    """Кратко, о чём говорили."""


class Minutes(DocumentBase):
    """Minutes of a working group's meeting: requisites, who was there, agenda, decisions."""

    kind: Literal["minutes"] = "minutes"
    level: Level = "school"
    """Уровень; протокол по умолчанию школьный."""
    date: Date | None = None
    """Дата заседания: 05.09.2024."""
    number: Text | None = None
    """Номер протокола: «3»."""
    place: Text | None = None
    """Место составления: «Смоленск». По умолчанию — место организации."""
    chair: Person | None = None
    """Председатель."""
    secretary: Person | None = None
    """Секретарь."""
    attendees: list[Person] = Field(default_factory=list)
    """Присутствовали."""
    agenda: list[AgendaItem] = Field(default_factory=list)
    """Повестка дня."""
    plan: Decisions = Field(default_factory=Decisions)
    """Решения: что сделать, кто отвечает, в какой срок."""


MINUTES = KindSpec(
    name="minutes",
    model=Minutes,
    title=Phrase("Протокол", "Minutes"),
    plans=("plan",),
    lists=(ElementList("agenda", Phrase("вопрос повестки", "agenda item"), row=False),),
    activity=Phrase("решение", "decision"),
    fields={
        "date": Phrase("дата заседания", "meeting date"),
        "number": Phrase("номер протокола", "minutes number"),
        "place": Phrase("место составления", "place"),
        "chair": Phrase("председатель", "chair"),
        "secretary": Phrase("секретарь", "secretary"),
        "attendees": Phrase("присутствовали", "attendees"),
        "agenda": Phrase("повестка дня", "agenda"),
        "plan": Phrase("решения", "decisions"),
    },
)

__all__ = ["MINUTES", "AgendaItem", "Decisions", "Minutes"]
