"""The regional project example against seed 004, the city's plan for «Эффективная школа» 2022."""

from __future__ import annotations

import re

import pytest

import roadmapdocs
from roadmapdocs.model import Activity, ActivityField, Project
from tests.conftest import EXAMPLES, seed_text
from tests.examples.seed_cells import SeedCells, normalise, table_rows

EXAMPLE = EXAMPLES / "regional-project.yaml"

# Read off the seed by hand: five sections with 7, 11, 4, 4 and 2 numbered rows, two indicators.
ACTIVITIES_PER_SECTION = {"1.": 7, "2.": 11, "3.": 4, "4.": 4, "5.": 2}
INDICATORS = 2

COLUMNS = [
    (ActivityField.NUMBER, "№ п/п"),
    (ActivityField.TEXT, "Наименование мероприятия"),
    (ActivityField.RESPONSIBLE, "Исполнители"),
    (ActivityField.DEADLINE, "Сроки реализации"),
    (ActivityField.RESULT, "Ключевой результат"),
]

LASALOVA = "Ласалова Н.В. – главный специалист Управления образования"
MISHUSTINA = "Мишустина Н.Н. – главный специалист образования Управления"
SCHOOL_53, QUANTORIUM = "МОУ СОШ № 53", "МБОУ ДО «Кванториум»"
# How the seed's extraction scrambled the executors of 3.3, 3.4 and 4.2.
SCRAMBLED = [
    "Ласалова Н.В. – главный специалист образования",
    "ШНОР и ШНСУ Управления руководители",
]


@pytest.fixture(scope="module")
def seed() -> str:
    return seed_text("004")


@pytest.fixture(scope="module")
def cells(seed: str) -> SeedCells:
    return SeedCells(seed)


@pytest.fixture(scope="module")
def project() -> Project:
    document = roadmapdocs.load(EXAMPLE)
    assert isinstance(document, Project)
    return document


@pytest.fixture(scope="module")
def activities(project: Project) -> dict[str, Activity]:
    return {a.number: a for a in project.plan.walk() if a.number}


def test_dumped_yaml_loads_back_to_the_same_document(project: Project) -> None:
    again = roadmapdocs.load(roadmapdocs.dumps(project))
    assert again.model_dump() == project.model_dump()


def test_first_line_points_editors_at_the_schema() -> None:
    first = EXAMPLE.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=schema/roadmapdocs.schema.json"


def test_header_is_the_seed_heading(project: Project, seed: str) -> None:
    assert (project.level, project.name) == ("regional", "Эффективная школа")
    assert project.period is not None and project.period.text == "2022"
    assert normalise(project.title) in normalise(seed)


def test_goal_follows_its_label_in_the_seed(project: Project, seed: str) -> None:
    assert project.goal is not None
    assert f"Цель Проекта: {normalise(project.goal)}" in normalise(seed)


def test_abbreviations_are_those_the_seed_introduces(project: Project, seed: str) -> None:
    introduced = re.findall(r"\(далее – ([^)]+)\)", seed)
    shorts = {s.removesuffix(" соответственно") for group in introduced for s in group.split(", ")}
    assert {a.short for a in project.abbreviations} == shorts == {"ШНРО", "ШНСУ", "Проект"}


def test_columns_are_the_seed_header(project: Project, seed: str) -> None:
    columns = project.plan.table_columns
    assert [(c.field, c.title) for c in columns] == COLUMNS
    assert "\t".join(c.title for c in columns) in seed.splitlines()


def test_sections_are_the_numbered_headings(project: Project, seed: str) -> None:
    headings = re.findall(r"^(\d\.) (.+?)\t*$", seed, re.MULTILINE)
    assert [(s.number, normalise(s.title)) for s in project.plan.sections] == headings
    counts = {s.number: len(s.activities) for s in project.plan.sections}
    assert counts == ACTIVITIES_PER_SECTION


def test_activity_numbers_are_the_seed_rows_in_order(project: Project, seed: str) -> None:
    rows = re.findall(r"^(\d+\.\d+\.?)\t", seed, re.MULTILINE)
    assert len(rows) == sum(ACTIVITIES_PER_SECTION.values())
    assert [a.number for a in project.plan.walk()] == rows
    for section in project.plan.sections:
        prefix = section.number or ""
        assert all((a.number or "").startswith(prefix) for a in section.activities)


def test_every_activity_text_is_in_the_seed(project: Project, cells: SeedCells) -> None:
    for activity in project.plan.walk():
        assert not activity.activities, "the seed plan has no nested rows"
        assert activity.text in cells, activity.number


def test_plan_is_the_seed_table_row_by_row_cell_by_cell(project: Project, seed: str) -> None:
    table = seed[seed.index("№ п/п\t") : seed.index("Индикаторы проекта:")]
    rows = table_rows(table.splitlines()[1:], key=0, width=len(COLUMNS))
    expected: list[list[str]] = []
    for section in project.plan.sections:
        expected.append([f"{section.number} {normalise(section.title)}", "", "", "", ""])
        expected.extend(
            [
                a.number or "",
                normalise(a.text),
                # Executors share one cell, comma-separated; the parties print back that cell.
                ", ".join(str(p) for p in a.responsible),
                a.deadline.text if a.deadline else "",
                normalise(a.result or ""),
            ]
            for a in section.activities
        )
    assert expected == rows


@pytest.mark.parametrize(
    ("number", "deadline", "responsible"),
    [
        ("1.1", "До 20 января 2022", ["Управление образования"]),
        ("1.2", "До 20 января 2022", ["Управление образования"]),
        ("1.3.", "До 27 февраля 2022", [LASALOVA]),
        ("1.5.", "До 28 февраля 2022", [LASALOVA, f"администрация {SCHOOL_53} и {QUANTORIUM}"]),
        ("1.6.", "Январь-декабрь 2022", ["МКУ ИМЦ"]),
        (
            "2.1.", "По полугодиям учебного года, по окончании каждой учебной четверти",
            [LASALOVA, "руководители ШНОР и ШНСУ"],
        ),
        ("2.4.", "По плану-графику ХК ИРО", ["руководители ШНОР и ШНСУ"]),
        ("2.8.", "Февраль-октябрь 2022", [LASALOVA, "руководители ШНОР и ШНСУ", "кураторы"]),
        ("2.11.", "Ноябрь 2022", [LASALOVA, "ШНОР и ШНСУ"]),
        ("3.1.", "Февраль-ноябрь (по утвержденному графику)", ["Руководители ШНОР и ШНСУ"]),
        ("3.3.", "Август – октябрь 2022", SCRAMBLED),
        ("4.2.", "По окончании учебного полугодия", SCRAMBLED),
        ("4.3.", "Август-сентябрь 2022", [MISHUSTINA]),
        ("5.1.", "В течение 2022 года постоянно", [LASALOVA]),
        ("5.2.", "Ежеквартально", [LASALOVA, "руководители ШНОР и ШНСУ", "кураторы школ"]),
    ],
)  # fmt: skip
def test_activity_spot_checks(
    activities: dict[str, Activity], number: str, deadline: str, responsible: list[str]
) -> None:
    activity = activities[number]
    assert activity.deadline is not None and activity.deadline.text == deadline
    assert [str(p) for p in activity.responsible] == responsible


def test_named_people_are_structured(activities: dict[str, Activity]) -> None:
    named = {
        person.short_name
        for activity in activities.values()
        for party in activity.responsible
        for person in party.people
    }
    assert named == {"Ласалова Н.В.", "Мишустина Н.Н."}


def test_page_broken_rows_are_joined(activities: dict[str, Activity]) -> None:
    assert activities["1.3."].text.endswith("в вопросах повышения качества образования")
    assert normalise(activities["2.3."].result or "").endswith("модернизации образовательных сред")
    assert normalise(activities["2.8."].text).endswith('внеурочной деятельности)"')
    assert activities["3.2."].text.endswith("со школами-участницами программ поддержки")


def test_defects_of_the_seed_are_kept(activities: dict[str, Activity]) -> None:
    no_result = [n for n, a in activities.items() if a.result is None]
    assert no_result == ["4.2.", "4.3.", "4.4.", "5.2."]
    assert '<ul style="list-style-type: none">' in activities["2.1."].text
    assert activities["2.2."].text.startswith("<p>") and activities["2.2."].text.endswith("</p>")
    assert "ШНОР" in activities["1.3."].text and "ШНРО" in (activities["1.3."].result or "")


def test_indicators_are_the_truncated_list(project: Project, seed: str) -> None:
    tail = seed[seed.index("Индикаторы проекта:") :]
    items = [line.removeprefix("- ") for line in tail.splitlines() if line.startswith("- ")]
    assert len(items) == INDICATORS
    assert [i.name for i in project.indicators] == [normalise(i) for i in items]
    assert project.indicators[-1].name.endswith("в спо, впо.")
