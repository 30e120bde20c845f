"""Whole documents recognised: the kind, the text parts, the tables, and what is left over."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import roadmapdocs
from roadmapdocs.errors import KindError
from roadmapdocs.importing.columns import DEFAULT, normalise
from roadmapdocs.importing.documents import detect_kind, recognise
from roadmapdocs.importing.raw import Place, RawDocument, RawParagraph, RawTable
from roadmapdocs.model import Passport, Project, Roadmap
from roadmapdocs.model.activity import ControlPoint
from tests.conftest import EXAMPLES
from tests.importing.conftest import C, activity_texts, para, plan_table, raw_document, raw_table


class Builder:
    """Blocks in order, paragraphs and tables numbered as a reader numbers them."""

    def __init__(self) -> None:
        self.blocks: list[RawParagraph | RawTable] = []
        self.paragraphs = 0
        self.tables = 0

    def p(self, text: str, **style: Any) -> None:
        self.paragraphs += 1
        self.blocks.append(RawParagraph(text, Place(paragraph=self.paragraphs), **style))

    def table(self, rows: list[list[str | C]]) -> None:
        self.tables += 1
        self.blocks.append(raw_table(rows, number=self.tables))

    def plan(self, plan: Any) -> None:
        self.tables += 1
        self.blocks.append(plan_table(plan, number=self.tables))

    def title(self, title: str | None) -> None:
        for line in (title or "").split("\n"):
            self.p(line, bold=True, centered=True)

    def document(self) -> RawDocument:
        return RawDocument(tuple(self.blocks), "example.docx")


def responsible(point: Any) -> str:
    return "\n".join(str(party) for party in point.responsible)


def deadline(point: Any) -> str:
    return point.deadline.text if point.deadline is not None else ""


def printed_roadmap(roadmap: Roadmap) -> RawDocument:
    """The blocks a print of ``roadmap`` holds, part by part."""
    b = Builder()
    b.title(roadmap.title)
    if roadmap.goal:
        b.p("Цель реализации дорожной карты:", bold=True)
        b.p(roadmap.goal)
    if roadmap.tasks:
        b.p("Задачи:", bold=True)
        for task in roadmap.tasks:
            b.p(f"- {task}")
    if roadmap.target_indicators or roadmap.risk_groups:
        b.p("Целевые показатели реализации дорожной карты", bold=True)
        for indicator in roadmap.target_indicators:
            b.p(f"{indicator.number}. {indicator.name}")
    if roadmap.risk_groups:
        rows: list[list[str | C]] = [["Группы рисков", "Целевые ориентиры"]]
        rows += [[g.risk, "\n".join(g.orientations)] for g in roadmap.risk_groups]
        b.table(rows)
    if roadmap.directions:
        b.p("Определение основных направлений деятельности", bold=True)
        for direction in roadmap.directions:
            b.p(f"{direction.number}. {direction.title}")
            for text in direction.narrative:
                b.p(text)
    if roadmap.control_points:
        b.p("Контрольные точки достижения целевых показателей", bold=True)
        rows = [["№", "Контрольная точка", "Ответственный", "Сроки"]]
        for point in roadmap.control_points:
            rows.append([point.number or "", point.text, responsible(point), deadline(point)])
        b.table(rows)
    b.p(roadmap.plan.title or "План-график", bold=True)
    b.plan(roadmap.plan)
    if roadmap.mechanisms is not None:
        b.p(roadmap.mechanisms.title or "Механизмы реализации", bold=True)
        b.plan(roadmap.mechanisms)
    return b.document()


def printed_passport(passport: Passport) -> RawDocument:
    b = Builder()
    b.title(passport.title)
    b.p(passport.heading or "ПАСПОРТ ДОРОЖНОЙ КАРТЫ", bold=True, centered=True)
    if passport.problem is not None:
        b.p(passport.problem.title or "1. ОПИСАНИЕ ПРОБЛЕМЫ.", bold=True)
        for text in passport.problem.text:
            b.p(text)
    form = [
        ("Состав рабочей группы", passport.working_group),
        ("Ответственный разработчик", passport.developer),
        ("Цель разработки и реализации", passport.goal),
        ("Этапы и сроки реализации", passport.stages),
        ("Направления", passport.directions),
        ("Значимые контрольные результаты", passport.control_results),
        ("Объем финансовой поддержки", passport.financing),
        ("Перечень целевых показателей", passport.indicator_list),
    ]
    b.table([[name, "\n".join(v) if isinstance(v, list) else v or ""] for name, v in form])
    for group in passport.indicator_groups:
        b.p(f"{group.number}{group.title}")
        rows: list[list[str | C]] = [
            ["Наименование целевого показателя", "Единица измерения", *group.columns]
        ]
        for indicator in group.indicators:
            values = [indicator.values.get(period, "") for period in group.columns]
            rows.append([indicator.name, indicator.unit or "", *values])
        b.table(rows)
    for line in (passport.plan.title or "").split("\n"):
        b.p(line, bold=True, centered=True)
    b.plan(passport.plan)
    return b.document()


def printed_project(project: Project) -> RawDocument:
    b = Builder()
    b.title(project.title)
    b.p(f"Цель Проекта: {project.goal}")
    b.plan(project.plan)
    b.p("Индикаторы проекта:", bold=True)
    for indicator in project.indicators:
        b.p(f"- {indicator.name}")
    return b.document()


def load(imported: Any) -> Any:
    return roadmapdocs.load(imported.data)


# Round trips ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["municipal-roadmap", "school-roadmap", "school-roadmap-clean"])
def test_a_printed_roadmap_reads_back(name: str) -> None:
    original = roadmapdocs.load(EXAMPLES / f"{name}.yaml")
    assert isinstance(original, Roadmap)
    columns = DEFAULT.extended({"Информационное сопровождение мероприятий": "report_form"})
    imported = recognise(printed_roadmap(original), columns=columns)
    back = load(imported)
    assert isinstance(back, Roadmap)
    assert imported.unplaced == []
    assert back.title == original.title
    assert back.level == original.level
    assert back.goal == original.goal
    assert back.tasks == original.tasks
    assert [(i.number, i.name) for i in back.target_indicators] == [
        (i.number, i.name) for i in original.target_indicators
    ]
    assert [(g.risk, g.orientations) for g in back.risk_groups] == [
        (g.risk, g.orientations) for g in original.risk_groups
    ]
    assert [(d.number, d.title, d.narrative) for d in back.directions] == [
        (d.number, d.title, d.narrative) for d in original.directions
    ]

    def points(found: list[ControlPoint]) -> list[tuple[Any, ...]]:
        return [(p.number, p.text, responsible(p), deadline(p)) for p in found]

    assert points(back.control_points) == points(original.control_points)
    assert back.plan.title == original.plan.title
    assert activity_texts(back.plan) == activity_texts(original.plan)
    if original.mechanisms is not None:
        assert back.mechanisms is not None
        assert activity_texts(back.mechanisms) == activity_texts(original.mechanisms)


def test_a_printed_passport_reads_back() -> None:
    original = roadmapdocs.load(EXAMPLES / "passport.yaml")
    assert isinstance(original, Passport)
    imported = recognise(printed_passport(original))
    back = load(imported)
    assert isinstance(back, Passport)
    assert imported.unplaced == []
    assert back.heading == original.heading
    assert back.title == original.title
    assert back.problem is not None and original.problem is not None
    assert back.problem.title == original.problem.title
    for name in ("working_group", "developer", "goal", "stages", "directions", "indicator_list"):
        assert getattr(back, name) == getattr(original, name), name
    assert [(g.number, g.title, [i.name for i in g.indicators]) for g in back.indicator_groups] == [
        (g.number, g.title, [i.name for i in g.indicators]) for g in original.indicator_groups
    ]
    assert back.plan.title == original.plan.title
    assert activity_texts(back.plan) == activity_texts(original.plan)


def test_a_printed_project_reads_back() -> None:
    original = roadmapdocs.load(EXAMPLES / "regional-project.yaml")
    assert isinstance(original, Project)
    imported = recognise(printed_project(original))
    back = load(imported)
    assert isinstance(back, Project)
    assert imported.unplaced == []
    assert (back.title, back.name, back.goal) == (original.title, original.name, original.goal)
    assert [i.name for i in back.indicators] == [i.name for i in original.indicators]
    assert activity_texts(back.plan) == activity_texts(original.plan)


# Kinds ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("blocks", "kind"),
    [
        (["АДМИНИСТРАЦИЯ ГОРОДА", "ПРИКАЗ", "от 05.09.2024"], "order"),
        (["МБОУ «СШ № 5»", "П Р И К А З", "Об утверждении"], "order"),
        (["Дорожная карта", "ПАСПОРТ  ДОРОЖНОЙ КАРТЫ.", "1. ОПИСАНИЕ ПРОБЛЕМЫ."], "passport"),
        (
            [para("ДОРОЖНАЯ КАРТА проекта «Эффективная школа»", 1, bold=True), "Цель Проекта: x"],
            "project",
        ),
        ([para("План проекта", 1, bold=True), "Индикаторы проекта:"], "project"),
        ([para("Дорожная карта", 1, bold=True), "Цель проекта: x"], "roadmap"),
        (["Дорожная карта", "Цель реализации дорожной карты"], "roadmap"),
    ],
)
def test_the_kind_is_told_by_the_text(blocks: list[Any], kind: str) -> None:
    assert detect_kind(raw_document(*blocks))[0] == kind


def test_the_kind_decided_is_a_guess() -> None:
    imported = recognise(raw_document(para("Дорожная карта МБОУ СОШ № 8", 1, bold=True)))
    assert imported.guesses[0].text.startswith("вид документа — дорожная карта (kind: roadmap)")
    assert imported.data["kind"] == "roadmap"
    assert imported.data["level"] == "school"
    assert imported.data["title"] == "Дорожная карта МБОУ СОШ № 8"
    assert imported.places[("title",)] == Place(paragraph=1)


def test_a_kind_given_is_not_guessed() -> None:
    imported = recognise(raw_document(para("ПАСПОРТ", 1)), kind="roadmap")
    assert imported.data["kind"] == "roadmap"
    assert not any(g.text.startswith("вид документа") for g in imported.guesses)


def test_an_unknown_kind_is_an_error() -> None:
    with pytest.raises(KindError, match="неизвестный вид документа «letter»"):
        recognise(raw_document("x"), kind="letter")


def test_an_order_is_read_by_the_order_reader() -> None:
    imported = recognise(raw_document("ПРИКАЗ", "05.09.2024\t№ 226/1-г", "Об утверждении плана"))
    assert imported.data["kind"] == "order"
    assert (imported.data["date"], imported.data["number"]) == ("05.09.2024", "226/1-г")


# Parts and leftovers ----------------------------------------------------------------------


HEADER = ["№", "Мероприятие", "Сроки", "Ответственные"]


def test_a_roadmap_read_part_by_part_with_places() -> None:
    b = Builder()
    b.p("Дорожная карта", bold=True, centered=True)
    b.p("в Степновском муниципальном округе", bold=True, centered=True)
    b.p("Цель реализации дорожной карты: Создание условий.")
    b.p("Задачи:")
    b.p("1. провести анализ;\n2. оценить эффективность.")
    b.p("Контрольные точки")
    b.table([["№", "Контрольная точка", "Ответственный", "Сроки"], ["1", "База", "УО", "2024"]])
    b.p("Просто абзац")
    b.p("План-график")
    b.table([HEADER, [C("1. Условия", colspan=4)], ["1.1", "Анализ", "май", "УО"]])
    imported = recognise(b.document())
    data = imported.data
    assert data["title"] == "Дорожная карта\nв Степновском муниципальном округе"
    assert data["level"] == "municipal"
    assert data["goal"] == "Создание условий."
    assert data["tasks"] == ["провести анализ;", "оценить эффективность."]
    assert data["control_points"] == [
        {"number": "1", "text": "База", "responsible": "УО", "deadline": "2024"}
    ]
    assert data["plan"]["title"] == "Просто абзац\nПлан-график"
    assert imported.places[("goal",)] == Place(paragraph=3)
    assert imported.places[("tasks", 1)] == Place(paragraph=5)
    assert imported.places[("control_points", 0, "responsible")] == Place(table=1, row=2, column=3)
    assert imported.places[("plan", "sections", 0, "activities", 0, "deadline")] == Place(
        table=2, row=3, column=3
    )
    assert imported.unplaced == []
    roadmapdocs.load(data)


def test_paragraphs_and_tables_no_part_takes_are_unplaced() -> None:
    b = Builder()
    b.p("Дорожная карта", bold=True)
    b.p("Цель: повысить качество.")
    b.p("Согласовано с управлением")
    b.table([["Предмет", "Средний балл"], ["Физика", "49"]])
    b.table([HEADER, ["1", "Совещание", "май", "УО"]])
    b.p("Директор школы            Т.А. Оловянникова")
    imported = recognise(b.document())
    # The paragraph above a table that is no plan is left with it, as its caption would be.
    assert [(u.place, u.text) for u in imported.unplaced] == [
        (Place(paragraph=3), "Согласовано с управлением"),
        (Place(table=1, row=1), "Предмет | Средний балл"),
        (Place(table=1, row=2), "Физика | 49"),
        (Place(paragraph=4), "Директор школы            Т.А. Оловянникова"),
    ]
    assert "title" not in imported.data["plan"]
    roadmapdocs.load(imported.data)


def test_a_plan_broken_into_two_tables_is_one_plan() -> None:
    b = Builder()
    b.p("Дорожная карта школы", bold=True)
    b.table([HEADER, [C("1. А", colspan=4)], ["1.1", "Совещание", "май", "УО"]])
    b.table([HEADER, [C("2. Б", colspan=4)], ["2.1", "Семинар", "июнь", "ОО"]])
    imported = recognise(b.document())
    plan = imported.data["plan"]
    assert [s["number"] for s in plan["sections"]] == ["1.", "2."]
    assert imported.places[("plan", "sections", 1, "activities", 0, "text")] == Place(
        table=2, row=3, column=2
    )


def test_mechanisms_are_a_plan_of_their_own() -> None:
    b = Builder()
    b.p("Дорожная карта", bold=True)
    b.table([HEADER, ["1", "Совещание", "май", "УО"]])
    b.p("Механизмы реализации дорожной карты")
    b.table([["Мероприятия", "Сроки", "Ответственный"], ["Мониторинг", "ежегодно", "УО"]])
    imported = recognise(b.document())
    assert imported.data["mechanisms"]["title"] == "Механизмы реализации дорожной карты"
    assert imported.data["mechanisms"]["activities"] == [
        {"text": "Мониторинг", "deadline": "ежегодно", "responsible": "УО"}
    ]
    assert ("mechanisms", "activities", 0, "text") in imported.places


def test_directions_with_their_narratives() -> None:
    b = Builder()
    b.p("Дорожная карта", bold=True)
    b.p("Определение основных направлений деятельности:")
    b.p("1. Улучшение условий.")
    b.p("Выбор направления обусловлен тем, что …")
    b.p("2. Кадры.")
    data = recognise(b.document()).data
    assert data["directions"] == [
        {
            "number": "1",
            "title": "Улучшение условий.",
            "narrative": ["Выбор направления обусловлен тем, что …"],
        },
        {"number": "2", "title": "Кадры."},
    ]


def test_a_passport_form_and_its_problem() -> None:
    b = Builder()
    b.p("ДОРОЖНАЯ КАРТА", bold=True, centered=True)
    b.p("ПАСПОРТ ДОРОЖНОЙ КАРТЫ", bold=True)
    b.p("1. ОПИСАНИЕ ПРОБЛЕМЫ.")
    b.p("Средний балл по русскому языку – 51")
    b.table([["Предмет", "Всего"], ["Физика", "1"]])
    b.table(
        [
            ["Состав рабочей группы", "Иванова И.И.\nПетрова П.П."],
            ["Ответственный разработчик", "Управление образования"],
            ["Цель разработки и реализации", "Повышение качества"],
            ["Объём финансовой поддержки", ""],
            ["Подпись", "—"],
        ]
    )
    b.p("II раздел.")
    b.table([["№ п/п", "Мероприятия", "Сроки", "Отметка об исполнении"], ["1.", "Совет", "", ""]])
    imported = recognise(b.document())
    data = imported.data
    assert data["kind"] == "passport"
    assert data["heading"] == "ПАСПОРТ ДОРОЖНОЙ КАРТЫ"
    assert data["problem"] == {
        "title": "1. ОПИСАНИЕ ПРОБЛЕМЫ.",
        "text": ["Средний балл по русскому языку – 51"],
        "tables": [{"header": [["Предмет", "Всего"]], "rows": [["Физика", "1"]]}],
    }
    assert data["working_group"] == ["Иванова И.И.", "Петрова П.П."]
    assert data["developer"] == "Управление образования"
    assert data["goal"] == "Повышение качества"
    assert "financing" not in data
    assert data["plan"]["title"] == "II раздел."
    assert data["plan"]["activities"] == [{"number": "1.", "text": "Совет"}]
    assert [u.text for u in imported.unplaced] == ["Подпись | —"]
    assert imported.places[("working_group", 1)] == Place(table=2, row=1, column=2)
    roadmapdocs.load(data)


def test_a_project_names_itself_in_its_title() -> None:
    b = Builder()
    b.p('ДОРОЖНАЯ КАРТА\nпроекта "Эффективная школа"', bold=True, centered=True)
    b.p("Цель Проекта: создание условий.")
    b.table([["№ п/п", "Наименование мероприятия", "Исполнители"], ["1.1", "План", "УО"]])
    b.p("Индикаторы проекта:")
    b.p("- повышение результатов ГИА;\n- динамика результатов.")
    imported = recognise(b.document())
    data = imported.data
    assert data["kind"] == "project"
    assert data["name"] == "Эффективная школа"
    assert data["goal"] == "создание условий."
    assert data["indicators"] == ["повышение результатов ГИА;", "динамика результатов."]
    assert "level" not in data
    assert imported.places[("indicators", 1)] == Place(paragraph=4)
    roadmapdocs.load(data)


# Nothing dropped --------------------------------------------------------------------------------

HEADINGS = [
    "Цель реализации дорожной карты:",
    "Задачи:",
    "Целевые показатели:",
    "Определение основных направлений деятельности",
    "Контрольные точки",
    "Механизмы реализации",
    "ПАСПОРТ ДОРОЖНОЙ КАРТЫ",
    "1. ОПИСАНИЕ ПРОБЛЕМЫ.",
    "Цель Проекта:",
    "Индикаторы проекта:",
    "ПРИКАЗ",
]
WORDS = st.sampled_from(["анализ", "Совещание", "1.", "2.1", "- пункт", "май", "УО", "—", "Физика"])
TEXT = st.lists(WORDS, min_size=1, max_size=4).map(" ".join)
CELL = st.one_of(
    TEXT, st.just(""), st.sampled_from(["№", "Мероприятие", "Сроки", "Контрольная точка"])
)


@st.composite
def documents(draw: st.DrawFn) -> RawDocument:
    b = Builder()
    for _ in range(draw(st.integers(0, 12))):
        choice = draw(st.integers(0, 3))
        if choice == 0:
            b.p(draw(st.sampled_from(HEADINGS)), bold=draw(st.booleans()))
        elif choice == 1:
            b.p(draw(TEXT), bold=draw(st.booleans()), centered=draw(st.booleans()))
        elif choice == 2:
            width = draw(st.integers(1, 4))
            rows = draw(st.lists(st.lists(CELL, min_size=width, max_size=width), max_size=5))
            b.table([list(row) for row in rows])
        else:
            b.table([HEADER, *draw(st.lists(st.lists(TEXT, min_size=4, max_size=4), max_size=4))])
    return b.document()


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return []


@settings(max_examples=150, deadline=None)
@given(documents(), st.sampled_from([None, "roadmap", "passport", "project"]))
def test_every_text_is_taken_or_left_unplaced(raw: RawDocument, kind: str | None) -> None:
    if kind is None and detect_kind(raw)[0] == "order":
        return
    imported = recognise(raw, kind=kind)
    roadmapdocs.load(imported.data)
    kept = "\n".join(strings(imported.data) + [u.text for u in imported.unplaced])
    for block in raw.blocks:
        if isinstance(block, RawParagraph):
            text = block.text.strip()
            if text and text not in HEADINGS and text != "—":
                # A list mark or a number may be taken off an item; its words stay.
                assert text.lstrip("-–—•0123456789. ") in kept, text
        else:
            for row in block.rows:
                for cell in row.cells:
                    text = cell.text.strip()
                    if text and text != "—" and normalise(text) not in HEADER_KEYS:
                        assert text.lstrip("-–—•0123456789. ") in kept, text
    for path in imported.places:
        assert path and isinstance(path[0], str)


HEADER_KEYS = {normalise(t) for t in [*HEADER, "Контрольная точка", "Мероприятие"]}
