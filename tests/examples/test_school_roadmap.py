"""The school roadmap example against seed 000, the roadmap of МБОУ СОШ № 8 it reproduces."""

from __future__ import annotations

import re

import pytest

import roadmapdocs
from roadmapdocs.model import Activity, ActivityField, ControlPoint, Roadmap
from tests.conftest import EXAMPLES, seed_text
from tests.examples.seed_cells import SeedCells, normalise, table_rows

EXAMPLE = EXAMPLES / "school-roadmap.yaml"

# Read off the seed by hand: the plan-schedule has four numbered sections and no № column.
ACTIVITIES_PER_SECTION = {"1.": 2, "2.": 2, "3.": 8, "4.": 5}
RISK_GROUPS = 6
# Target orientations per risk group: the «-»-marked items of a cell, or the cell itself.
ORIENTATIONS_PER_RISK = [2, 1, 1, 1, 1, 3]
DIRECTIONS = 5

COLUMNS = [
    (ActivityField.TEXT, "Мероприятие"),
    (ActivityField.DEADLINE, "Сроки"),
    (ActivityField.RESPONSIBLE, "Ответственные"),
    (ActivityField.RESULT, "Показатель реализации"),
    (ActivityField.REPORT_FORM, "Формы отчетных документов"),
]


@pytest.fixture(scope="module")
def seed() -> str:
    return seed_text("000")


@pytest.fixture(scope="module")
def cells(seed: str) -> SeedCells:
    return SeedCells(seed)


@pytest.fixture(scope="module")
def roadmap() -> Roadmap:
    document = roadmapdocs.load(EXAMPLE)
    assert isinstance(document, Roadmap)
    return document


def responsible_as_written(row: Activity | ControlPoint) -> str:
    """The responsible cell as the seed prints it: parties stood on separate lines of the cell."""
    return " ".join(str(p) for p in row.responsible)


def test_dumped_yaml_loads_back_to_the_same_document(roadmap: Roadmap) -> None:
    again = roadmapdocs.load(roadmapdocs.dumps(roadmap))
    assert again.model_dump() == roadmap.model_dump()


def test_first_line_points_editors_at_the_schema() -> None:
    first = EXAMPLE.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=schema/roadmapdocs.schema.json"


def test_header_is_the_seed_heading(roadmap: Roadmap, seed: str) -> None:
    assert roadmap.level == "school"
    assert roadmap.period is not None and roadmap.period.text == "2024"
    assert normalise(roadmap.title) in normalise(seed)
    assert roadmap.organisation is not None
    assert roadmap.organisation.short_name == "МБОУ СОШ № 8"


def test_goal_is_the_seed_goal(roadmap: Roadmap, cells: SeedCells) -> None:
    assert roadmap.goal in cells


def test_risk_groups_and_orientations(roadmap: Roadmap, cells: SeedCells) -> None:
    assert len(roadmap.risk_groups) == RISK_GROUPS
    assert [len(g.orientations) for g in roadmap.risk_groups] == ORIENTATIONS_PER_RISK
    for group in roadmap.risk_groups:
        assert group.risk in cells
        for orientation in group.orientations:
            assert cells.within(orientation), orientation


def test_directions_are_the_numbered_list(roadmap: Roadmap, seed: str) -> None:
    listed = re.findall(r"^(\d)\. (.+)$", seed[: seed.index("Контрольные точки")], re.MULTILINE)
    assert len(listed) == DIRECTIONS
    assert [(d.number, d.title) for d in roadmap.directions] == listed


def test_control_points_are_the_numbered_rows(roadmap: Roadmap, seed: str) -> None:
    table = seed[seed.index("Контрольные точки") : seed.index("План-график")]
    numbers = re.findall(r"^(\d+)\t", table, re.MULTILINE)
    assert numbers == [str(n) for n in range(1, 10)]
    assert [p.number for p in roadmap.control_points] == numbers


def test_every_control_point_text_is_in_the_seed(roadmap: Roadmap, cells: SeedCells) -> None:
    for point in roadmap.control_points:
        assert point.text in cells, point.number


def test_control_points_are_the_seed_rows_cell_by_cell(roadmap: Roadmap, seed: str) -> None:
    table = seed[seed.index("№\tКонтрольная точка") : seed.index("План-график")]
    rows = [row for row in table_rows(table.splitlines()[1:], key=0, width=4) if row[0].isdigit()]
    assert [
        [
            point.number,
            normalise(point.text),
            responsible_as_written(point),
            point.deadline.text if point.deadline else "",
        ]
        for point in roadmap.control_points
    ] == rows


@pytest.mark.parametrize(
    ("number", "deadline", "responsible"),
    [
        ("1", "С февраля 2024", ["Директор школы"]),
        ("2", "Март 2024", ["Зам директора по УВР", "Зам директора по ВР"]),
        ("3", None, []),
        ("4", "Март 2024", ["Зам директора по Зам директора по УВР", "Руководители предметных МО"]),
        ("5", "Апрель – май 2024", ["Зам директора по УВР", "Руководители МО"]),
        ("6", "С февраля 2024 С ежеквартальным отчётом", ["Зам директора по УВР"]),
        ("8", "С февраля 2024 постоянно", ["Зам директора по УВР", "Руководители предметных МО"]),
        ("9", "Май 2024", ["Зам директора по ВР"]),
    ],
)
def test_control_point_spot_checks(
    roadmap: Roadmap, number: str, deadline: str | None, responsible: list[str]
) -> None:
    (point,) = [p for p in roadmap.control_points if p.number == number]
    assert (point.deadline.text if point.deadline else None) == deadline
    assert [str(p) for p in point.responsible] == responsible


def test_plan_columns_are_the_seed_header_without_a_number(roadmap: Roadmap, seed: str) -> None:
    columns = roadmap.plan.table_columns
    assert [(c.field, c.title) for c in columns] == COLUMNS
    assert not roadmap.plan.has_column(ActivityField.NUMBER)
    assert "\t".join(c.title for c in columns) in seed.splitlines()


def test_sections_are_the_numbered_table_rows(roadmap: Roadmap, seed: str) -> None:
    headings = re.findall(r"^(\d\.) (.+?)\t+$", seed, re.MULTILINE)
    assert [(s.number, s.title) for s in roadmap.plan.sections] == headings
    counts = {s.number: len(s.activities) for s in roadmap.plan.sections}
    assert counts == ACTIVITIES_PER_SECTION
    assert len(list(roadmap.plan.walk())) == sum(ACTIVITIES_PER_SECTION.values())


def test_every_activity_text_is_in_the_seed(roadmap: Roadmap, cells: SeedCells) -> None:
    for activity in roadmap.plan.walk():
        assert not activity.activities, "the seed plan has no nested rows"
        assert activity.text in cells, activity.text


def test_plan_is_the_seed_table_row_by_row_cell_by_cell(roadmap: Roadmap, seed: str) -> None:
    header = "\t".join(title for _, title in COLUMNS)
    # The deadline is the column every activity row of this plan fills.
    rows = table_rows(seed[seed.index(header) :].splitlines()[1:], key=1, width=len(COLUMNS))
    expected: list[list[str]] = []
    for section in roadmap.plan.sections:
        expected.append([f"{section.number} {section.title}", "", "", "", ""])
        expected.extend(
            [
                normalise(a.text),
                a.deadline.text if a.deadline else "",
                responsible_as_written(a),
                normalise(a.result or ""),
                normalise(a.report_form or ""),
            ]
            for a in section.activities
        )
    assert expected == rows


def _activity(roadmap: Roadmap, section: str, index: int) -> Activity:
    (found,) = [s for s in roadmap.plan.sections if s.number == f"{section}."]
    return found.activities[index]


@pytest.mark.parametrize(
    ("section", "index", "starts", "deadline", "responsible"),
    [
        ("1", 0, "Контекстный анализ", "Февраль 2024", ["Зам директора по АХЧ"]),
        ("1", 1, "Формирование потребностей", "Февраль – март 2024", ["Зам директора по АХЧ"]),
        ("2", 0, "Мониторинг состояния кадрового", "Февраль 2024", ["Инспектор по кадрам"]),
        (
            "2", 1, "Мониторинг профессиональных дефицитов",
            "Май-сентябрь 2024", ["Зам директора по УВР, руководителиМО"],
        ),
        ("3", 0, "Анализ потребности", "Февраль-август 2024", ["Зам директора по УВР"]),
        (
            "3", 2, "Реализация технологии наставничества по форме «учитель-учитель»", "2024",
            ["Зам директора по УВР", "Зам директора по ВР", "руководители МО"],
        ),
        (
            "3", 4, "Мониторинг предметной компетентности", "1 раз в полгода (март 2024)",
            ["Зам директора по УВР", "Руководители МО"],
        ),
        ("3", 5, "Проведение единых школьных", "1 раз в 2 месяца", ["Зам директора по УВР"]),
        ("3", 6, "Организация профилактической работы", "С февраля 2024", []),
        (
            "4", 1, "Разработка индивидуальных образовательных маршрутов", "С февраля 2024",
            ["Зам директора по УВР", "Классные руководители"],
        ),
        (
            "4", 2, "Реализация модели профориентационной", "Март 2024",
            ["Зам директора А.В.", "Классные руководители"],
        ),
        ("4", 4, "Реализация технологии наставничества по форме «УЧЕНИК", "Март 2024",
         ["Зам директора по ВР"]),
    ],
)  # fmt: skip
def test_activity_spot_checks(
    roadmap: Roadmap,
    section: str,
    index: int,
    starts: str,
    deadline: str,
    responsible: list[str],
) -> None:
    activity = _activity(roadmap, section, index)
    assert activity.text.startswith(starts)
    assert activity.deadline is not None and activity.deadline.text == deadline
    assert [str(p) for p in activity.responsible] == responsible


def test_defects_of_the_seed_are_kept(roadmap: Roadmap) -> None:
    third = roadmap.control_points[2]
    assert third.responsible == [] and third.deadline is None
    orientations = [o for g in roadmap.risk_groups for o in g.orientations]
    assert any("для обеспечения для обеспечения" in o for o in orientations)
    no_result = [a.text for a in roadmap.plan.walk() if a.result is None]
    no_report = [a.text for a in roadmap.plan.walk() if a.report_form is None]
    lacking = ["Реализация модели профориентационной работы (профессиональные пробы)"]
    assert no_result == no_report == lacking
