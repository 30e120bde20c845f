"""The calendar of terms: what each kind of term becomes, every dated term of the examples in
it, UIDs that survive a new run and a renamed file, the same bytes twice, and the command's
messages, exit codes and files."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import icalendar
import pytest
from click.testing import CliRunner
from dateutil.rrule import rrulestr
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import roadmapdocs
from roadmapdocs.cli import main
from roadmapdocs.lang.deadline import Deadline, DeadlineKind
from roadmapdocs.model.document import DocumentBase
from roadmapdocs.model.kinds import spec_of
from roadmapdocs.model.walk import control_points
from roadmapdocs.monitoring.calendar import PRODID, SUMMARY_LENGTH, build, calendar
from tests.conftest import EXAMPLES

STAMP = dt.datetime(2024, 10, 1, tzinfo=dt.timezone.utc)
EPOCH = "1727740800"  # 01.10.2024 00:00 UTC
ENTRIES = ("VEVENT", "VTODO")


def _roadmap(*activities: dict[str, Any], period: str | None = "2024", **more: Any) -> Any:
    data: dict[str, Any] = {
        "kind": "roadmap",
        "level": "school",
        "title": "Дорожная карта школы",
        "organisation": {"short_name": "МБОУ СОШ № 8"},
        "plan": {"activities": list(activities)},
        **more,
    }
    if period is not None:
        data["period"] = period
    return roadmapdocs.load(data)


def _entries(data: bytes) -> list[Any]:
    return [c for c in icalendar.Calendar.from_ical(data).walk() if c.name in ENTRIES]


def _made(*activities: dict[str, Any], todo: bool = False, **more: Any) -> list[Any]:
    return _entries(
        calendar([("plan.yaml", _roadmap(*activities, **more))], stamp=STAMP, todo=todo)
    )


def _days(entry: Any) -> tuple[dt.date, dt.date]:
    return entry.decoded("dtstart"), entry.decoded("dtend")


# What each kind of term becomes ---------------------------------------------------------------


def test_a_period_is_an_all_day_span_that_ends_the_day_after_its_last() -> None:
    span, day = _made(
        {"number": "1.1", "text": "Анализ", "deadline": "март 2024"},
        {"number": "1.2", "text": "Педсовет", "deadline": "21.02.2024"},
    )
    assert span.name == day.name == "VEVENT"
    assert _days(span) == (dt.date(2024, 3, 1), dt.date(2024, 4, 1))
    assert _days(day) == (dt.date(2024, 2, 21), dt.date(2024, 2, 22))
    # All-day values are dates (VALUE=DATE), which need no time zone.
    assert type(span.decoded("dtstart")) is dt.date
    assert str(span["summary"]) == "1.1 Анализ"
    assert str(span["transp"]) == "TRANSPARENT"  # a term does not make its days busy


def test_a_term_by_a_day_is_an_event_on_that_day_and_on_request_a_to_do() -> None:
    rows = (
        {"number": "1", "text": "Отчёт", "deadline": "до 15 октября 2024"},
        {"number": "2", "text": "Справка", "deadline": "до 1 марта 2024", "status": "выполнено"},
        {"number": "3", "text": "Акт", "deadline": "до 1 мая 2024", "status": "выполнено",
         "done": "28.04.2024"},
        {"number": "4", "text": "Смотр", "deadline": "до 1 июня 2024", "status": "отменено"},
    )  # fmt: skip
    events = _made(*rows)
    assert [e.name for e in events] == ["VEVENT"] * 4
    assert _days(events[0]) == (dt.date(2024, 10, 15), dt.date(2024, 10, 16))
    assert "Состояние: выполнено" in str(events[1]["description"])
    assert str(events[3]["status"]) == "CANCELLED"
    todos = _made(*rows, todo=True)
    assert [t.name for t in todos] == ["VTODO"] * 4
    assert todos[0].decoded("due") == dt.date(2024, 10, 15)
    assert [str(t["status"]) for t in todos] == [
        "NEEDS-ACTION",
        "COMPLETED",
        "COMPLETED",
        "CANCELLED",
    ]
    assert int(todos[1]["percent-complete"]) == 100
    assert todos[2].decoded("completed") == dt.datetime(2024, 4, 28, tzinfo=dt.timezone.utc)
    # Only «до …» terms become to-dos: a period stays an event.
    (period,) = _made({"number": "1", "text": "Анализ", "deadline": "март 2024"}, todo=True)
    assert period.name == "VEVENT"


def test_a_term_from_a_day_is_an_event_on_its_first_day() -> None:
    (event,) = _made({"number": "1", "text": "Кружок", "deadline": "С февраля 2024"})
    assert _days(event) == (dt.date(2024, 2, 1), dt.date(2024, 2, 2))


def test_several_terms_are_an_entry_each_with_a_uid_each() -> None:
    entries = _made({"number": "2", "text": "Диагностика", "deadline": "май, октябрь 2024 г."})
    assert [_days(e) for e in entries] == [
        (dt.date(2024, 5, 1), dt.date(2024, 6, 1)),
        (dt.date(2024, 10, 1), dt.date(2024, 11, 1)),
    ]
    assert len({str(e["uid"]) for e in entries}) == 2
    assert "1 из 2" in str(entries[0]["description"])


@pytest.mark.parametrize(
    ("term", "period", "rule", "first"),
    [
        ("ежеквартально", "2024", {"FREQ": ["MONTHLY"], "INTERVAL": [3]}, dt.date(2024, 1, 1)),
        ("ежемесячно", "2024/2025 учебный год", {"FREQ": ["MONTHLY"]}, dt.date(2024, 9, 1)),
        (
            "Ежегодно: март, май",
            "2024",
            {"FREQ": ["YEARLY"], "BYMONTH": [3, 5], "BYMONTHDAY": [1]},
            dt.date(2024, 3, 1),
        ),
        (
            "до 25 числа каждого месяца",
            "2024",
            {"FREQ": ["MONTHLY"], "BYMONTHDAY": [25]},
            dt.date(2024, 1, 25),
        ),
        (
            "по окончании каждой учебной четверти",
            "2024/2025 учебный год",
            {"FREQ": ["YEARLY"], "BYMONTH": [3, 5, 10, 12], "BYMONTHDAY": [-1]},
            dt.date(2024, 10, 31),
        ),
        (
            "по окончании учебного полугодия",
            "2024/2025 учебный год",
            {"FREQ": ["YEARLY"], "BYMONTH": [5, 12], "BYMONTHDAY": [-1]},
            dt.date(2024, 12, 31),
        ),
        ("1 раз в 2 месяца", "2024", {"FREQ": ["MONTHLY"], "INTERVAL": [2]}, dt.date(2024, 1, 1)),
    ],
)
def test_a_recurring_term_is_a_rule_over_the_period(
    term: str, period: str, rule: dict[str, Any], first: dt.date
) -> None:
    (event,) = _made({"number": "1", "text": "Мониторинг", "deadline": term}, period=period)
    document = _roadmap(period=period)
    got = dict(event["rrule"])
    assert {key: got[key] for key in rule} == rule
    assert set(got) == {*rule, "UNTIL"}
    assert got["UNTIL"] == [document.within[1]]
    start, end = _days(event)
    assert start == first and end == first + dt.timedelta(days=1)
    if "учебн" in term:
        assert "приблизительно" in str(event["description"])


@st.composite
def _recurrences(draw: st.DrawFn) -> dict[str, Any]:
    frequency = draw(
        st.sampled_from(
            ["day", "week", "month", "quarter", "half_year", "year", "school_quarter",
             "school_half_year"]
        )
    )  # fmt: skip
    recurrence: dict[str, Any] = {"frequency": frequency, "interval": draw(st.integers(1, 4))}
    if frequency in ("year", "half_year") and draw(st.booleans()):
        recurrence["months"] = draw(st.lists(st.integers(1, 12), min_size=1, max_size=4))
    if frequency == "month" and draw(st.booleans()):
        recurrence["day"] = draw(st.integers(1, 31))
    return recurrence


@settings(max_examples=150, deadline=None)
@given(
    _recurrences(),
    st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)),
    st.integers(0, 900),
)
def test_a_rule_starts_on_its_first_occurrence_and_stays_in_its_window(
    recurrence: dict[str, Any], start: dt.date, days: int
) -> None:
    """RFC 5545 wants DTSTART to be an occurrence of the rule: the first one in the window."""
    end = start + dt.timedelta(days=days)
    deadline = {"kind": "recurring", "start": start, "end": end, "recurrence": recurrence}
    document = _roadmap({"number": "1", "text": "Сбор", "deadline": deadline}, period=None)
    made = build([document], stamp=STAMP)
    entries = _entries(made.data)
    assert made.terms == 1 and made.placed + made.undated == 1
    if not entries:
        assert made.undated == 1  # no day of the rule falls in the window
        return
    (event,) = entries
    first = event.decoded("dtstart")
    rule = event["rrule"].to_ical().decode()
    midnight = dt.datetime.combine(first, dt.time())
    occurrences = [d.date() for d in rrulestr(rule, dtstart=midnight)]
    assert occurrences and occurrences[0] == first
    assert all(start <= day <= end for day in occurrences)


def test_terms_without_a_date_of_their_own_are_counted_not_lost() -> None:
    document = _roadmap(
        {"number": "1", "text": "Заседание", "deadline": "по необходимости"},
        {"number": "2", "text": "Педсовет", "deadline": "май 2024"},
        {"number": "3", "text": "Курсы", "deadline": "по графику КК ИПК"},
        {"number": "4", "text": "Наставничество", "deadline": "весь период"},
        {"number": "5", "text": "Собрание", "deadline": "когда соберёмся"},
        {"number": "6", "text": "Строка без срока"},
    )
    made = build([document], stamp=STAMP)
    assert (made.terms, made.placed, made.entries, made.undated, made.unanchored) == (5, 2, 2, 3, 0)


def test_a_recurring_term_with_no_period_to_count_from_is_counted_apart() -> None:
    made = build(
        [_roadmap({"number": "1", "text": "Отчёт", "deadline": "ежеквартально"}, period=None)],
        stamp=STAMP,
    )
    assert (made.placed, made.entries, made.undated, made.unanchored) == (0, 0, 0, 1)


def test_control_points_and_nested_activities_are_in_it() -> None:
    document = _roadmap(
        {
            "number": "1",
            "text": "Раздел",
            "activities": [{"number": "1.1", "text": "Вложенное", "deadline": "апрель 2024"}],
        },
        control_points=[{"number": "1", "text": "Утверждён план", "deadline": "до 1 марта 2024"}],
    )
    summaries = [str(e["summary"]) for e in _entries(calendar([document], stamp=STAMP))]
    assert summaries == ["1.1 Вложенное", "КТ 1 Утверждён план"]


def test_the_description_says_the_term_the_people_the_result_and_the_document() -> None:
    long_text = "Проведение мониторинга " + "профессиональных дефицитов педагогов " * 8
    (event,) = _made(
        {
            "number": "1.2",
            "text": long_text,
            "deadline": "май-сентябрь 2024",
            "responsible": ["Зам. директора по УВР", {"body": "ШМО", "people": ["Иванова А.А."]}],
            "result": "Аналитическая справка",
            "status": "выполнено",
            "done": "20.09.2024",
        }
    )
    summary = str(event["summary"])
    assert len(summary) <= SUMMARY_LENGTH and summary.endswith("…")
    assert summary.startswith("1.2 Проведение мониторинга")
    description = str(event["description"]).split("\n")
    assert description == [
        "Мероприятие: " + " ".join(long_text.split()),
        "Срок: май-сентябрь 2024",
        "Ответственные: Зам. директора по УВР; ШМО (Иванова А.А.)",
        "Ожидаемый результат: Аналитическая справка",
        "Состояние: выполнено 20.09.2024",
        "Документ: Дорожная карта школы (МБОУ СОШ № 8)",
        "Файл: plan.yaml",
    ]


def test_the_calendar_itself_is_named_and_made_as_rfc_5545_wants() -> None:
    parsed = icalendar.Calendar.from_ical(calendar([_roadmap()], stamp=STAMP))
    assert str(parsed["prodid"]) == PRODID
    assert str(parsed["version"]) == "2.0"
    assert str(parsed["x-wr-calname"]) == "Сроки мероприятий — МБОУ СОШ № 8"
    assert str(parsed["method"]) == "PUBLISH"
    assert not parsed.walk("VTIMEZONE")  # all-day dates need none
    named = icalendar.Calendar.from_ical(calendar([_roadmap()], stamp=STAMP, name="Наш план"))
    assert str(named["x-wr-calname"]) == "Наш план"


# The examples ---------------------------------------------------------------------------------


def _dated(deadline: Deadline, within: tuple[dt.date, dt.date] | None) -> int:
    """How many entries a term has a date for, read straight from the term."""
    kind = deadline.kind
    if kind is DeadlineKind.SEVERAL and deadline.parts:
        return sum(_dated(part, within) for part in deadline.parts)
    if kind is DeadlineKind.RECURRING:
        anchored = (deadline.start or within) and (deadline.end or within)
        return int(bool(anchored and deadline.recurrence))
    if kind in (DeadlineKind.DATE, DeadlineKind.PERIOD, DeadlineKind.SEVERAL):
        return int(deadline.start is not None and deadline.end is not None)
    if kind is DeadlineKind.WHOLE_PERIOD:
        return int(bool((deadline.start or within) and (deadline.end or within)))
    if kind is DeadlineKind.BY:
        return int(deadline.end is not None)
    if kind is DeadlineKind.FROM:
        return int(deadline.start is not None)
    return 0


def _deadlines(document: DocumentBase) -> list[Deadline]:
    found = [
        activity.deadline
        for _, plan in spec_of(document).plan_tables(document)
        for activity in plan.walk()
        if activity.deadline is not None and activity.deadline.text.strip()
    ]
    return found + [p.deadline for _, p in control_points(document) if p.deadline is not None]


EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_every_dated_term_of_an_example_is_in_the_calendar(example: Path) -> None:
    document = roadmapdocs.load(example)
    made = build([document], stamp=STAMP)
    deadlines = _deadlines(document)
    entries = _entries(made.data)
    assert len(entries) == made.entries == sum(_dated(d, document.within) for d in deadlines)
    assert made.terms == len(deadlines)
    assert made.placed + made.undated + made.unanchored == made.terms
    assert len({str(e["uid"]) for e in entries}) == len(entries)


def test_all_the_examples_in_one_calendar_keep_their_uids_apart() -> None:
    # school-roadmap.yaml and school-roadmap-clean.yaml are one document: alike UIDs get a
    # counter, in the order of the inputs.
    documents = [roadmapdocs.load(p) for p in EXAMPLE_FILES]
    alone = [str(e["uid"]) for d in documents for e in _entries(calendar([d], stamp=STAMP))]
    together = [str(e["uid"]) for e in _entries(calendar(documents, stamp=STAMP))]
    assert len(together) == len(alone) == len(set(together))
    assert sum(a == t for a, t in zip(alone, together, strict=True)) > len(together) // 2


# UIDs and bytes -------------------------------------------------------------------------------


def _uids(data: bytes) -> list[str]:
    return [str(e["uid"]) for e in _entries(data)]


def test_a_uid_follows_the_activity_not_its_term_its_place_or_its_file() -> None:
    one = {"number": "1", "text": "Анализ", "deadline": "март 2024"}
    two = {"number": "2", "text": "Отчёт", "deadline": "до 1 мая 2024"}
    before = _uids(calendar([("a.yaml", _roadmap(one, two))], stamp=STAMP))
    moved = {**one, "deadline": "апрель 2024"}
    added = {"number": "0", "text": "Новое", "deadline": "февраль 2024"}
    after = _uids(calendar([("b.yaml", _roadmap(added, two, moved))], stamp=STAMP))
    assert after[1:] == [before[1], before[0]]
    other = _roadmap(one, two, organisation={"short_name": "МБОУ «Гимназия № 2»"})
    assert not set(_uids(calendar([other], stamp=STAMP))) & set(before)


def test_activities_alike_in_number_and_text_get_uids_of_their_own() -> None:
    row = {"number": "3", "text": "Педсовет", "deadline": "май 2024"}
    first = _uids(calendar([_roadmap(row, row, row)], stamp=STAMP))
    assert len(set(first)) == 3
    assert first == _uids(calendar([_roadmap(row, row, row)], stamp=STAMP))
    assert first[0] == _uids(calendar([_roadmap(row)], stamp=STAMP))[0]


def test_two_runs_give_the_same_bytes_and_a_renamed_file_the_same_uids(tmp_path: Path) -> None:
    renamed = tmp_path / "другое-имя.yaml"
    shutil.copy(EXAMPLES / "school-roadmap.yaml", renamed)
    runner = CliRunner(env={"SOURCE_DATE_EPOCH": EPOCH})
    made = []
    for source, name in ((EXAMPLES, "a.ics"), (EXAMPLES, "b.ics")):
        result = runner.invoke(main, ["calendar", str(source), "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        made.append((tmp_path / name).read_bytes())
    assert made[0] == made[1]
    assert b"DTSTAMP:20241001T000000Z" in made[0]
    result = runner.invoke(main, ["calendar", str(renamed), "-o", str(tmp_path / "c.ics")])
    assert result.exit_code == 0, result.output
    alone = runner.invoke(
        main, ["calendar", str(EXAMPLES / "school-roadmap.yaml"), "-o", str(tmp_path / "d.ics")]
    )
    assert alone.exit_code == 0, alone.output
    assert _uids((tmp_path / "c.ics").read_bytes()) == _uids((tmp_path / "d.ics").read_bytes())


def test_without_source_date_epoch_the_stamp_is_the_newest_input_time(tmp_path: Path) -> None:
    folder = tmp_path / "school"
    folder.mkdir()
    for name in ("school-roadmap.yaml", "school-order.yaml"):
        shutil.copy(EXAMPLES / name, folder / name)
    os.utime(folder / "school-order.yaml", (1_700_000_000, 1_700_000_000))
    os.utime(folder / "school-roadmap.yaml", (1_710_000_000.7, 1_710_000_000.7))
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    runs = []
    for name in ("a.ics", "b.ics"):
        target = tmp_path / name
        done = subprocess.run(
            [sys.executable, "-m", "roadmapdocs", "calendar", str(folder), "-o", str(target)],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        runs.append(target.read_bytes())
    assert runs[0] == runs[1]
    assert set(re.findall(rb"DTSTAMP:(\S+)\r\n", runs[0])) == {b"20240309T160000Z"}


# The command ----------------------------------------------------------------------------------


def test_the_command_writes_the_calendar_and_says_what_is_in_it(tmp_path: Path) -> None:
    target = tmp_path / "сроки.ics"
    source = EXAMPLES / "municipal-roadmap.yaml"
    result = CliRunner().invoke(main, ["calendar", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    made = build([roadmapdocs.load(source)], stamp=STAMP)
    said = (
        f"{target}: сроков в календаре — {made.placed} (записей — {made.entries}); "
        f"без своей даты, не вошли — {made.undated}"
    )
    assert said in result.output
    assert len(_entries(target.read_bytes())) == made.entries
    english = CliRunner().invoke(main, ["calendar", str(source), "-o", str(target), "--lang", "en"])
    assert "terms in the calendar" in english.output


def test_a_bad_input_exits_1_with_its_place_and_writes_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "plan.yaml"
    broken.write_text("kind: roadmap\nlevel: school\ntitle: [\n", encoding="utf-8")
    good = tmp_path / "good.yaml"
    shutil.copy(EXAMPLES / "school-roadmap.yaml", good)
    target = tmp_path / "t.ics"
    result = CliRunner().invoke(main, ["calendar", str(good), str(broken), "-o", str(target)])
    assert result.exit_code == 1
    assert re.search(rf"{re.escape(str(broken))}:\d+", result.output)
    assert "календарь не сделан" in result.output
    assert "Traceback" not in result.output
    assert not target.exists()
    assert {p.name for p in tmp_path.iterdir()} == {"plan.yaml", "good.yaml"}  # no part file


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["{examples}", "-o", "{tmp}/t.txt"], "t.txt: календарь записывается в файл .ics"),
        (["{tmp}/empty", "-o", "{tmp}/t.ics"], "empty: в папке нет документов"),
        (["{tmp}/nothing.yaml", "-o", "{tmp}/t.ics"], "nothing.yaml: файл не найден"),
        (["{examples}/passport.yaml", "-o", "{tmp}/t.ics"], "ни у одного срока нет своей даты"),
        (["{examples}/school-order.yaml", "-o", "{tmp}/нет/t.ics"], "не существует"),
    ],
)
def test_what_the_command_refuses(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "empty").mkdir()
    given_args = [a.format(examples=EXAMPLES, tmp=tmp_path) for a in args]
    result = CliRunner().invoke(main, ["calendar", *given_args])
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert not list(tmp_path.rglob("*.ics"))


def test_the_command_line_loads_icalendar_only_for_the_calendar() -> None:
    probe = "import sys, roadmapdocs.cli; print('icalendar' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


# Any text at all ------------------------------------------------------------------------------

# What the model lets a text hold: anything but the characters Word cannot (C0 controls other
# than tab and line breaks, surrogates, U+FFFE, U+FFFF). C1 controls and line separators stay.
_ANY_TEXT = st.text(
    st.characters(exclude_categories=("Cs",)).filter(
        lambda c: c in "\t\n" or not ("\x00" <= c <= "\x1f" or c in "\ufffe\uffff")
    ),
    max_size=200,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(st.one_of(st.none(), _ANY_TEXT), _ANY_TEXT), min_size=1, max_size=10),
    st.booleans(),
)
def test_any_numbers_and_texts_keep_the_calendar_readable_and_uids_unique(
    rows: list[tuple[str | None, str]], todo: bool
) -> None:
    terms = ["май 2024", "до 15 октября 2024", "май, октябрь 2024 г.", "ежеквартально"]
    activities = [
        {"number": number, "text": text, "deadline": terms[i % len(terms)]}
        for i, (number, text) in enumerate(rows)
    ]
    document = _roadmap(*activities)
    data = calendar([document], stamp=STAMP, todo=todo)
    expected = sum(2 if i % len(terms) == 2 else 1 for i in range(len(rows)))
    entries = _entries(data)
    assert len(entries) == expected
    assert len({str(e["uid"]) for e in entries}) == expected
    for entry in entries:
        summary = str(entry["summary"])
        assert summary and len(summary) <= SUMMARY_LENGTH and "\n" not in summary
    # Every line is whole: CRLF ends, at most 75 octets, no control character but the tab.
    lines = data.split(b"\r\n")
    assert lines[-1] == b""
    for line in lines[:-1]:
        assert len(line) <= 75
        text = line.decode("utf-8")
        assert not any(c != "\t" and (c < " " or "\x7f" <= c <= "\x9f") for c in text)
        assert "\u2028" not in text and "\u2029" not in text
    assert calendar([document], stamp=STAMP, todo=todo) == data
