"""Statuses merged from a table (``roadmapdocs status``): columns by their headers, rows by the
activity's number, every problem of the table located, and nothing else of the document changed."""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import roadmapdocs
from roadmapdocs.batch.tables import read_rows
from roadmapdocs.cli import main
from roadmapdocs.lang import status as status_words
from roadmapdocs.lang.status import Status
from roadmapdocs.loader import to_data
from roadmapdocs.model.walk import activities
from roadmapdocs.monitoring.progress import report
from roadmapdocs.monitoring.statuses import (
    StatusTableError,
    merge_statuses,
    number_key,
    to_yaml,
)
from tests.conftest import EXAMPLES

PASSPORT = EXAMPLES / "passport.yaml"
"""A roadmap's passport whose plan numbers every activity it means to count («1.1.», «1.2.» …)."""

ORDER = """\
kind: order
level: school
title: Об утверждении планов
appendices:
- number: "1"
  title: План методической работы
  plan:
    activities:
    - {number: "1.1", text: Семинар, deadline: май 2024}
    - {number: "1.2", text: Педсовет, deadline: июнь 2024}
- number: "2"
  title: План воспитательной работы
  plan:
    activities:
    - {number: "1.1", text: Линейка, deadline: сентябрь 2024}
    - {number: "1.3", text: Выставка, deadline: октябрь 2024}
"""

ROADMAP = """\
kind: roadmap
level: school
title: Дорожная карта
plan:
  activities:
  - number: "1"
    text: Анализ
    deadline: май 2024
    status: выполняется
    done: 01.05.2024
    report: Справка
  - {number: "2", text: Совещание, deadline: июнь 2024}
  - {number: "2", text: Семинар, deadline: июль 2024}
  - {number: "3", text: Конкурс, deadline: август 2024}
"""


def write_csv(path: Path, rows: Sequence[Sequence[str]], delimiter: str = ";") -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def write_xlsx(path: Path, rows: Sequence[Sequence[object]], sheet: str = "Статусы") -> Path:
    book = openpyxl.Workbook()
    page = book.active
    page.title = sheet
    for row in rows:
        page.append(list(row))
    book.save(path)
    return path


def by_number(document: Any) -> dict[str, Any]:
    return {number_key(a.number): a for _, a, _ in activities(document) if a.number}


def run(*args: str | Path) -> Any:
    return CliRunner().invoke(main, ["status", *map(str, args)])


# Reading the table ---------------------------------------------------------------------


def test_csv_statuses_in_russian_and_english_and_a_whole_mark(tmp_path: Path) -> None:
    table = write_csv(
        tmp_path / "статусы.csv",
        [
            ["№ п/п", "Мероприятие", "Статус", "Дата выполнения", "Что сделано"],
            ["1.1.", "Совещание", "Выполнено 12.10.2024, протокол № 3", "", ""],
            [" 1.2 ", "", "in_progress", "", ""],
            ["1.3", "", "Not_Done", "", ""],
            ["1.4", "", "в работе", "", ""],
            ["1.5", "", "выполнен", "15.09.2024", "Аналитическая справка"],
            ["2.1.", "", "cancelled", "", ""],
            ["", "", "", "", ""],
            ["3", "Раздел 3", "", "", ""],
        ],
    )
    source = roadmapdocs.load(PASSPORT)
    merged = merge_statuses(source, table)
    found = by_number(merged.document)
    assert (found["1.1"].status, found["1.1"].done, found["1.1"].report) == (
        Status.DONE,
        dt.date(2024, 10, 12),
        "протокол № 3",
    )
    assert found["1.2"].status is Status.IN_PROGRESS and found["1.2"].done is None
    assert found["1.3"].status is Status.NOT_DONE
    assert found["1.4"].status is Status.IN_PROGRESS
    assert (found["1.5"].status, found["1.5"].done, found["1.5"].report) == (
        Status.DONE,
        dt.date(2024, 9, 15),
        "Аналитическая справка",
    )
    assert found["2.1"].status is Status.CANCELLED
    assert (merged.updated, merged.rows) == (6, 6)
    # The section's row and the empty row change nothing; the source is left as it was.
    assert all(a.status is None for _, a, _ in activities(source))
    assert [w.in_() for w in merged.warnings] == [
        f"{table}: столбец «Мероприятие» не читается: статусы берутся из столбцов номера, "
        "состояния, даты выполнения и того, что сделано"
    ]


def test_an_xlsx_table_with_a_title_above_its_header(tmp_path: Path) -> None:
    table = write_xlsx(
        tmp_path / "статусы.xlsx",
        [
            ["Исполнение дорожной карты на 01.10.2024"],
            ["Номер мероприятия", "Состояние", "Дата исполнения", "Подтверждение", "Примечание"],
            ["1.1", "done", dt.datetime(2024, 10, 12), "Приказ № 12", "проверено"],
            ["1.2.", "Перенесено на май 2025", None, None, None],
            [None, None, None, None, None],
            ["2.2", "ВЫПОЛНЕНО", "3 октября 2024 г.", None, None],
        ],
    )
    merged = merge_statuses(roadmapdocs.load(PASSPORT), table)
    found = by_number(merged.document)
    assert (found["1.1"].status, found["1.1"].done, found["1.1"].report) == (
        Status.DONE,
        dt.date(2024, 10, 12),
        "Приказ № 12",
    )
    assert (found["1.2"].status, found["1.2"].report) == (Status.POSTPONED, "на май 2025")
    assert (found["2.2"].status, found["2.2"].done) == (Status.DONE, dt.date(2024, 10, 3))
    warned = [w.in_() for w in merged.warnings]
    assert any("до строки 2" in w for w in warned)
    assert any("«Примечание»" in w for w in warned)


def test_the_rows_keep_their_lines_and_sheet(tmp_path: Path) -> None:
    table = write_xlsx(
        tmp_path / "t.xlsx", [["№", "Статус"], ["1", "да"], [None, None], ["2", "нет"]], "План"
    )
    read = read_rows(table)
    assert (read.header, read.header_line, read.sheet) == (["№", "Статус"], 1, "План")
    assert read.rows == [(2, ["1", "да"]), (4, ["2", "нет"])]
    text = tmp_path / "t.csv"
    text.write_text('№;Статус\n1;"да\nи нет"\n;\n2;нет\n', encoding="utf-8")
    assert read_rows(text).rows == [(2, ["1", "да\nи нет"]), (5, ["2", "нет"])]


def test_empty_cells_leave_the_fields_as_they_were(tmp_path: Path) -> None:
    source = tmp_path / "карта.yaml"
    source.write_text(ROADMAP, encoding="utf-8")
    table = write_csv(
        tmp_path / "t.csv", [["№", "Статус", "Дата", "Отчёт"], ["1", "", "", "Приказ"]]
    )
    merged = merge_statuses(roadmapdocs.load(source), table)
    first = by_number(merged.document)["1"]
    assert (first.status, first.done, first.report) == (
        Status.IN_PROGRESS,
        dt.date(2024, 5, 1),
        "Приказ",
    )
    assert merged.updated == 1


def test_appendices_that_share_numbers(tmp_path: Path) -> None:
    order = roadmapdocs.load(ORDER)
    table = write_csv(
        tmp_path / "t.csv",
        [["№", "Статус"], ["1.2", "выполнено"], ["2:1.1", "в работе"], ["1:1.1.", "отменено"]],
    )
    merged = merge_statuses(order, table).document
    first, second = (list(appendix.plan.walk()) for appendix in merged.appendices)
    assert [a.status for a in first] == [Status.CANCELLED, Status.DONE]
    assert [a.status for a in second] == [Status.IN_PROGRESS, None]
    # The same, with the appendix in a column of its own.
    column = write_csv(
        tmp_path / "c.csv", [["Приложение", "№", "Статус"], ["Приложение № 2", "1.1", "done"]]
    )
    merged = merge_statuses(order, column).document
    assert [a.status for a in merged.appendices[1].plan.walk()] == [Status.DONE, None]
    assert [a.status for a in merged.appendices[0].plan.walk()] == [None, None]


# Every problem, located -----------------------------------------------------------------


def problems(document: str | Path, rows: Sequence[Sequence[object]], tmp_path: Path) -> list[str]:
    """What the command says of a .csv and of an .xlsx table of ``rows``, each problem a line;
    it exits 1 and writes nothing."""
    if isinstance(document, str):
        source = tmp_path / "документ.yaml"
        source.write_text(document, encoding="utf-8")
        document = source
    said: list[list[str]] = []
    text_rows = [["" if c is None else str(c) for c in row] for row in rows]
    for table in (
        write_csv(tmp_path / "статусы.csv", text_rows),
        write_xlsx(tmp_path / "статусы.xlsx", rows),
    ):
        target = tmp_path / "out.yaml"
        result = run(document, "--data", table, "-o", target)
        assert result.exit_code == 1, result.output
        assert not target.exists()
        assert "Traceback" not in result.output
        said.append(result.stderr.splitlines())
    from_csv, from_xlsx = said
    assert len(from_csv) == len(from_xlsx)
    return from_csv + from_xlsx


def test_each_problem_of_the_table_is_located_by_row_and_column(tmp_path: Path) -> None:
    said = problems(
        PASSPORT,
        [
            ["№", "Статус", "Дата выполнения", "Что сделано"],
            ["1.1", "почти", "", ""],
            ["1.12", "выполнено", "", ""],
            ["1.2", "выполнено", "вчера", ""],
            ["1.2.", "в работе", "", ""],
            ["", "выполнено", "", ""],
            ["1.4", "выполнено", "45000", ""],
            ["1.5", "Выполнено 12.10.2024", "13.10.2024", ""],
        ],
        tmp_path,
    )
    csv_lines, xlsx_lines = said[: len(said) // 2], said[len(said) // 2 :]
    expected = [
        (2, 2, "не понятно, что значит «почти»", "выполнено, выполняется, не выполнено"),
        (3, 1, "мероприятия с номером «1.12» в документе нет", "ближайшие номера: 1.11, 2.1"),
        (4, 3, "дата «вчера» не понятна", "ДД.ММ.ГГГГ"),
        (5, 1, "мероприятие 1.2 уже указано в строке 4", "оставьте одну строку"),
        (6, 1, "в строке нет номера мероприятия", "«№»"),
        (7, 3, "это число, а не дата", "«45000»"),
        (8, 3, "дата выполнения указана дважды и по-разному", "13.10.2024"),
    ]
    assert len(csv_lines) == len(expected), csv_lines
    for line, (row, _, what, more) in zip(csv_lines, expected, strict=True):
        assert line.startswith(f"{tmp_path / 'статусы.csv'}:{row}: "), line
        assert what in line and more in line, line
    for line, (row, column, what, more) in zip(xlsx_lines, expected, strict=True):
        place = f"{tmp_path / 'статусы.xlsx'}: лист «Статусы», строка {row}, столбец {column}: "
        assert line.startswith(place), line
        assert what in line and more in line, line


def test_a_report_word_cannot_hold_is_located(tmp_path: Path) -> None:
    # A control character cannot be put into an .xlsx cell at all: a .csv file only.
    table = write_csv(tmp_path / "t.csv", [["№", "Ссылка"], ["1.1", "протокол\x01 № 3"]])
    with pytest.raises(StatusTableError) as caught:
        merge_statuses(roadmapdocs.load(PASSPORT), table)
    (problem,) = caught.value.problems
    assert (problem.location.file, problem.location.line) == (str(table), 2)
    assert "столбец «Ссылка»" in problem.message and "U+0001" in problem.message


def test_a_number_the_document_holds_twice_is_ambiguous(tmp_path: Path) -> None:
    said = problems(ROADMAP, [["№", "Статус"], ["3", "done"], ["2", "done"]], tmp_path)
    assert len(said) == 2
    for line in said:
        assert "строка 3" in line or ":3: " in line
        assert "несколько мероприятий с номером «2»" in line
        assert "документ.yaml:12" in line and "документ.yaml:13" in line


def test_appendices_sharing_a_number_need_the_appendix(tmp_path: Path) -> None:
    said = problems(ORDER, [["№", "Статус"], ["1.1", "выполнено"], ["3:1.1", "done"]], tmp_path)
    assert len(said) == 4
    assert "номер «1.1» есть в приложениях 1, 2" in said[0] and "«2:1.1»" in said[0]
    assert "приложения «3» в документе нет; приложения с планами: 1, 2" in said[1]


def test_a_number_excel_took_for_a_date(tmp_path: Path) -> None:
    table = write_xlsx(tmp_path / "t.xlsx", [["№", "Статус"], [dt.datetime(2024, 2, 1), "done"]])
    with pytest.raises(StatusTableError) as caught:
        merge_statuses(roadmapdocs.load(PASSPORT), table)
    (problem,) = caught.value.problems
    assert problem.type == "number_is_date"
    assert "Excel принял номер за дату" in problem.message
    assert (problem.location.sheet, problem.location.row, problem.location.column) == (
        "Статусы",
        2,
        1,
    )


@pytest.mark.parametrize(
    ("header", "said"),
    [
        (["Мероприятие", "Статус"], "нет столбца с номерами мероприятий"),
        (["№", "Мероприятие"], "переносить нечего"),
        (["№", "Статус", "Состояние"], "столбцы «Статус» и «Состояние» оба — состояние"),
    ],
)
def test_a_header_that_cannot_be_read(tmp_path: Path, header: list[str], said: str) -> None:
    lines = problems(PASSPORT, [header, ["1.1", "выполнено", ""][: len(header)]], tmp_path)
    assert all(said in line for line in lines), lines


def test_a_plan_without_numbers_is_matched_as_the_report_numbers_it(tmp_path: Path) -> None:
    table = write_csv(tmp_path / "t.csv", [["№", "Статус"], ["1.1", "done"], ["2.2", "в работе"]])
    document = roadmapdocs.load(EXAMPLES / "school-roadmap.yaml")
    merged = merge_statuses(document, table).document
    sections = merged.plan.sections  # type: ignore[attr-defined]
    assert sections[0].activities[0].status is Status.DONE
    assert sections[1].activities[1].status is Status.IN_PROGRESS
    made = report(merged, dt.date(2024, 10, 1))
    shown = {row.number: row.state for s in made.sections for row in s.rows}
    assert shown["1.1"] == "выполнено"


def test_an_unknown_status_word_lists_the_accepted_ones_in_english_too(tmp_path: Path) -> None:
    table = write_csv(tmp_path / "t.csv", [["№", "Статус"], ["1.1", "almost"]])
    result = run(PASSPORT, "--data", table, "-o", tmp_path / "out.yaml", "--lang", "en")
    assert result.exit_code == 1
    assert "«almost» is not a status" in result.stderr
    assert "выполнено, выполняется, не выполнено, перенесено, отменено" in result.stderr


# The command ----------------------------------------------------------------------------


def test_the_command_writes_a_copy_that_loads_and_says_what_it_did(tmp_path: Path) -> None:
    table = write_csv(tmp_path / "t.csv", [["№", "Статус"], ["1.1", "выполнено"], ["1.2", "done"]])
    target = tmp_path / "паспорт-на-дату.yaml"
    result = run(PASSPORT, "--data", table, "-o", target)
    assert result.exit_code == 0, result.output
    assert "обновлено мероприятий — 2" in result.stdout
    assert "комментарии и оформление" in result.stderr
    written = target.read_text(encoding="utf-8")
    assert written.startswith("# Статусы внесены из t.csv")
    back = roadmapdocs.load(target)
    assert [by_number(back)[n].status for n in ("1.1", "1.2", "1.3")] == [
        Status.DONE,
        Status.DONE,
        None,
    ]


@pytest.mark.parametrize("output", ["same", "docx"])
def test_the_source_is_never_overwritten_and_the_copy_is_yaml(tmp_path: Path, output: str) -> None:
    source = tmp_path / "паспорт.yaml"
    source.write_bytes(PASSPORT.read_bytes())
    table = write_csv(tmp_path / "t.csv", [["№", "Статус"], ["1.1", "выполнено"]])
    target = source if output == "same" else tmp_path / "паспорт.docx"
    result = run(source, "--data", table, "-o", target)
    assert result.exit_code == 1
    assert source.read_bytes() == PASSPORT.read_bytes()
    assert output == "same" or not target.exists()
    assert "Traceback" not in result.output


def test_a_missing_table_is_one_located_error(tmp_path: Path) -> None:
    result = run(PASSPORT, "--data", tmp_path / "нет.csv", "-o", tmp_path / "out.yaml")
    assert result.exit_code == 1
    assert "нет.csv" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "out.yaml").exists()


# The round trip -------------------------------------------------------------------------

_SOURCE = roadmapdocs.load(PASSPORT)
_TIMES = Counter(number_key(a.number) for _, a, _ in activities(_SOURCE) if a.number)
_NUMBERED = [
    (path, activity.number)
    for path, activity, _ in activities(_SOURCE)
    if activity.number and _TIMES[number_key(activity.number)] == 1
]
_SPELLINGS = {
    status: sorted(word for word, named in status_words._WORDS.items() if named is status)
    for status in Status
}


def _written_as(word: str, draw: Any) -> str:
    """The word as a person might type it: in any case, with stray spaces."""
    cased = draw(st.sampled_from([word, word.upper(), word.capitalize(), word.replace(" ", "_")]))
    return draw(st.sampled_from(["", " "])) + cased + draw(st.sampled_from(["", "  "]))


def _number_as(number: str, draw: Any) -> str:
    key = number_key(number)
    return str(draw(st.sampled_from([key, key + ".", f" {key} ", number])))


@st.composite
def status_tables(draw: Any) -> tuple[dict[Any, Status], list[list[str]]]:
    chosen = draw(
        st.lists(st.sampled_from(range(len(_NUMBERED))), unique=True, min_size=1, max_size=25)
    )
    expected: dict[Any, Status] = {}
    rows = [["№ п/п", draw(st.sampled_from(["Статус", "состояние", "ИСПОЛНЕНИЕ:", "Выполнение"]))]]
    for index in chosen:
        path, number = _NUMBERED[index]
        status = draw(st.sampled_from(list(Status)))
        expected[path] = status
        word = draw(st.sampled_from(_SPELLINGS[status]))
        rows.append([_number_as(number, draw), _written_as(word, draw)])
    return expected, rows


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(status_tables(), st.sampled_from(["csv", "xlsx"]))
def test_merged_statuses_come_back_and_nothing_else_changes(
    case: tuple[dict[Any, Status], list[list[str]]], suffix: str
) -> None:
    expected, rows = case
    with tempfile.TemporaryDirectory() as folder:
        name = Path(folder) / f"статусы.{suffix}"
        table = write_csv(name, rows) if suffix == "csv" else write_xlsx(name, rows)
        merged = merge_statuses(_SOURCE, table)
        back = roadmapdocs.load(to_yaml(merged.document, table))
    assert merged.updated == merged.rows == len(expected)
    assert {p: a.status for p, a, _ in activities(back) if a.status is not None} == expected
    data = to_data(_SOURCE)
    for path, status in expected.items():
        node: Any = data
        for key in path:
            node = node[key]
        node["status"] = status.value
    assert to_data(back) == data
