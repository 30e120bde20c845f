"""People and the responsible party of an activity: persons, positions, bodies."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field, model_serializer, model_validator
from pydantic_core import PydanticCustomError

from roadmapdocs.lang.fio import Name, split_name
from roadmapdocs.lang.grammar import Case, Gender
from roadmapdocs.messages import pydantic_template
from roadmapdocs.model.base import Model, Text


def _split_name(text: str) -> dict[str, str]:
    parts = split_name(text)
    if parts is None:
        raise PydanticCustomError(
            "person_name",
            pydantic_template("person_name"),
            {"text": text},
        )
    return parts


class Person(Model):
    """A person. In YAML a plain string «Лаврушкина Е.А.» is read into surname and initials."""

    surname: Text
    """Фамилия."""
    first_name: Text | None = None
    """Имя."""
    patronymic: Text | None = None
    """Отчество."""
    initials: Text | None = None
    """Инициалы, когда имя и отчество не известны полностью: «Е.А.»."""
    gender: Gender | None = None
    """Пол, когда его не видно по имени, отчеству или фамилии («Кулиш О.И.»)."""
    position: Text | None = None
    """Должность: «заместитель директора по УВР»."""
    forms: dict[Case, Text] = Field(default_factory=dict)
    """Явные формы «Фамилия И.О.» по падежам; они важнее автоматического склонения."""

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        if isinstance(value, str):
            return _split_name(value.strip())
        return value

    @model_serializer(mode="wrap")
    def _as_string_when_plain(self, handler: Any) -> Any:
        data = handler(self)
        filled = {k for k, v in data.items() if v not in (None, {})}
        if filled <= {"surname", "initials"} and self.initials:
            return f"{self.surname} {self.initials}"
        return data

    @property
    def name(self) -> Name:
        """The name's parts, as the language layer reads and declines them."""
        return Name(self.surname, self.first_name, self.patronymic, self.initials, self.gender)

    @property
    def short_name(self) -> str:
        """«Лаврушкина Е.А.» — surname first, as in lists of responsible people."""
        return self.name.short_name

    @property
    def signature_name(self) -> str:
        """«Е.А. Лаврушкина» — initials first, as under a signature."""
        return self.name.signature_name

    @property
    def full_name(self) -> str:
        """«Лаврушкина Елена Александровна» where the full name is known, else the short name."""
        return self.name.full_name


class Party(Model):
    """One responsible party: a position, a body, a person, or a body with named people.

    A plain string is kept exactly as written (``text``); the structured form lets templates
    decline names and lets rules see who is named.
    """

    text: Text | None = None
    """Как написано в документе: «Зам директора по УВР», «ОО»."""
    body: Text | None = None
    """Орган или подразделение: «Управление образования»."""
    position: Text | None = None
    """Должность: «главный специалист Управления образования»."""
    people: list[Person] = Field(default_factory=list)
    """Названные люди: «(Чиж Л.В., Зайцева Т.А.)»."""

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"text": value}
        return value

    @model_serializer(mode="wrap")
    def _as_string_when_plain(self, handler: Any) -> Any:
        if (
            self.text is not None
            and self.body is None
            and self.position is None
            and not self.people
        ):
            return self.text
        return handler(self)

    def __str__(self) -> str:
        if self.text is not None:
            return self.text
        # «Ласалова Н.В. – главный специалист», «Управление образования (Чиж Л.В.)», and with
        # all three «Управление образования (Ласалова Н.В. – главный специалист)»: no part given
        # is left out of the line.
        names = ", ".join(p.short_name for p in self.people)
        lead = f"{names} – {self.position}" if names and self.position else names or self.position
        if self.body:
            return f"{self.body} ({lead})" if lead else self.body
        return lead or ""


def _to_parties(value: Any) -> Any:
    if isinstance(value, (str, dict)):
        return [value]
    return value


Responsible = Annotated[list[Party], BeforeValidator(_to_parties)]
"""Ответственные: a string, a structured party, or a list of them."""


class Signature(Model):
    """The signature block: position on the left, «И.О. Фамилия» on the right."""

    position: Text | None = None
    """Должность подписывающего: «Директор школы»."""
    person: Person | None = None
    """Кто подписывает."""
    captions: list[Text] = Field(default_factory=list)
    """Подписи под пустыми строками бланка: «(наименование должности руководителя)»,
    «(подпись)», «(ФИО)»."""
