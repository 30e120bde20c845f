"""The plan of a regional project (краевой проект «Эффективная школа») as carried out locally."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from roadmapdocs.model.activity import ActivityField, Column, Plan
from roadmapdocs.model.base import Text
from roadmapdocs.model.document import DocumentBase, Level
from roadmapdocs.model.indicator import Indicator


def _project_plan() -> Plan:
    fields = (
        ActivityField.NUMBER,
        ActivityField.TEXT,
        ActivityField.RESPONSIBLE,
        ActivityField.DEADLINE,
        ActivityField.RESULT,
    )
    return Plan(columns=[Column(field=f) for f in fields])


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
    """Индикаторы проекта."""
