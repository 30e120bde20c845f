"""The roadmap (дорожная карта) of a school, a municipality or a region."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from roadmapdocs.model.activity import ControlPoint, Direction, Plan
from roadmapdocs.model.base import Model, Text, TextList
from roadmapdocs.model.document import DocumentBase
from roadmapdocs.model.indicator import Indicator, IndicatorGroup


class RiskGroup(Model):
    """A risk group and the target orientations that answer it (группы рисков → целевые ориентиры)."""

    risk: Text = ""
    """Группа рисков: «Недостаточная учебная мотивация учащихся»."""
    orientations: TextList = Field(default_factory=list)
    """Целевые ориентиры."""


class Roadmap(DocumentBase):
    """A roadmap: goal, tasks, risks, directions, control points, indicators, plan-schedule."""

    kind: Literal["roadmap"] = "roadmap"
    goal: Text | None = None
    """Цель реализации дорожной карты."""
    tasks: TextList = Field(default_factory=list)
    """Задачи."""
    risk_groups: list[RiskGroup] = Field(default_factory=list)
    """Группы рисков и целевые ориентиры."""
    target_indicators: list[Indicator] = Field(default_factory=list)
    """Целевые показатели реализации дорожной карты."""
    indicator_groups: list[IndicatorGroup] = Field(default_factory=list)
    """Целевые показатели по направлениям, со значениями по периодам."""
    directions: list[Direction] = Field(default_factory=list)
    """Основные направления деятельности."""
    control_points: list[ControlPoint] = Field(default_factory=list)
    """Контрольные точки достижения целевых показателей."""
    plan: Plan = Field(default_factory=Plan)
    """План-график реализации мероприятий."""
    mechanisms: Plan | None = None
    """Механизмы реализации дорожной карты (таблица мероприятий)."""
