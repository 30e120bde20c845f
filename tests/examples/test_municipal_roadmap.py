"""The municipal roadmap example against its seed: nothing lost, shifted, invented or tidied up.

The expected counts and spot checks below were read off the seed document, not off the example,
so a row dropped, split or moved while editing the YAML fails here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

import pytest

import roadmapdocs
from roadmapdocs.model import Activity, Party, Roadmap
from tests.conftest import EXAMPLES, seed_text

EXAMPLE = EXAMPLES / "municipal-roadmap.yaml"
SEED = "002"

# The PDF put the deadline «Ежегодно» of two section 5 activities inside their text; the example
# keeps it as the deadline, so the seed is read with that one extraction artifact undone.
MISPLACED_DEADLINE = ("Федеральный проект: Ежегодно «", "Федеральный проект: «")

# How far down the seed (in cells) the rest of a cell broken by a page may stand: the rest of the
# row it was in, plus a repeated header row, comes between the two halves.
PAGE_BREAK_REACH = 12

LATIN_MMC = "MMC"
CYRILLIC_MMC = "ММС"


def _norm(text: str) -> str:
    return " ".join(text.split())


def _seed_cells(seed: str) -> list[str]:
    """The seed as cells in reading order: one per tab-separated field of each line.

    A leading «- » is the list format of the extraction, not text; «**» marks bold.
    """
    raw = seed.replace(*MISPLACED_DEADLINE).replace("**", "")
    cells: list[str] = []
    for line in raw.splitlines():
        line = line.removeprefix("- ")
        cells.extend(cell for cell in map(_norm, line.split("\t")) if cell)
    return cells


def _in_seed(text: str, cells: Sequence[str]) -> bool:
    """Whether ``text`` stands in one seed cell, or in a cell re-joined across a page break.

    A re-joined cell is the end of one cell followed, a few cells further on, by the beginning
    of another: the two halves of a table cell that a page break tore apart.
    """
    wanted = _norm(text)
    if any(wanted in cell for cell in cells):
        return True
    first_word = wanted.split(" ", 1)[0]
    for i, cell in enumerate(cells):
        for found in re.finditer(re.escape(first_word), cell):
            head = cell[found.start() :]
            if not wanted.startswith(head + " "):
                continue
            rest = wanted[len(head) + 1 :]
            if any(c.startswith(rest) for c in cells[i + 1 : i + 1 + PAGE_BREAK_REACH]):
                return True
    return False


def _who(parties: Sequence[Party]) -> str:
    return ", ".join(str(party) for party in parties)


def _party_texts(party: Party) -> Iterator[str]:
    """What of a party must be found in the seed: its text, its body, each person's name."""
    for text in (party.text, party.body, party.position):
        if text:
            yield text
    for person in party.people:
        yield person.short_name


def _strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield _norm(data)
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


@pytest.fixture(scope="module")
def roadmap() -> Roadmap:
    document = roadmapdocs.load(EXAMPLE)
    assert isinstance(document, Roadmap)
    return document


@pytest.fixture(scope="module")
def seed() -> str:
    return seed_text(SEED)


@pytest.fixture(scope="module")
def cells(seed: str) -> list[str]:
    return _seed_cells(seed)


def _section(roadmap: Roadmap, number: str) -> list[Activity]:
    (section,) = (s for s in roadmap.plan.sections if s.number == f"{number}.")
    return section.activities


def test_round_trip_keeps_the_document(roadmap: Roadmap) -> None:
    again = roadmapdocs.load(roadmapdocs.dumps(roadmap))
    # Field by field: a loaded document also remembers where its values stood in its file.
    for name in Roadmap.model_fields:
        assert getattr(again, name) == getattr(roadmap, name), name


def test_header(roadmap: Roadmap, cells: list[str]) -> None:
    assert (roadmap.kind, roadmap.level) == ("roadmap", "municipal")
    assert roadmap.period is not None and roadmap.period.text == "2024-2025 гг."
    lines = roadmap.title.splitlines()
    assert len(lines) == 5
    assert all(_in_seed(line, cells) for line in lines)
    assert roadmap.goal is not None and _in_seed(roadmap.goal, cells)


def test_tasks_are_those_of_the_seed(roadmap: Roadmap, cells: list[str]) -> None:
    # Eight list items in the seed, one of them the second half of the sixth task.
    assert len(roadmap.tasks) == 7
    missing = [task for task in roadmap.tasks if not _in_seed(task, cells)]
    assert missing == []
    # The sixth task runs over a page in the seed; it must be one task, not two.
    assert roadmap.tasks[5].endswith("удовлетворенности условиями работы;")


def test_target_indicators(roadmap: Roadmap, cells: list[str]) -> None:
    indicators = roadmap.target_indicators
    assert [i.number for i in indicators] == [str(n) for n in range(1, 24)]
    missing = [i.number for i in indicators if not _in_seed(i.name, cells)]
    assert missing == []
    # «- 10.Доля …» in the seed: the number goes to ``number``, the rest is the name.
    assert indicators[9].name.startswith("Доля обучающихся с образовательной неуспешностью")


def test_directions_and_their_narratives(roadmap: Roadmap, cells: list[str]) -> None:
    paragraphs = {d.number: len(d.narrative) for d in roadmap.directions}
    assert paragraphs == {"1": 2, "2": 1, "3": 0, "4": 1, "5": 0}
    texts = [d.title for d in roadmap.directions]
    texts += [p for d in roadmap.directions for p in d.narrative]
    assert [t for t in texts if not _in_seed(t, cells)] == []


def test_abbreviations_are_those_the_seed_introduces(roadmap: Roadmap, seed: str) -> None:
    seed = _norm(seed)
    shorts = [a.short for a in roadmap.abbreviations]
    assert shorts == ["УО АСМО СК", "МУ «АХЦСО»", "ГБУ ДПО СКИРО ПК и ПРО", 'центры "Точка роста"']
    for a in roadmap.abbreviations:
        # The seed puts a stray comma before one «(далее …»; it is not part of the full form.
        introduced = re.escape(_norm(a.full)) + r",? \(далее - " + re.escape(a.short) + r"\)"
        assert re.search(introduced, seed), a.short


def test_control_points_keep_the_gap_in_numbering(roadmap: Roadmap, cells: list[str]) -> None:
    numbers = [cp.number for cp in roadmap.control_points]
    assert numbers == [str(n) for n in (*range(1, 14), 15, 16, 17)]
    for cp in roadmap.control_points:
        assert _in_seed(cp.text, cells), cp.number
        assert cp.deadline is not None and _in_seed(cp.deadline.text, cells), cp.number
        for party in cp.responsible:
            assert all(_in_seed(t, cells) for t in _party_texts(party)), cp.number


@pytest.mark.parametrize(
    ("number", "deadline", "responsible"),
    [
        ("1", "I полугодие 2024 года", "Управление образования (Чиж Л.В., Зайцева Т.А.)"),
        (
            "2",
            "II полугодие 2024 года - I полугодие 2025 года",
            "Муниципальная методическая служба (Кулиш О.И., Сварич Ю.Ф.)",
        ),
        (
            "3",
            "II- III кварталы 2025 года",
            "Муниципальная методическая служба, руководители общеобразовательных учреждений",
        ),
        (
            "5",
            "III квартал 2024 г.",
            "Управление образования, муниципальная методическая служба, "
            "руководители общеобразовательных учреждений",
        ),
        ("7", "2025 г.\n2024 г.\n2024 г.", "Фарсиян И.С., Головатов А.В."),
        (
            "8",
            "2024 г.-2025 г.\n2024 г.\n2024 г.-2025 г.",
            "Фарсиян И.С., Головатов А.В., Чиж Л.В., Кулиш О.И.",
        ),
        ("10", "По графику заседаний Совета руководителей", "Управление образования"),
        ("11", "Ежегодно: июнь", "Чиж Л.В., Зайцева Т.А."),
        (
            "12",
            "Ежегодно: январь, июнь",
            "Управление образования, муниципальная методическая служба",
        ),
        ("13", "Ежегодно", "Управление образования, муниципальная методическая служба"),
        (
            "15",
            "Ежегодно: март, май, ноябрь, декабрь",
            "Управление образования, муниципальная методическая служба",
        ),
        ("17", "В течение срока реализации", "Кулиш О.И."),
    ],
)
def test_control_point_rows(roadmap: Roadmap, number: str, deadline: str, responsible: str) -> None:
    (cp,) = (cp for cp in roadmap.control_points if cp.number == number)
    assert cp.deadline is not None and cp.deadline.text == deadline
    assert _who(cp.responsible) == responsible


def test_control_point_lists_have_a_deadline_per_item(roadmap: Roadmap) -> None:
    for cp in roadmap.control_points[6:8]:
        assert cp.deadline is not None
        items = cp.text.count("- количество")
        assert items == len(cp.deadline.text.splitlines()) == 3, cp.number


def test_control_point_torn_by_a_page_is_whole(roadmap: Roadmap) -> None:
    twelfth = roadmap.control_points[11]
    assert twelfth.text.startswith("<p>Проведение мониторинга деятельности школ")
    assert twelfth.text.endswith("с целью выявления профессиональных дефицитов.")


def test_plan_shape(roadmap: Roadmap) -> None:
    plan = roadmap.plan
    assert plan.title == "Разработка плана-графика реализации мероприятий дорожной карты"
    assert [(c.field.value, c.title) for c in plan.table_columns] == [
        ("text", "Мероприятие"),
        ("deadline", "Сроки"),
        ("responsible", "Ответственные"),
        ("result", "Показатель реализации"),
        ("report_form", "Формы отчетных документов"),
    ]
    # Rows per section, counted in the seed; the «-- -- …» line after section 1 is a table
    # border of the extraction, not a row.
    assert {s.number: len(s.activities) for s in plan.sections} == {
        "1.": 4,
        "2.": 11,
        "3.": 8,
        "4.": 8,
        "5.": 5,
    }
    assert len(list(plan.walk())) == 36
    assert all(not a.activities for a in plan.walk())


def _activity_texts(activity: Activity) -> Iterator[str]:
    for text in (activity.text, activity.result, activity.report_form):
        if text:
            yield text
    if activity.deadline is not None:
        yield activity.deadline.text
    for party in activity.responsible:
        yield from _party_texts(party)


def test_every_plan_cell_is_in_the_seed(roadmap: Roadmap, cells: list[str]) -> None:
    assert roadmap.mechanisms is not None
    activities = [*roadmap.plan.walk(), *roadmap.mechanisms.walk()]
    missing = [t for a in activities for t in _activity_texts(a) if not _in_seed(t, cells)]
    assert missing == []
    titles = [s.title for s in roadmap.plan.sections]
    assert [t for t in titles if not _in_seed(t, cells)] == []


UO = "Управление образования"
SENIOR = "Старший методист"


@pytest.mark.parametrize(
    ("section", "row", "starts", "deadline", "responsible"),
    [
        ("1", 0, "Проведение анализа и оценки", "Ежегодно", f"{UO}, МУ «АХЦСО»"),
        ("1", 3, "Меры по оснащению", "Постоянно", f"{UO}, общеобразовательные учреждения"),
        ("2", 0, "Профориентация выпускников", "весь период", UO),
        ("2", 1, "Целевое поступление", None, ""),
        (
            "2",
            2,
            "Профессиональная переподготовка",
            "по плану СКИРО ПК и ПРО",
            f"{SENIOR} {CYRILLIC_MMC}",
        ),
        ("2", 3, "Совершенствование модели", "I квартал 2024 г.", f"{SENIOR} {CYRILLIC_MMC}"),
        ("2", 5, "Организация работы по ранней", "весь период", f"{UO} (Зайцева Т.А.)"),
        ("2", 6, "Проведение родительских собраний", None, ""),
        ("2", 10, "Организация сетевого взаимодействия", None, ""),
        ("3", 0, "Курсы повышения", "по пану СКИРО ПК и ПРО", f"{SENIOR} {LATIN_MMC}"),
        ("3", 4, "Сопровождение индивидуальных", "весь период", f"{SENIOR} {LATIN_MMC}"),
        ("3", 5, "Организовать взаимодействие", "весь период", f"{SENIOR} {CYRILLIC_MMC}"),
        (
            "3",
            6,
            "Взаимодействие школ - участников",
            "весь период реализации",
            "Руководители ОУ, школьные кураторы, муниципальный координатор",
        ),
        ("3", 7, "Участие педагогов", "ежегодно", f"{SENIOR} {CYRILLIC_MMC}"),
        ("4", 0, "Тестирование", "май, октябрь 2024 г.", f"{UO}, педагог-психолог"),
        (
            "4",
            2,
            "Курсовая подготовка",
            "по плану СКИРО ПК и ПРО",
            f"СКИРО ПК и ПРО, старший методист {CYRILLIC_MMC}",
        ),
        ("4", 3, "Психологические тренинги", "апрель, октябрь 2024 г.", "Педагоги - психологи"),
        (
            "4",
            6,
            "Контроль качества",
            "по плану контроля управления образования",
            f"{UO}, {CYRILLIC_MMC}",
        ),
        ("4", 7, "Комплексный анализ", "май 2024 г., 2025 г.", f"{UO}, {CYRILLIC_MMC}"),
        ("5", 0, "Федеральный проект: «Цифровая", "Ежегодно", f"{UO}, {CYRILLIC_MMC}"),
        ("5", 1, "Федеральный проект: «Патриотическое", "Ежегодно", f"{UO}, {LATIN_MMC}"),
        ("5", 4, "Федеральный проект: «Современная", "Ежегодно", f"{UO}, {LATIN_MMC}"),
    ],
)
def test_plan_rows(
    roadmap: Roadmap,
    section: str,
    row: int,
    starts: str,
    deadline: str | None,
    responsible: str,
) -> None:
    activity = _section(roadmap, section)[row]
    assert activity.text.startswith(starts)
    assert (activity.deadline.text if activity.deadline else None) == deadline
    assert _who(activity.responsible) == responsible


def test_terms_misplaced_by_the_pdf_are_terms(roadmap: Roadmap, seed: str) -> None:
    assert seed.count(MISPLACED_DEADLINE[0]) == 2
    moved = [a for a in _section(roadmap, "5")[:2] if a.text.startswith(MISPLACED_DEADLINE[1])]
    assert [a.deadline.text for a in moved if a.deadline] == ["Ежегодно", "Ежегодно"]


def test_section_two_rows_without_term_or_owner(roadmap: Roadmap) -> None:
    bare = [a.text for a in _section(roadmap, "2") if a.deadline is None and not a.responsible]
    assert bare == [
        "Целевое поступление выпускников в ВУЗы и СУЗы региона",
        "Проведение родительских собраний",
        "Проведение совещаний с руководителями",
        "Мониторинг кадрового обеспечения",
        "Проведение фестивалей, открытых уроков",
        "Организация сетевого взаимодействия",
    ]


def test_mechanisms(roadmap: Roadmap) -> None:
    mechanisms = roadmap.mechanisms
    assert mechanisms is not None
    assert [c.title for c in mechanisms.table_columns] == [
        "Мероприятия",
        "Сроки",
        "Ответственный",
        "Информационное сопровождение мероприятий",
    ]
    rows = [
        (a.deadline.text if a.deadline else None, _who(a.responsible)) for a in mechanisms.walk()
    ]
    assert rows == [
        ("июнь 2024 г., 2025 г.", f"Старший методист {CYRILLIC_MMC}"),
        ("декабрь, июнь 2024 г., 2025 г.", f"Старший методист {CYRILLIC_MMC}"),
        ("по плану контроля управления образования", "Управление образования"),
    ]


def test_latin_mmc_stays_where_the_seed_has_it(roadmap: Roadmap, seed: str) -> None:
    assert LATIN_MMC.isascii() and not CYRILLIC_MMC.isascii()
    latin_rows = sum(1 for line in seed.splitlines() if LATIN_MMC in line)
    # The row torn by a page in section 5 has the Latin letters only in its second half, so each
    # such seed line is one activity.
    latin_activities = [a for a in roadmap.plan.walk() if LATIN_MMC in _who(a.responsible)]
    assert len(latin_activities) == latin_rows == 9


@pytest.mark.parametrize(
    "defect",
    [
        "по пану СКИРО ПК и ПРО",
        "для управлеченческих команд",
        "Посещение управлеченческими командами",
        "Снижение на % доли",
        '<ul style="list-style-type: none">',
        "<p>Региональный проект «Современная школа»:</p>",
        "школам, функционирующем в зоне риска",
        "педагогическим кадрами",
        "одним их рисков",
        "повышавшимися Ставропольского края",
        "на 2024-2025 г",
        "ГБУ ДПО «Ставропольский краевой институт развития образования, повышения квалификации и "
        "переподготовки работников образования, (далее - ГБУ ДПО СКИРО ПК и ПРО);",
    ],
)
def test_seed_defects_are_kept(roadmap: Roadmap, defect: str) -> None:
    assert any(defect in text for text in _strings(roadmapdocs.to_data(roadmap)))


def test_cut_off_cell_is_kept_cut_off(roadmap: Roadmap) -> None:
    last = _section(roadmap, "5")[-1]
    assert last.report_form == "Официальный сайт УО, сайты общеобразовательных"
    assert last.result is None
