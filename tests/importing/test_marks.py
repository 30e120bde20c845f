"""The column «Отметка об исполнении» of an imported plan: a mark that starts with a status word
is the activity's status, date done and report; any other mark stays a mark."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import docx
from hypothesis import given, settings
from hypothesis import strategies as st

import roadmapdocs
from roadmapdocs.importing import import_file, load_file, to_yaml
from roadmapdocs.importing.plans import read_plan
from roadmapdocs.lang.status import Status
from roadmapdocs.model.activity import ActivityField, Plan
from roadmapdocs.sourcemap import locate
from tests.importing.conftest import plan_table

HEADER = ["№ п/п", "Мероприятие", "Сроки", "Ответственный", "Отметка об исполнении"]
ROWS = [
    ["1.", "Педагогический совет", "май 2024", "Директор", "Выполнено 12.10.2024, протокол № 3"],
    ["2.", "Семинар", "июнь 2024", "Завуч", "в работе"],
    ["3.", "Мониторинг", "июль 2024", "Завуч", "протокол № 5"],
    ["4.", "Конкурс", "август 2024", "Завуч", "Перенесено на 2025 год"],
    ["5.", "Выставка", "сентябрь 2024", "Завуч", ""],
]


def _plan_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Дорожная карта школы на 2024 год")
    table = document.add_table(rows=len(ROWS) + 1, cols=len(HEADER))
    for column, title in enumerate(HEADER):
        table.cell(0, column).text = title
    for row, values in enumerate(ROWS, start=1):
        for column, value in enumerate(values):
            table.cell(row, column).text = value
    document.save(str(path))
    return path


def test_marks_with_a_status_word_become_statuses(tmp_path: Path) -> None:
    imported = import_file(_plan_docx(tmp_path / "карта.docx"))
    document = roadmapdocs.load(imported.data)
    found = [(a.status, a.done, a.report, a.execution_mark) for a in document.plan.walk()]
    assert found == [
        (Status.DONE, dt.date(2024, 10, 12), "протокол № 3", None),
        (Status.IN_PROGRESS, None, None, None),
        (None, None, None, "протокол № 5"),
        (Status.POSTPONED, None, "на 2025 год", None),
        (None, None, None, None),
    ]
    # The column stays, and shows the statuses as the mark did.
    assert document.plan.has_column(ActivityField.EXECUTION_MARK)
    assert any("разнесены по status, done и report: 3" in g.text for g in imported.guesses)
    assert "status: выполнено" in to_yaml(imported, tmp_path / "карта.docx")


def test_a_status_read_from_a_mark_is_located_at_its_cell(tmp_path: Path) -> None:
    document = load_file(_plan_docx(tmp_path / "карта.docx"))
    path: tuple[str | int, ...] = ("plan", "activities", 0)
    for name in ("status", "done", "report"):
        where = locate(document, (*path, name))
        assert where.within == "таблица 1, строка 2, столбец 5", name
    assert locate(document, ("plan", "activities", 2, "execution_mark")).within == (
        "таблица 1, строка 4, столбец 5"
    )


REPORTS = st.lists(
    st.text(alphabet="абвгдежзиклмнопрстуфхцчшщэюя№ ", min_size=1, max_size=12).map(str.strip),
    min_size=1,
    max_size=2,
).map(lambda lines: "\n".join(f"протокол {line}".strip() for line in lines))


@st.composite
def executions(draw: st.DrawFn) -> dict[str, Any]:
    status = draw(st.sampled_from(list(Status)))
    found: dict[str, Any] = {"status": status.value}
    # Only «выполнено» is followed by its date: any other status keeps a date as its words.
    if status is Status.DONE and draw(st.booleans()):
        found["done"] = draw(st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31))).isoformat()
    if draw(st.booleans()):
        found["report"] = draw(REPORTS)
    return found


@settings(max_examples=60, deadline=None)
@given(st.lists(executions(), min_size=1, max_size=5))
def test_a_printed_status_reads_back_as_it_was(runs: list[dict[str, Any]]) -> None:
    original = Plan.model_validate(
        {
            "columns": ["number", "text", "execution_mark"],
            "activities": [
                {"number": str(index), "text": f"Мероприятие {index}", **run}
                for index, run in enumerate(runs, start=1)
            ],
        }
    )
    back = Plan.model_validate(read_plan(plan_table(original)).data)
    assert [(a.status, a.done, a.report, a.execution_mark) for a in back.walk()] == [
        (a.status, a.done, a.report, None) for a in original.walk()
    ]
