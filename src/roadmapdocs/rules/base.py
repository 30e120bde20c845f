"""What a rule is and what it reports: severities, findings, the rule contract.

A rule is a function decorated with :func:`rule`: it gets a :class:`Context` and yields
:class:`Hit` values — a field path and a message in Russian and English. The engine turns hits into
:class:`Finding` objects, adding what the rule should not have to know: the configured severity,
the element as the document numbers it, and the file and line the value came from. Which rules run
is the configuration's business (:mod:`roadmapdocs.rules.config`); which rules exist, the
registry's (:mod:`roadmapdocs.rules.discovery`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Any

from roadmapdocs.errors import ConfigError, Location, RuleConflict
from roadmapdocs.lazy import exports
from roadmapdocs.messages import DEFAULT_LANG, Lang, text
from roadmapdocs.messages import Phrase as Phrase  # the rule contract names it here too
from roadmapdocs.model import Document
from roadmapdocs.sourcemap import PathKey

if TYPE_CHECKING:
    from roadmapdocs.rules.config import Config

# Names that moved to rules.config and rules.discovery stay importable from here, for rule
# plugins written against the old layout; they are imported on first use, since those modules
# import this one. New code imports them from where they live.
__getattr__, __dir__ = exports(
    __name__,
    {
        "Config": "roadmapdocs.rules.config",
        "resolve": "roadmapdocs.rules.config",
        "ENTRY_POINT_GROUP": "roadmapdocs.rules.discovery",
        "registry": "roadmapdocs.rules.discovery",
    },
    globals(),
)

__all__ = [
    "Check",
    "ConfigError",
    "Context",
    "Finding",
    "Hit",
    "Phrase",
    "Rule",
    "RuleConflict",
    "Severity",
    "rule",
]


class Severity(str, Enum):
    """How much a finding matters: an error blocks signing, a warning asks for a look."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for errors, 1 for warnings, 2 for info: sort order, most serious first."""
        return ("error", "warning", "info").index(self.value)

    def label(self, lang: Lang = DEFAULT_LANG) -> str:
        """The severity as a reader sees it."""
        return text(f"severity_{self.value}", lang)


@dataclass(frozen=True)
class Hit:
    """What a rule reports: where (a field path) and what (a message, maybe a suggestion)."""

    path: PathKey
    message: Phrase
    suggestion: Phrase | None = None


@dataclass(frozen=True)
class Finding:
    """One problem found in a document, located and worded for the reader."""

    code: str
    """«RD101»."""
    name: str
    """«missing-responsible»."""
    severity: Severity
    message: str
    """What is wrong, without the element: «не указан ответственный»."""
    element: str
    """The element as the document numbers it: «мероприятие 2.3»."""
    path: PathKey
    """The field path as a tuple, for tools that anchor the finding (a Word comment, an editor)."""
    location: Location
    """File, line and column where the value stands, and the path as text."""
    suggestion: str | None = None

    @property
    def file(self) -> str | None:
        return self.location.file

    @property
    def line(self) -> int | None:
        return self.location.line

    @property
    def dotted_path(self) -> str:
        """``plan.sections[1].activities[3].responsible``."""
        return self.location.path or ""

    def __str__(self) -> str:
        where = f"{self.element}: " if self.element else ""
        return f"{self.code} {self.name}  {where}{self.message}"

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON form (documented in docs/rules.md)."""
        return {
            "file": self.location.file,
            "line": self.location.line,
            "column": self.location.column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "path": self.dotted_path,
            "element": self.element,
            "message": self.message,
            "suggestion": self.suggestion,
            # In a Word or Excel file, which has no lines: where, in its user's terms.
            "table": self.location.table,
            "row": self.location.row,
            "paragraph": self.location.paragraph,
            "sheet": self.location.sheet,
        }


@dataclass
class Context:
    """What a rule sees: the document, the validation date, the language and the configuration."""

    document: Document
    config: Config
    as_of: date | None = None
    lang: Lang = DEFAULT_LANG
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    def shared(self, key: str, compute: Callable[[], Any]) -> Any:
        """A value several rules need (the list of abbreviations used), computed once."""
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]


Check = Callable[[Context], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    """A rule: code, kebab-case name, default severity, the check, and its documentation."""

    code: str
    name: str
    severity: Severity
    check: Check
    doc: str
    origin: str = "roadmapdocs"
    """Who provides the rule: roadmapdocs or the distribution of a third-party plugin."""

    @property
    def summary(self) -> str:
        """The first line of the documentation."""
        return self.doc.strip().splitlines()[0] if self.doc.strip() else ""

    def __call__(self, context: Context) -> Iterable[Hit]:
        return self.check(context)


def rule(code: str, name: str, severity: Severity) -> Callable[[Check], Rule]:
    """Make a check function a rule. Its docstring is the rule's documentation page."""

    def make(check: Check) -> Rule:
        doc = _dedent(check.__doc__ or "")
        return Rule(code=code, name=name, severity=severity, check=check, doc=doc)

    return make


def _dedent(doc: str) -> str:
    lines = doc.expandtabs().splitlines()
    if not lines:
        return ""
    rest = [line for line in lines[1:] if line.strip()]
    indent = min((len(line) - len(line.lstrip()) for line in rest), default=0)
    return "\n".join([lines[0].strip(), *(line[indent:] for line in lines[1:])]).strip()
