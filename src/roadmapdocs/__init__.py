"""roadmapdocs: education improvement plans from data to signed Russian documents.

The public API is what this module exports (``__all__``); everything else may change.
"""

from importlib.metadata import PackageNotFoundError, version

from roadmapdocs.api import render
from roadmapdocs.batch import BatchResult, render_many
from roadmapdocs.errors import (
    ConversionError,
    DeclensionError,
    GenderUnknown,
    LoadError,
    Location,
    OutputError,
    Problem,
    RenderError,
    RoadmapdocsError,
    SofficeNotFound,
    TemplateError,
    TemplateNotFound,
    TemplateSecurityError,
)
from roadmapdocs.lang import (
    Deadline,
    DeadlineKind,
    Frequency,
    Recurrence,
    format_date,
    inflect_name,
    inflect_position,
    initials_first,
    nbsp,
    parse_deadline,
    person_name,
)
from roadmapdocs.loader import Document, dump, dumps, load, to_data
from roadmapdocs.model import (
    Activity,
    Appendix,
    Clause,
    ControlPoint,
    Indicator,
    IndicatorGroup,
    Order,
    Organisation,
    Party,
    Passport,
    Person,
    Plan,
    Project,
    Roadmap,
    Section,
    Signature,
    Table,
)
from roadmapdocs.rules import Finding, Report, Severity, validate
from roadmapdocs.schema import json_schema

try:
    __version__ = version("roadmapdocs")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

__all__ = [
    "Activity",
    "Appendix",
    "BatchResult",
    "Clause",
    "ControlPoint",
    "ConversionError",
    "Deadline",
    "DeadlineKind",
    "DeclensionError",
    "Document",
    "Finding",
    "Frequency",
    "GenderUnknown",
    "Indicator",
    "IndicatorGroup",
    "LoadError",
    "Location",
    "Order",
    "Organisation",
    "OutputError",
    "Party",
    "Passport",
    "Person",
    "Plan",
    "Problem",
    "Project",
    "Recurrence",
    "RenderError",
    "Report",
    "Roadmap",
    "RoadmapdocsError",
    "Section",
    "Severity",
    "Signature",
    "SofficeNotFound",
    "Table",
    "TemplateError",
    "TemplateNotFound",
    "TemplateSecurityError",
    "__version__",
    "dump",
    "dumps",
    "format_date",
    "inflect_name",
    "inflect_position",
    "initials_first",
    "json_schema",
    "load",
    "nbsp",
    "parse_deadline",
    "person_name",
    "render",
    "render_many",
    "to_data",
    "validate",
]
