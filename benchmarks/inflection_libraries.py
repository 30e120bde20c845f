"""Measure how well pytrovich, petrovich and pymorphy3 decline names and school positions.

Run from the repository root: ``python benchmarks/inflection_libraries.py``. It prints the share
of correct forms per library on a development list (below) and on the held-out list of the tests,
and how roadmapdocs itself does on both. The numbers are quoted in ``docs/names.md``.
"""

from __future__ import annotations

import contextlib
import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pymorphy3
from petrovich.enums import Case as PetrovichCase
from petrovich.main import Petrovich
from pytrovich.enums import Gender as PytrovichGender
from pytrovich.enums import NamePart
from pytrovich.maker import PetrovichDeclinationMaker

from roadmapdocs.lang import inflect_name, inflect_position
from roadmapdocs.lang.names import _CASES as _NAME_CASES
from roadmapdocs.lang.names import _TURKIC_PATRONYMIC
from roadmapdocs.lang.positions import _GRAMMEMES

# Used to choose the libraries and to shape the code: (full name, gender, case, expected).
DEV_NAMES: list[tuple[str, str, str, str]] = [
    ("Иванов Сергей Петрович", "male", "genitive", "Иванова Сергея Петровича"),
    ("Иванова Анна Сергеевна", "female", "dative", "Ивановой Анне Сергеевне"),
    ("Лаврушкина Елена Алексеевна", "female", "dative", "Лаврушкиной Елене Алексеевне"),
    ("Оловянникова Татьяна Алексеевна", "female", "accusative", "Оловянникову Татьяну Алексеевну"),
    ("Кулиш Ольга Ивановна", "female", "dative", "Кулиш Ольге Ивановне"),
    ("Кулиш Олег Иванович", "male", "instrumental", "Кулишом Олегом Ивановичем"),
    ("Чиж Лариса Викторовна", "female", "dative", "Чиж Ларисе Викторовне"),
    ("Белых Анна Петровна", "female", "genitive", "Белых Анны Петровны"),
    ("Белых Пётр Ильич", "male", "dative", "Белых Петру Ильичу"),
    ("Шевченко Ольга Павловна", "female", "prepositional", "Шевченко Ольге Павловне"),
    ("Дурново Иван Петрович", "male", "instrumental", "Дурново Иваном Петровичем"),
    ("Римский-Корсаков Андрей Петрович", "male", "dative", "Римскому-Корсакову Андрею Петровичу"),
    ("Петрова-Водкина Мария Ивановна", "female", "dative", "Петровой-Водкиной Марии Ивановне"),
    (
        "Салтыков-Щедрин Михаил Евграфович",
        "male",
        "genitive",
        "Салтыкова-Щедрина Михаила Евграфовича",
    ),
    ("Толстая Софья Андреевна", "female", "instrumental", "Толстой Софьей Андреевной"),
    ("Зайцев Юрий Львович", "male", "prepositional", "Зайцеве Юрии Львовиче"),
    ("Сварич Юрий Фёдорович", "male", "dative", "Сваричу Юрию Фёдоровичу"),
    ("Головатова Анна Викторовна", "female", "genitive", "Головатовой Анны Викторовны"),
    ("Гусейнов Рашид Ильхам оглы", "male", "genitive", "Гусейнова Рашида Ильхам оглы"),
    ("Гасанова Айгюн Гусейн кызы", "female", "dative", "Гасановой Айгюн Гусейн кызы"),
    ("Никитин Никита Никитич", "male", "instrumental", "Никитиным Никитой Никитичем"),
    ("Козлова Ирина Львовна", "female", "prepositional", "Козловой Ирине Львовне"),
    ("Лев Игорь Маркович", "male", "dative", "Льву Игорю Марковичу"),
    ("Новикова Александра Юрьевна", "female", "accusative", "Новикову Александру Юрьевну"),
    ("Гриценко Пётр Остапович", "male", "genitive", "Гриценко Петра Остаповича"),
    ("Мельник Оксана Тарасовна", "female", "instrumental", "Мельник Оксаной Тарасовной"),
    ("Мельник Тарас Остапович", "male", "instrumental", "Мельником Тарасом Остаповичем"),
    ("Бойко Илья Ильич", "male", "dative", "Бойко Илье Ильичу"),
    ("Пастернак Борис Леонидович", "male", "genitive", "Пастернака Бориса Леонидовича"),
    ("Цветаева Марина Ивановна", "female", "prepositional", "Цветаевой Марине Ивановне"),
]

# (position, case, plural, expected)
DEV_POSITIONS: list[tuple[str, str, bool, str]] = [
    ("директор", "dative", False, "директору"),
    ("заместитель директора по ВР", "genitive", False, "заместителя директора по ВР"),
    ("учитель русского языка", "dative", True, "учителям русского языка"),
    ("классный руководитель", "instrumental", True, "классными руководителями"),
    ("педагог-библиотекарь", "dative", False, "педагогу-библиотекарю"),
    ("главный специалист отдела", "genitive", False, "главного специалиста отдела"),
    ("старший методист", "accusative", False, "старшего методиста"),
    ("Управление образования", "instrumental", False, "Управлением образования"),
    ("рабочая группа", "prepositional", False, "рабочей группе"),
    ("руководитель МО", "dative", False, "руководителю МО"),
    ("ответственный за сайт", "genitive", False, "ответственного за сайт"),
    ("учёный секретарь", "dative", False, "учёному секретарю"),
    ("социальный педагог", "accusative", True, "социальных педагогов"),
    ("Муниципальная методическая служба", "genitive", False, "Муниципальной методической службы"),
    ("заведующий методическим кабинетом", "dative", False, "заведующему методическим кабинетом"),
]

_HELDOUT = Path(__file__).resolve().parent.parent / "tests" / "lang" / "names_heldout.py"

# The case names and tables roadmapdocs itself uses for pytrovich and pymorphy3.
_PYTROVICH_CASES = _NAME_CASES
_PETROVICH_CASES = {
    "genitive": PetrovichCase.GENITIVE,
    "dative": PetrovichCase.DATIVE,
    "accusative": PetrovichCase.ACCUSATIVE,
    "instrumental": PetrovichCase.INSTRUMENTAL,
    "prepositional": PetrovichCase.PREPOSITIONAL,
}
_TURKIC = tuple(_TURKIC_PATRONYMIC)

NameFunction = Callable[[str, str, str], str]


def _parts(name: str) -> tuple[str, str, str]:
    surname, first_name, patronymic = name.split(" ", 2)
    return surname, first_name, patronymic


def _pytrovich(name: str, gender: str, case: str) -> str:
    maker = PetrovichDeclinationMaker()
    sex = PytrovichGender.FEMALE if gender == "female" else PytrovichGender.MALE
    target = _PYTROVICH_CASES[case]
    surname, first_name, patronymic = _parts(name)
    if not patronymic.endswith(_TURKIC):
        patronymic = maker.make(NamePart.MIDDLENAME, sex, target, patronymic)
    return " ".join(
        [
            maker.make(NamePart.LASTNAME, sex, target, surname),
            maker.make(NamePart.FIRSTNAME, sex, target, first_name),
            patronymic,
        ]
    )


def _petrovich(name: str, gender: str, case: str) -> str:
    library = Petrovich()
    target = _PETROVICH_CASES[case]
    surname, first_name, patronymic = _parts(name)
    if not patronymic.endswith(_TURKIC):
        patronymic = library.middlename(patronymic, target, gender)
    return " ".join(
        [
            library.lastname(surname, target, gender),
            library.firstname(first_name, target, gender),
            patronymic,
        ]
    )


def _pymorphy_word(morph: Any, word: str, tag: str, gender: str, case: str) -> str:
    sex = "femn" if gender == "female" else "masc"
    for parse in morph.parse(word):
        if tag in parse.tag and "nomn" in parse.tag and (sex in parse.tag or "Ms-f" in parse.tag):
            inflected = parse.inflect({_GRAMMEMES[case]})
            if inflected is not None:
                form = str(inflected.word)
                return "-".join(p.capitalize() for p in form.split("-"))
    return word


def _pymorphy(morph: Any) -> NameFunction:
    def decline(name: str, gender: str, case: str) -> str:
        surname, first_name, patronymic = _parts(name)
        if not patronymic.endswith(_TURKIC):
            patronymic = _pymorphy_word(morph, patronymic, "Patr", gender, case)
        return " ".join(
            [
                _pymorphy_word(morph, surname, "Surn", gender, case),
                _pymorphy_word(morph, first_name, "Name", gender, case),
                patronymic,
            ]
        )

    return decline


def _roadmapdocs(name: str, gender: str, case: str) -> str:
    # Not told the gender: the name has to show it.
    return inflect_name(name, case)  # type: ignore[arg-type]


def _pymorphy_every_word(morph: Any) -> Callable[[str, str, bool], str]:
    """The plain use of a morphological dictionary: decline every nominative word."""

    def decline(text: str, case: str, plural: bool) -> str:
        words = []
        for word in text.split():
            parse = morph.parse(word.lower())[0]
            wanted = {_GRAMMEMES[case], "plur" if plural else "sing"}
            inflected = parse.inflect(wanted) if "nomn" in parse.tag else None
            words.append(str(inflected.word) if inflected else word)
        return " ".join(
            w if t[:1].islower() else w.capitalize()
            for w, t in zip(words, text.split(), strict=True)
        )

    return decline


def _share(rows: list[tuple[Any, ...]], run: Callable[[tuple[Any, ...]], str]) -> float:
    correct = 0
    for row in rows:
        # A library that raises on a row got that row wrong.
        with contextlib.suppress(Exception):
            correct += run(row) == row[-1]
    return correct / len(rows)


def _heldout() -> Any:
    spec = importlib.util.spec_from_file_location("names_heldout", _HELDOUT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    morph = pymorphy3.MorphAnalyzer()
    heldout = _heldout()
    name_libraries: dict[str, NameFunction] = {
        "pytrovich": _pytrovich,
        "petrovich": _petrovich,
        "pymorphy3": _pymorphy(morph),
        "roadmapdocs": _roadmapdocs,
    }
    position_libraries = {
        "pymorphy3, every word": _pymorphy_every_word(morph),
        "roadmapdocs (pymorphy3, head)": inflect_position,
    }
    lists = {"dev": (DEV_NAMES, DEV_POSITIONS), "held-out": (heldout.NAMES, heldout.POSITIONS)}
    print(f"{'names':32}" + "".join(f"{label:>12}" for label in lists))
    for label, name_function in name_libraries.items():
        shares = [
            _share(names, lambda row, f=name_function: f(row[0], row[1], row[2]))
            for names, _ in lists.values()
        ]
        print(f"{label:32}" + "".join(f"{share:>12.1%}" for share in shares))
    print(f"\n{'positions':32}" + "".join(f"{label:>12}" for label in lists))
    for label, position_function in position_libraries.items():
        shares = [
            _share(positions, lambda row, f=position_function: f(row[0], row[1], plural=row[2]))
            for _, positions in lists.values()
        ]
        print(f"{label:32}" + "".join(f"{share:>12.1%}" for share in shares))
    sizes = {label: (len(n), len(p)) for label, (n, p) in lists.items()}
    print(f"\nrows (names, positions): {sizes}")


if __name__ == "__main__":
    main()
