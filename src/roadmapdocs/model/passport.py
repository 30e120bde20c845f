"""The roadmap passport (паспорт дорожной карты): the problem, the frame, indicators, the plan."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from roadmapdocs.model.activity import ActivityField, Plan
from roadmapdocs.model.base import Model, Text, TextList
from roadmapdocs.model.document import DocumentBase, Level
from roadmapdocs.model.indicator import IndicatorGroup
from roadmapdocs.model.person import Signature
from roadmapdocs.model.table import Table


class Fact(Model):
    """A line of the problem description: «Средний балл по русскому языку – 51», maybe with sub-lines."""

    label: Text = ""
    """Что измерено."""
    value: Text | None = None
    """Значение, как в документе."""
    items: list[Fact] = Field(default_factory=list)
    """Подпункты: «Средний балл (предметы по выбору):» → «Физика — 49» …"""

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        return {"label": value} if isinstance(value, str) else value


class Problem(Model):
    """The problem description (описание проблемы): text, facts, data tables."""

    title: Text | None = None
    """Заголовок раздела, как в документе: «1. ОПИСАНИЕ ПРОБЛЕМЫ.»."""
    text: TextList = Field(default_factory=list)
    """Абзацы текста."""
    facts_caption: Text | None = None
    """Заголовок перечня фактов: «Итоги 2019/2020 учебного года:»."""
    facts: list[Fact] = Field(default_factory=list)
    """Факты и показатели."""
    tables: list[Table] = Field(default_factory=list)
    """Таблицы данных: результаты экзаменов, по школам."""


PASSPORT_COLUMNS: tuple[ActivityField, ...] = (
    ActivityField.NUMBER,
    ActivityField.TEXT,
    ActivityField.DEADLINE,
    ActivityField.RESPONSIBLE,
    ActivityField.RESULT,
    ActivityField.EXECUTION_MARK,
)
"""The columns of the plan of a passport that declares none."""


def _passport_plan() -> Plan:
    return Plan().customary(PASSPORT_COLUMNS)


class Passport(DocumentBase):
    """A roadmap passport, as regional and municipal offices ask schools to fill in."""

    kind: Literal["passport"] = "passport"
    level: Level = "municipal"
    """Уровень; паспорт обычно муниципальный."""
    heading: Text | None = None
    """Заголовок паспорта: «ПАСПОРТ ДОРОЖНОЙ КАРТЫ»."""
    problem: Problem = Field(default_factory=Problem)
    """1. Описание проблемы."""
    working_group: TextList = Field(default_factory=list)
    """Состав рабочей группы."""
    developer: Text | None = None
    """Ответственный разработчик."""
    goal: Text | None = None
    """Цель разработки и реализации."""
    stages: TextList = Field(default_factory=list)
    """Этапы и сроки реализации."""
    directions: TextList = Field(default_factory=list)
    """Направления."""
    control_results: TextList = Field(default_factory=list)
    """Значимые контрольные результаты."""
    financing: Text | None = None
    """Объём финансовой поддержки."""
    indicator_list: TextList = Field(default_factory=list)
    """Перечень целевых показателей, как в паспорте."""
    indicator_groups: list[IndicatorGroup] = Field(default_factory=list)
    """Целевые показатели по направлениям."""
    plan: Plan = Field(default_factory=_passport_plan)
    """Раздел II. План мероприятий (со столбцом «Отметка об исполнении»)."""
    signature: Signature = Field(default_factory=Signature)
    """Подпись руководителя."""

    @model_validator(mode="after")
    def _customary_columns(self) -> Passport:
        # A plan written without ``columns`` shows this kind's columns, not a roadmap's.
        self.plan.customary(PASSPORT_COLUMNS)
        return self
