"""The school order example against seed 003, the Smolensk order it reproduces."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest

import roadmapdocs
from roadmapdocs.model import Activity, ActivityField, Order
from tests.conftest import EXAMPLES, seed_text

EXAMPLE = EXAMPLES / "school-order.yaml"

# Read off the seed by hand: three directions, with 7, 8 and 8 numbered rows under them.
EXPECTED_NUMBERS = [
    "1", *(f"1.{i}" for i in range(1, 8)),
    "2", *(f"2.{i}" for i in range(1, 9)),
    "3", *(f"3.{i}" for i in range(1, 9)),
]  # fmt: skip
EXPECTED_ROWS = 26

COLUMNS = [
    (ActivityField.NUMBER, "№"),
    (ActivityField.LEVEL, "Уровень управления"),
    (ActivityField.TEXT, "Мероприятие/направление"),
    (ActivityField.DESCRIPTION, "Описание специфики (целевая аудитория)"),
    (ActivityField.DEADLINE, "Сроки"),
    (ActivityField.RESPONSIBLE, "Ответственный"),
    (ActivityField.RESULT, "Управленческие решения/ожидаемые результаты"),
]


def normalise(text: str) -> str:
    return " ".join(text.split())


@dataclass
class SeedRow:
    """A numbered row of the appendix table, with the cells of its continuation on the next page."""

    cells: list[str]
    continued: list[str]

    def accepts(self, column: int, value: str) -> bool:
        """Whether ``value`` is this cell as written, re-joined across a page break if need be.

        A page break can fall between two words or inside one («Информацион» / «ные материалы»),
        so the halves may meet with or without a space.
        """
        head = normalise(self.cells[column])
        tail = normalise(self.continued[column]) if self.continued else ""
        if not tail:
            return normalise(value) == head
        return normalise(value) in (f"{head} {tail}", f"{head}{tail}")


def seed_rows(seed: str) -> dict[str, SeedRow]:
    """The appendix table of the seed, keyed by row number, without the repeated header rows."""
    table = seed[seed.index("Приложение № 1") :]
    rows: dict[str, SeedRow] = {}
    last: SeedRow | None = None
    for line in table.splitlines():
        if "\t" not in line or line.startswith("№\t"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        # On one page the table has an eighth, empty column; row 2 put its result there.
        if len(cells) == 8:
            extra = cells.pop()
            if extra:
                assert not cells[6], f"two results in row {cells[0]}"
                cells[6] = extra
        assert len(cells) == len(COLUMNS), line
        if cells[0]:
            last = rows[cells[0]] = SeedRow(cells, [])
        else:
            assert last is not None and not last.continued, line
            last.continued = cells
    return rows


@pytest.fixture(scope="module")
def seed() -> str:
    return seed_text("003")


@pytest.fixture(scope="module")
def order() -> Order:
    document = roadmapdocs.load(EXAMPLE)
    assert isinstance(document, Order)
    return document


@pytest.fixture(scope="module")
def activities(order: Order) -> dict[str, Activity]:
    return {a.number: a for a in order.appendices[0].plan.walk() if a.number}


def test_dumped_yaml_loads_back_to_the_same_document(order: Order) -> None:
    again = roadmapdocs.load(roadmapdocs.dumps(order))
    assert again.model_dump() == order.model_dump()


def test_first_line_points_editors_at_the_schema() -> None:
    first = EXAMPLE.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=schema/roadmapdocs.schema.json"


def test_seed_table_has_the_rows_read_off_it(seed: str) -> None:
    rows = seed_rows(seed)
    assert len(rows) == EXPECTED_ROWS
    assert list(rows) == EXPECTED_NUMBERS
    assert sorted(n for n, row in rows.items() if row.continued) == ["2.3", "3.4", "3.8"]


def test_plan_has_every_row_in_seed_order(order: Order) -> None:
    numbers = [a.number for a in order.appendices[0].plan.walk()]
    assert len(numbers) == EXPECTED_ROWS
    assert numbers == EXPECTED_NUMBERS


def test_rows_nest_under_their_direction(order: Order) -> None:
    plan = order.appendices[0].plan
    assert not plan.sections
    assert {a.number: len(a.activities) for a in plan.activities} == {"1": 7, "2": 8, "3": 8}


def test_columns_carry_the_first_header_of_the_seed(order: Order, seed: str) -> None:
    plan = order.appendices[0].plan
    assert [(c.field, c.title) for c in plan.columns] == COLUMNS
    header = next(line for line in seed.splitlines() if line.startswith("№\t"))
    assert header.split("\t") == [title for _, title in COLUMNS]


@pytest.mark.parametrize("number", EXPECTED_NUMBERS)
def test_every_cell_is_the_seed_cell_of_its_row(
    number: str, activities: dict[str, Activity], seed: str
) -> None:
    """Each field is checked against its own row and column, so a shifted row cannot pass."""
    row = seed_rows(seed)[number]
    activity = activities[number]
    fields = {
        1: activity.level or "",
        2: activity.text,
        3: activity.description or "",
        4: activity.deadline.text if activity.deadline else "",
        5: ", ".join(str(party) for party in activity.responsible),
        6: activity.result or "",
    }
    for column, value in fields.items():
        assert row.accepts(column, value), (number, COLUMNS[column][1], value)


# number → (level, deadline, responsible, result); None where the seed leaves the cell empty.
SPOT_CHECKS = [
    ("1", "Организационно-управленческое направление", "сентябрь-октябрь 2024",
     "Управление образования и молодежной политики Администрации города Смоленска (далее – УОиМП), "
     "Образовательный центр поддержки и развития муниципальной системы образования "
     "(далее – ОЦПРМСО)", "Приказ УОиМП"),
    ("1.3", None, "ноябрь-декабрь 2024", "УОиМП, ОЦПРМСО", "Приказ УОиМП"),
    ("1.4", "институциональный", "сентябрь 2024", "ОО", "Приказы ОО"),
    ("1.7", None, "в течение года (по необходимости)", "ОО", None),
    ("2", None, None, None, "Аналитические справки"),
    ("2.1", None, "в течение года-в соответствии с графиком проведения оценочных процедур",
     "УОиМП, ОЦПМСО", None),
    ("2.3", None, "ноябрь-октябрь 2024", "УОиМП, ОЦПМСО", "Информационные материалы"),
    ("2.6", "Институциональный", "ноябрь-декабрь 2024", "Руководитель ОО",
     "Информационные справки, иные локальные нормативные акты"),
    ("2.7", None, "декабрь 2024, август 2025", "Управленческая команда ОО",
     "Информационные материалы"),
    ("3", None, None, None, None),
    ("3.1", "муниципальный", "декабрь 2024", "УОиМП",
     "Информационные материалы, адресные рекомендации"),
    ("3.5", None, "ноябрь 2024", "Руководитель, зам.руководителя ОО",
     "Исполнение мероприятий ИОМ, аналитические справки по результатам исполнения"),
    ("3.6", None, "ноябрь 2024 – май 2025", "Зам. руководителя ОО",
     "Информация в анализе эффективности и принятых мер"),
    ("3.8", None, "2 квартал 2025", "ОО", "Протоколы заседаний"),
]  # fmt: skip


@pytest.mark.parametrize(("number", "level", "deadline", "responsible", "result"), SPOT_CHECKS)
def test_spot_checks(
    activities: dict[str, Activity],
    number: str,
    level: str | None,
    deadline: str | None,
    responsible: str | None,
    result: str | None,
) -> None:
    activity = activities[number]
    assert activity.level == level
    assert (activity.deadline.text if activity.deadline else None) == deadline
    assert (", ".join(map(str, activity.responsible)) or None) == responsible
    assert activity.result == result


def test_empty_levels_are_not_copied_down(activities: dict[str, Activity]) -> None:
    levels = {number: a.level for number, a in activities.items() if a.level}
    assert levels == {
        "1": "Организационно-управленческое направление",
        "1.1": "муниципальный",
        "1.4": "институциональный",
        "2.6": "Институциональный",
        "3.1": "муниципальный",
        "3.4": "Институциональный",
    }


@pytest.mark.parametrize(
    ("number", "fragment"),
    [
        ("2.3", "Вебинар «Муниципальные результаты мониторинга по выявлению ШПРО»"),
        ("3.4", "семинар с руководителями <p>«Деятельность школы по преодолению рисков"),
        ("3.8", "вопросов программ реализации повышения качества обучения"),
    ],
)
def test_rows_split_by_a_page_break_are_one_cell(
    activities: dict[str, Activity], number: str, fragment: str
) -> None:
    assert fragment in activities[number].text


def test_defects_of_the_seed_are_kept(order: Order, activities: dict[str, Activity]) -> None:
    first, duplicate = activities["1"], activities["1.1"]
    assert (first.text, first.description, first.deadline, first.responsible, first.result) == (
        duplicate.text,
        duplicate.description,
        duplicate.deadline,
        duplicate.responsible,
        duplicate.result,
    )
    assert activities["3"].text == ""
    assert activities["3.4"].text.count('<ul style="list-style-type: none">') == 2
    assert activities["3.4"].description is not None
    assert activities["3.4"].description.startswith("<p>")
    reference = order.appendices[0].reference
    assert reference is not None and reference.number != order.number


def test_requisites(order: Order, seed: str) -> None:
    assert order.date == dt.date(2024, 9, 5)
    assert order.number == "226/1-г"
    assert order.place == "Смоленск"
    reference = order.appendices[0].reference
    assert reference is not None
    assert (reference.date, reference.number) == (dt.date(2024, 9, 5), "226/1-09")
    assert f"от {order.date:%d.%m.%Y}\n\n№ {order.number}" in seed
    assert f"к приказу от {reference.date:%d.%m.%Y} №{reference.number}" in seed
    assert order.appendices[0].number == "1"


def test_organisation_and_signer(order: Order, seed: str) -> None:
    organisation = order.organisation
    assert organisation is not None
    flat = normalise(seed)
    for value in (organisation.parent_body, organisation.full_name, f"({organisation.short_name})"):
        assert value and normalise(value) in flat, value
    assert order.signer.position == "Директор школы"
    assert order.signer.person is not None
    assert f"{order.signer.position}\n\n\n\n{order.signer.person.signature_name}" in seed


def test_addressees_are_people_the_seed_names_in_the_dative(order: Order, seed: str) -> None:
    clause = order.clauses[1]
    assert clause.addressees is not None
    assert clause.addressees.position == "заместитель директора школы"
    people = [(p.surname, p.initials, p.first_name) for p in clause.addressees.people]
    assert people == [
        ("Лаврушкина", "Е.А.", None),
        ("Романова", "И.Е.", None),
        ("Балабанова", "Н.В.", None),
    ]
    # Feminine surnames in -а take -ой in the dative: the order reads «Лаврушкиной Е.А.».
    dative = ", ".join(f"{p.surname[:-1]}ой {p.initials}" for p in clause.addressees.people)
    assert f"2. Заместителям директора школы {dative} {clause.text}" in seed


def test_texts_of_the_order_occur_in_the_seed(order: Order, seed: str) -> None:
    flat = normalise(seed)
    texts = [order.title, order.basis or "", order.appendices[0].title]
    texts += [clause.text for clause in order.clauses]
    for value in texts:
        assert value and normalise(value) in flat, value
    numbered = [line for line in seed.splitlines() if re.match(r"^[123]\. ", line)]
    assert len(numbered) == len(order.clauses) == 3
