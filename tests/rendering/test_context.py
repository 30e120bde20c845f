"""The template context: every model field is there, as plain data, and nothing else is."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

import roadmapdocs
from roadmapdocs.errors import TemplateSecurityError
from roadmapdocs.model import Plan, Section
from roadmapdocs.rendering.context import build_context, plan_rows
from roadmapdocs.settings import Settings
from tests.rendering.conftest import load_example, make_template


def _plain(value: object) -> object:
    if isinstance(value, Mapping):
        return {key: _plain(value[key]) for key in value}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


@pytest.mark.parametrize("name", ["school-order", "municipal-roadmap", "passport"])
def test_every_field_of_the_model_is_in_the_view(name: str) -> None:
    document = load_example(name)
    view = build_context(document, Settings())["doc"]
    assert set(view) >= set(type(document).model_fields)
    assert len(view) == len(list(view))
    # Walking the whole view never fails and ends in strings, numbers and booleans.
    leaves: list[object] = []

    def collect(value: object) -> None:
        if isinstance(value, Mapping):
            for key in value:
                collect(value[key])
        elif isinstance(value, list):
            for item in value:
                collect(item)
        else:
            leaves.append(value)

    collect(view)
    assert leaves
    assert all(isinstance(leaf, str | int | float | bool) for leaf in leaves)


def test_a_plan_shows_its_rows_and_columns() -> None:
    document = load_example("school-order")
    plan = build_context(document, Settings(nbsp=False, quotes=False))["doc"]["appendices"][0][
        "plan"
    ]
    appendix_plan = document.appendices[0].plan
    assert plan["rows"] == plan_rows(appendix_plan, empty="—")
    assert [c["title"] for c in plan["columns"]] == [c.title for c in appendix_plan.table_columns]
    with pytest.raises(KeyError):
        plan["no_such_field"]


def test_an_empty_cell_holds_the_empty_cell_setting_but_for_level_and_mark() -> None:
    document = load_example("school-order")
    appendix_plan = document.appendices[0].plan
    fields = [c.field.value for c in appendix_plan.table_columns]
    bare = plan_rows(appendix_plan)
    filled = plan_rows(appendix_plan, empty="—")
    changed = 0
    for before, after in zip(bare, filled, strict=True):
        if before["kind"] == "section":
            assert after == before
            continue
        for field, old, new in zip(fields, before["cells"], after["cells"], strict=True):
            if old:
                assert new == old
            elif field in ("level", "execution_mark"):
                assert new == ""
            else:
                assert new == "—"
                changed += 1
    assert changed  # the example has empty cells
    view = build_context(document, Settings(empty_cell="нет"))["doc"]["appendices"][0]["plan"]
    assert "нет" in {cell for row in view["rows"] for cell in row["cells"]}


def test_the_model_behind_a_view_is_out_of_reach(tmp_path: Path) -> None:
    template = make_template(tmp_path, "{{ doc._model }}")
    with pytest.raises(TemplateSecurityError):
        roadmapdocs.render(load_example("school-order"), tmp_path / "o.docx", template=template)


def test_a_view_is_made_once_per_field() -> None:
    view = build_context(load_example("school-order"), Settings())["doc"]
    assert view["appendices"] is view["appendices"]
    assert _plain(view) == _plain(view)


@pytest.mark.parametrize(
    ("number", "kind", "heading", "title"),
    [
        # A direction that fills other cells too (a level, a result) stays a row of cells.
        ("1", "activity", True, ""),
        ("1.1", "activity", False, ""),
        ("2", "activity", True, ""),
        # A direction written as a number alone is the section row across the table.
        ("3", "section", True, "3"),
        ("3.1", "activity", False, ""),
    ],
)
def test_directions_of_the_order_are_heading_rows(
    number: str, kind: str, heading: bool, title: str
) -> None:
    rows = {
        row["number"]: row for row in plan_rows(load_example("school-order").appendices[0].plan)
    }
    row = rows[number]
    assert (row["kind"], row["heading"], row["title"]) == (kind, heading, title)


def test_sections_are_heading_rows_with_their_number_as_written() -> None:
    plan = Plan(
        sections=[
            Section(number="1.", title="Организационные мероприятия"),
            Section(number="2", title="Кадры"),
        ]
    )
    rows = plan_rows(plan)
    assert [(r["kind"], r["heading"], r["title"]) for r in rows] == [
        ("section", True, "1. Организационные мероприятия"),
        ("section", True, "2 Кадры"),
    ]


def _stamped(approval: str, **requisites: str) -> roadmapdocs.Document:
    document = load_example("school-order-clean")
    document.appendices[0].approval = approval
    for name, value in requisites.items():
        setattr(document, name, value)
    return document


@pytest.mark.parametrize("word", ["УТВЕРЖДЕН", "утверждена", "Утверждено", "УТВЕРЖДЁНЫ"])
def test_a_stamp_of_one_word_is_built_from_the_order_requisites(word: str) -> None:
    view = build_context(_stamped(word), Settings(nbsp=False))["doc"]
    form = word.upper().replace("Ё", "Е")
    assert view["appendices"][0]["approval"] == (
        f"{form}\nприказом МБОУ «СШ № 5»\nот 05.09.2024 № 226/1-г"
    )


def test_a_stamp_before_registration_leaves_lines_to_fill_in() -> None:
    document = _stamped("УТВЕРЖДЕН")
    document.date = None
    document.number = None
    view = build_context(document, Settings(nbsp=False))["doc"]
    assert view["appendices"][0]["approval"].endswith("от __________ № _____")


def test_a_stamp_written_out_prints_as_written() -> None:
    written = "УТВЕРЖДЕН приказом директора МБОУ «СШ № 5» от 05.09.2024 № 226/1-г"
    view = build_context(_stamped(written), Settings(nbsp=False, quotes=False))["doc"]
    assert view["appendices"][0]["approval"] == written


def test_merged_copies_carry_their_own_stamp() -> None:
    from roadmapdocs.batch import merge

    rows = [{"number": "101/1-г", "date": "02.09.2024"}, {"number": "102/1-г"}]
    for approval in ("УТВЕРЖДЕН", "УТВЕРЖДЕН приказом МБОУ «СШ № 5» от 05.09.2024 № 226/1-г"):
        copies = [copy for copy, _ in merge(_stamped(approval), rows, "{number}.docx")]
        stamps = [
            build_context(copy, Settings(nbsp=False))["doc"]["appendices"][0]["approval"]
            for copy in copies
        ]
        assert stamps[0].endswith("от 02.09.2024 № 101/1-г")
        assert stamps[1].endswith("от 05.09.2024 № 102/1-г")
        assert [f.name for c in copies for f in roadmapdocs.validate(c)] == []


@pytest.mark.parametrize(
    ("setting", "listed"),
    [("auto", ["ЦНППМ"]), ("always", ["ШНОР", "ЦНППМ"]), ("never", [])],
)
def test_the_abbreviation_list_explains_what_the_text_does_not(
    setting: str, listed: list[str]
) -> None:
    document = roadmapdocs.load(
        {
            "kind": "roadmap",
            "level": "school",
            "goal": "Помощь школам с низкими результатами (далее – ШНОР) и ЦНППМ",
            "abbreviations": [
                {"short": "ШНОР", "full": "школы с низкими результатами"},
                {"short": "ЦНППМ", "full": "центр непрерывного повышения мастерства"},
            ],
        }
    )
    context = build_context(document, Settings(abbreviation_list=setting))
    assert [entry["short"] for entry in context["abbreviations"]] == listed


def test_a_word_introduced_with_далее_is_not_listed_again() -> None:
    document = roadmapdocs.load(
        {
            "kind": "project",
            "goal": "Подготовка плана краевого проекта (далее – Проект)",
            "abbreviations": [{"short": "Проект", "full": "краевой проект"}],
        }
    )
    assert build_context(document, Settings())["abbreviations"] == []


@pytest.mark.parametrize(
    ("title", "period", "line"),
    [
        ("Дорожная карта", "2024/2025 учебный год", "на 2024/2025 учебный год"),
        ("Дорожная карта на 2024 год", "2024", ""),
        ("Дорожная карта", "с сентября 2024 по май 2025", "с сентября 2024 по май 2025"),
        ("Дорожная карта", None, ""),
    ],
)
def test_the_period_goes_under_a_title_that_does_not_name_it(
    title: str, period: str | None, line: str
) -> None:
    data = {"kind": "roadmap", "level": "school", "title": title}
    if period:
        data["period"] = period
    context = build_context(roadmapdocs.load(data), Settings(nbsp=False))
    assert context["requisites"]["period_line"] == line


def test_a_section_narrative_is_a_row_under_its_title() -> None:
    plan = Plan(sections=[Section(number="1", title="Кадры", narrative=["Почему.", "Зачем."])])
    rows = plan_rows(plan)
    assert [row["kind"] for row in rows] == ["section", "note"]
    assert rows[1]["title"] == "Почему.\nЗачем."
    # A template that knows no note rows prints the narrative as the text of a row.
    fields = [column.field.value for column in plan.table_columns]
    assert rows[1]["cells"][fields.index("text")] == "Почему.\nЗачем."


def test_project_indicators_read_as_one_table_with_baselines() -> None:
    document = roadmapdocs.load(
        {
            "kind": "project",
            "indicators": [
                {"name": "Доля", "unit": "%", "baseline": "10", "values": {"2025": "20"}},
                {"name": "Число", "unit": "чел.", "values": {"2025": "5", "2026": "7"}},
            ],
            "control_points": [{"number": "1", "text": "Отчёт", "deadline": "май 2025"}],
        }
    )
    table = build_context(document, Settings())["doc"]["indicator_table"]
    assert table["tabular"] is True
    assert table["value_columns"] == ["Базовое значение", "2025", "2026"]
    assert [i["value_cells"] for i in table["indicators"]] == [["10", "20", ""], ["", "5", "7"]]
    names_only = roadmapdocs.load({"kind": "project", "indicators": ["рост баллов ГИА"]})
    assert build_context(names_only, Settings())["doc"]["indicator_table"]["tabular"] is False
