"""The monitoring rules (RD701–RD703) and RD603 with statuses, on small documents."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import roadmapdocs
from roadmapdocs.cli import main


def _roadmap(*activities: dict[str, Any], **fields: Any) -> roadmapdocs.Document:
    return roadmapdocs.load(
        {
            "kind": "roadmap",
            "level": "school",
            "title": "Дорожная карта",
            "period": "2024",
            "plan": {
                "sections": [{"number": "1", "title": "Раздел", "activities": list(activities)}]
            },
            **fields,
        }
    )


def _activity(**fields: Any) -> dict[str, Any]:
    return {
        "number": "1.1",
        "text": "Педсовет",
        "deadline": "март 2024",
        "responsible": "Зам директора по УВР",
        "result": "Протокол",
        **fields,
    }


def _found(document: roadmapdocs.Document, as_of: date | None = None) -> list[tuple[str, str]]:
    report = roadmapdocs.validate(document, as_of=as_of, select=["RD7", "RD603"])
    return [(f.code, f.message) for f in report]


EVIDENCE: list[tuple[str, dict[str, Any], list[str]]] = [
    ("done with date and report", {"done": "20.03.2024", "report": "Протокол № 3"}, []),
    ("done without a date", {"report": "Протокол № 3"}, ["дата выполнения"]),
    ("done without a report", {"done": "20.03.2024"}, ["что сделано"]),
    ("done with neither", {}, ["дата выполнения и что сделано"]),
]


@pytest.mark.parametrize(
    ("fields", "said"), [c[1:] for c in EVIDENCE], ids=[c[0] for c in EVIDENCE]
)
def test_done_needs_a_date_and_evidence(fields: dict[str, Any], said: list[str]) -> None:
    found = [
        m for c, m in _found(_roadmap(_activity(status="выполнено", **fields))) if c == "RD701"
    ]
    assert len(found) == len(said)
    for message, part in zip(found, said, strict=True):
        assert part in message


def test_only_done_needs_evidence() -> None:
    assert _found(_roadmap(_activity(status="в работе"))) == []


DATES: list[tuple[str, dict[str, Any], date | None, bool]] = [
    ("before the report", {}, date(2024, 10, 1), False),
    ("after the report", {}, date(2024, 3, 1), True),
    ("no report date: silent", {}, None, False),
    ("before the order", {"approval": "УТВЕРЖДЕНА приказом от 01.04.2024 № 12"}, None, True),
    ("after the order", {"approval": "УТВЕРЖДЕНА приказом от 01.02.2024 № 12"}, None, False),
]


@pytest.mark.parametrize(
    ("fields", "as_of", "wrong"), [c[1:] for c in DATES], ids=[c[0] for c in DATES]
)
def test_the_done_date_lies_between_the_document_and_the_report(
    fields: dict[str, Any], as_of: date | None, wrong: bool
) -> None:
    done = _activity(status="выполнено", done="20.03.2024", report="Протокол")
    found = [m for c, m in _found(_roadmap(done, **fields), as_of) if c == "RD702"]
    assert bool(found) is wrong
    if found:
        assert "20.03.2024" in found[0]


def test_an_order_is_dated_by_itself() -> None:
    order = roadmapdocs.load(
        {
            "kind": "order",
            "level": "school",
            "title": "Об утверждении плана",
            "date": "05.09.2024",
            "number": "226",
            "appendices": [
                {
                    "title": "План",
                    "plan": {
                        "activities": [
                            _activity(status="выполнено", done="01.09.2024", report="Справка")
                        ]
                    },
                }
            ],
        }
    )
    (finding,) = roadmapdocs.validate(order, select=["RD702"])
    assert "раньше даты документа 05.09.2024" in finding.message
    assert finding.severity is roadmapdocs.Severity.ERROR


SHARES: list[tuple[str, str | None, str, bool]] = [
    ("a share in range", "%", "54 %", False),
    ("over 100 with a sign", None, "112 %", True),
    ("over 100 by its unit", "%", "540", True),
    ("below 0", "%", "-5", True),
    ("a count is no share", "человек", "140", False),
    ("a word", "%", "высокий", False),
]


@pytest.mark.parametrize(
    ("unit", "value", "wrong"), [c[1:] for c in SHARES], ids=[c[0] for c in SHARES]
)
def test_an_actual_share_lies_in_0_to_100(unit: str | None, value: str, wrong: bool) -> None:
    indicator: dict[str, Any] = {"name": "Доля педагогов", "values": {"2024": "80 %"}}
    indicator["actual"] = {"2024": value}
    if unit:
        indicator["unit"] = unit
    found = [c for c, _ in _found(_roadmap(_activity(), target_indicators=[indicator]))]
    assert ("RD703" in found) is wrong


OVERDUE: list[tuple[str, dict[str, Any], str | None]] = [
    ("no status, no mark", {}, "отметки об исполнении нет"),
    ("done", {"status": "выполнено", "done": "20.03.2024", "report": "П"}, None),
    ("cancelled", {"status": "отменено"}, None),
    ("postponed", {"status": "перенесено"}, None),
    ("still in progress", {"status": "в работе"}, "всё ещё выполняется"),
    ("not done", {"status": "не выполнено"}, "не выполнено"),
    ("a mark", {"execution_mark": "Протокол № 2"}, None),
]


@pytest.mark.parametrize(("fields", "said"), [c[1:] for c in OVERDUE], ids=[c[0] for c in OVERDUE])
def test_overdue_knows_statuses(fields: dict[str, Any], said: str | None) -> None:
    found = [m for c, m in _found(_roadmap(_activity(**fields)), date(2024, 6, 1)) if c == "RD603"]
    if said is None:
        assert found == []
    else:
        (message,) = found
        assert said in message


def test_validate_locates_a_wrong_done_date_and_fails(tmp_path: Path) -> None:
    source = tmp_path / "plan.yaml"
    source.write_text(
        "kind: roadmap\nlevel: school\ntitle: Дорожная карта\nperiod: '2024'\nplan:\n"
        "  activities:\n  - number: '1'\n    text: Педсовет\n    deadline: март 2024\n"
        "    responsible: Директор\n    result: Протокол\n    status: выполнено\n"
        "    done: 15.11.2024\n    report: Протокол № 3\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["validate", str(source), "--as-of", "01.10.2024"])
    assert result.exit_code == 1
    assert "plan.yaml:13:" in result.output and "RD702" in result.output
    assert "15.11.2024" in result.output
