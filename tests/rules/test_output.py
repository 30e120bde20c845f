"""Reports for people: the summary line and the text report, in Russian and in English."""

from __future__ import annotations

import pytest

import roadmapdocs
from roadmapdocs.errors import LoadError, Location
from roadmapdocs.messages import Lang
from roadmapdocs.rules.base import Finding, Severity
from roadmapdocs.rules.engine import Report, validate
from roadmapdocs.rules.output import FileResult, load_report, summary, text
from tests.wording import is_english, is_russian

_ERROR = Finding(
    code="RD101",
    name="missing-responsible",
    severity=Severity.ERROR,
    message="",
    element="",
    path=(),
    location=Location(),
)


@pytest.mark.parametrize(
    ("errors", "lang", "expected"),
    [
        (1, "ru", "Проверено: 1 документ; 1 ошибка, 0 предупреждений, 0 сведений."),
        (3, "ru", "Проверено: 1 документ; 3 ошибки, 0 предупреждений, 0 сведений."),
        (11, "ru", "Проверено: 1 документ; 11 ошибок, 0 предупреждений, 0 сведений."),
        (21, "ru", "Проверено: 1 документ; 21 ошибка, 0 предупреждений, 0 сведений."),
        (1, "en", "Checked: 1 document; 1 error, 0 warnings, 0 notes."),
        (3, "en", "Checked: 1 document; 3 errors, 0 warnings, 0 notes."),
        (21, "en", "Checked: 1 document; 21 errors, 0 warnings, 0 notes."),
    ],
)
def test_the_summary_counts_in_the_language_asked(errors: int, lang: Lang, expected: str) -> None:
    results = [FileResult("plan.yaml", Report(findings=[_ERROR] * errors))]
    assert summary(results, lang) == expected


def _results(lang: Lang) -> list[FileResult]:
    checked = roadmapdocs.load(
        {
            "kind": "roadmap",
            "level": "school",
            "goal": "Повысить качество образования",
            "plan": {"activities": [{"number": "1", "text": "Урок"}]},
        },
        lang=lang,
    )
    with pytest.raises(LoadError) as broken:
        roadmapdocs.load({"kind": "roadmap", "level": "school", "plan": {"numbr": 1}}, lang=lang)
    return [
        FileResult("plan.yaml", validate(checked, lang=lang)),
        FileResult("broken.yaml", load_report(broken.value)),
    ]


def test_an_english_text_report_has_no_russian_label() -> None:
    report = text(_results("en"), "en")
    assert report.endswith("Checked: 2 documents; 3 errors, 1 warning, 0 notes.")
    assert "activity 1: " in report
    assert all(is_english(line) for line in report.splitlines()), report


def test_the_text_report_is_russian_by_default() -> None:
    report = text(_results("ru"))
    assert report.endswith("Проверено: 2 документа; 3 ошибки, 1 предупреждение, 0 сведений.")
    assert is_russian(report.splitlines()[-1])
