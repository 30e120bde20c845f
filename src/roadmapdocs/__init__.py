"""roadmapdocs: education improvement plans from data to signed Russian documents.

The public API is what this module exports (``__all__``); everything else may change.

Names are imported on first use (PEP 562): ``import roadmapdocs`` costs what the names a
program touches cost, so checking a document never loads the Word, PDF or declension libraries.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING

from roadmapdocs.lazy import exports

if TYPE_CHECKING:
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
    from roadmapdocs.loader import (
        Document,
        dump,
        dumps,
        load,
        to_data,
    )
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
    from roadmapdocs.rules import (
        Finding,
        Report,
        Severity,
        validate,
    )
    from roadmapdocs.schema import json_schema

try:
    __version__ = version("roadmapdocs")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

_EXPORTS: dict[str, str] = {
    # roadmapdocs.api
    "render": "roadmapdocs.api",
    # roadmapdocs.batch
    "BatchResult": "roadmapdocs.batch",
    "render_many": "roadmapdocs.batch",
    # roadmapdocs.errors
    "ConversionError": "roadmapdocs.errors",
    "DeclensionError": "roadmapdocs.errors",
    "GenderUnknown": "roadmapdocs.errors",
    "LoadError": "roadmapdocs.errors",
    "Location": "roadmapdocs.errors",
    "OutputError": "roadmapdocs.errors",
    "Problem": "roadmapdocs.errors",
    "RenderError": "roadmapdocs.errors",
    "RoadmapdocsError": "roadmapdocs.errors",
    "SofficeNotFound": "roadmapdocs.errors",
    "TemplateError": "roadmapdocs.errors",
    "TemplateNotFound": "roadmapdocs.errors",
    "TemplateSecurityError": "roadmapdocs.errors",
    # roadmapdocs.lang
    "Deadline": "roadmapdocs.lang",
    "DeadlineKind": "roadmapdocs.lang",
    "Frequency": "roadmapdocs.lang",
    "Recurrence": "roadmapdocs.lang",
    "format_date": "roadmapdocs.lang",
    "inflect_name": "roadmapdocs.lang",
    "inflect_position": "roadmapdocs.lang",
    "initials_first": "roadmapdocs.lang",
    "nbsp": "roadmapdocs.lang",
    "parse_deadline": "roadmapdocs.lang",
    "person_name": "roadmapdocs.lang",
    # roadmapdocs.loader
    "Document": "roadmapdocs.loader",
    "dump": "roadmapdocs.loader",
    "dumps": "roadmapdocs.loader",
    "load": "roadmapdocs.loader",
    "to_data": "roadmapdocs.loader",
    # roadmapdocs.model
    "Activity": "roadmapdocs.model",
    "Appendix": "roadmapdocs.model",
    "Clause": "roadmapdocs.model",
    "ControlPoint": "roadmapdocs.model",
    "Indicator": "roadmapdocs.model",
    "IndicatorGroup": "roadmapdocs.model",
    "Order": "roadmapdocs.model",
    "Organisation": "roadmapdocs.model",
    "Party": "roadmapdocs.model",
    "Passport": "roadmapdocs.model",
    "Person": "roadmapdocs.model",
    "Plan": "roadmapdocs.model",
    "Project": "roadmapdocs.model",
    "Roadmap": "roadmapdocs.model",
    "Section": "roadmapdocs.model",
    "Signature": "roadmapdocs.model",
    "Table": "roadmapdocs.model",
    # roadmapdocs.rules
    "Finding": "roadmapdocs.rules",
    "Report": "roadmapdocs.rules",
    "Severity": "roadmapdocs.rules",
    "validate": "roadmapdocs.rules",
    # roadmapdocs.schema
    "json_schema": "roadmapdocs.schema",
}

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


__getattr__, __dir__ = exports(__name__, _EXPORTS, globals())
