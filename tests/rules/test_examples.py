"""The findings each example must produce: every real defect of the seeds, at its element."""

from __future__ import annotations

import time

import pytest

import roadmapdocs
from tests.conftest import EXAMPLES

MUST_FIND: list[tuple[str, set[tuple[str, str]]]] = [
    (
        "school-roadmap.yaml",
        {
            ("missing-responsible", "контрольная точка 3"),
            ("missing-deadline", "контрольная точка 3"),
            ("repeated-words", "контрольная точка 4"),
            ("repeated-words", "группа рисков 1"),
            ("missing-responsible", "мероприятие 3.7"),
            ("missing-result", "мероприятие 4.3"),
        },
    ),
    (
        "passport.yaml",
        {
            ("missing-responsible", "мероприятие 1.1"),
            ("missing-deadline", "мероприятие 1.1"),
            ("missing-text", "мероприятие 13.6"),
            # Seed 001 goes from 3.1 straight to 3.1.2.
            ("numbering-gap", "мероприятие 3.1.2"),
            ("placeholder", "мероприятие 3.2.1.1"),
            ("placeholder", "мероприятие 1.11"),
            ("placeholder", "перечень показателей"),
            ("repeated-words", "мероприятие 3.2"),
            ("repeated-words", "мероприятие 3.2.1.3"),
            ("duplicate-activity", "мероприятие 6.2.2"),
            ("share-unit-mismatch", "показатель 1.2/1"),
            ("missing-indicator-value", "показатель 1.5/1"),
        },
    ),
    (
        "municipal-roadmap.yaml",
        {
            ("numbering-gap", "контрольная точка 15"),
            ("missing-responsible", "мероприятие 2.2"),
            ("missing-deadline", "мероприятие 2.2"),
            ("placeholder", "мероприятие 4.6"),
            ("markup-in-text", "контрольная точка 8"),
            ("undefined-abbreviation", "мероприятие 1.2"),
        },
    ),
    (
        "school-order.yaml",
        {
            ("order-appendix-mismatch", "приложение 1"),
            ("appendix-reference", "пункт 1"),
            ("duplicate-activity", "мероприятие 1.1"),
            ("inconsistent-abbreviation", "мероприятие 1.6"),
            ("inconsistent-abbreviation", "мероприятие 2.1"),
            ("undefined-abbreviation", "мероприятие 1.2"),
            ("missing-text", "мероприятие 3"),
            ("missing-result", "мероприятие 1.7"),
            ("markup-in-text", "мероприятие 3.4"),
        },
    ),
    (
        "regional-project.yaml",
        {
            ("inconsistent-abbreviation", "мероприятие 1.3"),
            ("markup-in-text", "мероприятие 2.1"),
            ("missing-result", "мероприятие 4.2"),
        },
    ),
]


@pytest.mark.parametrize(("name", "expected"), MUST_FIND, ids=[m[0] for m in MUST_FIND])
def test_example_findings(name: str, expected: set[tuple[str, str]]) -> None:
    report = roadmapdocs.validate(roadmapdocs.load(EXAMPLES / name))
    found = {(f.name, f.element) for f in report}
    assert expected - found == set()


# Rules whose findings on an example are listed in full: anything more is a false finding.
EXACTLY: list[tuple[str, str, set[str]]] = [
    # The period «2024-2025 гг.» is two calendar years: every term of the plan lies inside.
    ("municipal-roadmap.yaml", "deadline-outside-period", set()),
    ("municipal-roadmap.yaml", "numbering-gap", {"контрольная точка 15"}),
    ("passport.yaml", "numbering-gap", {"мероприятие 3.1.2"}),
    ("school-order.yaml", "numbering-gap", set()),
    ("school-roadmap.yaml", "numbering-gap", set()),
    ("regional-project.yaml", "numbering-gap", set()),
    ("passport.yaml", "repeated-words", {"мероприятие 3.2", "мероприятие 3.2.1.3"}),
    ("school-roadmap.yaml", "repeated-words", {"контрольная точка 4", "группа рисков 1"}),
    ("municipal-roadmap.yaml", "repeated-words", set()),
    ("school-order.yaml", "repeated-words", set()),
    ("regional-project.yaml", "repeated-words", set()),
    # Only regional and local abbreviations left unexplained; ОО, ОУ, КПК, ИОМ are common.
    (
        "municipal-roadmap.yaml",
        "undefined-abbreviation",
        {"контрольная точка 4", "мероприятие 1.2", "мероприятие 2.3"},
    ),
    ("passport.yaml", "undefined-abbreviation", {"мероприятие 3.2.2.1", "мероприятие 9.3"}),
    (
        "regional-project.yaml",
        "undefined-abbreviation",
        {"мероприятие 1.6", "мероприятие 2.4", "мероприятие 2.8"},
    ),
    (
        "school-order.yaml",
        "undefined-abbreviation",
        {
            "мероприятие 1.2",
            "мероприятие 1.6",
            "мероприятие 3.1",
            "мероприятие 3.2",
            "мероприятие 3.3",
            "мероприятие 3.5",
        },
    ),
    ("school-roadmap.yaml", "undefined-abbreviation", {"контрольная точка 5", "мероприятие 3.6"}),
]


@pytest.mark.parametrize(
    ("name", "rule", "elements"), EXACTLY, ids=[f"{m[0]}:{m[1]}" for m in EXACTLY]
)
def test_example_findings_of_a_rule_are_exactly(name: str, rule: str, elements: set[str]) -> None:
    report = roadmapdocs.validate(roadmapdocs.load(EXAMPLES / name), as_of=None)
    assert {f.element for f in report if f.name == rule} == elements


@pytest.mark.parametrize("name", ["school-order-clean.yaml", "school-roadmap-clean.yaml"])
def test_corrected_examples_are_clean(name: str) -> None:
    report = roadmapdocs.validate(roadmapdocs.load(EXAMPLES / name), as_of=None)
    assert [str(f) for f in report] == []


def test_all_five_examples_validate_well_under_a_second() -> None:
    documents = [roadmapdocs.load(EXAMPLES / name) for name, _ in MUST_FIND]
    started = time.perf_counter()
    for document in documents:
        roadmapdocs.validate(document)
    assert time.perf_counter() - started < 1.0
