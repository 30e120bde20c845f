"""Reports on execution: statuses as reports word them, how activities are counted, and what a
report on one document says."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import roadmapdocs
from roadmapdocs.errors import LoadError
from roadmapdocs.lang.numbers import deviation, number
from roadmapdocs.lang.status import Status, parse_status, read_mark
from roadmapdocs.loader import dump
from roadmapdocs.model.report import Report
from roadmapdocs.monitoring.progress import report, subject
from tests.conftest import EXAMPLES
from tests.rendering.conftest import docx_paragraphs

AS_OF = dt.date(2024, 10, 1)
STATUS_EXAMPLE = EXAMPLES / "monitoring" / "school-roadmap-status.yaml"

SPELLINGS = {
    Status.DONE: ["выполнено", "Выполнен", "ВЫПОЛНЕНА", "исполнено", "done", "Done", "готово"],
    Status.IN_PROGRESS: ["в работе", "Выполняется", "в процессе", "in_progress", "in progress"],
    Status.NOT_DONE: ["не выполнено", "Не выполнен", "не исполнено", "not_done", "не-выполнено"],
    Status.POSTPONED: ["перенесено", "Перенесён", "postponed", "отложено"],
    Status.CANCELLED: ["отменено", "Отменена", "cancelled", "canceled"],
}


@pytest.mark.parametrize(
    ("word", "status"), [(w, s) for s, words in SPELLINGS.items() for w in words]
)
def test_status_words_are_read_as_reports_write_them(word: str, status: Status) -> None:
    assert parse_status(word) is status
    assert parse_status(f"  {word}  ") is status


@pytest.mark.parametrize("word", ["готов?", "почти", "да", "", "выполнено частично нет"])
def test_other_words_are_no_status(word: str) -> None:
    assert parse_status(word) is None


def test_a_wrong_status_word_is_a_located_error(tmp_path: Path) -> None:
    source = tmp_path / "plan.yaml"
    source.write_text(
        "kind: roadmap\nlevel: school\ntitle: Дорожная карта\nplan:\n  activities:\n"
        "  - text: Анализ\n    deadline: май 2024\n    status: почти готово\n",
        encoding="utf-8",
    )
    with pytest.raises(LoadError) as caught:
        roadmapdocs.load(source)
    said = str(caught.value)
    assert ":8:" in said and "почти готово" in said and "«выполнено»" in said


def test_a_mark_gives_status_date_and_evidence() -> None:
    mark = read_mark("Выполнено 12.10.2024, протокол педсовета № 3")
    assert mark is not None
    assert (mark.status, mark.done, mark.report) == (
        Status.DONE,
        dt.date(2024, 10, 12),
        "протокол педсовета № 3",
    )
    assert read_mark("не выполнено") == read_mark("Не выполнено.")
    assert read_mark("протокол № 3") is None
    # «не выполнено» is not read as «выполнено» with «не» before it
    assert read_mark("не выполнено: нет средств").status is Status.NOT_DONE  # type: ignore[union-attr]


def _roadmap(activities: list[dict[str, Any]]) -> roadmapdocs.Document:
    return roadmapdocs.load(
        {
            "kind": "roadmap",
            "level": "school",
            "title": "Дорожная карта по повышению качества образования",
            "period": "2024",
            "plan": {"sections": [{"number": "1.", "title": "Раздел", "activities": activities}]},
        }
    )


def test_each_activity_counts_in_one_state() -> None:
    document = _roadmap(
        [
            {"text": "а", "deadline": "март 2024", "status": "выполнено", "done": "20.03.2024"},
            {"text": "б", "deadline": "март 2024", "status": "выполнено", "done": "10.04.2024"},
            {"text": "в", "deadline": "март 2024", "status": "в работе"},
            {"text": "г", "deadline": "декабрь 2024", "status": "в работе"},
            {"text": "д", "deadline": "март 2024"},
            {"text": "е", "deadline": "декабрь 2024"},
            {"text": "ж", "deadline": "март 2024", "status": "перенесено"},
            {"text": "з", "deadline": "март 2024", "status": "отменено"},
            {"text": "и", "deadline": "март 2024", "execution_mark": "Протокол № 2"},
        ]
    )
    made = report(document, AS_OF)
    tally = made.tally
    assert (tally.total, tally.done, tally.done_late) == (9, 3, 1)
    assert (tally.in_progress, tally.overdue, tally.not_due) == (1, 2, 1)
    assert (tally.postponed, tally.cancelled) == (1, 1)
    assert tally.share == pytest.approx(3 / 8)
    states = [row.state for row in made.sections[0].rows]
    assert states[1] == "выполнено с нарушением срока"
    assert [row.text for row in made.sections[0].rows if row.overdue] == ["в", "д"]
    assert [row.number for row in made.sections[0].rows][:2] == ["1.1", "1.2"]


_STATUS = st.sampled_from([None, *Status])
_TERM = st.sampled_from(["март 2024", "декабрь 2024", "2024", "ежемесячно", "по необходимости"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_STATUS, _TERM, st.booleans()), min_size=1, max_size=25))
def test_the_states_partition_the_activities(rows: list[tuple[Status | None, str, bool]]) -> None:
    activities = []
    for index, (status, term, late) in enumerate(rows):
        item: dict[str, Any] = {"text": f"мероприятие {index}", "deadline": term}
        if status is not None:
            item["status"] = status.code
        if status is Status.DONE:
            item["done"] = "15.11.2024" if late else "01.02.2024"
        activities.append(item)
    tally = report(_roadmap(activities), AS_OF).tally
    parts = ("done", "in_progress", "overdue", "not_due", "postponed", "cancelled")
    assert sum(getattr(tally, p) for p in parts) == tally.total == len(rows)
    assert tally.done_late <= tally.done
    assert tally.done == sum(1 for s, _, _ in rows if s is Status.DONE)


def test_numbers_and_deviation() -> None:
    assert number("86%") == 86 and number("12,5") == 12.5 and number("≥ 90 %") == 90
    assert number("80–85 %") is None and number("нет") is None
    assert deviation("60 %", "54 %") == "−6"
    assert deviation("12", "14") == "+2"
    assert deviation("2,5", "2,5") == "0"
    assert deviation("высокий", "54 %") == ""


def test_the_subject_continues_the_title() -> None:
    roadmap = roadmapdocs.load(STATUS_EXAMPLE)
    assert subject(roadmap).startswith("дорожной карты по повышению качества")
    order = roadmapdocs.load(EXAMPLES / "school-order-clean.yaml")
    said = subject(order)
    assert said.startswith("плана мероприятий, утверждённого приказом от 05.09.2024 № ")


def _texts(path: Path) -> str:
    return "\n".join(docx_paragraphs(path))


def _pictures(path: Path) -> int:
    return sum(
        1 for part in docx.Document(str(path)).part.package.parts if "image" in part.content_type
    )


def test_a_report_on_a_roadmap_says_its_date_counts_and_overdue_terms(tmp_path: Path) -> None:
    document = roadmapdocs.load(STATUS_EXAMPLE)
    made = report(document, AS_OF)
    out = roadmapdocs.render(made, tmp_path / "report.docx")
    body = _texts(out)
    assert "по состоянию на 01.10.2024" in body
    assert "Информация о ходе реализации дорожной карты" in body
    tally = made.tally
    assert f"Всего мероприятий\n{tally.total}" in body.replace("\t", "\n")
    assert tally.done and tally.in_progress and tally.overdue
    for row in (r for s in made.sections for r in s.rows if r.overdue):
        assert row.text.split("\n")[0][:40] in body
    assert "просрочено" in body
    assert _pictures(out) >= 2  # statuses by section, indicators target against actual
    assert "−6" in body  # the first indicator's deviation


def test_a_report_on_an_order_with_statuses(tmp_path: Path) -> None:
    order = roadmapdocs.load(EXAMPLES / "school-order-clean.yaml")
    leaves = [a for _, plan in order_plans(order) for a in plan.walk() if not a.activities]
    leaves[0].status, leaves[0].done, leaves[0].report = Status.DONE, dt.date(2024, 9, 20), "Приказ"
    leaves[1].status = Status.IN_PROGRESS
    made = report(order, dt.date(2024, 12, 1))
    assert made.tally.done == 1 and made.tally.in_progress + made.tally.overdue >= 1
    out = roadmapdocs.render(made, tmp_path / "report.docx")
    body = _texts(out)
    assert "по состоянию на 01.12.2024" in body and "Приказ" in body
    assert f"Исполнено: {made.tally.share * 100:.1f}".replace(".", ",") in body
    assert _pictures(out) >= 1


def order_plans(order: roadmapdocs.Document) -> list[Any]:
    from roadmapdocs.model.kinds import spec_of

    return list(spec_of(order).plan_tables(order))


def test_a_report_saved_as_yaml_loads_back_the_same(tmp_path: Path) -> None:
    made = report(roadmapdocs.load(STATUS_EXAMPLE), AS_OF)
    dump(made, tmp_path / "report.yaml")
    again = roadmapdocs.load(tmp_path / "report.yaml")
    assert isinstance(again, Report)
    assert again.model_dump() == made.model_dump()


def test_charts_are_the_same_bytes_every_time(tmp_path: Path) -> None:
    made = report(roadmapdocs.load(STATUS_EXAMPLE), AS_OF)
    first = roadmapdocs.render(made, tmp_path / "a.docx")
    second = roadmapdocs.render(made, tmp_path / "b.docx")

    def images(path: Path) -> list[bytes]:
        package = docx.Document(str(path)).part.package
        return sorted(p.blob for p in package.parts if "image" in p.content_type)

    assert images(first) == images(second) and images(first)
