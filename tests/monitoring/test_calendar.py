"""The calendar of terms: what each kind of term becomes, stable UIDs, nothing left unsaid."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import icalendar
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import roadmapdocs
from roadmapdocs.cli import main
from roadmapdocs.model.kinds import spec_of
from roadmapdocs.monitoring.calendar import calendar
from tests.conftest import EXAMPLES

STAMP = dt.datetime(2024, 10, 1, tzinfo=dt.timezone.utc)


def _roadmap(*activities: dict[str, Any]) -> roadmapdocs.Document:
    return roadmapdocs.load(
        {
            "kind": "roadmap",
            "level": "school",
            "title": "Дорожная карта школы",
            "organisation": {"short_name": "МБОУ СОШ № 8"},
            "period": "2024",
            "plan": {"activities": list(activities)},
        }
    )


def _components(document: roadmapdocs.Document) -> list[Any]:
    made = calendar([(document, "plan.yaml")], stamp=STAMP)
    parsed = icalendar.Calendar.from_ical(made.data)
    return [c for c in parsed.walk() if c.name in ("VEVENT", "VTODO")]


def test_a_period_is_an_all_day_span() -> None:
    (event,) = _components(_roadmap({"number": "1", "text": "Анализ", "deadline": "март 2024"}))
    assert event.name == "VEVENT"
    assert event.decoded("dtstart") == dt.date(2024, 3, 1)
    assert event.decoded("dtend") == dt.date(2024, 4, 1)  # the day after the last one
    assert str(event["summary"]) == "1 Анализ"


def test_a_term_by_a_day_is_a_due_date_and_done_is_ticked() -> None:
    todo, done = _components(
        _roadmap(
            {"number": "1", "text": "Отчёт", "deadline": "до 15 октября 2024"},
            {"number": "2", "text": "Справка", "deadline": "до 1 марта 2024", "status": "done"},
        )
    )
    assert todo.name == "VTODO" and todo.decoded("due") == dt.date(2024, 10, 15)
    assert str(todo["status"]) == "NEEDS-ACTION" and str(done["status"]) == "COMPLETED"


@pytest.mark.parametrize(
    ("term", "rule"),
    [
        ("ежеквартально", {"FREQ": ["MONTHLY"], "INTERVAL": [3]}),
        ("ежемесячно", {"FREQ": ["MONTHLY"]}),
        ("Ежегодно: март, май", {"FREQ": ["YEARLY"], "BYMONTH": [3, 5]}),
    ],
)
def test_a_recurring_term_is_a_rule_over_the_period(term: str, rule: dict[str, Any]) -> None:
    (event,) = _components(_roadmap({"number": "1", "text": "Мониторинг", "deadline": term}))
    got = dict(event["rrule"])
    for key, value in rule.items():
        assert got[key] == value
    assert got["UNTIL"] == [dt.date(2024, 12, 31)]
    assert event.decoded("dtstart") == dt.date(2024, 1, 1)


def test_terms_without_a_date_are_counted_not_lost() -> None:
    document = _roadmap(
        {"number": "1", "text": "Заседание", "deadline": "по необходимости"},
        {"number": "2", "text": "Педсовет", "deadline": "май 2024"},
    )
    made = calendar([(document, "plan.yaml")], stamp=STAMP)
    assert (made.placed, made.undated) == (1, 1)
    assert "по необходимости" in made.undated_terms[0]


def _dated_terms(document: roadmapdocs.Document) -> int:
    count = 0
    for _, plan in spec_of(document).plan_tables(document):
        count += sum(1 for a in plan.walk() if a.deadline is not None and a.deadline.text.strip())
    points = getattr(document, "control_points", None) or []
    return count + sum(1 for p in points if p.deadline is not None and p.deadline.text.strip())


@pytest.mark.parametrize("example", sorted(p.stem for p in EXAMPLES.glob("*.yaml")))
def test_every_term_of_the_examples_is_placed_or_counted(example: str) -> None:
    document = roadmapdocs.load(EXAMPLES / f"{example}.yaml")
    made = calendar([(document, example)], stamp=STAMP)
    assert made.placed + made.undated == _dated_terms(document)
    parsed = icalendar.Calendar.from_ical(made.data)
    components = [c for c in parsed.walk() if c.name in ("VEVENT", "VTODO")]
    assert len(components) >= made.placed
    assert len({str(c["uid"]) for c in components}) == len(components)


def test_two_runs_give_the_same_bytes_and_a_renamed_file_the_same_uids(tmp_path: Path) -> None:
    source = EXAMPLES / "school-roadmap.yaml"
    renamed = tmp_path / "другое-имя.yaml"
    renamed.write_bytes(source.read_bytes())
    runner = CliRunner(env={"SOURCE_DATE_EPOCH": "1727740800"})
    outputs = []
    for given_file, name in ((source, "a.ics"), (source, "b.ics"), (renamed, "c.ics")):
        result = runner.invoke(main, ["calendar", str(given_file), "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        assert "сроков в календаре" in result.output
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]

    def uids(data: bytes) -> list[str]:
        parsed = icalendar.Calendar.from_ical(data)
        return [str(c["uid"]) for c in parsed.walk() if c.name in ("VEVENT", "VTODO")]

    assert uids(outputs[0]) == uids(outputs[2])


def test_a_bad_input_exits_1_and_writes_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "plan.yaml"
    broken.write_text("kind: roadmap\nlevel: school\ntitle: [\n", encoding="utf-8")
    target = tmp_path / "t.ics"
    result = CliRunner().invoke(main, ["calendar", str(broken), "-o", str(target)])
    assert result.exit_code == 1
    assert "plan.yaml:" in result.output
    assert not target.exists()
    result = CliRunner().invoke(main, ["calendar", str(EXAMPLES), "-o", str(tmp_path / "t.txt")])
    assert result.exit_code == 1 and ".ics" in result.output


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=60)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), _TEXT), _TEXT), min_size=1, max_size=12))
def test_any_texts_keep_the_calendar_readable_and_uids_unique(
    rows: list[tuple[str | None, str]],
) -> None:
    activities = [{"number": number, "text": text, "deadline": "май 2024"} for number, text in rows]
    components = _components(_roadmap(*activities))
    assert len(components) == len(rows)
    assert len({str(c["uid"]) for c in components}) == len(rows)
