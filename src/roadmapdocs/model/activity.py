"""Activities (мероприятия), control points, and the plan that groups them into sections."""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from typing import Any

from pydantic import Field, PrivateAttr, model_serializer, model_validator

from roadmapdocs.model.base import ItemText, Model, Text, TextList
from roadmapdocs.model.deadline import DeadlineField
from roadmapdocs.model.execution import Date, StatusField
from roadmapdocs.model.person import Responsible


class Activity(Model):
    """One activity of a plan, possibly with nested activities (1 → 1.1 → 1.1.2)."""

    number: Text | None = None
    """Номер как в документе: «3.1.2», «1.3.»; пусто, если в документе строка без номера."""
    text: ItemText = ""
    """Мероприятие / направление. Перечень в ячейке — списком YAML или как в документах,
    «Заключение соглашений: - по использованию …; - по реализации …»: хранится и печатается
    по пункту в строке, с тире."""
    description: ItemText | None = None
    """Описание специфики, целевая аудитория; перечень — как в тексте мероприятия."""
    level: Text | None = None
    """Уровень управления: «муниципальный», «институциональный»."""
    deadline: DeadlineField | None = None
    """Сроки."""
    responsible: Responsible = Field(default_factory=list)
    """Ответственные, исполнители."""
    result: ItemText | None = None
    """Ожидаемый результат, показатель реализации, управленческое решение, ключевой результат;
    перечень — как в тексте мероприятия."""
    report_form: Text | None = None
    """Форма отчётного документа."""
    execution_mark: Text | None = None
    """Отметка об исполнении."""
    status: StatusField | None = None
    """Состояние на дату отчёта: «выполнено», «выполняется» («в работе»), «не выполнено»,
    «перенесено», «отменено»."""
    done: Date | None = None
    """Дата выполнения: «12.10.2024»."""
    report: ItemText | None = None
    """Что сделано: подтверждающий документ или ссылка («протокол педсовета № 3»)."""
    activities: list[Activity] = Field(default_factory=list)
    """Вложенные мероприятия."""

    def walk(self) -> Iterator[Activity]:
        """This activity and every nested one, depth first, in document order."""
        yield self
        for child in self.activities:
            yield from child.walk()


class ControlPoint(Model):
    """A control point (контрольная точка): a numbered milestone with owner and term."""

    number: Text | None = None
    """Номер."""
    text: Text = ""
    """Контрольная точка."""
    responsible: Responsible = Field(default_factory=list)
    """Ответственный."""
    deadline: DeadlineField | None = None
    """Сроки."""
    result: Text | None = None
    """Результат, если документ его указывает."""


class Direction(Model):
    """A direction of work (направление деятельности), possibly with an analytic narrative."""

    number: Text | None = None
    """Номер направления."""
    title: Text = ""
    """Название направления."""
    narrative: TextList = Field(default_factory=list)
    """Обоснование выбора направления — абзацы текста."""


class Section(Direction):
    """A numbered group of activities in a plan."""

    activities: list[Activity] = Field(default_factory=list)
    """Мероприятия раздела."""


class ActivityField(str, Enum):
    """A column a plan table can show: one field of :class:`Activity`."""

    NUMBER = "number"
    LEVEL = "level"
    TEXT = "text"
    DESCRIPTION = "description"
    DEADLINE = "deadline"
    RESPONSIBLE = "responsible"
    RESULT = "result"
    REPORT_FORM = "report_form"
    EXECUTION_MARK = "execution_mark"


DEFAULT_TITLES: dict[ActivityField, str] = {
    ActivityField.NUMBER: "№ п/п",
    ActivityField.LEVEL: "Уровень управления",
    ActivityField.TEXT: "Мероприятие",
    ActivityField.DESCRIPTION: "Описание специфики (целевая аудитория)",
    ActivityField.DEADLINE: "Сроки",
    ActivityField.RESPONSIBLE: "Ответственные",
    ActivityField.RESULT: "Ожидаемый результат",
    ActivityField.REPORT_FORM: "Форма отчётного документа",
    ActivityField.EXECUTION_MARK: "Отметка об исполнении",
}


class Column(Model):
    """A column of a plan table: which field it shows and its heading as the document words it."""

    field: ActivityField
    """Поле мероприятия, которое показывает столбец."""
    title: Text = ""
    """Заголовок столбца; по умолчанию — обычный для этого поля."""
    width: float | None = Field(default=None, gt=0)
    """Относительная ширина столбца (доли); по умолчанию шаблон делит ширину сам."""

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        return {"field": value} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _default_title(self) -> Column:
        if not self.title:
            self.title = DEFAULT_TITLES[self.field]
        return self

    @model_serializer(mode="wrap")
    def _as_string_when_plain(self, handler: Any) -> Any:
        if self.width is None and self.title == DEFAULT_TITLES[self.field]:
            return self.field.value
        return handler(self)


DEFAULT_COLUMNS: tuple[ActivityField, ...] = (
    ActivityField.NUMBER,
    ActivityField.TEXT,
    ActivityField.DEADLINE,
    ActivityField.RESPONSIBLE,
    ActivityField.RESULT,
)


class Plan(Model):
    """A plan of activities (план-график, план мероприятий): columns, sections, activities."""

    title: Text | None = None
    """Заголовок плана: «План-график реализации мероприятий дорожной карты»."""
    columns: list[Column] = Field(default_factory=list)
    """Столбцы таблицы по порядку. По умолчанию: №, мероприятие, сроки, ответственные, результат."""
    sections: list[Section] = Field(default_factory=list)
    """Разделы (направления) с мероприятиями."""
    activities: list[Activity] = Field(default_factory=list)
    """Мероприятия вне разделов (нумерация 1, 1.1, 2 … прямо в таблице)."""

    _filled: tuple[ActivityField, ...] | None = PrivateAttr(default=None)
    _customary: tuple[ActivityField, ...] = PrivateAttr(default=DEFAULT_COLUMNS)

    def customary(self, fields: tuple[ActivityField, ...]) -> Plan:
        """Make ``fields`` the columns this plan shows when it declares none: a kind's own
        (a passport's plan has «Отметка об исполнении», a project's puts executors before
        terms). Returns the plan."""
        self._customary = fields
        self._filled = None
        return self

    @property
    def table_columns(self) -> list[Column]:
        """The declared columns; or, when the plan declares none, the customary set (see
        :meth:`customary`) and a column for every other field its activities fill (a
        description, a level, a report form, an execution mark), each where the order of
        :class:`ActivityField` puts it — so that nothing entered is left off the page."""
        if self.columns:
            return self.columns
        if self._filled is None:
            self._filled = self.filled_fields()
        shown = list(self._customary)
        order = list(ActivityField)
        for extra in self._filled:
            if extra in shown:
                continue
            before = [i for i, f in enumerate(shown) if order.index(f) < order.index(extra)]
            shown.insert(before[-1] + 1 if before else 0, extra)
        return [Column(field=f) for f in shown]

    def filled_fields(self) -> tuple[ActivityField, ...]:
        """The fields of :class:`ActivityField` that at least one activity of the plan fills."""
        found: set[ActivityField] = set()
        rest = [f for f in ActivityField if f not in self._customary]
        for activity in self.walk():
            for name in rest:
                if name not in found and (
                    getattr(activity, name.value)
                    or (name is ActivityField.EXECUTION_MARK and activity.status is not None)
                ):
                    found.add(name)
            if len(found) == len(rest):
                break
        return tuple(f for f in ActivityField if f in found)

    def has_column(self, field: ActivityField) -> bool:
        """Whether the plan table shows this field."""
        return any(c.field == field for c in self.table_columns)

    def walk(self) -> Iterator[Activity]:
        """Every activity of the plan, nested ones included, in document order."""
        for activity in self.activities:
            yield from activity.walk()
        for section in self.sections:
            for activity in section.activities:
                yield from activity.walk()
