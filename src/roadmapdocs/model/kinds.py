"""One description per document kind, which every part of roadmapdocs reads.

A kind — roadmap, passport, order, project, or one a region adds — is a :class:`KindSpec`: its
model class, the levels it exists at, where its plans stand, which of its lists are numbered
elements and what a reader calls them, which of its parts are appendices set on their own
pages, and the name of its default template at each level. The loader, the template registry,
the command line, the rules' names for elements, the Word comments and the numbering checks all
take these facts from here, so a new kind is one spec, one model and one template.

Third-party kinds announce themselves through the entry point group ``roadmapdocs.kinds``: the
entry point gives a :class:`KindSpec` or a list of them. A name given twice is a loud error
naming both providers.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Annotated, Any, Union

from pydantic import Field, TypeAdapter

from roadmapdocs.errors import KindError
from roadmapdocs.messages import Lang, Phrase
from roadmapdocs.model.document import LEVELS, DocumentBase
from roadmapdocs.model.order import Order
from roadmapdocs.model.passport import Passport
from roadmapdocs.model.project import Project
from roadmapdocs.model.report import Report
from roadmapdocs.model.roadmap import Roadmap
from roadmapdocs.plugins import provided
from roadmapdocs.sourcemap import PathKey

if TYPE_CHECKING:
    from roadmapdocs.model.activity import Plan

ENTRY_POINT_GROUP = "roadmapdocs.kinds"

WILDCARD = "*"
"""In a plan's place, «every item of this list»: ``appendices.*.plan``."""


ACTIVITY = Phrase("мероприятие", "activity")
SECTION = Phrase("раздел", "section")
PLAN = Phrase("план", "plan")


@dataclass(frozen=True)
class ElementList:
    """A list of a document's elements that a reader finds by their number."""

    field: str
    """The document's field that holds the list: ``control_points``."""
    label: Phrase
    """What one element is called: «контрольная точка 14»."""
    row: bool | None = True
    """How templates print an element: a table row (True), a paragraph (False), either (None)."""
    numbered: bool = True
    """Whether the numbers of the list are checked for gaps and repeats."""
    indicators: bool = False
    """Whether the list is a table of indicators (its values per period are checked)."""
    groups: Phrase | None = None
    """For a list of indicator groups: what one indicator of a group is called; each group's
    ``indicators`` are then a table of their own, with the group's ``columns`` as periods."""


@dataclass(frozen=True)
class KindSpec:
    """Everything roadmapdocs knows of one kind of document, beside its model."""

    name: str
    """The value of ``kind`` in a file: «order»."""
    model: type[DocumentBase]
    title: Phrase
    """What the document is, as a file's properties name it: «Приказ»."""
    description: Phrase | None = None
    """One sentence on what the document holds, as the model reference (docs/model.md) heads
    the kind with it: «Приказ школы или органа управления: реквизиты, основание, …»."""
    levels: tuple[str, ...] = LEVELS
    """The levels at which such documents exist (and built-in templates are looked for)."""
    plans: tuple[str, ...] = ()
    """Where its plan tables stand, as dotted paths: ``plan``, ``appendices.*.plan``."""
    lists: tuple[ElementList, ...] = ()
    """Its numbered elements, in the order a document prints them."""
    appendices: str | None = None
    """The list whose items are appendices, each set on pages of its own."""
    activity: Phrase = ACTIVITY
    """What a row of its plans is called: «мероприятие 2.3», «решение 2»."""
    fields: Mapping[str, Phrase] = field(default_factory=dict)
    """What a reader calls its own top-level fields («дата приказа»), beside the common ones."""
    origin: str = "roadmapdocs"
    """Who provides the kind: roadmapdocs, or the distribution of a plugin."""

    def template_for(self, level: str) -> str:
        """The name of the template a document of this kind renders with at ``level``."""
        return f"{level}/{self.name}"

    def label(self, name: str, lang: Lang) -> str | None:
        """What a reader calls the top-level field ``name``, if it has a name of its own."""
        found = self.fields.get(name) or COMMON_FIELDS.get(name)
        return found.in_(lang) if found else None

    def plan_tables(self, document: DocumentBase) -> Iterator[tuple[PathKey, Plan]]:
        """Every plan table of ``document``, each with its field path, in the order of ``plans``."""
        from roadmapdocs.model.activity import Plan

        for place in self.plans:
            for path, value in _resolve(document, (), tuple(place.split("."))):
                if isinstance(value, Plan):
                    yield path, value

    def element_list(self, name: str) -> ElementList | None:
        """The numbered list held in field ``name``, if it is one."""
        return next((item for item in self.lists if item.field == name), None)


def _resolve(node: Any, path: PathKey, rest: tuple[str, ...]) -> Iterator[tuple[PathKey, Any]]:
    if not rest:
        if node is not None:
            yield path, node
        return
    head, tail = rest[0], rest[1:]
    if head == WILDCARD:
        for index, item in enumerate(node if isinstance(node, list) else ()):
            yield from _resolve(item, (*path, index), tail)
    else:
        yield from _resolve(getattr(node, head, None), (*path, head), tail)


COMMON_FIELDS: Mapping[str, Phrase] = {
    "title": Phrase("заголовок", "title"),
    "organisation": Phrase("организация", "organisation"),
    "period": Phrase("период", "period"),
    "approval": Phrase("гриф утверждения", "approval mark"),
    "abbreviations": Phrase("сокращения", "abbreviations"),
    "notes": Phrase("неразнесённый текст", "text not placed"),
}
"""What a reader calls the fields every kind has."""

INDICATOR = Phrase("показатель", "indicator")
_GOAL = Phrase("цель", "goal")
_DIRECTION = Phrase("направление", "direction")
_DIRECTIONS = Phrase("направления", "directions")
_INDICATOR_GROUPS = ElementList(
    "indicator_groups", Phrase("группа показателей", "indicator group"), groups=INDICATOR
)

_CONTROL_POINTS = ElementList("control_points", Phrase("контрольная точка", "control point"))

ROADMAP = KindSpec(
    name="roadmap",
    model=Roadmap,
    title=Phrase("Дорожная карта", "Roadmap"),
    description=Phrase(
        "Дорожная карта: цель, задачи, группы рисков, направления, контрольные точки, "
        "показатели и план-график.",
        "A roadmap: goal, tasks, risk groups, directions, control points, indicators and "
        "plan-schedule.",
    ),
    plans=("plan", "mechanisms"),
    lists=(
        ElementList("risk_groups", Phrase("группа рисков", "risk group"), numbered=False),
        ElementList("directions", _DIRECTION, row=None),
        ElementList("target_indicators", INDICATOR, indicators=True),
        _INDICATOR_GROUPS,
        _CONTROL_POINTS,
    ),
    fields={
        "goal": _GOAL,
        "tasks": Phrase("задачи", "tasks"),
        "risk_groups": Phrase("группы рисков", "risk groups"),
        "directions": _DIRECTIONS,
        "mechanisms": Phrase("механизмы реализации", "implementation mechanisms"),
    },
)

PASSPORT = KindSpec(
    name="passport",
    model=Passport,
    title=Phrase("Паспорт дорожной карты", "Roadmap passport"),
    description=Phrase(
        "Паспорт дорожной карты по форме, которую школам дают региональные и муниципальные "
        "органы управления образованием.",
        "A roadmap passport, in the form regional and municipal education offices give schools.",
    ),
    plans=("plan",),
    lists=(ElementList("directions", _DIRECTION, row=None, numbered=False), _INDICATOR_GROUPS),
    fields={
        "heading": Phrase("заголовок", "heading"),
        "problem": Phrase("описание проблемы", "problem description"),
        "working_group": Phrase("рабочая группа", "working group"),
        "developer": Phrase("ответственный разработчик", "responsible developer"),
        "goal": _GOAL,
        "stages": Phrase("этапы и сроки", "stages and terms"),
        "directions": _DIRECTIONS,
        "control_results": Phrase("контрольные результаты", "control results"),
        "financing": Phrase("финансирование", "financing"),
        "indicator_list": Phrase("перечень показателей", "list of indicators"),
        "signature": Phrase("подпись", "signature"),
    },
)

ORDER = KindSpec(
    name="order",
    model=Order,
    title=Phrase("Приказ", "Order"),
    description=Phrase(
        "Приказ школы или органа управления: реквизиты, основание, пункты, подпись и приложения.",
        "An order of a school or a body: requisites, basis, clauses, signature and appendices.",
    ),
    plans=("appendices.*.plan",),
    lists=(
        ElementList("clauses", Phrase("пункт", "clause"), row=False, numbered=False),
        ElementList("appendices", Phrase("приложение", "appendix"), row=False, numbered=False),
    ),
    appendices="appendices",
    fields={
        "date": Phrase("дата приказа", "order date"),
        "number": Phrase("номер приказа", "order number"),
        "place": Phrase("место составления", "place"),
        "basis": Phrase("основание", "legal basis"),
        "signer": Phrase("подпись", "signature"),
    },
)

PROJECT = KindSpec(
    name="project",
    model=Project,
    title=Phrase("План регионального проекта", "Regional project plan"),
    description=Phrase(
        "План проекта: цель, разделы мероприятий с исполнителями, сроками и ключевыми "
        "результатами, индикаторы и контрольные точки.",
        "A project plan: goal, sections of activities with executors, terms and key results, "
        "indicators and control points.",
    ),
    plans=("plan",),
    lists=(ElementList("indicators", INDICATOR, indicators=True), _CONTROL_POINTS),
    fields={"name": Phrase("название", "name"), "goal": _GOAL},
)

REPORT = KindSpec(
    name="report",
    model=Report,
    title=Phrase("Информация о ходе реализации", "Report on execution"),
    description=Phrase(
        "Информация о ходе реализации дорожной карты (приказа, проекта) по состоянию на дату: "
        "итоги, мероприятия по разделам, показатели — план и факт; или сводка по организациям.",
        "A report on the execution of a roadmap (order, project) as of a date: totals, "
        "activities by section, indicators target against actual; or a summary by organisation.",
    ),
    fields={
        "as_of": Phrase("дата отчёта", "report date"),
        "subject": Phrase("предмет отчёта", "subject"),
        "tally": Phrase("итоги", "totals"),
        "sections": Phrase("разделы", "sections"),
        "indicators": Phrase("показатели", "indicators"),
        "organisations": Phrase("организации", "organisations"),
        "overdue": Phrase("просроченные мероприятия", "overdue activities"),
        "signer": Phrase("подпись", "signature"),
    },
)

BUILTIN: tuple[KindSpec, ...] = (ROADMAP, PASSPORT, ORDER, PROJECT, REPORT)
"""The kinds roadmapdocs ships, in the order its documentation lists them."""


def _plugin_kinds() -> Iterator[KindSpec]:
    wanted = Phrase("вид документа", "a document kind")
    for item, origin in provided(ENTRY_POINT_GROUP, KindSpec, wanted, KindError):
        if not issubclass(item.model, DocumentBase):
            raise KindError(
                Phrase(
                    "вид документа «{name}» ({origin}): модель {model} — не документ "
                    "(наследник DocumentBase)",
                    "document kind «{name}» ({origin}): the model {model} is not a document "
                    "(a subclass of DocumentBase)",
                ).format(name=item.name, origin=origin, model=item.model.__name__)
            )
        yield replace(item, origin=origin)


@functools.cache
def registry() -> Mapping[str, KindSpec]:
    """Every kind by name: the built-in ones, then those of installed plugins."""
    found: dict[str, KindSpec] = {}
    for spec in (*BUILTIN, *_plugin_kinds()):
        other = found.get(spec.name)
        if other is not None:
            raise KindError(
                Phrase(
                    "вид документа «{name}» объявлен дважды: в {first} и в {second}",
                    "document kind «{name}» is declared twice: by {first} and by {second}",
                ).format(name=spec.name, first=other.origin, second=spec.origin)
            )
        found[spec.name] = spec
    return found


def names() -> list[str]:
    """The names of every kind, built-in ones first."""
    return list(registry())


def spec(kind: str) -> KindSpec:
    """The spec of ``kind``; :class:`~roadmapdocs.errors.KindError` for an unknown one."""
    found = registry().get(kind)
    if found is None:
        raise KindError(
            Phrase(
                "неизвестный вид документа «{kind}»; допустимо: {known}",
                "unknown document kind «{kind}»; expected one of: {known}",
            ).format(kind=kind, known=", ".join(registry()))
        )
    return found


def spec_of(document: DocumentBase) -> KindSpec:
    """The spec of the kind ``document`` is."""
    return spec(document.kind)


@functools.cache
def adapter() -> TypeAdapter[Any]:
    """A validator of any registered kind, told apart by ``kind``."""
    models = tuple(item.model for item in registry().values())
    if len(models) == 1:
        return TypeAdapter(models[0])
    union: Any = Annotated[Union[models], Field(discriminator="kind")]  # noqa: UP007
    return TypeAdapter(union)
