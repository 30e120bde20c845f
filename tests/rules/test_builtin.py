"""Each built-in rule on small documents: (document, expected (code, element) pairs)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

import roadmapdocs


def _roadmap(**fields: Any) -> dict[str, Any]:
    return {"kind": "roadmap", "level": "school", "title": "Дорожная карта", **fields}


def _activity(number: str, text: str = "Педсовет", **fields: Any) -> dict[str, Any]:
    return {
        "number": number,
        "text": text,
        "deadline": "март 2024",
        "responsible": "Зам директора по УВР",
        "result": "Протокол",
        **fields,
    }


def _plan(*activities: dict[str, Any]) -> dict[str, Any]:
    return {
        "plan": {"sections": [{"number": "1", "title": "Раздел", "activities": list(activities)}]}
    }


def _order(**fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "order",
        "level": "school",
        "title": "Об утверждении плана",
        "date": "05.09.2024",
        "number": "226/1-г",
        "clauses": ["Утвердить план."],
        "signer": {"position": "Директор", "person": "Оловянникова Т.А."},
    }
    data.update(fields)
    return data


def _charge(*people: Any) -> dict[str, Any]:
    return {
        "addressees": {"position": "заместитель директора", "people": list(people)},
        "text": "обеспечить выполнение плана.",
    }


CASES: list[tuple[str, dict[str, Any], set[tuple[str, str]]]] = [
    ("clean", _roadmap(**_plan(_activity("1.1"), _activity("1.2", "Семинар"))), set()),
    (
        "no responsible",
        _roadmap(**_plan(_activity("1.1", responsible=[]))),
        {("RD101", "мероприятие 1.1")},
    ),
    (
        "no deadline on a control point",
        _roadmap(control_points=[{"number": "3", "text": "Курсы", "responsible": "УВР"}]),
        {("RD102", "контрольная точка 3")},
    ),
    ("no result", _roadmap(**_plan(_activity("1.1", result=None))), {("RD103", "мероприятие 1.1")}),
    (
        "a heading row needs no owner",
        _roadmap(
            **_plan({"number": "1.1", "text": "Направление", "activities": [_activity("1.1.1")]})
        ),
        set(),
    ),
    (
        "empty section",
        _roadmap(plan={"sections": [{"number": "2", "title": "Кадры"}]}),
        {("RD104", "раздел 2")},
    ),
    (
        "row without text",
        _roadmap(**_plan(_activity("1.1", text=""))),
        {("RD106", "мероприятие 1.1")},
    ),
    (
        "gap 13 → 15",
        _roadmap(
            control_points=[
                {"number": n, "text": f"Точка {n}", "responsible": "УВР", "deadline": "май 2024"}
                for n in (*map(str, range(1, 14)), "15")
            ]
        ),
        {("RD201", "контрольная точка 15")},
    ),
    (
        "gap in a flat table of mixed levels",
        _roadmap(**_plan(_activity("1.1"), _activity("1.2", "Семинар"), _activity("1.4", "Урок"))),
        {("RD201", "мероприятие 1.4")},
    ),
    (
        "duplicate number across sections",
        _roadmap(
            plan={
                "sections": [
                    {"number": "1", "title": "А", "activities": [_activity("1.1")]},
                    {"number": "2", "title": "Б", "activities": [_activity("1.1", "Урок")]},
                ]
            }
        ),
        {("RD202", "мероприятие 1.1")},
    ),
    (
        "same text twice, case and punctuation aside",
        _roadmap(**_plan(_activity("1.1", "Педсовет."), _activity("1.2", "ПЕДСОВЕТ"))),
        {("RD203", "мероприятие 1.2")},
    ),
    (
        "appendix quotes another number",
        _order(
            appendices=[{"number": "1", "reference": {"number": "№226/1-09", "date": "05.09.2024"}}]
        ),
        {("RD204", "приложение 1")},
    ),
    (
        "appendix quotes the same number differently spaced",
        _order(appendices=[{"number": "1", "reference": {"number": "№ 226/1-г"}}]),
        set(),
    ),
    (
        "a stamp written out that quotes another order's number",
        _order(
            number="145/01-07",
            appendices=[
                {
                    "number": "1",
                    "approval": "УТВЕРЖДЕНА приказом МБОУ «СШ № 5» от 05.09.2024 № 145/01-08",
                }
            ],
        ),
        {("RD204", "приложение 1")},
    ),
    (
        "a stamp written out that quotes another date, in words",
        _order(
            appendices=[
                {"approval": "УТВЕРЖДЕН приказом от «04» сентября 2024 г. № 226/1-г"},
            ],
        ),
        {("RD204", "приложение 1")},
    ),
    (
        "a stamp written out that quotes the order itself",
        _order(
            appendices=[
                {"approval": "УТВЕРЖДЕН приказом МБОУ «СШ № 5» от 5 сентября 2024 г. № 226/1-г"},
            ],
        ),
        set(),
    ),
    ("a stamp of its word alone", _order(appendices=[{"approval": "Утверждён"}]), set()),
    ("order without a number", _order(number=None), {("RD205", "номер приказа")}),
    ("a two-digit year in the order's date", _order(date="05.09.24"), {("RD207", "дата приказа")}),
    (
        "a two-digit year in the date an appendix quotes, the same date as the order's",
        _order(appendices=[{"number": "1", "reference": {"date": "5 сентября 24 г."}}]),
        {("RD207", "приложение 1")},
    ),
    (
        "an addressee whose gender decides the dative and is not shown",
        _order(clauses=[_charge("Лаврушкина Е.А.", "Ковальчук О.Н.")]),
        {("RD208", "пункт 1")},
    ),
    (
        "addressees whose dative is settled: a gender, a patronymic, a form, no declension",
        _order(
            clauses=[
                _charge(
                    {"surname": "Ковальчук", "initials": "О.Н.", "gender": "female"},
                    "Ковальчук Олег Николаевич",
                    {"surname": "Кулиш", "initials": "О.И.", "forms": {"dative": "Кулиш О.И."}},
                    "Шевченко О.П.",
                    "Дюма А.",
                )
            ]
        ),
        set(),
    ),
    (
        "a signer's name is not declined",
        _order(signer={"position": "Директор", "person": "Ковальчук О.Н."}),
        set(),
    ),
    (
        "the only appendix cited with a number",
        _order(clauses=["Утвердить план (Приложение № 1)."], appendices=[{"title": "План"}]),
        {("RD206", "пункт 1")},
    ),
    (
        "a cited appendix that is not there",
        _order(
            clauses=["Утвердить план (приложение № 1) и график (приложение № 3)."],
            appendices=[{"title": "План"}, {"title": "График"}],
        ),
        {("RD206", "пункт 1")},
    ),
    (
        "appendices cited as they are numbered",
        _order(
            clauses=["Утвердить план (приложение № 1) и график (приложение № 2)."],
            appendices=[{"title": "План"}, {"title": "График"}],
        ),
        set(),
    ),
    (
        "undefined abbreviation, reported once",
        _roadmap(goal="Поддержка ШНОР", tasks=["Помощь ШНОР", "ЕГЭ и ОГЭ"]),
        {("RD301", "цель")},
    ),
    (
        "introduced with «далее»",
        _roadmap(goal="Школы с низкими результатами (далее – ШНОР)", tasks=["Помощь ШНОР"]),
        set(),
    ),
    (
        "abbreviations every school document uses",
        _roadmap(
            goal="Помощь ОО и ОУ",
            tasks=["ИОМ педагогов", "КПК для учителей", "ПМПК", "Программы ДПО", "ВШК"],
            approval="Зам директора по АХЧ",
        ),
        set(),
    ),
    (
        "a word in capitals is not an abbreviation",
        _roadmap(title="ДОРОЖНАЯ КАРТА", goal="ПРИКАЗ"),
        set(),
    ),
    (
        "one abbreviation spelt two ways",
        _roadmap(goal="Школы (далее – ШНОР)", tasks=["Помощь ШНОР", "Помощь ШНРО"]),
        {("RD302", "задачи")},
    ),
    ("placeholder", _roadmap(goal="Опыт СОШ № ____"), {("RD401", "цель")}),
    ("percent without a number", _roadmap(goal="Снижение на % доли"), {("RD401", "цель")}),
    ("repeated words", _roadmap(goal="Зам директора по Зам директора по УВР"), {("RD402", "цель")}),
    ("markup", _roadmap(goal='<p>Цель</p> <ul style="x">'), {("RD403", "цель")}),
    (
        "share counted in people",
        _roadmap(
            indicator_groups=[
                {
                    "number": "1",
                    "indicators": [
                        {"name": "Доля педагогов", "unit": "человек", "values": {"2024": "5"}},
                        {"name": "Доля учащихся", "unit": "%", "values": {"2024": "40"}},
                        {"name": "Доля школ", "values": {"2024": "3"}},
                    ],
                }
            ]
        ),
        {("RD501", "показатель 1/1"), ("RD501", "показатель 1/3")},
    ),
    (
        "missing value and an empty row",
        _roadmap(
            indicator_groups=[
                {
                    "number": "1",
                    "periods": ["2023", "2024"],
                    "indicators": [
                        {"name": "Средний балл", "unit": "балл", "values": {"2023": "50"}},
                        {"name": ""},
                    ],
                }
            ]
        ),
        {("RD105", "показатель 1/1"), ("RD105", "показатель 1/2")},
    ),
]


@pytest.mark.parametrize(
    ("document", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_rule_finds_exactly_the_defect(
    document: dict[str, Any], expected: set[tuple[str, str]]
) -> None:
    report = roadmapdocs.validate(roadmapdocs.load(document), ignore=["unparsed-deadline"])
    assert {(f.code, f.element) for f in report} == expected


TERMS: list[tuple[str, str, date | None, set[str]]] = [
    ("inside the period", "март 2024", None, set()),
    ("after the period", "март 2026", None, {"RD601"}),
    ("past due without a mark", "март 2024", date(2024, 6, 1), {"RD603"}),
    ("not yet due", "март 2024", date(2024, 3, 10), set()),
]


@pytest.mark.parametrize(
    ("deadline", "as_of", "codes"), [t[1:] for t in TERMS], ids=[t[0] for t in TERMS]
)
def test_terms_against_period_and_date(deadline: str, as_of: date | None, codes: set[str]) -> None:
    document = roadmapdocs.load(
        _roadmap(period="2024", **_plan(_activity("1.1", deadline=deadline)))
    )
    report = roadmapdocs.validate(document, as_of=as_of, select=["RD6"])
    assert {f.code for f in report} == codes


def test_execution_mark_clears_overdue() -> None:
    document = roadmapdocs.load(_roadmap(**_plan(_activity("1.1", execution_mark="Исполнено"))))
    assert not roadmapdocs.validate(document, as_of=date(2025, 1, 1), select=["overdue"]).findings


def test_unreadable_term_is_information() -> None:
    document = roadmapdocs.load(_roadmap(**_plan(_activity("1.1", deadline="когда-нибудь потом"))))
    (finding,) = roadmapdocs.validate(document, select=["unparsed-deadline"])
    assert (finding.severity, finding.element) == (roadmapdocs.Severity.INFO, "мероприятие 1.1")


def test_english_messages_and_located_paths() -> None:
    text = "kind: roadmap\nlevel: school\nplan:\n  activities:\n    - number: '2.3'\n      text: Урок\n"
    (finding,) = roadmapdocs.validate(roadmapdocs.load(text), select=["RD101"], lang="en")
    assert finding.message == "no one is responsible"
    assert finding.element == "activity 2.3"
    assert finding.path == ("plan", "activities", 0, "responsible")
    assert finding.dotted_path == "plan.activities[0].responsible"
    assert finding.line == 5


def test_a_field_without_its_column_is_reported_once_per_plan() -> None:
    document = _roadmap(
        plan={
            "columns": ["number", "text", "deadline"],
            "sections": [
                {
                    "number": "1",
                    "title": "Раздел",
                    "activities": [
                        {
                            "number": "1.1",
                            "text": "Семинар",
                            "deadline": "май 2024",
                            "description": "для учителей",
                        },
                        {
                            "number": "1.2",
                            "text": "Совет",
                            "deadline": "май 2024",
                            "description": "для всех",
                        },
                    ],
                }
            ],
        }
    )
    report = roadmapdocs.validate(roadmapdocs.load(document), select=["unprinted-field"])
    assert [(f.code, f.element) for f in report] == [("RD404", "мероприятие 1.1")]
    # Without declared columns, the table grows the column itself.
    del document["plan"]["columns"]
    plan = roadmapdocs.load(document).plan
    assert "description" in [c.field.value for c in plan.table_columns]
    assert list(roadmapdocs.validate(roadmapdocs.load(document), select=["unprinted-field"])) == []
