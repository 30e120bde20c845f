"""Plan tables read back into a plan: headers, sections, continuation rows, nesting, leftovers."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import roadmapdocs
from roadmapdocs.importing.columns import DEFAULT, SYNONYMS, ColumnMap, normalise
from roadmapdocs.importing.plans import find_header, read_plan
from roadmapdocs.importing.raw import Place
from roadmapdocs.model.activity import ActivityField, Plan
from tests.conftest import EXAMPLES
from tests.importing.conftest import C, activity_texts, plan_table, raw_table

HEADER = ["№ п/п", "Мероприятие", "Сроки", "Ответственный", "Ожидаемый результат"]


def plan(rows: list[list[str | C]], **kwargs: Any) -> dict[str, Any]:
    return read_plan(raw_table(rows), **kwargs).data


def guesses(rows: list[list[str | C]]) -> list[str]:
    return [g.text for g in read_plan(raw_table(rows)).guesses]


# Headers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("header", "field"), sorted(SYNONYMS.items()))
def test_every_synonym_names_its_field(header: str, field: ActivityField) -> None:
    found = DEFAULT.match(header)
    assert found is not None
    assert (found.field, found.similar) == (field, False)


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("СРОКИ ИСПОЛНЕНИЯ", ActivityField.DEADLINE),
        ("Форма отчетного документа", ActivityField.REPORT_FORM),
        ("Управленче-ские решения/ожидаемые результаты", ActivityField.RESULT),
        ("Управленче-\nские решения / ожидаемые результаты", ActivityField.RESULT),
        ("  Ответственный  исполнитель ", ActivityField.RESPONSIBLE),
        ("№\nп/п", ActivityField.NUMBER),
        ("Отметка о выполнении.", ActivityField.EXECUTION_MARK),
    ],
)
def test_headers_match_after_normalising(header: str, field: ActivityField) -> None:
    found = DEFAULT.match(header)
    assert found is not None
    assert (found.field, found.similar) == (field, False)


def test_normalising() -> None:
    assert normalise("Управленче-ские  решения/Ожидаемые") == "управленческие решения ожидаемые"
    assert normalise("Отчётность") == "отчетность"
    assert normalise("школ-наставников") == "школнаставников"
    assert normalise("Психолого–педагогическое") == "психолого педагогическое"


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Сроки исполн.", ActivityField.DEADLINE),
        ("Ответственный за исполнение", ActivityField.RESPONSIBLE),
        ("Сроки (месяц, год)", ActivityField.DEADLINE),
        ("Формы отчетности", ActivityField.REPORT_FORM),
    ],
)
def test_a_near_header_is_taken_by_likeness(header: str, field: ActivityField) -> None:
    found = DEFAULT.match(header)
    assert found is not None
    assert (found.field, found.similar) == (field, True)
    assert found.describe(header) == f"столбец «{header}» → {field.value} (по сходству)"


@pytest.mark.parametrize("header", ["Примечание", "Наименование", "1", "", "Информационное"])
def test_a_header_nothing_is_like_is_not_mapped(header: str) -> None:
    assert DEFAULT.match(header) is None


def test_the_map_is_extended_from_settings() -> None:
    extended = DEFAULT.extended({"Публикация в СМИ": "report_form", "Сроки": ActivityField.RESULT})
    found = extended.match("Публикация в СМИ")
    assert found is not None
    assert found.field == ActivityField.REPORT_FORM
    assert extended.match("Сроки") is not None
    assert extended.match("Сроки").field == ActivityField.RESULT  # type: ignore[union-attr]
    # The default map is left as it was.
    assert DEFAULT.match("Публикация в СМИ") is None
    assert DEFAULT.match("Сроки").field == ActivityField.DEADLINE  # type: ignore[union-attr]


def test_an_unknown_field_in_settings_is_an_error_in_russian() -> None:
    with pytest.raises(ValueError, match="столбец «Срок»: неизвестное поле «срок»"):
        ColumnMap.of({}).extended({"Срок": "срок"})


def test_columns_keep_their_titles_when_not_the_default() -> None:
    data = plan(
        [
            ["№ п/п", "Наименование мероприятия", "Сроки", "Исполнители"],
            ["1", "Совещание", "май", "УО"],
        ]
    )
    assert data["columns"] == [
        "number",
        {"field": "text", "title": "Наименование мероприятия"},
        "deadline",
        {"field": "responsible", "title": "Исполнители"},
    ]


def test_every_column_taken_is_a_guess() -> None:
    said = guesses([["№", "Мероприятие", "Срок исполнения", "Примечание"], ["1", "А", "май", "x"]])
    assert said == [
        "столбец «№» → number",
        "столбец «Мероприятие» → text",
        "столбец «Срок исполнения» → deadline",
        "столбец «Примечание» не распознан: его ячейки оставлены неразнесёнными",
    ]


def test_an_unmapped_column_leaves_its_cells_unplaced() -> None:
    imported = read_plan(
        raw_table([["№", "Мероприятие", "Примечание"], ["1", "Совещание", "см. приказ"]])
    )
    assert imported.data["activities"] == [{"number": "1", "text": "Совещание"}]
    assert [(u.text, u.place) for u in imported.unplaced] == [
        ("Примечание", Place(table=1, row=1, column=3)),
        ("см. приказ", Place(table=1, row=2, column=3)),
    ]


def test_a_second_column_for_the_same_field_is_left_unplaced() -> None:
    imported = read_plan(
        raw_table([["№", "Мероприятие", "Срок", "Сроки"], ["1", "А", "май", "июнь"]])
    )
    assert imported.data["activities"] == [{"number": "1", "text": "А", "deadline": "май"}]
    assert [u.text for u in imported.unplaced] == ["Сроки", "июнь"]
    assert "уже у столбца «Срок»" in imported.guesses[-1].text


# The header row and rows that are not activities ---------------------------------------------


def test_title_rows_above_the_header_are_the_plan_title() -> None:
    imported = read_plan(
        raw_table(
            [
                [C("План мероприятий", colspan=3)],
                [C("на 2024 год", colspan=3)],
                ["№", "Мероприятие", "Сроки"],
                ["1", "Совещание", "май"],
            ]
        )
    )
    assert imported.data["title"] == "План мероприятий\nна 2024 год"
    assert imported.places[("title",)] == Place(table=1, row=1, column=1)
    assert imported.data["activities"] == [{"number": "1", "text": "Совещание", "deadline": "май"}]


def test_the_header_names_the_text_and_one_more_field() -> None:
    table = raw_table([["Мероприятие", "x"], ["Сроки", "Ответственные"], HEADER, ["1", "А"]])
    assert find_header(table) == 2


def test_a_table_with_no_header_is_left_unplaced() -> None:
    imported = read_plan(raw_table([["Предмет", "Всего"], ["Физика", "1"]]))
    assert imported.data == {"columns": [], "sections": [], "activities": []}
    assert [u.text for u in imported.unplaced] == ["Предмет", "Всего", "Физика", "1"]


def test_a_header_repeated_mid_table_is_skipped() -> None:
    data = plan(
        [
            HEADER,
            ["1", "Совещание", "май", "УО", "Протокол"],
            HEADER,
            ["2", "Семинар", "июнь", "ОО", "Отчёт"],
        ]
    )
    assert [a["number"] for a in data["activities"]] == ["1", "2"]


def test_rows_marked_as_header_are_skipped() -> None:
    table = raw_table(
        [HEADER, ["1", "Совещание"], ["№", "Мероприятия", "Срок"], ["2", "Семинар"]],
        header=[0, 2],
    )
    assert [a["text"] for a in read_plan(table).data["activities"]] == ["Совещание", "Семинар"]


def test_a_row_of_column_numbers_is_skipped() -> None:
    data = plan([HEADER, ["1", "2", "3", "4", "5"], ["1", "Совещание", "май", "УО", "Протокол"]])
    assert data["activities"] == [
        {
            "number": "1",
            "text": "Совещание",
            "deadline": "май",
            "responsible": "УО",
            "result": "Протокол",
        }
    ]


def test_blank_rows_are_skipped() -> None:
    data = plan([HEADER, ["", "", "", "", ""], ["1", "Совещание"]])
    assert data["activities"] == [{"number": "1", "text": "Совещание"}]


# Sections --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "number", "title"),
    [
        ([C("1. Организационные мероприятия", colspan=5)], "1.", "Организационные мероприятия"),
        (
            [C("Организационные мероприятия", colspan=5, bold=True)],
            "",
            "Организационные мероприятия",
        ),
        ([C("II. Аналитика\nи мониторинг", colspan=5)], "II.", "Аналитика\nи мониторинг"),
        (["1.", C("Организационные мероприятия", colspan=4)], "1.", "Организационные мероприятия"),
        (
            [C("1", bold=True), C("Организационные", bold=True), "", "", ""],
            "1",
            "Организационные",
        ),
        (["1.", C("Организационные", bold=True), "", "", ""], "1.", "Организационные"),
        (["1. Организационные мероприятия", "", "", "", ""], "1.", "Организационные мероприятия"),
    ],
)
def test_section_rows(row: list[str | C], number: str, title: str) -> None:
    imported = read_plan(raw_table([HEADER, row, ["1.1", "Совещание", "май"]]))
    section = {
        "title": title,
        "activities": [{"number": "1.1", "text": "Совещание", "deadline": "май"}],
    }
    if number:
        section = {"number": number, **section}
    assert imported.data["sections"] == [section]
    assert imported.data["activities"] == []
    assert imported.places[("sections", 0, "title")] == Place(table=1, row=2)
    assert imported.places[("sections", 0, "activities", 0, "text")] == Place(
        table=1, row=3, column=2
    )


def test_a_plain_row_with_a_number_and_a_text_is_an_activity() -> None:
    data = plan([HEADER, ["1", "Совещание", "", "", ""], ["2", "Семинар", "май"]])
    assert data["sections"] == []
    assert data["activities"] == [
        {"number": "1", "text": "Совещание"},
        {"number": "2", "text": "Семинар", "deadline": "май"},
    ]


def test_a_bold_row_numbered_below_the_top_is_an_activity() -> None:
    data = plan(
        [
            HEADER,
            [C("1. Организационные", colspan=5)],
            [C("1.1.", bold=True), C("Совещания", bold=True), "", "", ""],
            ["1.1.1.", "О результатах ГИА", "", "", "Отчёт"],
        ]
    )
    assert data["sections"][0]["activities"] == [
        {
            "number": "1.1.",
            "text": "Совещания",
            "activities": [{"number": "1.1.1.", "text": "О результатах ГИА", "result": "Отчёт"}],
        }
    ]


def test_a_bold_row_of_cells_is_an_activity() -> None:
    row = [C(t, bold=True) for t in ["1", "Направление", "май", "УО", "Приказ"]]
    data = plan([HEADER, row, ["1.1", "Совещание"]])
    assert data["sections"] == []
    assert data["activities"][0]["deadline"] == "май"
    assert data["activities"][0]["activities"] == [{"number": "1.1", "text": "Совещание"}]


def test_a_row_across_after_activities_heads_the_ones_under_it() -> None:
    imported = read_plan(
        raw_table([HEADER, ["1", "Совещание", "май"], [C("2", colspan=5)], ["2.1", "Семинар"]])
    )
    assert imported.data["sections"] == []
    assert imported.data["activities"] == [
        {"number": "1", "text": "Совещание", "deadline": "май"},
        {"number": "2", "activities": [{"number": "2.1", "text": "Семинар"}]},
    ]
    assert imported.places[("activities", 1, "activities", 0, "text")] == Place(
        table=1, row=4, column=2
    )


def test_activities_before_the_first_section_stay_in_the_plan() -> None:
    data = plan([HEADER, [C("Общие", colspan=5, bold=True)], ["1", "А"], [C("2. Б", colspan=5)]])
    assert [s.get("number") for s in data["sections"]] == [None, "2."]
    assert data["sections"][0]["activities"] == [{"number": "1", "text": "А"}]


# Continuation rows ----------------------------------------------------------------------------


def test_a_row_with_no_number_carries_on_the_activity_above() -> None:
    imported = read_plan(
        raw_table(
            [
                HEADER,
                ["1", "Подготовка плана", "Январь", "Управление образования", "План"],
                ["", "(дорожной карты)", "2022", "Иванова И.И.", ""],
                ["2", "Семинар", "май", "ОО", "Отчёт"],
            ]
        )
    )
    assert imported.data["activities"][0] == {
        "number": "1",
        "text": "Подготовка плана\n(дорожной карты)",
        "deadline": "Январь\n2022",
        "responsible": ["Управление образования", "Иванова И.И."],
        "result": "План",
    }
    assert imported.places[("activities", 0, "deadline")] == Place(table=1, row=2, column=3)
    assert len(imported.data["activities"]) == 2
    assert "строка без номера — продолжение мероприятия 1" in [g.text for g in imported.guesses]


def test_a_continuation_fills_the_cells_left_empty_above() -> None:
    data = plan([HEADER, ["1", "Совещание", "", "", ""], ["", "", "май", "УО", ""]])
    assert data["activities"] == [
        {"number": "1", "text": "Совещание", "deadline": "май", "responsible": "УО"}
    ]


def test_a_sentence_carried_on_in_lower_case_is_a_continuation() -> None:
    data = plan([HEADER, ["1", "Совещание", "", "", ""], ["", "руководителей школ", "", "", ""]])
    assert data["activities"] == [{"number": "1", "text": "Совещание\nруководителей школ"}]


def test_a_number_merged_down_makes_the_rows_one_activity() -> None:
    data = plan(
        [
            HEADER,
            [C("1", rowspan=2), "Совещание", "май", "УО", "Протокол"],
            ["Семинар", "июнь", "", ""],
        ]
    )
    assert data["activities"] == [
        {
            "number": "1",
            "text": "Совещание\nСеминар",
            "deadline": "май\nиюнь",
            "responsible": "УО",
            "result": "Протокол",
        }
    ]


def test_a_cell_merged_down_gives_each_activity_its_text() -> None:
    imported = read_plan(
        raw_table(
            [
                HEADER,
                ["1", "Совещание", "май", C("Управление образования", rowspan=2), "Протокол"],
                ["2", "Семинар", "июнь", "Отчёт"],
            ]
        )
    )
    assert [a["responsible"] for a in imported.data["activities"]] == ["Управление образования"] * 2
    assert imported.places[("activities", 1, "responsible")] == Place(table=1, row=2, column=4)
    assert imported.data["activities"][1]["result"] == "Отчёт"


def test_a_dash_merged_down_gives_nothing() -> None:
    data = plan([HEADER, ["1", "А", C("—", rowspan=2)], ["2", "Б"]])
    assert data["activities"] == [{"number": "1", "text": "А"}, {"number": "2", "text": "Б"}]


def test_unnumbered_rows_under_a_bare_heading_are_its_activities() -> None:
    data = plan(
        [
            HEADER,
            [C("3. Работа с заместителями", colspan=5)],
            ["3.2.1.", "Методические семинары", "", "", ""],
            ["", "Модель школьной системы оценки", "", "", ""],
            ["", "Роль методической службы", "", "", ""],
            ["3.2.2.", "Производственные совещания", "", "", ""],
        ]
    )
    assert data["sections"][0]["activities"] == [
        {
            "number": "3.2.1.",
            "text": "Методические семинары",
            "activities": [
                {"text": "Модель школьной системы оценки"},
                {"text": "Роль методической службы"},
            ],
        },
        {"number": "3.2.2.", "text": "Производственные совещания"},
    ]


def test_a_section_of_unnumbered_activities() -> None:
    data = plan(
        [
            HEADER,
            [C("4. Работа с обучающимися", colspan=5)],
            ["", "Консультации"],
            ["", "Пробный ЕГЭ"],
        ]
    )
    assert data["sections"][0]["activities"] == [{"text": "Консультации"}, {"text": "Пробный ЕГЭ"}]


def test_without_a_number_column_a_row_is_an_activity_unless_it_carries_one_on() -> None:
    data = plan(
        [
            ["Мероприятие", "Сроки", "Ответственные"],
            [C("1. Условия", colspan=3)],
            ["Анализ", "Февраль", "Директор"],
            ["Мониторинг профессиональных", "Май", "Зам директора по УВР"],
            ["дефицитов педагогов", "", ", руководители МО"],
            ["", "", "Завхоз"],
        ]
    )
    assert data["sections"][0]["activities"] == [
        {"text": "Анализ", "deadline": "Февраль", "responsible": "Директор"},
        {
            "text": "Мониторинг профессиональных\nдефицитов педагогов",
            "deadline": "Май",
            "responsible": ["Зам директора по УВР, руководители МО", "Завхоз"],
        },
    ]


# Texts and nesting ---------------------------------------------------------------------------


def test_texts_are_kept_as_they_stand_and_dashes_leave_a_field_out() -> None:
    text = "Заключение соглашений:\n- по использованию ресурсов;\n- по реализации программ"
    data = plan([HEADER, ["1.", text, "—", "-", "Соглашения  «о сотрудничестве»"]])
    assert data["activities"] == [
        {"number": "1.", "text": text, "result": "Соглашения  «о сотрудничестве»"}
    ]


def test_activities_numbered_under_others_nest_in_a_plan_with_no_sections() -> None:
    data = plan(
        [
            HEADER,
            ["1", "Организационное", "2024", "", ""],
            ["1.1", "План", "сентябрь", "", ""],
            ["1.1.1", "Проект плана", "", "", ""],
            ["1.2", "Совещания", "", "", ""],
            ["2", "Методическое", "", "", ""],
            ["2.1.", "Семинары", "", "", ""],
        ]
    )
    assert data["activities"] == [
        {
            "number": "1",
            "text": "Организационное",
            "deadline": "2024",
            "activities": [
                {
                    "number": "1.1",
                    "text": "План",
                    "deadline": "сентябрь",
                    "activities": [{"number": "1.1.1", "text": "Проект плана"}],
                },
                {"number": "1.2", "text": "Совещания"},
            ],
        },
        {
            "number": "2",
            "text": "Методическое",
            "activities": [{"number": "2.1.", "text": "Семинары"}],
        },
    ]


def test_places_name_rows_and_cells() -> None:
    imported = read_plan(raw_table([HEADER, [C("1. А", colspan=5)], ["1.1", "Б", "май"]]))
    assert imported.places[("columns", 2)] == Place(table=1, row=1, column=3)
    assert imported.places[("sections", 0)] == Place(table=1, row=2)
    assert imported.places[("sections", 0, "activities", 0)] == Place(table=1, row=3)
    assert imported.places[("sections", 0, "activities", 0, "deadline")] == Place(
        table=1, row=3, column=3
    )


# Round trips ---------------------------------------------------------------------------------


def example_plans() -> list[tuple[str, Plan]]:
    found: list[tuple[str, Plan]] = []
    for path in sorted(EXAMPLES.glob("*.yaml")):
        document = roadmapdocs.load(path)
        for name in ("plan", "mechanisms"):
            value = getattr(document, name, None)
            if isinstance(value, Plan) and list(value.walk()):
                found.append((f"{path.stem}.{name}", value))
        for index, appendix in enumerate(getattr(document, "appendices", [])):
            found.append((f"{path.stem}.appendices.{index}", appendix.plan))
    return found


@pytest.mark.parametrize(("name", "original"), example_plans(), ids=lambda v: str(v)[:40])
def test_a_printed_example_plan_reads_back(name: str, original: Plan) -> None:
    columns = DEFAULT.extended({"Информационное сопровождение мероприятий": "report_form"})
    imported = read_plan(plan_table(original, title="Таблица"), columns)
    back = Plan.model_validate(imported.data)
    assert imported.unplaced == []
    assert back.title == "Таблица"
    assert [c.title for c in back.table_columns] == [c.title for c in original.table_columns]
    assert activity_texts(back) == activity_texts(original)
    assert [(s.number, s.title) for s in back.sections] == [
        (s.number, s.title) for s in original.sections
    ]


WORDS = st.text(alphabet="абвгдежзиклмнопрстуфхцчшщэюя«»", min_size=1, max_size=8)
TEXTS = st.lists(st.lists(WORDS, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=3).map(
    "\n".join
)
UPPER = TEXTS.map(lambda t: t[0].upper() + t[1:])


def _one_line(text: str) -> str:
    return " ".join(text.split())


@st.composite
def activities(draw: st.DrawFn, prefix: str, depth: int, heads: bool) -> dict[str, Any]:
    count = draw(st.integers(1, 3))
    found = []
    for index in range(1, count + 1):
        number = f"{prefix}{index}" if prefix else str(index)
        activity: dict[str, Any] = {"number": number, "text": draw(UPPER)}
        for name in ("deadline", "result"):
            if draw(st.booleans()):
                activity[name] = draw(TEXTS)
        if draw(st.booleans()):
            # A party a line, as a render prints them.
            activity["responsible"] = draw(st.lists(UPPER.map(_one_line), min_size=1, max_size=3))
        if heads:
            # A top-level heading with nothing but a text prints across the table, as a section.
            activity.setdefault("deadline", draw(TEXTS))
        if depth < 2 and draw(st.booleans()):
            activity["activities"] = draw(activities(f"{number}.", depth + 1, False))["activities"]
        found.append(activity)
    return {"activities": found}


@st.composite
def plans(draw: st.DrawFn) -> dict[str, Any]:
    columns = ["number", "text", "deadline", "responsible", "result"]
    if draw(st.booleans()):
        return {"columns": columns, **draw(activities("", 0, True))}
    sections = []
    for index in range(1, draw(st.integers(1, 3)) + 1):
        section = {"number": f"{index}.", "title": draw(UPPER)}
        if draw(st.booleans()):
            section.update(draw(activities(f"{index}.", 1, False)))
        sections.append(section)
    return {"columns": columns, "sections": sections}


@settings(max_examples=60, deadline=None)
@given(plans())
def test_a_random_plan_laid_out_as_a_table_comes_back_equal(data: dict[str, Any]) -> None:
    original = Plan.model_validate(data)
    back = Plan.model_validate(read_plan(plan_table(original)).data)
    assert back.model_dump() == original.model_dump()
