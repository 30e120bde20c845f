"""Reports of many documents at once, and their summary (сводная информация).

Each input — a roadmap, passport, order or project with statuses, or a report saved as YAML,
a municipality's summary among them — is loaded, checked by the monitoring rules and reported
on in a worker of the batch's pool (:func:`roadmapdocs.batch.runner.each`); the summary is
summed up here. A summary has a row per input's organisation, the most overdue first, and
the overdue activities of each; a summary given as an input counts as its organisation's row
and brings its overdue activities along, so a region sums up its municipalities' summaries
the way a municipality sums up its schools.
"""

from __future__ import annotations

import concurrent.futures as cf
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from roadmapdocs import pipeline
from roadmapdocs.batch.runner import each
from roadmapdocs.errors import RoadmapdocsError
from roadmapdocs.importing import is_importable
from roadmapdocs.loader import SUFFIXES
from roadmapdocs.messages import DEFAULT_LANG, Lang, Phrase, language
from roadmapdocs.model.document import LEVELS, Level
from roadmapdocs.model.organisation import Organisation
from roadmapdocs.model.report import OrganisationProgress, OverdueList, Report, Tally
from roadmapdocs.monitoring.progress import report
from roadmapdocs.rules import Report as Checked

RULES = ("RD7",)
"""The rules a report checks its inputs by: the monitoring group (statuses, done dates, actual
shares). Overdue terms are what the report itself lists, so RD603 is not repeated here."""

_NO_INPUTS = Phrase("нет документов для отчёта: {inputs}", "no documents to report on: {inputs}")
_TWICE = Phrase(
    "{organisation}: мероприятие {number} отмечено выполненным и в «{first}», и в «{second}»; "
    "в сводке учтён только «{second}»",
    "{organisation}: activity {number} is reported done both in «{first}» and in «{second}»; "
    "the summary counts «{second}» only",
)
_SAME_DOCUMENT = Phrase(
    "«{first}» и «{second}» — отчёты об одном документе ({organisation}); в сводке учтён "
    "«{second}»",
    "«{first}» and «{second}» report on the same document ({organisation}); the summary "
    "counts «{second}»",
)


@dataclass(frozen=True)
class Reported:
    """What became of one input: its report and the findings of the monitoring rules, or the
    located message saying why there is none."""

    source: str
    report: Report | None = None
    checked: Checked | None = None
    """What the monitoring rules found in the input."""
    error: str | None = None

    @property
    def failed(self) -> bool:
        """No report, or an error found on the way."""
        return self.report is None or (self.checked is not None and self.checked.failed())


@dataclass(frozen=True)
class _Job:
    source: str
    as_of: date
    lang: Lang


def _report_one(job: _Job) -> Reported:
    with language(job.lang):
        try:
            document = pipeline.load(job.source, job.lang)
            checks = _checks(job.as_of)
            checked = pipeline.check(document, checks, job.lang) if checks else None
            return Reported(job.source, report(document, job.as_of), checked)
        except RoadmapdocsError as error:
            return Reported(job.source, error=str(error))


def _checks(as_of: date) -> pipeline.Checks | None:
    """The checks of :data:`RULES` as of the report's date; None when no such rule is
    installed (a plugin set may leave them out), so that nothing runs unasked."""
    from roadmapdocs.rules.discovery import registry

    chosen = [code for code in registry() if code.startswith(RULES)]
    return pipeline.Checks.of(select=chosen, as_of=as_of) if chosen else None


def inputs(entries: Sequence[str]) -> list[Path]:
    """Files and folders (every document inside, not recursively) as files, each once."""
    found: dict[Path, None] = {}
    for entry in entries:
        path = Path(entry)
        if path.is_dir():
            for item in sorted(path.iterdir()):
                if item.is_file() and (item.suffix.lower() in SUFFIXES or is_importable(item)):
                    found.setdefault(item)
        else:
            found.setdefault(path)
    if not found:
        raise RoadmapdocsError(_NO_INPUTS.format(inputs=", ".join(entries)))
    return list(found)


def report_all(
    sources: Sequence[str | Path],
    as_of: date,
    *,
    executor: cf.Executor | None = None,
    jobs: int | None = None,
    lang: Lang = DEFAULT_LANG,
) -> list[Reported]:
    """The report on each of ``sources`` as of ``as_of``, in their order. One input is done
    here; more go to the batch's workers."""
    work = [_Job(str(s), as_of, lang) for s in sources]
    if len(work) == 1:
        return [_report_one(work[0])]
    return list(each(_report_one, work, executor=executor, jobs=jobs))


@dataclass
class Summary:
    """A summary and what was said while making it."""

    report: Report
    warnings: list[str] = field(default_factory=list)
    """What the reader should know: reports on one document given twice, activities reported
    done twice."""


def _name(item: Report, source: str) -> str:
    organisation = item.organisation
    if organisation is not None:
        return organisation.short_name or organisation.full_name or Path(source).stem
    return Path(source).stem


def _above(levels: Sequence[str]) -> Level:
    highest = max((LEVELS.index(level) for level in levels), default=0)
    return LEVELS[min(highest + 1, len(LEVELS) - 1)]


_WHOSE = {
    "school": "общеобразовательных организаций",
    "municipal": "муниципальных органов управления образованием",
    "regional": "регионов",
}


def summarise(
    reported: Sequence[tuple[str, Report]],
    as_of: date,
    *,
    organisation: str | None = None,
    title: str | None = None,
) -> Summary:
    """The summary of ``reported`` (source, report) as of ``as_of``.

    Two reports on one document (the same organisation and subject) count once, the later
    given; an activity reported done in both is named, so that nothing is counted twice
    unnoticed."""
    problems: list[str] = []
    chosen: dict[tuple[str, str], tuple[str, Report]] = {}
    for source, item in reported:
        key = (_name(item, source), item.subject)
        earlier = chosen.get(key)
        if earlier is not None:
            problems.extend(_done_twice(key[0], earlier, (source, item)))
            problems.append(
                str(_SAME_DOCUMENT.format(first=earlier[0], second=source, organisation=key[0]))
            )
        chosen[key] = (source, item)
    rows: list[OrganisationProgress] = []
    overdue: list[OverdueList] = []
    for (name, _), (source, item) in chosen.items():
        rows.append(OrganisationProgress(name=name, source=source, tally=item.tally))
        late = [row for section in item.sections for row in section.rows if row.overdue]
        if late:
            overdue.append(OverdueList(organisation=name, rows=late))
        for group in item.overdue:  # a summary brings its organisations' overdue activities
            overdue.append(
                OverdueList(organisation=f"{group.organisation} ({name})", rows=group.rows)
            )
    rows.sort(key=lambda r: (-r.tally.overdue, r.tally.share or 0.0, r.name))
    order = {row.name: place for place, row in enumerate(rows)}
    overdue.sort(key=lambda g: order.get(g.organisation.split(" (")[0], len(order)))
    levels = [item.level for _, item in chosen.values()]
    whose = _WHOSE[levels[0]] if len(set(levels)) == 1 else "организаций"
    subject = f"дорожных карт {whose}"
    return Summary(
        Report(
            level=_above(levels),
            title=title or f"Сводная информация о ходе реализации {subject}",
            organisation=Organisation(full_name=organisation) if organisation else None,
            as_of=as_of,
            subject=subject,
            tally=sum((row.tally for row in rows), Tally()),
            organisations=rows,
            overdue=overdue,
        ),
        problems,
    )


def _done_twice(
    organisation: str, first: tuple[str, Report], second: tuple[str, Report]
) -> list[str]:
    def done(item: Report) -> set[str]:
        return {
            row.number or row.text
            for section in item.sections
            for row in section.rows
            if row.state.startswith("выполнено")
        }

    return [
        str(
            _TWICE.format(
                organisation=organisation, number=number, first=first[0], second=second[0]
            )
        )
        for number in sorted(done(first[1]) & done(second[1]))
    ]
