"""The template context: the ONE place that decides what a template may see.

Everything a template can use is documented in docs/context.md, and ``templates lint`` checks
templates against :data:`CONTRACT`. Values are plain data — strings, lists and mappings — so that
a template cannot reach into Python objects: a field the document leaves empty is an empty string
(or list), never undefined, and every string is the document's text exactly as written (with
non-breaking spaces where Russian typography keeps words together, unless settings say no).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import Any

from pydantic import BaseModel

from roadmapdocs.lang.dates import format_date
from roadmapdocs.lang.deadline import Deadline
from roadmapdocs.lang.typography import nbsp
from roadmapdocs.model import (
    Activity,
    Addressees,
    IndicatorGroup,
    Order,
    Party,
    Person,
    Plan,
    Table,
)
from roadmapdocs.model.document import DocumentBase
from roadmapdocs.settings import Settings


class PersonView(dict[str, Any]):
    """A person as a template sees it; filters (``dative``, ``initials_first``) decline it."""

    def __init__(self, person: Person, text: Callable[[str], str]) -> None:
        super().__init__(
            surname=text(person.surname),
            first_name=text(person.first_name or ""),
            patronymic=text(person.patronymic or ""),
            initials=text(person.initials or ""),
            position=text(person.position or ""),
            gender=person.gender or "",
            short_name=text(person.short_name),
            signature_name=text(person.signature_name),
            full_name=text(person.full_name),
        )
        self.person = person

    def __str__(self) -> str:
        return str(self["short_name"])


class AddresseesView(dict[str, Any]):
    """Who a clause charges; ``{{ clause.addressees | dative }}`` declines position and names."""

    def __init__(self, addressees: Addressees, text: Callable[[str], str]) -> None:
        super().__init__(
            position=text(addressees.position or ""),
            people=[PersonView(p, text) for p in addressees.people],
        )
        self.addressees = addressees

    def __str__(self) -> str:
        names = ", ".join(str(p) for p in self["people"])
        return " ".join(part for part in (self["position"], names) if part)


def _identity(value: str) -> str:
    return value


def _text_function(settings: Settings) -> Callable[[str], str]:
    if not settings.nbsp:
        return _identity
    return nbsp


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
        data = {name: _view(getattr(value, name), text) for name in type(value).model_fields}
        if isinstance(value, Party):
            # A party written as structure still reads as one line: «УО (Чиж Л.В.)».
            data["text"] = data.get("text") or text(str(value))
        return data
    if isinstance(value, list | tuple):
        return [_view(item, text) for item in value]
    if isinstance(value, dict):
        return {str(k): _view(v, text) for k, v in value.items()}
    return value


def _cell(activity: Activity, field: str, text: Callable[[str], str]) -> str:
    value = getattr(activity, field)
    if field == "responsible":
        return text("\n".join(str(party) for party in value))
    if isinstance(value, Deadline):
        return text(value.text)
    return text(value or "")


def plan_rows(plan: Plan, text: Callable[[str], str] = _identity) -> list[dict[str, Any]]:
    """The rows of a plan table, in order: a heading row per section, then its activities.

    Each row: ``kind`` («section» or «activity»), ``number``, ``title`` (sections), ``cells``
    (one string per declared column, activities), ``depth`` (0 for top-level activities).
    """
    fields = [c.field.value for c in plan.table_columns]
    rows: list[dict[str, Any]] = []

    def add(activity: Activity, depth: int) -> None:
        rows.append(
            {
                "kind": "activity",
                "number": text(activity.number or ""),
                "title": "",
                "depth": depth,
                "cells": [_cell(activity, f, text) for f in fields],
            }
        )
        for child in activity.activities:
            add(child, depth + 1)

    for activity in plan.activities:
        add(activity, 0)
    for section in plan.sections:
        heading = " ".join(p for p in (section.number, section.title) if p)
        rows.append(
            {
                "kind": "section",
                "number": text(section.number or ""),
                "title": text(heading),
                "depth": 0,
                "cells": [],
            }
        )
        for activity in section.activities:
            add(activity, 1)
    return rows


def _plan_view(plan: Plan, text: Callable[[str], str]) -> dict[str, Any]:
    view: dict[str, Any] = _view(plan, text)
    view["columns"] = [{"field": c.field.value, "title": text(c.title)} for c in plan.table_columns]
    view["rows"] = plan_rows(plan, text)
    return view


def _indicator_group_view(group: IndicatorGroup, text: Callable[[str], str]) -> dict[str, Any]:
    """``periods`` become every column the table shows, declared or only named by a value, and
    each indicator gets ``cells`` aligned to them, so a template needs no lookups by key."""
    view: dict[str, Any] = _view(group, text)
    periods = group.columns
    view["periods"] = [text(p) for p in periods]
    for indicator, indicator_view in zip(group.indicators, view["indicators"], strict=True):
        indicator_view["cells"] = [text(indicator.values.get(p, "")) for p in periods]
    return view


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


def _with_plans(model: BaseModel, view: dict[str, Any], text: Callable[[str], str]) -> None:
    """Give every plan in the view its ``columns`` and flattened ``rows``, every indicator group
    its ``periods`` and per-period ``cells``, and every data table its ``grid``."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, Plan):
            view[name] = _plan_view(value, text)
        elif isinstance(value, IndicatorGroup):
            view[name] = _indicator_group_view(value, text)
        elif isinstance(value, Table):
            view[name]["grid"] = table_grid(value, text)
        elif isinstance(value, BaseModel):
            _with_plans(value, view[name], text)
        elif isinstance(value, list):
            for position, (item, item_view) in enumerate(zip(value, view[name], strict=True)):
                if isinstance(item, IndicatorGroup):
                    view[name][position] = _indicator_group_view(item, text)
                elif isinstance(item, Table):
                    item_view["grid"] = table_grid(item, text)
                elif isinstance(item, BaseModel) and isinstance(item_view, dict):
                    _with_plans(item, item_view, text)


def requisites(document: DocumentBase, settings: Settings) -> dict[str, str]:
    """Date, number and place as requisites print them (ГОСТ Р 7.0.97: «05.09.2024», «№ 226/1-г»)."""
    text = _text_function(settings)
    day = document.date if isinstance(document, Order) else None
    number = document.number if isinstance(document, Order) else None
    place = document.place if isinstance(document, Order) else None
    if isinstance(document, Order) and not place and document.organisation:
        place = document.organisation.place
    return {
        "date": format_date(day, settings.date_style) if day else "",
        "date_short": format_date(day, "short") if day else "",
        "date_long": text(format_date(day, "long")) if day else "",
        "number": text(number or ""),
        "place": text(place or ""),
    }


def build_context(document: DocumentBase, settings: Settings) -> dict[str, Any]:
    """The whole context of a render: ``doc``, ``requisites``, ``settings``."""
    text = _text_function(settings)
    doc_view: dict[str, Any] = _view(document, text)
    _with_plans(document, doc_view, text)
    return {
        "doc": doc_view,
        "requisites": requisites(document, settings),
        "settings": settings.model_dump(),
    }


CONTRACT: dict[str, str] = {
    "doc": "документ: все поля модели; пустое поле — пустая строка или пустой список",
    "requisites": "реквизиты приказа: date, date_short, date_long, number, place",
    "settings": "настройки шаблона (шрифт, поля, стиль даты …)",
    "loop": "переменная цикла Jinja",
}
"""Top-level names a template may use, with what they hold (docs/context.md says more)."""
