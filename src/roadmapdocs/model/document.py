"""What every document kind shares: kind, level, title, organisation, period, abbreviations."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, PrivateAttr, model_validator

from roadmapdocs.lang.deadline import Deadline, parse_deadline
from roadmapdocs.model.abbreviation import Abbreviation
from roadmapdocs.model.base import Model, Text, TextList
from roadmapdocs.model.deadline import DeadlineField
from roadmapdocs.model.organisation import Organisation

Level = Literal["school", "municipal", "regional"]
"""Уровень: school — школа, municipal — муниципалитет, regional — регион."""
LEVELS: tuple[Level, ...] = ("school", "municipal", "regional")


class DocumentBase(Model):
    """Fields common to roadmaps, passports, orders and projects."""

    kind: str
    level: Level
    """Уровень: school — школа, municipal — муниципалитет, regional — регион."""
    title: Text = ""
    """Заголовок документа; переводы строк делят его на строки."""
    organisation: Organisation | None = None
    """Организация, чей это документ."""
    period: DeadlineField | None = None
    """Период действия документа: «2024 год», «2024-2025 гг.», «2024/2025 учебный год».
    Месяцы в сроках без года («октябрь», «до 16 декабря») относятся к этому периоду."""
    approval: Text | None = None
    """Гриф утверждения: «УТВЕРЖДЕНА приказом … от … № …»."""
    abbreviations: list[Abbreviation] = Field(default_factory=list)
    """Сокращения, введённые в документе явно."""
    notes: TextList = Field(default_factory=list)
    """Текст из файла Word или Excel, которому при импорте не нашлось поля. Он печатается в
    конце документа, чтобы ничего не потерялось, а проверка напоминает разнести его по полям."""

    _origin: object = PrivateAttr(default=None)

    @property
    def within(self) -> tuple[date, date] | None:
        """The document's own period as dates, when it is known."""
        if self.period and self.period.start and self.period.end:
            return (self.period.start, self.period.end)
        return None

    @model_validator(mode="after")
    def _place_deadlines(self) -> DocumentBase:
        # Deadlines were read field by field, before the period was known; now that it is,
        # read again those whose text leaves the year out, so «октябрь» lands in the right year.
        within = self.within
        if within is not None:
            _reparse(self, within)
        return self


def _reparse(model: Model, within: tuple[date, date]) -> None:
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, Deadline):
            if name != "period":
                setattr(model, name, parse_deadline(value.text, within=within))
        elif isinstance(value, Model):
            _reparse(value, within)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, Model):
                    _reparse(item, within)
