"""The domain model: what a roadmap, a passport, an order and a project *are*. No I/O here."""

from typing import Annotated, Union

from pydantic import Field, TypeAdapter

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
from roadmapdocs.model.document import DocumentBase, Level
from roadmapdocs.model.indicator import Indicator, IndicatorGroup
from roadmapdocs.model.order import Addressees, Appendix, AppendixReference, Clause, Order
from roadmapdocs.model.organisation import Organisation
from roadmapdocs.model.passport import Fact, Passport, Problem
from roadmapdocs.model.person import Party, Person, Signature
from roadmapdocs.model.project import Project
from roadmapdocs.model.roadmap import RiskGroup, Roadmap
from roadmapdocs.model.table import Cell, Table

Document = Annotated[Union[Roadmap, Passport, Order, Project], Field(discriminator="kind")]  # noqa: UP007
"""Any document; the ``kind`` field says which."""

DOCUMENT_KINDS: dict[str, type[DocumentBase]] = {
    "roadmap": Roadmap,
    "passport": Passport,
    "order": Order,
    "project": Project,
}

document_adapter: TypeAdapter[Roadmap | Passport | Order | Project] = TypeAdapter(Document)

__all__ = [
    "DOCUMENT_KINDS",
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
    "Fact",
    "Indicator",
    "IndicatorGroup",
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
    "RiskGroup",
    "Roadmap",
    "Section",
    "Signature",
    "Table",
    "document_adapter",
]
