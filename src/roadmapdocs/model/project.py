"""The plan of a regional project (краевой проект «Эффективная школа») as carried out locally."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from roadmapdocs.model.activity import ActivityField, ControlPoint, Plan
from roadmapdocs.model.base import Text
from roadmapdocs.model.document import DocumentBase, Level
from roadmapdocs.model.indicator import Indicator

PROJECT_COLUMNS: tuple[ActivityField, ...] = (
    ActivityField.NUMBER,
    ActivityField.TEXT,
    ActivityField.RESPONSIBLE,
    ActivityField.DEADLINE,
    ActivityField.RESULT,
)
"""The columns of the plan of a project that declares none."""


def _project_plan() -> Plan:
    return Plan().customary(PROJECT_COLUMNS)


class Project(DocumentBase):
    """A project plan: goal, sections of activities with executors, terms and key results."""

    kind: Literal["project"] = "project"
    level: Level = "regional"
    """Уровень; проект по умолчанию региональный."""
    name: Text | None = None
    """Название проекта: «Эффективная школа»."""
    goal: Text | None = None
    """Цель проекта."""
    plan: Plan = Field(default_factory=_project_plan)
    """Разделы мероприятий."""
    indicators: list[Indicator] = Field(default_factory=list)
    """Индикаторы проекта: перечнем названий, как в плане проекта, или с единицей измерения,
    базовым значением и значениями по периодам — тогда таблицей."""
    control_points: list[ControlPoint] = Field(default_factory=list)
    """Контрольные точки проекта, как у дорожной карты."""

    @model_validator(mode="after")
    def _customary_columns(self) -> Project:
        # A plan written without ``columns`` shows this kind's columns, not a roadmap's.
        self.plan.customary(PROJECT_COLUMNS)
        return self
