"""The report on execution (информация о ходе реализации) of a plan as of a date, and the
summary (сводная информация) of many such reports.

A report is a document of its own kind: it is made from a roadmap, passport, order or project
with statuses (:mod:`roadmapdocs.monitoring`), renders with the templates ``<level>/report``,
and can be saved as YAML and summed up again — a municipality's summary of its schools is an
input of the region's.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from roadmapdocs.model.base import Model, Text
from roadmapdocs.model.dates import Date
from roadmapdocs.model.document import DocumentBase
from roadmapdocs.model.person import Signature


class Tally(Model):
    """How many activities stand how, on the date of the report.

    Every activity is counted once, in the first of: done, cancelled, postponed, overdue (its
    term ended before the date and it is not done), in progress, not yet due. ``done_late`` is
    the part of ``done`` finished after its term.
    """

    total: int = Field(default=0, ge=0)
    """Всего мероприятий."""
    done: int = Field(default=0, ge=0)
    """Выполнено."""
    done_late: int = Field(default=0, ge=0)
    """В том числе с нарушением срока."""
    in_progress: int = Field(default=0, ge=0)
    """Выполняется (срок не истёк)."""
    overdue: int = Field(default=0, ge=0)
    """Просрочено: срок истёк, не выполнено."""
    not_due: int = Field(default=0, ge=0)
    """Срок не наступил."""
    postponed: int = Field(default=0, ge=0)
    """Перенесено."""
    cancelled: int = Field(default=0, ge=0)
    """Отменено."""

    @property
    def share(self) -> float | None:
        """The share done of what is not cancelled, 0–1; None when nothing is left to do."""
        due = self.total - self.cancelled
        return self.done / due if due > 0 else None

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            **{name: getattr(self, name) + getattr(other, name) for name in Tally.model_fields}
        )


class ProgressRow(Model):
    """One activity as the report shows it."""

    number: Text | None = None
    """Номер мероприятия."""
    text: Text = ""
    """Мероприятие."""
    deadline: Text | None = None
    """Срок, как в плане."""
    responsible: Text | None = None
    """Ответственные."""
    state: Text = ""
    """Состояние на дату отчёта, как его печатает отчёт: «выполнено», «просрочено» …"""
    done: Date | None = None
    """Дата выполнения."""
    report: Text | None = None
    """Что сделано, подтверждение."""
    overdue: bool = False
    """Срок истёк, мероприятие не выполнено."""
    late: bool = False
    """Выполнено после срока."""


class ProgressSection(Model):
    """A section of the plan with its count and its activities."""

    number: Text | None = None
    """Номер раздела."""
    title: Text = ""
    """Название раздела; пусто у мероприятий вне разделов."""
    tally: Tally = Field(default_factory=Tally)
    """Итоги раздела."""
    rows: list[ProgressRow] = Field(default_factory=list)
    """Мероприятия раздела."""


class PeriodValue(Model):
    """An indicator's target and actual value for one period."""

    period: Text = ""
    """Период."""
    target: Text = ""
    """Плановое значение."""
    actual: Text = ""
    """Фактическое значение."""
    deviation: Text = ""
    """Отклонение факта от плана: «−6», «+2,5»; пусто, если значения не числа."""


class IndicatorProgress(Model):
    """An indicator, target against actual by period."""

    number: Text | None = None
    """Номер показателя."""
    name: Text = ""
    """Показатель."""
    unit: Text | None = None
    """Единица измерения."""
    values: list[PeriodValue] = Field(default_factory=list)
    """План и факт по периодам."""


class OrganisationProgress(Model):
    """One row of a summary: an organisation and the count of its report."""

    name: Text = ""
    """Организация."""
    source: Text | None = None
    """Файл, из которого взят отчёт."""
    tally: Tally = Field(default_factory=Tally)
    """Итоги."""


class OverdueList(Model):
    """The overdue activities of one organisation, in a summary."""

    organisation: Text = ""
    """Организация."""
    rows: list[ProgressRow] = Field(default_factory=list)
    """Просроченные мероприятия."""


class Report(DocumentBase):
    """A report on execution as of a date: of one document (its sections, activities and
    indicators), or a summary of many (one row per organisation, the overdue activities of
    each)."""

    kind: Literal["report"] = "report"
    as_of: Date
    """Дата, по состоянию на которую составлен отчёт."""
    subject: Text = ""
    """О чём отчёт, в родительном падеже: «дорожной карты по повышению качества образования»."""
    tally: Tally = Field(default_factory=Tally)
    """Итоги по документу (или по всем организациям сводки)."""
    sections: list[ProgressSection] = Field(default_factory=list)
    """Мероприятия по разделам: отчёт об одном документе."""
    indicators: list[IndicatorProgress] = Field(default_factory=list)
    """Показатели: план и факт."""
    organisations: list[OrganisationProgress] = Field(default_factory=list)
    """Сводка: строка на организацию, сначала те, у кого больше просрочено."""
    overdue: list[OverdueList] = Field(default_factory=list)
    """Сводка: просроченные мероприятия по организациям."""
    signer: Signature | None = None
    """Подпись."""
