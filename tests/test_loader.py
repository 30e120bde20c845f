"""Tests of roadmapdocs.loader: reading YAML/JSON/mappings with located errors, writing YAML."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import roadmapdocs
from roadmapdocs import LoadError, Order
from roadmapdocs.loader import dumps, locate
from tests.strategies import documents


def problems(source: object, **kwargs: object) -> list[roadmapdocs.Problem]:
    with pytest.raises(LoadError) as caught:
        roadmapdocs.load(source, **kwargs)  # type: ignore[arg-type]
    return caught.value.problems


@pytest.mark.parametrize(
    ("text", "line", "column", "path", "type_", "words"),
    [
        ("kind: order\ntitle: [\n", 3, 1, None, "yaml_syntax", "ошибка синтаксиса YAML"),
        (
            "kind: order\ndate: 31.02.2024\n",
            2,
            7,
            "date",
            "date_invalid",
            "нет такой даты: 31.02.2024",
        ),
        (
            "kind: order\ndate: вчера\n",
            2,
            7,
            "date",
            "date_from_datetime_parsing",
            "5 сентября 2024 г.",
        ),
        ("kind: order\nclauses: 5\n", 2, 10, "clauses", "list_type", "ожидается список"),
        ("kind: foo\n", 1, 7, "kind", "union_tag_invalid", "неизвестный вид документа «foo»"),
        ("title: x\n", 1, 1, None, "union_tag_not_found", "не указан вид документа"),
        ("kind: order\ntitel: x\n", 2, 1, "titel", "extra_forbidden", "имелось в виду «title»"),
        ("kind: roadmap\n", 1, 1, "level", "missing", "обязательное поле"),
        (
            "kind: order\nappendices:\n  - plan:\n      activities:\n        - text: 5\n          respnsible: x\n",
            6,
            11,
            "appendices[0].plan.activities[0].respnsible",
            "extra_forbidden",
            "responsible",
        ),
        ("kind: order\ntitle: a\ntitle: b\n", 3, 1, "title", "duplicate_key", "указано дважды"),
        ('kind: order\ntitle: "a\\x07b"\n', 2, 8, "title", "xml_char", "U+0007"),
        ("- kind: order\n", 1, 1, "", "not_mapping", "набором полей"),
        ("", 1, 1, None, "empty", "файл пуст"),
    ],
)
def test_load_errors_are_located(
    text: str, line: int, column: int, path: str | None, type_: str, words: str
) -> None:
    (problem,) = problems(text)
    assert (problem.location.line, problem.location.column) == (line, column)
    if path is not None:
        assert problem.location.path == path
    assert problem.type == type_
    assert words in problem.message


def test_a_bad_deadline_mapping_shows_the_reader_s_message() -> None:
    text = (
        "kind: order\nappendices:\n  - plan:\n      activities:\n        - text: a\n"
        "          deadline: {kind: nonsense, text: x}\n"
    )
    (problem,) = problems(text)
    where = problem.location
    assert (where.line, where.column) == (6, 21)
    assert where.path == "appendices[0].plan.activities[0].deadline"
    assert problem.type == "deadline"
    assert problem.message.startswith("неизвестный вид срока «nonsense»; возможны: date,")
    assert "Value error" not in problem.message
    (problem,) = problems(text, lang="en")
    assert problem.message.startswith("invalid deadline: неизвестный вид срока «nonsense»")


def test_every_problem_is_listed_in_file_order(tmp_path: Path) -> None:
    path = tmp_path / "order.yaml"
    path.write_text("kind: order\ntitel: x\ndate: 99.99.2024\nclauses: 5\n", encoding="utf-8")
    found = problems(path)
    assert [p.location.line for p in found] == [2, 3, 4]
    assert all(p.location.file == str(path) for p in found)
    assert str(path) + ":2:1" in str(LoadError(found))


def test_messages_in_english_on_request() -> None:
    (problem,) = problems("kind: order\ntitel: x\n", lang="en")
    assert problem.message == "unknown field «titel»; did you mean «title»"


@pytest.mark.parametrize(
    ("content", "suffix", "type_"),
    [
        (b"kind: order\n", ".txt", "unknown_suffix"),
        (b"kind: order\ntitle: \xff\xfe\n", ".yaml", "not_utf8"),
        (b'{"kind": "order", "title": }', ".json", "json_syntax"),
    ],
)
def test_file_problems(tmp_path: Path, content: bytes, suffix: str, type_: str) -> None:
    path = tmp_path / f"doc{suffix}"
    path.write_bytes(content)
    (problem,) = problems(path)
    assert problem.type == type_
    assert problem.location.file == str(path)


def test_missing_file() -> None:
    (problem,) = problems("no/such/file.yaml")
    assert problem.type == "not_found"


def test_json_errors_are_located_too(tmp_path: Path) -> None:
    path = tmp_path / "order.json"
    path.write_text(json.dumps({"kind": "order", "clauses": [{"txt": "a"}]}, indent=2), "utf-8")
    (problem,) = problems(path)
    assert problem.location.path == "clauses[0].txt"
    assert problem.location.line == 5


def test_text_stays_text() -> None:
    document = roadmapdocs.load(
        "kind: order\nnumber: 010\nappendices:\n  - plan:\n      activities:\n"
        "        - number: 1.10\n          deadline: 2024-09-05\n          text: 'yes'\n"
    )
    assert isinstance(document, Order)
    activity = document.appendices[0].plan.activities[0]
    assert (document.number, activity.number, activity.text) == ("010", "1.10", "yes")
    assert activity.deadline is not None and activity.deadline.text == "2024-09-05"


def test_utf8_bom_and_verbatim_text(tmp_path: Path) -> None:
    title = "Об утверждении «плана» № 5 — 2024\u00a0г. <p>{{ x }}</p> & ‘’"
    path = tmp_path / "order.yaml"
    path.write_bytes("\ufeffkind: order\ntitle: ".encode() + json.dumps(title).encode() + b"\n")
    assert roadmapdocs.load(path).title == title


def test_locate_points_into_the_source(tmp_path: Path) -> None:
    path = tmp_path / "order.yaml"
    path.write_text("kind: order\nclauses:\n  - text: a\n  - text: b\n", encoding="utf-8")
    document = roadmapdocs.load(path)
    where = locate(document, ("clauses", 1, "text"))
    assert (where.file, where.line, where.path) == (str(path), 4, "clauses[1].text")


def test_dump_writes_atomically_and_reads_back(tmp_path: Path) -> None:
    document = roadmapdocs.load("kind: order\ntitle: Об утверждении\ndate: 05.09.2024\n")
    target = tmp_path / "out.yaml"
    roadmapdocs.dump(document, target, schema="schema/roadmapdocs.schema.json")
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=schema/roadmapdocs.schema.json\n")
    assert roadmapdocs.load(target) == document
    assert list(tmp_path.iterdir()) == [target]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_round_trip_through_yaml_is_lossless(document: roadmapdocs.Document) -> None:
    assert roadmapdocs.load(dumps(document)) == document


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_round_trip_through_a_mapping_is_lossless(document: roadmapdocs.Document) -> None:
    assert roadmapdocs.load(roadmapdocs.to_data(document)) == document


def test_an_english_load_error_is_english_down_to_its_place() -> None:
    with pytest.raises(LoadError) as caught:
        roadmapdocs.load("kind: x", lang="en")
    assert str(caught.value).startswith("<input>:1:7: kind: unknown document kind «x»")
    with pytest.raises(LoadError) as caught:
        roadmapdocs.load("kind: x")
    assert str(caught.value).startswith("<ввод>:1:7: kind: неизвестный вид документа «x»")


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("05.09.2024", date(2024, 9, 5)),
        ("2024-09-05", date(2024, 9, 5)),
        ("5 сентября 2024 г.", date(2024, 9, 5)),
        ("«05» сентября 2024 г.", date(2024, 9, 5)),
        ('"29" августа 2025 года', date(2025, 8, 29)),
        ("1 Марта 2025", date(2025, 3, 1)),
        ("5\u00a0сентября\u00a02024\u00a0г.", date(2024, 9, 5)),
    ],
)
def test_a_requisite_date_is_read_as_requisites_write_it(written: str, expected: date) -> None:
    order = roadmapdocs.load({"kind": "order", "title": "Приказ", "date": written})
    assert order.date == expected


@pytest.mark.parametrize(
    ("written", "type_"),
    [
        ("31 февраля 2024 г.", "date_invalid"),
        ("5 сентябрь 2024", "date_from_datetime_parsing"),
        ("5 сентября 202 г.", "date_from_datetime_parsing"),
    ],
)
def test_a_wrong_worded_date_is_a_located_error(written: str, type_: str) -> None:
    with pytest.raises(roadmapdocs.LoadError) as raised:
        roadmapdocs.load(f"kind: order\ntitle: Приказ\ndate: {written}\n")
    (problem,) = raised.value.problems
    assert (problem.type, problem.location.line, problem.location.path) == (type_, 3, "date")


@pytest.mark.parametrize(
    ("content", "line", "column", "says"),
    [
        ("kind: order\ntitle: x\n\tnumber: 5\n", 3, 1, "символ табуляции в отступе"),
        ("kind: order\n\ttitle: x\n", 2, 1, "символ табуляции в отступе"),
        ('kind: order\ntitle: "x\nnumber: 5\n', 2, 8, "кавычка, открытая здесь, не закрыта"),
        ("kind: order\ntitle: x\n  number: 5\n", 3, 9, "лишнее двоеточие или лишний отступ"),
        ("kind: order\nclauses:\n  - a\n - b\n", 4, 2, "отступ строки не совпадает"),
    ],
)
def test_common_yaml_mistakes_are_explained_in_russian_at_their_place(
    content: str, line: int, column: int, says: str
) -> None:
    with pytest.raises(LoadError) as raised:
        roadmapdocs.load(content)
    (problem,) = raised.value.problems
    assert problem.type == "yaml_syntax"
    assert (problem.location.line, problem.location.column) == (line, column)
    assert says in problem.message
    assert not any(word in problem.message for word in ("while", "found", "expected"))
