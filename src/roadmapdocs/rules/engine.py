"""Running the rules over a document and collecting what they find into a :class:`Report`."""

from __future__ import annotations

import traceback
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

from roadmapdocs import collector
from roadmapdocs.messages import DEFAULT_LANG, Lang, Phrase
from roadmapdocs.model import Document
from roadmapdocs.rules.base import Context, Finding, Rule, Severity
from roadmapdocs.rules.config import Config
from roadmapdocs.rules.discovery import registry
from roadmapdocs.rules.elements import element
from roadmapdocs.sourcemap import locate

INTERNAL_CODE = "RD000"
INTERNAL_NAME = "internal-error"


@dataclass(frozen=True)
class Report:
    """The findings on one document, most serious and earliest first."""

    findings: list[Finding] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    """Codes of the rules that ran."""

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def errors(self) -> int:
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        return self.count(Severity.WARNING)

    def failed(self, *, strict: bool = False) -> bool:
        """Whether the document should not be signed: errors, or with ``strict`` also warnings."""
        return bool(self.errors or (strict and self.warnings))


def _internal(rule: Rule, error: Exception, document: Document, lang: Lang) -> Finding:
    # Where in the rule it failed is what a bug report needs; the last frame says it.
    frame = traceback.extract_tb(error.__traceback__)[-1]
    where = f"{frame.name}:{frame.lineno}"
    detail = f"{type(error).__name__}: {error}, {where}"
    message = Phrase(
        "правило {code} {name} завершилось сбоем ({detail})",
        "rule {code} {name} crashed ({detail})",
    ).format(code=rule.code, name=rule.name, detail=detail)
    return Finding(
        code=INTERNAL_CODE,
        name=INTERNAL_NAME,
        severity=Severity.ERROR,
        message=message.in_(lang),
        element="",
        path=(),
        location=locate(document, ()),
    )


def run(rules: Sequence[Rule], context: Context) -> list[Finding]:
    """Run ``rules``; a rule that raises becomes one internal finding and the others still run."""
    document, lang = context.document, context.lang
    findings: list[Finding] = []
    for item in rules:
        try:
            hits = list(item(context))
        except Exception as error:  # a rule's bug must not hide what the other rules find
            findings.append(_internal(item, error, document, lang))
            continue
        for hit in hits:
            findings.append(
                Finding(
                    code=item.code,
                    name=item.name,
                    severity=item.severity,
                    message=hit.message.in_(lang),
                    element=element(document, hit.path, lang),
                    path=hit.path,
                    location=locate(document, hit.path),
                    suggestion=hit.suggestion.in_(lang) if hit.suggestion else None,
                )
            )
    findings.sort(key=lambda f: (f.location.line or 0, f.location.column or 0, f.code))
    return findings


def validate(
    document: Document,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    as_of: date | None = None,
    lang: Lang = DEFAULT_LANG,
    config: Config | None = None,
) -> Report:
    """Check a document against the rules and report every finding.

    ``select`` and ``ignore`` take codes («RD101»), code prefixes («RD1»), names
    («missing-responsible») or ``ALL``; given here they override ``config``. ``as_of`` is the date
    to check terms against (the ``overdue`` rule runs only with it). Never raises on a loaded
    document: a rule that fails is reported as finding RD000.

    The cycle collector is paused while the rules run (:mod:`roadmapdocs.collector`): they walk
    the whole document, and the collector's passes over a large plan's objects, each finding
    nothing to free, were a fifth of the check at 32,000 activities.
    """
    settings = (config or Config()).override(select=select, ignore=ignore)
    active = settings.active(registry())
    context = Context(document=document, config=settings, as_of=as_of, lang=lang)
    with collector.paused():
        findings = run(active, context)
    return Report(findings=findings, rules=[r.code for r in active])
