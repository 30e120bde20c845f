"""The roadmap passport example against seed 001, the municipal passport template it reproduces.

In this seed's text every table cell is a line of its own that starts with a tab; lines without a
tab go on the cell above, and a blank line ends a table row (or a paragraph inside a cell).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

import roadmapdocs
from roadmapdocs.model import Activity, ActivityField, Fact, Passport, Table
from tests.conftest import EXAMPLES, seed_text

EXAMPLE = EXAMPLES / "passport.yaml"

# Word bookmarks the extraction leaves before some section titles of the plan: not text.
_BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")

# Read off the seed. The plan has 13 sections and 87 rows under them: 80 rows with six cells
# (two of them empty rows, in sections 11 and 13) and 7 two-cell sub-headings that head the rows
# below them (3.1, 3.2, 3.2.1, 3.2.2, 3.2.3, 6.1, 6.2).
SECTIONS = 13
ACTIVITIES = 87
SUB_HEADINGS = 7
EMPTY_ACTIVITIES = 2
NUMBERED = [
    "1.", *(f"1.{i}." for i in range(1, 10)), "1.10", "1.11",
    "2.", "2.1.", "2.2.", "2.3.",
    "3.", "3.1.", "3.1.2.", "3.1.3.", "3.1.4.", "3.1.5.", "3.1.6.",
    "3.2.", "3.2.1.", "3.2.2.", "3.2.3.",
    "4.", "5.", "6.", "6.1.", "6.2.", "7.", "8.", "9.", "10.", "11.", "12.", "13.",
]  # fmt: skip
# Indicators per group 1.1-1.5; the last group is four empty rows.
INDICATORS = {"1.1.": 5, "1.2.": 5, "1.3.": 3, "1.4.": 3, "1.5.": 4}
PERIODS = ["2020/2021", "2021/2022"]
# Body rows of the three data tables: 13 subjects, 2 years, 4 results of the one school.
TABLE_ROWS = [13, 2, 4]
TABLE_HEADER_ROWS = [2, 1, 1]
FACTS = 7
ELECTIVE_SUBJECTS = 9
# The passport has no control points of its own, and its «Значимые контрольные результаты»
# field is empty.
CONTROL_RESULTS = 0


def normalise(text: str) -> str:
    return " ".join(_BOOKMARK.sub("", text).split())


@pytest.fixture(scope="module")
def seed() -> str:
    return seed_text("001")


@pytest.fixture(scope="module")
def passport() -> Passport:
    document = roadmapdocs.load(EXAMPLE)
    assert isinstance(document, Passport)
    return document


def region(seed: str, start: str, end: str) -> str:
    """The seed from ``start`` up to (not including) the next ``end``."""
    begin = seed.index(start)
    return seed[begin : seed.index(end, begin + len(start))]


def cell_count(text: str) -> int:
    """How many table cells the extraction shows: one per line that starts with a tab."""
    return sum(1 for line in text.splitlines() if line.startswith("\t"))


def plan_rows(passport: Passport) -> Iterator[tuple[str | None, str]]:
    """Number and text of every row of the plan table, section rows included, in order."""
    for section in passport.plan.sections:
        yield section.number, section.title
        for activity in section.activities:
            for row in activity.walk():
                yield row.number, row.text


def all_facts(facts: list[Fact]) -> Iterator[Fact]:
    for fact in facts:
        yield fact
        yield from all_facts(fact.items)


def grid_widths(table: Table) -> list[int]:
    """The width of each row of the table, counting the columns merged down into it from above."""
    rows = [*table.header, *table.rows]
    covered = [0] * len(rows)
    for i, row in enumerate(rows):
        for cell in row:
            for below in range(i + 1, min(i + cell.rowspan, len(rows))):
                covered[below] += cell.colspan
    return [sum(c.colspan for c in row) + covered[i] for i, row in enumerate(rows)]


def by_number(passport: Passport, number: str) -> Activity:
    (found,) = (a for a in passport.plan.walk() if a.number == number)
    return found


def physical_cells(table: Table) -> int:
    """Cells as the extraction shows them: a cell merged down leaves an empty cell in each row
    it covers, a cell merged across does not."""
    rows = [*table.header, *table.rows]
    return sum(len(row) for row in rows) + sum(c.rowspan - 1 for row in rows for c in row)


def test_round_trips(passport: Passport) -> None:
    # Loading is the check that the example is a well-formed passport; the findings the rules
    # report on it are the point of keeping the defects, so they are not asked to be absent.
    again = roadmapdocs.load(roadmapdocs.dumps(passport))
    assert again.model_dump() == passport.model_dump()


@pytest.mark.parametrize(
    ("what", "count", "expected"),
    [
        ("sections", lambda p: len(p.plan.sections), SECTIONS),
        ("activities", lambda p: sum(1 for _ in p.plan.walk()), ACTIVITIES),
        (
            "sub-headings",
            lambda p: sum(1 for a in p.plan.walk() if a.activities),
            SUB_HEADINGS,
        ),
        (
            "empty activities",
            lambda p: sum(1 for a in p.plan.walk() if a == Activity()),
            EMPTY_ACTIVITIES,
        ),
        ("indicator groups", lambda p: len(p.indicator_groups), len(INDICATORS)),
        (
            "indicators",
            lambda p: sum(len(g.indicators) for g in p.indicator_groups),
            sum(INDICATORS.values()),
        ),
        ("tables", lambda p: len(p.problem.tables), len(TABLE_ROWS)),
        ("table rows", lambda p: [len(t.rows) for t in p.problem.tables], TABLE_ROWS),
        ("header rows", lambda p: [len(t.header) for t in p.problem.tables], TABLE_HEADER_ROWS),
        ("facts", lambda p: len(p.problem.facts), FACTS),
        ("elective subjects", lambda p: len(p.problem.facts[2].items), ELECTIVE_SUBJECTS),
        ("control results", lambda p: len(p.control_results), CONTROL_RESULTS),
    ],
)
def test_counts(passport: Passport, what: str, count: object, expected: object) -> None:
    assert callable(count)
    assert count(passport) == expected, what


def test_plan_cells_match_the_seed(passport: Passport, seed: str) -> None:
    # Every row of the plan table shows six cells except the section and sub-heading rows,
    # which show two (number and title) across the whole width.
    plan = region(seed, "II раздел.", "\t\n\n(наименование должности руководителя)")
    headings = SECTIONS + SUB_HEADINGS
    expected = 6 * (1 + ACTIVITIES - SUB_HEADINGS) + 2 * headings
    assert cell_count(plan) == expected
    numbers = [n for n, _ in plan_rows(passport) if n]
    assert numbers == NUMBERED
    assert re.findall(r"^\t(\d+(?:\.\d+)*\.?)$", plan, re.MULTILINE) == NUMBERED


@pytest.mark.parametrize(("number", "start", "end"), [
    ("1.1.", "1.1.Финансовая поддержка", "1.2.Кадровая поддержка"),
    ("1.2.", "1.2.Кадровая поддержка", "1.3.Информационно-методическая"),
    ("1.3.", "1.3.Информационно-методическая", "1.4.Организация учебного процесса"),
    ("1.4.", "1.4.Организация учебного процесса", "1.5.Обеспечение безопасности"),
    ("1.5.", "1.5.Обеспечение безопасности", "II раздел."),
])  # fmt: skip
def test_indicator_rows_match_the_seed(
    passport: Passport, seed: str, number: str, start: str, end: str
) -> None:
    # Four cells a row (name, unit, two school years) under a four-cell heading row; this is
    # also why group 1.5 has four empty rows and not one: its sixteen empty cells fill four.
    (group,) = (g for g in passport.indicator_groups if g.number == number)
    assert cell_count(region(seed, start, end)) == 4 * (1 + len(group.indicators))
    assert len(group.indicators) == INDICATORS[number]
    assert group.periods == PERIODS


@pytest.mark.parametrize(("index", "start", "end"), [
    (0, "Итоги ЕГЭ 2019/2020 учебного года \n", "\tМатематика базовая"),
    (1, "\tМатематика базовая", "Итоги ЕГЭ 2019/2020 учебного года (в разрезе"),
    (2, "Итоги ЕГЭ 2019/2020 учебного года (в разрезе", "\tСостав рабочей группы"),
])  # fmt: skip
def test_table_cells_match_the_seed(
    passport: Passport, seed: str, index: int, start: str, end: str
) -> None:
    table = passport.problem.tables[index]
    assert cell_count(region(seed, start, end)) == physical_cells(table)
    assert set(grid_widths(table)) == {table.width}, "a row is short of or over the table width"


def test_plan_texts_stand_in_the_seed_in_order(passport: Passport, seed: str) -> None:
    text = normalise(seed)
    position = text.index("II раздел.")
    for number, wording in plan_rows(passport):
        if not wording:
            continue
        found = text.find(normalise(wording), position)
        assert found >= 0, f"{number or 'строка без номера'}: «{wording[:60]}» not where expected"
        position = found + 1


def test_other_texts_stand_in_the_seed(passport: Passport, seed: str) -> None:
    text = normalise(seed)
    texts = [
        *passport.title.splitlines(),
        passport.heading,
        passport.problem.title,
        passport.problem.facts_caption,
        *passport.directions,
        *passport.indicator_list,
        *(passport.plan.title or "").splitlines(),
        *passport.signature.captions,
    ]
    for group in passport.indicator_groups:
        texts.append(f"{group.number}{group.title}")
        texts.extend(indicator.name for indicator in group.indicators if indicator.name)
    for table in passport.problem.tables:
        texts.append(table.caption or "")
        for row in [*table.header, *table.rows]:
            texts.extend(cell.text for cell in row)
            texts.extend(cell.note for cell in row if cell.note)
    missing = [t for t in texts if t is None or normalise(t) not in text]
    assert not missing


def test_facts_read_as_in_the_seed(passport: Passport, seed: str) -> None:
    lines = [line.strip() for line in seed.splitlines()]
    for fact in all_facts(passport.problem.facts):
        if fact.value is None:
            assert fact.label in lines
            continue
        # «Физика  -49», «Химия - », «Средний балл по русскому языку –  51»: any dash, any spaces.
        pattern = rf"{re.escape(fact.label)}\s*[–-]\s*{re.escape(fact.value)}"
        assert any(re.fullmatch(pattern, line) for line in lines), fact


@pytest.mark.parametrize(("index", "number", "start", "result"), [
    (0, "1.1.", "Создание Рабочей группы", None),
    (9, "1.10", "Определение базовых школ", None),
    (10, "1.11", "Введение штатных единиц  психологов, соцпедагогов……", None),
    (14, "3.1.", "Совещание с руководителями", None),
    (15, "3.1.2.", "О результатах ГИА-2020", "Итоговый аналитический отчет по результатам ГИА"),
    (21, "3.2.1.", "Методические семинары", None),
    (22, None, "Модель школьной системы оценки качества образования\n(из опыта", None),
    (36, None, "Проведение практических занятий   тьюторской группой", None),
    (37, None, "Организация дополнительных занятий и консультаций", None),
    (50, None, "Разработка программы реформирования", None),
    (53, None, "Разработка программы реформирования", None),
    (65, None, "Семинары в рамках методических объединений", "."),
    (74, None, "", None),
    (84, None, "", None),
    (86, None, "Проведение ежеквартальных методических совещаний", None),
])  # fmt: skip
def test_plan_spot_checks(
    passport: Passport, index: int, number: str | None, start: str, result: str | None
) -> None:
    activity = list(passport.plan.walk())[index]
    assert activity.number == number
    assert activity.text.startswith(start) if start else activity.text == ""
    assert activity.result is None if result is None else activity.result.startswith(result)
    # The whole plan leaves terms, owners and execution marks empty.
    assert activity.deadline is None
    assert activity.responsible == []
    assert activity.execution_mark is None


@pytest.mark.parametrize(("group", "index", "name", "unit", "values"), [
    ("1.1.", 0, "Доля расходов на оказание помощи школам с низкими", None, ()),
    ("1.2.", 0, "Доля педагогов, повысивших квалификацию", "18", ("86%", "86%")),
    ("1.2.", 4, "Доля молодых специалистов", "7", ("33%", "33%")),
    ("1.3.", 1, "Доля подключений к «сетевому городу»", "100%", ("100%", "100%")),
    ("1.3.", 2, "Доля учащихся получающих поддержку", "227", ("227", "227")),
    ("1.4.", 2, "Доля новых штатных единиц ( психологов", "3", ("3", "3")),
    ("1.5.", 3, "", None, ()),
])  # fmt: skip
def test_indicator_spot_checks(
    passport: Passport, group: str, index: int, name: str, unit: str | None, values: tuple[str, ...]
) -> None:
    (found,) = (g for g in passport.indicator_groups if g.number == group)
    indicator = found.indicators[index]
    assert indicator.name.startswith(name) if name else indicator.name == ""
    assert indicator.unit == unit
    assert indicator.values == (dict(zip(PERIODS, values, strict=True)) if values else {})


@pytest.mark.parametrize(("table", "row", "column", "text"), [
    (0, 0, 0, "Русский язык"),
    (0, 0, 7, "100%"),
    (0, 1, 5, "100%"),
    (0, 2, 6, ""),
    (0, 12, 0, "Литература"),
    (1, 0, 0, "2016 год"),
    (1, 1, 7, "40%"),
    (2, 0, 1, "СОШ №\nЧисленность участников 1"),
    (2, 2, 0, "Сдали до 60 баллов"),
    (2, 3, 3, "0"),
])  # fmt: skip
def test_table_spot_checks(
    passport: Passport, table: int, row: int, column: int, text: str
) -> None:
    assert passport.problem.tables[table].rows[row][column].text == text


def test_merged_and_annotated_cells(passport: Passport) -> None:
    by_school = passport.problem.tables[2]
    assert [c.rowspan for c in by_school.rows[0][:2]] == [4, 4]
    notes = {c.text: c.note for c in by_school.header[0] if c.note}
    assert notes == {
        "Итоги ЕГЭ": "Указывается параметр «численность»",
        "Р/Я": "Русский язык",
        "М (П)": "Математика (профильная)",
    }
    assert passport.problem.tables[0].header[0][0].colspan == passport.problem.tables[0].width


def test_plan_columns_keep_the_seed_headings(passport: Passport, seed: str) -> None:
    heading = region(seed, "\t№ п/п\n\tМероприятия", "\n\n")
    titles = [line.strip() for line in heading.splitlines()]
    assert [c.title for c in passport.plan.columns] == titles
    assert [c.field for c in passport.plan.columns] == [
        ActivityField.NUMBER,
        ActivityField.TEXT,
        ActivityField.DEADLINE,
        ActivityField.RESPONSIBLE,
        ActivityField.RESULT,
        ActivityField.EXECUTION_MARK,
    ]


@pytest.mark.parametrize(
    ("defect", "holds"),
    [
        (
            "«Биология» twice",
            lambda p: [f.label for f in p.problem.facts[2].items].count("Биология") == 2,
        ),
        ("3.1 starts at 3.1.2", lambda p: by_number(p, "3.1.").activities[0].number == "3.1.2."),
        ("words doubled in 3.2", lambda p: by_number(p, "3.2.").text.count("с заместителями") == 2),
        (
            "6.1 and 6.2 repeat",
            lambda p: by_number(p, "6.1.").activities[1] == by_number(p, "6.2.").activities[1],
        ),
        ("«……» ends the indicator list", lambda p: p.indicator_list[-1].endswith("……")),
        ("a lone dot for directions", lambda p: p.directions == ["."]),
        (
            "passport fields blank",
            lambda p: not (p.working_group or p.developer or p.goal or p.stages or p.financing),
        ),
        ("a count as a unit", lambda p: p.indicator_groups[1].indicators[0].unit == "18"),
        ("signature blank", lambda p: p.signature.person is None and p.signature.position is None),
    ],
)
def test_defects_are_kept(passport: Passport, defect: str, holds: object) -> None:
    assert callable(holds)
    assert holds(passport), defect
