"""The domain model: what a roadmap, a passport, an order and a project *are*. No I/O here."""

from typing import Any, Union

from roadmapdocs.model.abbreviation import Abbreviation
from roadmapdocs.model.activity import (
    Activity,
    ActivityField,
    Column,
    ControlPoint,
    Direction,
    Plan,
    Section,
)
from roadmapdocs.model.base import Model
from roadmapdocs.model.document import LEVELS, DocumentBase, Level
from roadmapdocs.model.indicator import Indicator, IndicatorGroup
from roadmapdocs.model.kinds import BUILTIN, ElementList, KindSpec, adapter
from roadmapdocs.model.order import Addressees, Appendix, AppendixReference, Clause, Order
from roadmapdocs.model.organisation import Organisation
from roadmapdocs.model.passport import Fact, Passport, Problem
from roadmapdocs.model.person import Party, Person, Signature
from roadmapdocs.model.project import Project
from roadmapdocs.model.report import Report, Tally
from roadmapdocs.model.roadmap import RiskGroup, Roadmap
from roadmapdocs.model.table import Cell, Table

Document = Union[Roadmap, Passport, Order, Project, Report]  # noqa: UP007
"""Any document of the built-in kinds, for type annotations; the ``kind`` field says which.
A validator of every registered kind, plugins' included, is :func:`kinds.adapter`."""

DOCUMENT_KINDS: dict[str, type[DocumentBase]] = {spec.name: spec.model for spec in BUILTIN}
"""The model of each built-in kind; :func:`roadmapdocs.model.kinds.registry` adds plugins'."""


def __getattr__(name: str) -> Any:
    # The validator of every kind is built when first asked for, not on import: building it
    # builds every model of every kind, which a document of one kind does not need.
    if name == "document_adapter":
        return adapter()
    raise AttributeError(f"module 'roadmapdocs.model' has no attribute {name!r}")


__all__ = [
    "DOCUMENT_KINDS",
    "LEVELS",
    "Abbreviation",
    "Activity",
    "ActivityField",
    "Addressees",
    "Appendix",
    "AppendixReference",
    "Cell",
    "Clause",
    "Column",
    "ControlPoint",
    "Direction",
    "Document",
    "DocumentBase",
    "ElementList",
    "Fact",
    "Indicator",
    "IndicatorGroup",
    "KindSpec",
    "Level",
    "Model",
    "Order",
    "Organisation",
    "Party",
    "Passport",
    "Person",
    "Plan",
    "Problem",
    "Project",
    "Report",
    "RiskGroup",
    "Roadmap",
    "Section",
    "Signature",
    "Table",
    "Tally",
    "document_adapter",
]
