"""People and the responsible party of an activity: persons, positions, bodies."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_serializer, model_validator
from pydantic_core import PydanticCustomError

from roadmapdocs.messages import pydantic_template
from roadmapdocs.model.base import Model, Text

Gender = Literal["male", "female"]
Case = Literal["nominative", "genitive", "dative", "accusative", "instrumental", "prepositional"]

_INITIALS = re.compile(r"^(?:[А-ЯЁA-Z]\.\s?){1,2}$")
_WORD = re.compile(r"^[А-ЯЁA-Z][а-яёa-z]*(?:-[А-ЯЁA-Z][а-яёa-z]*)*$")


def _split_name(text: str) -> dict[str, str]:
    """Read «Фамилия И.О.», «И.О. Фамилия», «Фамилия Имя Отчество» or «Фамилия Имя»."""
    words = text.split()
    # «Е. А. Лаврушкина» and «Лаврушкина Е. А.» put initials in two tokens: join them.
    joined: list[str] = []
    for word in words:
        if joined and _INITIALS.match(joined[-1]) and _INITIALS.match(word):
            joined[-1] += word
        else:
            joined.append(word)
    if len(joined) == 2 and _INITIALS.match(joined[1]) and _WORD.match(joined[0]):
        return {"surname": joined[0], "initials": joined[1].replace(" ", "")}
    if len(joined) == 2 and _INITIALS.match(joined[0]) and _WORD.match(joined[1]):
        return {"surname": joined[1], "initials": joined[0].replace(" ", "")}
    if 2 <= len(joined) <= 4 and all(_WORD.match(w) or w in ("оглы", "кызы") for w in joined):
        parts = {"surname": joined[0], "first_name": joined[1]}
        if len(joined) > 2:
            parts["patronymic"] = " ".join(joined[2:])
        return parts
    if len(joined) == 1 and _WORD.match(joined[0]):
        return {"surname": joined[0]}
    raise PydanticCustomError("person_name", pydantic_template("person_name"), {"text": text})


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

    def _initials(self) -> str:
        if self.initials:
            return self.initials
        letters = [p[0] + "." for p in (self.first_name, self.patronymic) if p]
        return "".join(letters)

    @property
    def short_name(self) -> str:
        """«Лаврушкина Е.А.» — surname first, as in lists of responsible people."""
        initials = self._initials()
        return f"{self.surname} {initials}" if initials else self.surname

    @property
    def signature_name(self) -> str:
        """«Е.А. Лаврушкина» — initials first, as under a signature."""
        initials = self._initials()
        return f"{initials} {self.surname}" if initials else self.surname

    @property
    def full_name(self) -> str:
        """«Лаврушкина Елена Александровна» where the full name is known, else the short name."""
        if self.first_name:
            return " ".join(p for p in (self.surname, self.first_name, self.patronymic) if p)
        return self.short_name


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
        names = ", ".join(p.short_name for p in self.people)
        if self.body and names:
            return f"{self.body} ({names})"
        if self.position and names:
            return f"{names} – {self.position}"
        return self.body or self.position or names


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
