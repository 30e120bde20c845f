"""Target indicators (целевые показатели) with values per period."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field, model_validator

from roadmapdocs.model.base import Model, Text


def _values(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): ("" if v is None else v) for k, v in value.items()}
    return value


class Indicator(Model):
    """A target indicator: name, unit, baseline and a target value per period.

    The periods are whatever the document uses: years («2024»), school years («2021/2022»).
    """

    number: Text | None = None
    """Номер показателя, как в документе."""
    name: Text = ""
    """Наименование показателя: «Доля педагогов, повысивших квалификацию»."""
    unit: Text | None = None
    """Единица измерения: «%», «человек», «единиц», «балл»."""
    baseline: Text | None = None
    """Базовое значение."""
    values: Annotated[dict[str, Text], BeforeValidator(_values)] = Field(default_factory=dict)
    """Целевые значения по периодам: {«2020/2021»: «86%»}."""
    actual: Annotated[dict[str, Text], BeforeValidator(_values)] = Field(default_factory=dict)
    """Фактические значения по периодам, для отчёта об исполнении: {«2020/2021»: «80%»}."""
    note: Text | None = None
    """Примечание."""

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        return {"name": value} if isinstance(value, str) else value


class IndicatorGroup(Model):
    """Indicators of one direction, with the periods its table shows."""

    number: Text | None = None
    """Номер группы: «1.2»."""
    title: Text = ""
    """Название направления: «Кадровая поддержка»."""
    periods: list[Text] = Field(default_factory=list)
    """Периоды — столбцы таблицы. Если не заданы, берутся из значений показателей."""
    indicators: list[Indicator] = Field(default_factory=list)
    """Показатели."""

    @property
    def columns(self) -> list[str]:
        """Declared periods, then any period a value names that was not declared, in order."""
        seen = list(self.periods)
        for indicator in self.indicators:
            seen.extend(p for p in (*indicator.values, *indicator.actual) if p not in seen)
        return seen
