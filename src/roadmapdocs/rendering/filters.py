"""Template filters: Russian declension, dates, deadlines and typography, as Jinja filters.

Each filter is a thin skin over :mod:`roadmapdocs.lang`; docs/context.md lists them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from pydantic import BaseModel

from roadmapdocs.errors import DeclensionError, GenderUnknown
from roadmapdocs.lang.dates import format_date
from roadmapdocs.lang.deadline import parse_deadline
from roadmapdocs.lang.grammar import Case
from roadmapdocs.lang.names import Undeclinable, declined_name
from roadmapdocs.lang.names import initials_first as _initials_first
from roadmapdocs.lang.positions import inflect_position
from roadmapdocs.lang.typography import nbsp as _nbsp
from roadmapdocs.lang.typography import typesetter
from roadmapdocs.messages import Phrase, current
from roadmapdocs.model import Person
from roadmapdocs.model.document import DocumentBase
from roadmapdocs.rendering.context import AddresseesView, PersonView
from roadmapdocs.rules.elements import element
from roadmapdocs.sourcemap import PathKey, format_path, locate

DECLINED_CHARS = 10_000
"""Characters of a text a declension filter takes: a position or a name, not a page. Reading
a word's forms takes a fraction of a millisecond, so a template that hands a filter a text of
millions of characters would hold a render for minutes inside one call, out of reach of the
render's clock."""


def _declinable(text: str, name: str) -> str:
    if len(text) > DECLINED_CHARS:
        raise ValueError(
            Phrase(
                "фильтр «{name}» склоняет должность или имя не длиннее {limit} знаков, "
                "а ему дан текст в {size} знаков",
                "filter «{name}» declines a position or a name of at most {limit} "
                "characters, not a text of {size}",
            )
            .format(name=name, limit=DECLINED_CHARS, size=len(text))
            .in_()
        )
    return text


class NameNotDeclined(Exception):
    """A filter met a person whose name it cannot put in the case asked for.

    The filter knows the person, not where the document holds it; the render, which knows the
    document, turns this into a located error with :meth:`located`.
    """

    def __init__(self, person: Person, problem: Undeclinable) -> None:
        super().__init__(problem.error().message)
        self.person = person
        self.problem = problem

    def located(self, document: DocumentBase) -> DeclensionError:
        """The error as the user sees it: which person, at which field and line, what to do."""
        path = _path_of(document, self.person)
        problem = self.problem
        where = ""
        if path is not None:
            named = element(document, path, current())
            where = f"{named}, {format_path(path)}" if named else format_path(path)
        message = Phrase(
            "документ не отрисован: {where}«{shown}» — {reason}; {advice} (эту ошибку "
            "заранее находит roadmapdocs validate, правило RD208 undeclinable-name)",
            "the document was not rendered: {where}«{shown}» — {reason}; {advice} "
            "(roadmapdocs validate finds this beforehand, rule RD208 undeclinable-name)",
        ).format(
            where=f"{where}: " if where else "",
            shown=problem.shown,
            reason=problem.reason,
            advice=problem.advice,
        )
        location = locate(document, path) if path is not None else None
        kind = GenderUnknown if problem.gender_decides else DeclensionError
        return kind(message, location)


def _path_of(node: object, target: object, path: PathKey = ()) -> PathKey | None:
    """Where ``target`` (that very object) stands inside ``node``; None where it does not."""
    if node is target:
        return path
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            found = _path_of(getattr(node, name), target, (*path, name))
            if found is not None:
                return found
    elif isinstance(node, list | tuple):
        for index, item in enumerate(node):
            found = _path_of(item, target, (*path, index))
            if found is not None:
                return found
    elif isinstance(node, dict):
        for key, item in node.items():
            found = _path_of(item, target, (*path, str(key)))
            if found is not None:
                return found
    return None


def _person_name(person: Person, case: Case) -> str:
    found = declined_name(person, case)
    if isinstance(found, Undeclinable):
        raise NameNotDeclined(person, found)
    return found


def _decline(value: Any, case: Case) -> str:
    if isinstance(value, PersonView):
        return _person_name(value.person, case)
    if isinstance(value, AddresseesView):
        addressees = value.addressees
        names = ", ".join(_person_name(p, case) for p in addressees.people)
        position = ""
        if addressees.position:
            plural = len(addressees.people) > 1
            position = inflect_position(addressees.position, case, plural=plural)
            position = position[:1].upper() + position[1:]
        return " ".join(part for part in (position, names) if part)
    text = str(value)
    if not text:
        return text
    return inflect_position(_declinable(text, case), case)


def _typeset(context: Context, text: str) -> str:
    """A name a filter made, set as the context's strings are: the document's own text has its
    «ёлочки» and non-breaking spaces already, a declined name is new text that needs them
    («Лаврушкиной Е.А.» must not break before the initials)."""
    settings = context.get("settings") or {}
    typeset = typesetter(quoting=settings.get("quotes", True), spacing=settings.get("nbsp", True))
    return typeset(text)


def _filter(case: Case) -> Callable[..., str]:
    @pass_context
    def decline(context: Context, value: Any) -> str:
        return _typeset(context, _decline(value, case))

    decline.__name__ = case
    decline.__doc__ = (
        f"The value in the {case} case: a person, a clause's addressees or a position."
    )
    return decline


@pass_context
def initials_first(context: Context, value: Any) -> str:
    """«Оловянникова Т.А.» → «Т.А. Оловянникова», for signatures."""
    if isinstance(value, PersonView):
        return str(value["signature_name"])
    text = str(value)
    return _typeset(context, _initials_first(_declinable(text, "initials_first"))) if text else text


def first_upper(value: Any) -> str:
    """The text with its first letter a capital and the rest as written: «муниципальное
    бюджетное … учреждение» → «Муниципальное бюджетное … учреждение», for a letterhead."""
    text = str(value)
    return text[:1].upper() + text[1:]


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        day, month, year = value.split(".")
        return dt.date(int(year), int(month), int(day))
    return None


def date_long(value: Any) -> str:
    """«05.09.2024» → «5 сентября 2024 г.»."""
    day = _as_date(value)
    return format_date(day, "long") if day else ""


def date_short(value: Any) -> str:
    """«5 сентября 2024 г.» stays as the requisite form «05.09.2024»."""
    day = _as_date(value)
    return format_date(day, "short") if day else ""


def deadline(value: Any) -> str:
    """A deadline in customary Russian («до 20 января 2022 г.»), from its text."""
    text = str(value)
    if not text:
        return text
    return str(parse_deadline(text.replace("\u00a0", " ")).format())


def nbsp(value: Any) -> str:
    """Non-breaking spaces where Russian official documents keep words together."""
    return _nbsp(str(value))


FILTERS: dict[str, Callable[..., str]] = {
    "nominative": _filter("nominative"),
    "genitive": _filter("genitive"),
    "dative": _filter("dative"),
    "accusative": _filter("accusative"),
    "instrumental": _filter("instrumental"),
    "prepositional": _filter("prepositional"),
    "initials_first": initials_first,
    "first_upper": first_upper,
    "date_long": date_long,
    "date_short": date_short,
    "deadline": deadline,
    "nbsp": nbsp,
}
"""Filters a template may use (beside Jinja's own)."""
