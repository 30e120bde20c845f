"""Reports for people and for programs: grouped text lines, and JSON in a stable schema.

The JSON form is a list of objects, one per finding, with the keys ``file``, ``line``,
``column``, ``code``, ``name``, ``severity``, ``path``, ``element``, ``message``,
``suggestion``, and for a Word or Excel file, which has no lines, ``table``, ``row``,
``paragraph`` and ``sheet`` (``null`` where unknown). A file that could not be loaded contributes one
``RD001 load-error`` object per problem, so a program reads one shape for everything.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from roadmapdocs.errors import LoadError
from roadmapdocs.messages import DEFAULT_LANG, Lang, Phrase
from roadmapdocs.rules.base import Finding, Severity
from roadmapdocs.rules.engine import Report

LOAD_CODE = "RD001"
LOAD_NAME = "load-error"


@dataclass(frozen=True)
class FileResult:
    """What checking one file gave: a report, or the findings of a failed load."""

    file: str
    report: Report


def load_report(error: LoadError) -> Report:
    """The problems of a document that could not be loaded, as findings."""
    findings = [
        Finding(
            code=LOAD_CODE,
            name=LOAD_NAME,
            severity=Severity.ERROR,
            message=problem.message,
            # The field path is the element: a load error has no numbered activity to name.
            element=problem.location.path or "",
            path=(),
            location=problem.location,
        )
        for problem in error.problems
    ]
    return Report(findings=findings)


def _plural(count: int, forms: tuple[Phrase, Phrase, Phrase], lang: Lang) -> str:
    """«1 ошибка», «3 ошибки», «5 ошибок»; in English «1 error», «21 errors»."""
    if lang == "en":
        form = forms[0] if count == 1 else forms[2]
    elif count % 10 == 1 and count % 100 != 11:
        form = forms[0]
    elif 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        form = forms[1]
    else:
        form = forms[2]
    return f"{count} {form.in_(lang)}"


def _forms(ru: tuple[str, str, str], en: tuple[str, str]) -> tuple[Phrase, Phrase, Phrase]:
    """The three Russian forms of a noun (one, two, five) beside the two English ones."""
    return Phrase(ru[0], en[0]), Phrase(ru[1], en[1]), Phrase(ru[2], en[1])


_DOCUMENTS = _forms(("документ", "документа", "документов"), ("document", "documents"))
_COUNTED: dict[Severity, tuple[Phrase, Phrase, Phrase]] = {
    Severity.ERROR: _forms(("ошибка", "ошибки", "ошибок"), ("error", "errors")),
    Severity.WARNING: _forms(
        ("предупреждение", "предупреждения", "предупреждений"), ("warning", "warnings")
    ),
    Severity.INFO: _forms(("сведение", "сведения", "сведений"), ("note", "notes")),
}
_CHECKED = Phrase("Проверено: {documents}; {counts}.", "Checked: {documents}; {counts}.")


def summary(results: Sequence[FileResult], lang: Lang = DEFAULT_LANG) -> str:
    """One line: how many documents, and how many findings of each severity."""
    counts = [
        _plural(sum(r.report.count(level) for r in results), _COUNTED[level], lang)
        for level in Severity
    ]
    documents = _plural(len(results), _DOCUMENTS, lang)
    return _CHECKED.format(documents=documents, counts=", ".join(counts)).in_(lang)


def text(results: Sequence[FileResult], lang: Lang = DEFAULT_LANG) -> str:
    """``file:line: RD101 missing-responsible  мероприятие 2.3: не указан ответственный``,
    grouped per file (a blank line between files), then the summary line."""
    blocks: list[str] = []
    for result in results:
        lines = []
        for finding in result.report:
            place = finding.file or result.file
            if finding.line is not None:
                place += f":{finding.line}"
                if finding.code == LOAD_CODE and finding.location.column is not None:
                    place += f":{finding.location.column}"
            elif finding.location.within:
                place += f": {finding.location.within}"
            line = f"{place}: {finding}"
            if finding.suggestion:
                line += f" ({finding.suggestion})"
            lines.append(line)
        if lines:
            blocks.append("\n".join(lines))
    blocks.append(summary(results, lang))
    return "\n\n".join(blocks)


def records(results: Sequence[FileResult]) -> str:
    """The findings of every file as JSON text, in the schema described above."""
    data = []
    for result in results:
        for finding in result.report:
            entry = finding.to_dict()
            entry["file"] = entry["file"] or result.file
            data.append(entry)
    return json.dumps(data, ensure_ascii=False, indent=2)
