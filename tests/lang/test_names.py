"""Declension of names: layouts, genders, indeclinable and double surnames, the gender question."""

from __future__ import annotations

import pytest
import yaml

from roadmapdocs.errors import DeclensionError, GenderUnknown, RoadmapdocsError
from roadmapdocs.lang.names import (
    Undeclinable,
    declined_name,
    inflect_name,
    initials_first,
    name_gender,
    person_name,
    yaml_with_gender,
)
from roadmapdocs.model.person import Person
from tests.lang.names_heldout import NAMES

# (name as written, case, gender given or None, expected)
CASES = [
    # the seed order's deputies, in every case
    ("Лаврушкина Е.А.", "nominative", None, "Лаврушкина Е.А."),
    ("Лаврушкина Е.А.", "genitive", None, "Лаврушкиной Е.А."),
    ("Лаврушкина Е.А.", "dative", None, "Лаврушкиной Е.А."),
    ("Лаврушкина Е.А.", "accusative", None, "Лаврушкину Е.А."),
    ("Лаврушкина Е.А.", "instrumental", None, "Лаврушкиной Е.А."),
    ("Лаврушкина Е.А.", "prepositional", None, "Лаврушкиной Е.А."),
    ("Романова И.Е.", "dative", None, "Романовой И.Е."),
    ("Балабанова Н.В.", "dative", None, "Балабановой Н.В."),
    # a man by initials: the surname's form decides
    ("Головатов А.В.", "genitive", None, "Головатова А.В."),
    ("Головатов А.В.", "dative", None, "Головатову А.В."),
    ("Головатов А.В.", "accusative", None, "Головатова А.В."),
    ("Головатов А.В.", "instrumental", None, "Головатовым А.В."),
    ("Головатов А.В.", "prepositional", None, "Головатове А.В."),
    # full names: the patronymic decides
    ("Оловянникова Татьяна Алексеевна", "genitive", None, "Оловянниковой Татьяны Алексеевны"),
    ("Оловянникова Татьяна Алексеевна", "dative", None, "Оловянниковой Татьяне Алексеевне"),
    ("Оловянникова Татьяна Алексеевна", "accusative", None, "Оловянникову Татьяну Алексеевну"),
    ("Оловянникова Татьяна Алексеевна", "instrumental", None, "Оловянниковой Татьяной Алексеевной"),
    ("Оловянникова Татьяна Алексеевна", "prepositional", None, "Оловянниковой Татьяне Алексеевне"),
    ("Кулиш Олег Иванович", "dative", None, "Кулишу Олегу Ивановичу"),
    ("Кулиш Оксана Ивановна", "dative", None, "Кулиш Оксане Ивановне"),
    ("Чиж Людмила Васильевна", "instrumental", None, "Чиж Людмилой Васильевной"),
    # first name decides where there is no patronymic
    ("Кулиш Ольга", "dative", None, "Кулиш Ольге"),
    ("Кулиш Олег", "genitive", None, "Кулиша Олега"),
    # the gender given wins over what the name shows
    ("Кулиш О.И.", "dative", "female", "Кулиш О.И."),
    ("Кулиш О.И.", "dative", "male", "Кулишу О.И."),
    ("Чиж Л.В.", "genitive", "female", "Чиж Л.В."),
    ("Чиж Л.В.", "genitive", "male", "Чижа Л.В."),
    # indeclinable surnames need no gender, since both answers agree
    ("Белых И.И.", "dative", None, "Белых И.И."),
    ("Шевченко О.П.", "instrumental", None, "Шевченко О.П."),
    ("Дурново П.Н.", "genitive", None, "Дурново П.Н."),
    ("Белых Ольга Юрьевна", "accusative", None, "Белых Ольгу Юрьевну"),
    # double surnames decline in both parts
    ("Римский-Корсаков Н.А.", "dative", None, "Римскому-Корсакову Н.А."),
    (
        "Римский-Корсаков Николай Андреевич",
        "genitive",
        None,
        "Римского-Корсакова Николая Андреевича",
    ),
    ("Петрова-Водкина А.С.", "prepositional", None, "Петровой-Водкиной А.С."),
    ("Петрова-Водкина Анна Сергеевна", "accusative", None, "Петрову-Водкину Анну Сергеевну"),
    # Turkic patronymics tell the gender and stay as written
    ("Алиев Ильхам Гейдар оглы", "instrumental", None, "Алиевым Ильхамом Гейдар оглы"),
    ("Мамедова Лейла Рашид кызы", "dative", None, "Мамедовой Лейле Рашид кызы"),
    # initials first, as under a signature, and spaced initials
    ("Т.А. Оловянникова", "instrumental", None, "Т.А. Оловянниковой"),
    ("Е. А. Лаврушкина", "dative", None, "Е.А. Лаврушкиной"),
    # a surname alone
    ("Иванова", "genitive", None, "Ивановой"),
]


@pytest.mark.parametrize(("name", "case", "gender", "expected"), CASES)
def test_inflect_name(name: str, case: str, gender: str | None, expected: str) -> None:
    assert inflect_name(name, case, gender=gender) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["Кулиш О.И.", "Чиж Л.В.", "О.И. Кулиш", "Сварич Ю.Ф."])
def test_undecided_gender_is_asked_for(name: str) -> None:
    with pytest.raises(GenderUnknown) as raised:
        inflect_name(name, "dative")
    message = str(raised.value)
    assert isinstance(raised.value, RoadmapdocsError)
    assert name in message and "gender" in message and "forms" in message


def test_the_question_shows_both_answers() -> None:
    with pytest.raises(GenderUnknown, match=r"«Кулишу О\.И\.» .*«Кулиш О\.И\.»"):
        inflect_name("Кулиш О.И.", "dative")


def test_nominative_needs_no_gender() -> None:
    assert inflect_name("Кулиш О.И.", "nominative") == "Кулиш О.И."


@pytest.mark.parametrize("text", ["", "директор школы", "12345", "Иванов И.И. Петров"])
def test_what_is_not_a_name_is_a_declension_error(text: str) -> None:
    with pytest.raises(DeclensionError, match="не удалось прочитать"):
        inflect_name(text, "dative")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Оловянникова Т.А.", "Т.А. Оловянникова"),
        ("Оловянникова Татьяна Алексеевна", "Т.А. Оловянникова"),
        ("Т.А. Оловянникова", "Т.А. Оловянникова"),
        ("Лаврушкина Е. А.", "Е.А. Лаврушкина"),
        ("Алиев Ильхам Гейдар оглы", "И.Г. Алиев"),
    ],
)
def test_initials_first(name: str, expected: str) -> None:
    assert initials_first(name) == expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"surname": "Кулиш", "first_name": "Саша"}, None),
        ({"surname": "Иванов", "first_name": "Саша"}, "male"),
        ({"surname": "Кулиш", "initials": "О.И."}, None),
        ({"surname": "Кулиш", "initials": "О.И.", "gender": "female"}, "female"),
        ({"surname": "Кулиш", "first_name": "Саша", "patronymic": "Петровна"}, "female"),
        ({"surname": "Иванова", "first_name": "Женя"}, "female"),
        ({"surname": "Кулиш", "first_name": "Олег"}, "male"),
        ({"surname": "Алиев", "first_name": "Ильхам", "patronymic": "Гейдар оглы"}, "male"),
    ],
)
def test_name_gender_order_of_evidence(data: dict[str, str], expected: str | None) -> None:
    assert name_gender(Person.model_validate(data)) == expected


@pytest.mark.parametrize(
    ("data", "case", "expected"),
    [
        ("Лаврушкина Е.А.", "dative", "Лаврушкиной Е.А."),
        ({"surname": "Кулиш", "initials": "О.И.", "gender": "female"}, "dative", "Кулиш О.И."),
        ({"surname": "Кулиш", "initials": "О.И.", "gender": "male"}, "dative", "Кулишу О.И."),
        (
            {"surname": "Кулиш", "initials": "О.И.", "forms": {"dative": "Кулиш О.И."}},
            "dative",
            "Кулиш О.И.",
        ),
        # the explicit form wins even over a gender that would decline otherwise
        (
            {
                "surname": "Лев",
                "initials": "И.М.",
                "gender": "male",
                "forms": {"dative": "Льву И.М."},
            },
            "dative",
            "Льву И.М.",
        ),
        # a full name still comes out as «Фамилия И.О.», the form orders use
        (
            {"surname": "Романова", "first_name": "Ирина", "patronymic": "Евгеньевна"},
            "dative",
            "Романовой И.Е.",
        ),
    ],
)
def test_person_name(data: object, case: str, expected: str) -> None:
    assert person_name(Person.model_validate(data), case) == expected  # type: ignore[arg-type]


def test_person_without_form_or_gender_is_asked_for() -> None:
    person = Person.model_validate(
        {"surname": "Кулиш", "initials": "О.И.", "forms": {"genitive": "x"}}
    )
    with pytest.raises(GenderUnknown):
        person_name(person, "dative")


def test_heldout_full_names_are_declined_correctly() -> None:
    right = [inflect_name(name, case) == expected for name, _, case, expected in NAMES]  # type: ignore[arg-type]
    assert sum(right) / len(right) >= 0.95


@pytest.mark.parametrize(
    ("data", "case", "expected"),
    [
        ("Лаврушкина Е.А.", "dative", "Лаврушкиной Е.А."),
        ("Шевченко О.П.", "dative", "Шевченко О.П."),
        ("Дюма А.", "genitive", "Дюма А."),
        ("Ковальчук Ольга Николаевна", "dative", "Ковальчук О.Н."),
        (
            {"surname": "Ковальчук", "initials": "О.Н.", "gender": "male"},
            "dative",
            "Ковальчуку О.Н.",
        ),
        ("Ковальчук О.Н.", "nominative", "Ковальчук О.Н."),
    ],
)
def test_declined_name_gives_the_form_where_one_can_be_made(
    data: object, case: str, expected: str
) -> None:
    assert declined_name(Person.model_validate(data), case) == expected  # type: ignore[arg-type]


def test_declined_name_says_why_the_gender_is_needed() -> None:
    found = declined_name(Person.model_validate("Ковальчук О.Н."), "dative")
    assert isinstance(found, Undeclinable) and found.gender_decides
    assert (found.as_man, found.as_woman) == ("Ковальчуку О.Н.", "Ковальчук О.Н.")
    assert "{surname: Ковальчук, initials: О.Н., gender: female}" in found.advice.ru
    assert "Фамилия Имя Отчество" in found.advice.ru
    assert isinstance(found.error(), GenderUnknown)


def test_the_mapping_advised_reads_as_the_person_with_that_gender() -> None:
    found = declined_name(Person.model_validate("Ковальчук Саша"), "dative")
    assert isinstance(found, Undeclinable)
    mapping = yaml_with_gender(found.name, "female")
    person = Person.model_validate(yaml.safe_load(mapping))
    assert person.gender == "female" and person.first_name == "Саша"
    assert declined_name(person, "dative") == "Ковальчук С."


@pytest.mark.parametrize("name", ["А Б.В.", "Ли-Я О.Н."])
def test_a_word_the_rules_would_eat_is_not_declined(name: str) -> None:
    person = Person.model_validate(
        {"surname": name.split()[0], "initials": "Б.В.", "gender": "male"}
    )
    found = declined_name(person, "dative")
    assert isinstance(found, Undeclinable) and not found.gender_decides
    assert "forms" in found.advice.ru
    with pytest.raises(DeclensionError) as raised:
        person_name(person, "dative")
    assert not isinstance(raised.value, GenderUnknown)


def test_an_undeclinable_name_is_worded_in_english_too() -> None:
    found = declined_name(Person.model_validate("Ковальчук О.Н."), "dative")
    assert isinstance(found, Undeclinable)
    assert "in the dative" in found.reason.en and "gender" in found.advice.en
