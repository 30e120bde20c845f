"""The template context: the ONE place that decides what a template may see.

Everything a template can use is documented in docs/context.md, and ``templates lint`` checks
templates against :data:`CONTRACT`. Values are plain data — strings, lists and mappings — so that
a template cannot reach into Python objects: a field the document leaves empty is an empty string
(or list, or an :class:`EmptyView` for a model), never undefined, and every string is the document's text exactly as written (with
«ёлочки» for quotes and non-breaking spaces where Russian typography keeps words together,
unless settings say no).
"""

from __future__ import annotations

import re
import typing
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from enum import Enum
from functools import cache
from typing import Any, ClassVar

from pydantic import BaseModel

from roadmapdocs.lang.abbreviations import introduces, introductions
from roadmapdocs.lang.dates import format_date
from roadmapdocs.lang.deadline import Deadline
from roadmapdocs.lang.typography import typesetter
from roadmapdocs.model import (
    Activity,
    Addressees,
    Appendix,
    IndicatorGroup,
    Party,
    Person,
    Plan,
    Project,
    Report,
    Table,
    Tally,
)
from roadmapdocs.model.annotations import is_model, unwrap
from roadmapdocs.model.document import DocumentBase
from roadmapdocs.model.order import approval_form
from roadmapdocs.model.report import PeriodValue
from roadmapdocs.model.walk import texts as document_texts
from roadmapdocs.settings import Settings


class _FixedView(Mapping[str, Any]):
    """A mapping fixed when it is made: a template can read it and change nothing."""

    __slots__ = ("_values",)

    _values: dict[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._values!r})"


class PersonView(_FixedView):
    """A person as a template sees it; filters (``dative``, ``initials_first``) decline it."""

    __slots__ = ("_person",)

    NAMES: ClassVar[tuple[str, ...]] = (
        "surname",
        "first_name",
        "patronymic",
        "initials",
        "position",
        "gender",
        "short_name",
        "signature_name",
        "full_name",
    )
    """The keys of every person view (a missing person's empty view has the same)."""

    def __init__(self, person: Person, text: Callable[[str], str]) -> None:
        self._values = {
            "surname": text(person.surname),
            "first_name": text(person.first_name or ""),
            "patronymic": text(person.patronymic or ""),
            "initials": text(person.initials or ""),
            "position": text(person.position or ""),
            "gender": person.gender or "",
            "short_name": text(person.short_name),
            "signature_name": text(person.signature_name),
            "full_name": text(person.full_name),
        }
        self._person = person

    @property
    def person(self) -> Person:
        """The model, for the filters that decline it (the sandbox refuses it to a template)."""
        return self._person

    def __str__(self) -> str:
        return str(self["short_name"])


class AddresseesView(_FixedView):
    """Who a clause charges; ``{{ clause.addressees | dative }}`` declines position and names."""

    __slots__ = ("_addressees",)

    def __init__(self, addressees: Addressees, text: Callable[[str], str]) -> None:
        self._values = {
            "position": text(addressees.position or ""),
            "people": [PersonView(p, text) for p in addressees.people],
        }
        self._addressees = addressees

    @property
    def addressees(self) -> Addressees:
        """The model, for the filters that decline it (the sandbox refuses it to a template)."""
        return self._addressees

    def __str__(self) -> str:
        names = ", ".join(str(p) for p in self["people"])
        return " ".join(part for part in (self["position"], names) if part)


def _identity(value: str) -> str:
    return value


class _Typesetting:
    """Typography for every string of one render — «ёлочки» and non-breaking spaces, as the
    settings ask — each distinct string worked out once (responsible people, terms and results
    repeat down a plan); what an empty cell of a plan table prints; and the lines of an
    approval stamp after its first word, which the document's requisites give."""

    __slots__ = ("_done", "_typeset", "approved_by", "empty_cell")

    def __init__(self, settings: Settings) -> None:
        quoting, spacing = settings.quotes, settings.nbsp
        self._typeset = typesetter(quoting=quoting, spacing=spacing) if quoting or spacing else None
        self._done: dict[str, str] = {}
        self.empty_cell = settings.empty_cell
        self.approved_by = ""

    def __call__(self, value: str) -> str:
        if self._typeset is None:
            return value
        found = self._done.get(value)
        if found is None:
            found = self._done[value] = self._typeset(value)
        return found


class ModelView(Mapping[str, Any]):
    """A model as a template sees it: a read-only mapping of its fields as plain data.

    Each field is converted on first use, so a template pays only for what it shows: the
    order's appendix table reads ``plan.rows`` and never the nested ``activities`` behind them.
    Names starting with «_» are out of a sandboxed template's reach, so the model stays hidden.
    """

    __slots__ = ("_model", "_text", "_values")

    def __init__(self, model: BaseModel, text: Callable[[str], str]) -> None:
        self._model = model
        self._text = text
        self._values: dict[str, Any] = {}

    @classmethod
    def _extra(cls) -> tuple[str, ...]:
        """Names a view adds to the model's fields."""
        return ()

    def _make(self, name: str) -> Any:
        value = getattr(self._model, name)
        if value is None:
            return _empty_fields(type(self._model))[name]()
        return _view(value, self._text)

    def __getitem__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            pass
        if name not in type(self._model).model_fields and name not in self._extra():
            raise KeyError(name)
        value = self._values[name] = self._make(name)
        return value

    def __iter__(self) -> Iterator[str]:
        yield from type(self._model).model_fields
        yield from (n for n in self._extra() if n not in type(self._model).model_fields)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({type(self._model).__name__})"


class PartyView(ModelView):
    """A party written as structure still reads as one line: «УО (Чиж Л.В.)»."""

    __slots__ = ()

    def _make(self, name: str) -> Any:
        value = super()._make(name)
        if name == "text" and not value:
            return self._text(str(self._model))
        return value


class PlanView(ModelView):
    """A plan with its table flattened: ``columns`` and ``rows`` (see :func:`plan_rows`)."""

    __slots__ = ()

    @classmethod
    def _extra(cls) -> tuple[str, ...]:
        return ("columns", "rows")

    def _make(self, name: str) -> Any:
        plan = self._model
        assert isinstance(plan, Plan)
        if name == "columns":
            return [
                {"field": c.field.value, "title": self._text(c.title)} for c in plan.table_columns
            ]
        if name == "rows":
            return plan_rows(plan, self._text, getattr(self._text, "empty_cell", ""))
        return super()._make(name)


class AppendixView(ModelView):
    """An appendix whose stamp is the word alone («УТВЕРЖДЕН») prints the whole stamp, built
    from the order's requisites as the appendix mark is: a copy made with other requisites (a
    mail-merge row) carries its own, and no stamp can quote another order."""

    __slots__ = ()

    def _make(self, name: str) -> Any:
        if name == "approval":
            assert isinstance(self._model, Appendix)
            form = approval_form(self._model.approval)
            approved_by = getattr(self._text, "approved_by", "")
            if form is not None and approved_by:
                return f"{form}\n{approved_by}"
        return super()._make(name)


class IndicatorGroupView(ModelView):
    """``periods`` are every column the table shows, declared or only named by a value, and
    each indicator gets ``cells`` aligned to them, so a template needs no lookups by key.

    ``value_columns`` and each indicator's ``value_cells`` are the same with «Базовое значение»
    first when any indicator of the group gives a baseline: a form that has no baselines keeps
    its columns, one that has them prints them. ``tabular`` is true when the indicators hold
    more than names (a unit, a baseline or a value), so a template may print bare names as a
    list, as a project plan does."""

    __slots__ = ()

    BASELINE = "Базовое значение"

    @classmethod
    def _extra(cls) -> tuple[str, ...]:
        return ("periods", "value_columns", "tabular")

    def _make(self, name: str) -> Any:
        group = self._model
        assert isinstance(group, IndicatorGroup)
        baseline = any(indicator.baseline for indicator in group.indicators)
        if name == "periods":
            return [self._text(p) for p in group.columns]
        if name == "value_columns":
            return [self.BASELINE] * baseline + [self._text(p) for p in group.columns]
        if name == "tabular":
            return any(i.unit or i.baseline or i.values or i.actual for i in group.indicators)
        if name == "indicators":
            periods = group.columns
            views = []
            for indicator in group.indicators:
                view: dict[str, Any] = dict(ModelView(indicator, self._text))
                view["cells"] = [
                    self._text(achieved(indicator.values.get(p, ""), indicator.actual.get(p, "")))
                    for p in periods
                ]
                view["value_cells"] = [self._text(indicator.baseline or "")] * baseline + view[
                    "cells"
                ]
                views.append(view)
            return views
        return super()._make(name)


class ProjectView(ModelView):
    """A project whose ``indicators`` also read as one table, ``indicator_table`` (an indicator
    group's view: ``value_columns``, each indicator's ``value_cells``, ``tabular``)."""

    __slots__ = ()

    @classmethod
    def _extra(cls) -> tuple[str, ...]:
        return ("indicator_table",)

    def _make(self, name: str) -> Any:
        if name == "indicator_table":
            assert isinstance(self._model, Project)
            group = IndicatorGroup(indicators=self._model.indicators)
            return IndicatorGroupView(group, self._text)
        return super()._make(name)


def percent(share: float | None) -> str:
    """A share as a report prints it: «35,3 %»; «—» when there is nothing to count."""
    if share is None:
        return "—"
    said = f"{share * 100:.1f}".removesuffix(".0").replace(".", ",")
    return f"{said}\u00a0%"


TALLY_LINES: tuple[tuple[str, str], ...] = (
    ("total", "Всего мероприятий"),
    ("done", "Выполнено"),
    ("done_late", "в том числе с нарушением срока"),
    ("in_progress", "Выполняется"),
    ("overdue", "Просрочено"),
    ("not_due", "Срок не наступил"),
    ("postponed", "Перенесено"),
    ("cancelled", "Отменено"),
)
"""The lines of a report's totals, in the customary order; «перенесено» and «отменено» print
only when there are such activities."""


class TallyView(ModelView):
    """A tally with ``lines`` (``label``, ``value``, ``inner`` for «в том числе» lines) and
    ``percent``, the share done («35,3 %»)."""

    __slots__ = ()

    @classmethod
    def _extra(cls) -> tuple[str, ...]:
        return ("lines", "percent")

    def _make(self, name: str) -> Any:
        tally = self._model
        assert isinstance(tally, Tally)
        if name == "percent":
            return percent(tally.share)
        if name == "lines":
            return [
                {"label": label, "value": str(getattr(tally, field)), "inner": field == "done_late"}
                for field, label in TALLY_LINES
                if getattr(tally, field) or field not in ("postponed", "cancelled")
            ]
        return super()._make(name)


class ReportView(ModelView):
    """A report whose indicators also read as one table, ``indicator_rows``: a row per
    indicator and period (``number``, ``name``, ``unit``, ``period``, ``target``, ``actual``,
    ``deviation``; the indicator's own cells only on its first row)."""

    __slots__ = ()

    @classmethod
    def _extra(cls) -> tuple[str, ...]:
        return ("indicator_rows",)

    def _make(self, name: str) -> Any:
        report = self._model
        assert isinstance(report, Report)
        if name == "indicator_rows":
            rows = []
            for index, indicator in enumerate(report.indicators, start=1):
                values = indicator.values or [PeriodValue()]
                for place, value in enumerate(values):
                    first = place == 0
                    rows.append(
                        {
                            "number": self._text(indicator.number or str(index)) if first else "",
                            "name": self._text(indicator.name) if first else "",
                            "unit": self._text(indicator.unit or "") if first else "",
                            "period": self._text(value.period),
                            "target": self._text(value.target),
                            "actual": self._text(value.actual),
                            "deviation": self._text(value.deviation),
                        }
                    )
            return rows
        return super()._make(name)


class TableView(ModelView):
    """A data table with its ``grid`` (see :func:`table_grid`)."""

    __slots__ = ()

    @classmethod
    def _extra(cls) -> tuple[str, ...]:
        return ("grid",)

    def _make(self, name: str) -> Any:
        if name == "grid":
            assert isinstance(self._model, Table)
            return table_grid(self._model, self._text)
        return super()._make(name)


class EmptyView(Mapping[str, Any]):
    """A model the document leaves out, as a template sees it.

    It is false in ``{% if %}``, has nothing to iterate and prints as "", yet every name a view
    of that model would have reads empty: "" for text, [] for lists, {} for mappings and, for a
    nested model, an empty view again. So ``{{ doc.organisation.parent_body }}`` prints nothing
    in an order without an organisation, while a name the model lacks stays an unknown variable.
    """

    __slots__ = ("_model_type",)

    def __init__(self, model_type: type[BaseModel]) -> None:
        self._model_type = model_type

    def __getitem__(self, name: str) -> Any:
        return _empty_fields(self._model_type)[name]()

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __str__(self) -> str:
        return ""

    def __repr__(self) -> str:
        return f"EmptyView({self._model_type.__name__})"


def _empty(annotation: Any) -> Callable[[], Any]:
    """What makes the empty value of a field of type ``annotation``: "" for text, dates,
    deadlines and numbers, [] for lists, {} for mappings, an empty view for a model (which a
    field that may be a model or something else is taken for)."""
    options = unwrap(annotation)
    annotation = next((option for option in options if is_model(option)), options[0])
    origin = typing.get_origin(annotation)
    if origin in (list, tuple) or annotation in (list, tuple):
        return list
    if origin is dict or annotation is dict:
        return dict
    if is_model(annotation):
        empty = _empty_view(annotation)
        return lambda: empty
    return str


@cache
def _empty_view(model_type: type[BaseModel]) -> EmptyView:
    return EmptyView(model_type)


@cache
def _empty_fields(model_type: type[BaseModel]) -> dict[str, Callable[[], Any]]:
    """Each name a view of ``model_type`` has, with what makes its empty value (a fresh list
    each time, so that no render can change what another one reads)."""
    if issubclass(model_type, Person):
        return {name: str for name in PersonView.NAMES}
    fields = {name: _empty(info.annotation) for name, info in model_type.model_fields.items()}
    kind = next((_VIEWS[k] for k in model_type.__mro__ if k in _VIEWS), ModelView)
    for name in kind._extra():
        fields.setdefault(name, list)
    return fields


def _view(value: Any, text: Callable[[str], str]) -> Any:
    """Plain data for a model value: None → "", models → mappings, deadlines → their text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return text(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Deadline):
        return text(value.text)
    if isinstance(value, Person):
        return PersonView(value, text)
    if isinstance(value, Addressees):
        return AddresseesView(value, text)
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, BaseModel):
        kind = next((_VIEWS[k] for k in type(value).__mro__ if k in _VIEWS), ModelView)
        return kind(value, text)
    if isinstance(value, list | tuple):
        return [_view(item, text) for item in value]
    if isinstance(value, dict):
        return {str(k): _view(v, text) for k, v in value.items()}
    return value


_VIEWS: dict[type[BaseModel], type[ModelView]] = {
    Appendix: AppendixView,
    Party: PartyView,
    Plan: PlanView,
    IndicatorGroup: IndicatorGroupView,
    Project: ProjectView,
    Report: ReportView,
    Tally: TallyView,
    Table: TableView,
}


def achieved(target: str, actual: str) -> str:
    """A period's cell of an indicator table: the target, and the actual value under it once
    a report gives one («80 %\nфакт: 74 %»)."""
    if not actual:
        return target
    return f"{target}\nфакт: {actual}" if target else f"факт: {actual}"


def execution_mark(activity: Activity) -> str:
    """The cell «Отметка об исполнении»: the mark as written; or, for an activity with a
    status, the status, its date and what was done («выполнено 28.02.2024\nприказ № 12»)."""
    if activity.status is None:
        return activity.execution_mark or ""
    head = activity.status.value
    if activity.done is not None:
        head += f" {activity.done:%d.%m.%Y}"
    return "\n".join(p for p in (head, activity.report, activity.execution_mark) if p)


def _cell(activity: Activity, field: str, text: Callable[[str], str]) -> str:
    if field == "execution_mark":
        return text(execution_mark(activity))
    value = getattr(activity, field)
    if field == "responsible":
        return text("\n".join(str(party) for party in value))
    if isinstance(value, Deadline):
        return text(value.text)
    return text(value or "")


def plan_rows(
    plan: Plan, text: Callable[[str], str] = _identity, empty: str = ""
) -> list[dict[str, Any]]:
    """The rows of a plan table, in order: a heading row per section, then its activities.

    Each row: ``kind`` («section», «note» — a section's narrative, under its title — or
    «activity»), ``number``, ``title`` (sections and notes), ``cells``
    (one string per declared column, activities), ``depth`` (0 for top-level activities),
    ``heading`` (bold: a section, or a top-level activity that heads nested ones).

    An empty cell holds ``empty`` (the setting ``empty_cell``, «—» by custom), but for the
    level, where a blank carries on the level named above, and the execution mark, left blank
    to be filled in by hand.

    A top-level activity that heads nested ones is the plan's section row when it is written
    as one — a number and a text, every other cell empty («3», «2 Информационно-аналитическое
    направление») — and prints merged across the table like a section; one that fills other
    cells too stays a row of cells, in bold.
    """
    fields = [c.field.value for c in plan.table_columns]
    rows: list[dict[str, Any]] = []

    def section_row(number: str | None, title: str) -> None:
        heading = " ".join(p for p in (number, title) if p)
        rows.append(
            {
                "kind": "section",
                "number": text(number or ""),
                "title": text(heading),
                "depth": 0,
                "heading": True,
                "cells": [],
            }
        )

    def add(activity: Activity, depth: int) -> None:
        cells = [_cell(activity, f, text) for f in fields]
        heads = depth == 0 and bool(activity.activities)
        rest = [cell for f, cell in zip(fields, cells, strict=True) if f not in _TITLE_FIELDS]
        if heads and not any(rest):
            section_row(activity.number, activity.text)
        else:
            if empty:
                cells = [
                    cell or (cell if f in _BLANK_FIELDS else empty)
                    for f, cell in zip(fields, cells, strict=True)
                ]
            rows.append(
                {
                    "kind": "activity",
                    "number": text(activity.number or ""),
                    "title": "",
                    "depth": depth,
                    "heading": heads,
                    "cells": cells,
                }
            )
        for child in activity.activities:
            add(child, depth + 1)

    for activity in plan.activities:
        add(activity, 0)
    for section in plan.sections:
        section_row(section.number, section.title)
        if section.narrative:
            # The reasons a section gives for itself print under its title, across the table;
            # a template that knows no «note» rows prints them as the text of a row.
            narrative = text("\n".join(section.narrative))
            rows.append(
                {
                    "kind": "note",
                    "number": "",
                    "title": narrative,
                    "depth": 0,
                    "heading": False,
                    "cells": [narrative if f == "text" else "" for f in fields],
                }
            )
        for activity in section.activities:
            add(activity, 1)
    return rows


_BLANK_FIELDS = frozenset({"level", "execution_mark"})
"""The cells left blank when empty: a level carries on the one above, a mark is made by hand."""
_TITLE_FIELDS = frozenset({"number", "text"})
"""The cells a section row prints: its number and its title."""


def table_grid(table: Table, text: Callable[[str], str] = _identity) -> list[dict[str, Any]]:
    """The rows of a data table as Word lays them out: ``header`` (bool) and ``cells``
    (``text``, ``colspan``, ``vmerge``, ``note``).

    A cell spanning columns stays one cell with ``colspan``; a cell spanning rows is followed,
    in each row it covers, by an empty cell with ``vmerge`` «continue», so that every row fills
    the grid and a template can emit ``w:gridSpan`` and ``w:vMerge`` straight from the data.
    """
    covered: dict[tuple[int, int], int] = {}
    grid: list[dict[str, Any]] = []
    for index, (header, row) in enumerate(
        [(True, r) for r in table.header] + [(False, r) for r in table.rows]
    ):
        cells: list[dict[str, Any]] = []
        column = 0
        # A trailing None lets cells covered from above at the row's end be filled as well.
        for cell in [*row, None]:
            while (index, column) in covered:
                span = covered[(index, column)]
                cells.append({"text": "", "colspan": span, "vmerge": "continue", "note": ""})
                column += span
            if cell is None:
                break
            cells.append(
                {
                    "text": text(cell.text),
                    "colspan": cell.colspan,
                    "vmerge": "restart",
                    "note": text(cell.note or ""),
                }
            )
            for below in range(index + 1, index + cell.rowspan):
                covered[(below, column)] = cell.colspan
            column += cell.colspan
        grid.append({"header": header, "cells": cells})
    return grid


def requisites(document: DocumentBase, settings: Settings) -> dict[str, str]:
    """Date, number and place as requisites print them (ГОСТ Р 7.0.97: «05.09.2024», «№ 226/1-г»).

    They are the document's own ``date``, ``number`` and ``place`` fields, of whatever kind
    has them — an order, minutes a plugin adds; a kind whose model has a ``place`` field
    takes the organisation's place when the document leaves it out. Kinds without such
    fields (a roadmap) have empty requisites.
    """
    text = _Typesetting(settings)
    day, number, place = (getattr(document, name, None) for name in ("date", "number", "place"))
    if "place" in type(document).model_fields and not place and document.organisation:
        place = document.organisation.place
    if not isinstance(day, date):
        day = None
    return {
        "period_line": text(period_line(document)),
        "date": format_date(day, settings.date_style) if day else "",
        "date_short": format_date(day, "short") if day else "",
        "date_long": text(format_date(day, "long")) if day else "",
        "number": text(number) if isinstance(number, str) else "",
        "place": text(place) if isinstance(place, str) else "",
    }


_PREPOSITIONS = frozenset(("с", "со", "до", "в", "во", "на", "по", "к", "за", "от"))
_SQUASH = re.compile(r"[\s\u00a0]+")


def period_line(document: DocumentBase) -> str:
    """The document's period as a line under its title says it, «на 2024/2025 учебный год»; or
    "" when there is none or the title names it already («… на 2024 год» for ``period: 2024``,
    «… в 2024-2025 учебном году» for ``period: 2024-2025 учебный год``)."""
    period = document.period
    said = period.text.strip() if period is not None else ""
    if not said or _names_period(document.title, said):
        return ""
    return said if said.split()[0].lower() in _PREPOSITIONS else f"на {said}"


_YEARS = re.compile(r"(?<!\d)\d{4}(?!\d)")


def _names_period(title: str, period: str) -> bool:
    """Whether ``title`` already says ``period``: its text, or every year of it («… в 2024-2025
    учебном году» says «2024-2025 учебный год» in another case)."""
    if _SQUASH.sub("", period).lower() in _SQUASH.sub("", title).lower():
        return True
    years = _YEARS.findall(period)
    return bool(years) and all(year in _YEARS.findall(title) for year in years)


def build_context(document: DocumentBase, settings: Settings) -> dict[str, Any]:
    """The whole context of a render: ``doc``, ``requisites``, ``settings``."""
    text = _Typesetting(settings)
    given = requisites(document, settings)
    text.approved_by = approved_by(document, given, text)
    return {
        "doc": _view(document, text),
        "requisites": given,
        "settings": settings.model_dump(),
        "abbreviations": abbreviation_list(document, settings, text),
    }


def abbreviation_list(
    document: DocumentBase, settings: Settings, text: Callable[[str], str] = _identity
) -> list[dict[str, str]]:
    """The entries of the list «Принятые сокращения», as ``settings.abbreviation_list`` asks:
    under «auto», those of ``abbreviations`` the text does not introduce itself with «(далее –
    …)», so that every abbreviation is explained once and none twice."""
    entries = document.abbreviations
    if settings.abbreviation_list == "never" or not entries:
        return []
    if settings.abbreviation_list == "auto":
        said = introductions(
            value for path, value in document_texts(document) if path[:1] != ("abbreviations",)
        )
        entries = [entry for entry in entries if not introduces(said, entry.short)]
    return [{"short": text(entry.short), "full": text(entry.full)} for entry in entries]


_BLANK_DATE = "__________"
_BLANK_NUMBER = "_____"
"""What an approval stamp prints for a requisite not yet given: the lines to fill in by hand
when the order is registered."""


def approved_by(
    document: DocumentBase, given: dict[str, str], text: Callable[[str], str] = _identity
) -> str:
    """The lines of an approval stamp after its word: «приказом МБОУ «СШ № 5»» and «от
    05.09.2024 № 226/1-г» (ГОСТ Р 7.0.97: the kind of the approving document, its author, date
    and number). Empty for a document with neither date nor number field (a roadmap); the
    appendices that carry stamps are an order's, so the approving document is the order."""
    fields = type(document).model_fields
    if "date" not in fields and "number" not in fields:
        return ""
    organisation = document.organisation
    author = organisation.short_name if organisation is not None else None
    first = "приказом" + (f" {text(author)}" if author else "")
    day = given["date"] or _BLANK_DATE
    number = given["number"] or _BLANK_NUMBER
    return f"{first}\n{text(f'от {day} № {number}')}"


CONTRACT: dict[str, str] = {
    "doc": "документ: все поля модели; пустое поле — пустая строка, список или структура",
    "requisites": "реквизиты документа (приказа, протокола): date, date_short, date_long, number, "
    "place, period_line",
    "settings": "настройки шаблона (шрифт, поля, стиль даты …)",
    "abbreviations": "перечень «Принятые сокращения»: short, full (см. settings.abbreviation_list)",
    "loop": "переменная цикла Jinja",
}
"""Top-level names a template may use, with what they hold (docs/context.md says more)."""
