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


EVIDENCE: list[tuple[str, dict[str, Any], str | None, str | None]] = [
    ("done with date and report", {"done": "20.03.2024", "report": "Протокол № 3"}, None, None),
    ("done without a date", {"report": "Протокол № 3"}, "не указана дата выполнения", "done:"),
    ("done without a report", {"done": "20.03.2024"}, "не указано, что сделано", "report:"),
    ("done with neither", {}, "не указаны дата выполнения и что сделано", "done: ДД.ММ.ГГГГ и"),
    ("a blank report is none", {"done": "20.03.2024", "report": " – "}, "что сделано", "report:"),
]


@pytest.mark.parametrize("as_of", [None, date(2024, 6, 1)], ids=["no date", "as of a date"])
@pytest.mark.parametrize(
    ("fields", "said", "fix"), [c[1:] for c in EVIDENCE], ids=[c[0] for c in EVIDENCE]
)
def test_done_needs_a_date_and_evidence(
    fields: dict[str, Any], said: str | None, fix: str | None, as_of: date | None
) -> None:
    document = _roadmap(_activity(status="выполнено", **fields))
    found = roadmapdocs.validate(document, as_of=as_of, select=["RD701"]).findings
    if said is None:
        assert found == []
        return
    (finding,) = found
    assert said in finding.message
    assert finding.suggestion is not None and fix in finding.suggestion
    assert finding.severity is roadmapdocs.Severity.WARNING
    assert finding.dotted_path.endswith(".status")


def test_the_fix_names_only_the_missing_field() -> None:
    document = _roadmap(_activity(status="выполнено", done="20.03.2024"))
    (finding,) = roadmapdocs.validate(document, select=["RD701"])
    assert finding.suggestion is not None and "done:" not in finding.suggestion


def test_only_done_needs_evidence() -> None:
    assert _found(_roadmap(_activity(status="в работе"))) == []


DATES: list[tuple[str, dict[str, Any], date | None, bool]] = [
    ("before the report", {}, date(2024, 10, 1), False),
    ("after the report", {}, date(2024, 3, 1), True),
    ("no report date: silent", {}, None, False),
    ("before the order", {"approval": "УТВЕРЖДЕНА приказом от 01.04.2024 № 12"}, None, True),
    ("after the order", {"approval": "УТВЕРЖДЕНА приказом от 01.02.2024 № 12"}, None, False),
    ("on the day of the report", {}, date(2024, 3, 20), False),
    (
        "an amended stamp: its first order counts",
        {"approval": "УТВЕРЖДЕНА приказом от 01.02.2024 № 12 (в ред. приказа от 10.04.2024 № 30)"},
        None,
        False,
    ),
    (
        "before the order, with a date of the check",
        {"approval": "УТВЕРЖДЕНА приказом от 01.04.2024 № 12"},
        date(2024, 10, 1),
        True,
    ),
    ("a stamp of one word has no date", {"approval": "УТВЕРЖДЕНА"}, None, False),
    ("the period's start is no bound", {"period": "2024–2025"}, None, False),
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
        assert ("01.04.2024" in found[0]) is ("approval" in fields)


def test_the_done_date_says_both_dates() -> None:
    done = _activity(status="выполнено", done="15.11.2024", report="Протокол")
    (finding,) = roadmapdocs.validate(_roadmap(done), as_of=date(2024, 10, 1), select=["RD702"])
    assert finding.message == "дата выполнения 15.11.2024 позже даты отчёта 01.10.2024"
    assert finding.severity is roadmapdocs.Severity.ERROR
    assert finding.dotted_path.endswith(".done")


def test_a_done_date_counts_without_a_status() -> None:
    # A date written with no status is still a date of execution, and still checked.
    done = _activity(done="15.11.2024")
    report = roadmapdocs.validate(_roadmap(done), as_of=date(2024, 10, 1), select=["RD702"])
    assert [f.code for f in report] == ["RD702"]


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
    ("a share unit spelt out", "доля", "540", True),
    ("a typographic minus", None, "−5 %", True),
    ("a range over 100", None, "90–120 %", True),
    ("a range in range", None, "80–85 %", False),
    ("a count beside a percentage", None, "24 % (120 чел.)", False),
    ("zero", "%", "0", False),
    ("a hundred", "%", "100", False),
]


@pytest.mark.parametrize(
    ("unit", "value", "wrong"), [c[1:] for c in SHARES], ids=[c[0] for c in SHARES]
)
def test_an_actual_share_lies_in_0_to_100(unit: str | None, value: str, wrong: bool) -> None:
    indicator: dict[str, Any] = {"name": "Доля педагогов", "values": {"2024": "80 %"}}
    indicator["actual"] = {"2024": value}
    if unit:
        indicator["unit"] = unit
    for as_of in (None, date(2025, 1, 1)):
        found = [c for c, _ in _found(_roadmap(_activity(), target_indicators=[indicator]), as_of)]
        assert ("RD703" in found) is wrong


def test_a_share_out_of_range_is_said_with_its_period() -> None:
    indicator = {"name": "Доля педагогов", "unit": "%", "actual": {"I полугодие 2024": "-3"}}
    document = _roadmap(_activity(), target_indicators=[indicator])
    (finding,) = roadmapdocs.validate(document, select=["RD703"])
    assert finding.message == "факт за I полугодие 2024 — «-3», доля не может быть меньше 0"
    assert finding.dotted_path == "target_indicators[0].actual.I полугодие 2024"


PLANNED: list[tuple[str, str, dict[str, Any], set[str]]] = [
    (
        "a share by its unit only",
        "Охват детей",
        {"unit": "%", "values": {"2024": "120"}},
        {"RD703"},
    ),
    ("its baseline too", "Охват детей", {"unit": "%", "baseline": "140"}, {"RD703"}),
    ("a planned percentage in range", "Охват детей", {"values": {"2024": "95 %"}}, set()),
    # A share by its name is RD501's to check: one value, one finding.
    ("a share by its name", "Доля педагогов", {"values": {"2024": "120 %"}}, {"RD501"}),
    ("a count beside a share", "Доля педагогов", {"values": {"2024": "24 % (120 чел.)"}}, set()),
    ("a count", "Число кружков", {"unit": "ед.", "values": {"2024": "120"}}, set()),
]


@pytest.mark.parametrize(
    ("name", "fields", "codes"), [c[1:] for c in PLANNED], ids=[c[0] for c in PLANNED]
)
def test_planned_shares_are_checked_once(
    name: str, fields: dict[str, Any], codes: set[str]
) -> None:
    document = _roadmap(_activity(), target_indicators=[{"name": name, **fields}])
    report = roadmapdocs.validate(document, select=["RD501", "RD703"])
    assert {f.code for f in report} == codes


OVERDUE: list[tuple[str, dict[str, Any], str | None]] = [
    ("no status, no mark", {}, "отметки об исполнении нет"),
    ("done", {"status": "выполнено", "done": "20.03.2024", "report": "П"}, None),
    ("cancelled", {"status": "отменено"}, None),
    ("postponed", {"status": "перенесено"}, None),
    ("still in progress", {"status": "в работе"}, "всё ещё выполняется"),
    ("not done", {"status": "не выполнено"}, "не выполнено"),
    ("a mark", {"execution_mark": "Протокол № 2"}, None),
    ("a mark saying done", {"execution_mark": "Выполнено 20.03.2024"}, None),
    ("a mark saying not done", {"execution_mark": "Не выполнено"}, "мероприятие не выполнено"),
    ("a mark saying postponed", {"execution_mark": "Перенесено на 2025 год"}, None),
    ("a dash is no mark", {"execution_mark": "–"}, "отметки об исполнении нет"),
    ("a status wins over a mark", {"status": "в работе", "execution_mark": "Протокол"}, "ещё"),
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


def test_overdue_in_progress_is_worded_and_fixed_for_its_status() -> None:
    document = _roadmap(_activity(status="выполняется"))
    (finding,) = roadmapdocs.validate(document, as_of=date(2024, 6, 1), select=["RD603"])
    assert finding.message == "срок «март 2024» истёк 31.03.2024, а мероприятие всё ещё выполняется"
    assert finding.suggestion is not None and "status: перенесено" in finding.suggestion


@pytest.mark.parametrize("status", ["выполняется", "не выполнено", None])
def test_overdue_is_silent_without_a_date(status: str | None) -> None:
    fields = {"status": status} if status else {}
    assert [c for c, _ in _found(_roadmap(_activity(**fields)))] == []


def test_a_wrong_actual_share_is_located_in_the_file(tmp_path: Path) -> None:
    source = tmp_path / "plan.yaml"
    source.write_text(
        "kind: roadmap\nlevel: school\ntitle: Дорожная карта\nperiod: '2024'\nplan:\n"
        "  activities:\n  - number: '1'\n    text: Педсовет\n    deadline: март 2024\n"
        "    responsible: Директор\n    result: Протокол\ntarget_indicators:\n"
        "- name: Охват детей\n  unit: '%'\n  values:\n    2024: 90\n  actual:\n"
        "    2024: 540\n",
        encoding="utf-8",
    )
    (finding,) = roadmapdocs.validate(roadmapdocs.load(source), select=["RD703"])
    assert finding.line == 18
