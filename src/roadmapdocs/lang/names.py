"""Declension of people's names («Лаврушкина Е.А.» → «Лаврушкиной Е.А.») and signature order.

Names are declined by the petrovich rules (the ``pytrovich`` port): a suffix-rule set made for
Russian anthroponyms, which knows what a morphological dictionary does not — that «Кулиш»
declines for a man and not for a woman, that «Белых» and «Шевченко» never decline, that both
halves of «Римский-Корсаков» do. ``docs/names.md`` has the measurements behind this choice.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from functools import cache
from typing import Protocol

from pytrovich.detector import PetrovichGenderDetector
from pytrovich.enums import Case as _PCase
from pytrovich.enums import Gender as _PGender
from pytrovich.enums import NamePart
from pytrovich.maker import PetrovichDeclinationMaker

from roadmapdocs.errors import DeclensionError, GenderUnknown
from roadmapdocs.lang.fio import Name, split_name
from roadmapdocs.lang.grammar import Case, Gender


class Named(Protocol):
    """What :func:`person_name` needs of a person (a model ``Person`` is one)."""

    @property
    def name(self) -> Name: ...

    @property
    def forms(self) -> Mapping[Case, str]: ...


_CASES: dict[Case, _PCase] = {
    "nominative": _PCase.NOMINATIVE,
    "genitive": _PCase.GENITIVE,
    "dative": _PCase.DATIVE,
    "accusative": _PCase.ACCUSATIVE,
    "instrumental": _PCase.INSTRUMENTAL,
    "prepositional": _PCase.PREPOSITIONAL,
}
_GENDERS: dict[Gender, _PGender] = {"male": _PGender.MALE, "female": _PGender.FEMALE}
_DETECTED: dict[_PGender, Gender] = {_PGender.MALE: "male", _PGender.FEMALE: "female"}

# Turkic patronymics («Рашид оглы», «Гусейн кызы») name the father in the nominative and are
# never declined; their last word tells the gender outright.
_TURKIC_PATRONYMIC: dict[str, Gender] = {"оглы": "male", "кызы": "female"}


@cache
def _maker() -> PetrovichDeclinationMaker:
    return PetrovichDeclinationMaker()


@cache
def _detector() -> PetrovichGenderDetector:
    return PetrovichGenderDetector()


def _read(name: str) -> Name:
    parts = split_name(name.strip())
    if parts is None:
        raise DeclensionError(
            f"не удалось прочитать «{name}» как ФИО: ожидается «Фамилия Имя Отчество», "
            "«Фамилия Имя», «Фамилия И.О.» или «И.О. Фамилия»"
        )
    return Name(
        parts["surname"], parts.get("first_name"), parts.get("patronymic"), parts.get("initials")
    )


def _turkic_gender(patronymic: str) -> Gender | None:
    return _TURKIC_PATRONYMIC.get(patronymic.split()[-1].lower())


def name_gender(person: Name | Named) -> Gender | None:
    """The gender a person's name shows, or ``None`` when nothing in it decides.

    The person's own ``gender`` wins; then the patronymic, which always tells; then the first
    name («Саша» and «Женя» do not); then the form of the surname («Лаврушкина», not «Кулиш»).
    """
    if not isinstance(person, Name):
        person = person.name
    if person.gender is not None:
        return person.gender
    if person.patronymic:
        turkic = _turkic_gender(person.patronymic)
        if turkic is not None:
            return turkic
    detector = _detector()
    for part in (
        {"middlename": person.patronymic},
        {"firstname": person.first_name},
        {"lastname": person.surname},
    ):
        if any(part.values()):
            # The detector is the one unannotated function pytrovich exports.
            found = _DETECTED.get(detector.detect(**part))  # type: ignore[no-untyped-call]
            if found is not None:
                return found
    return None


def _decline(person: Name, case: Case, gender: Gender) -> Name:
    """The person with surname, first name and patronymic put in ``case``."""
    maker, target, sex = _maker(), _CASES[case], _GENDERS[gender]
    patronymic = person.patronymic
    if patronymic and _turkic_gender(patronymic) is None:
        patronymic = maker.make(NamePart.MIDDLENAME, sex, target, patronymic)
    first_name = person.first_name and maker.make(
        NamePart.FIRSTNAME, sex, target, person.first_name
    )
    return dataclasses.replace(
        person,
        surname=maker.make(NamePart.LASTNAME, sex, target, person.surname),
        first_name=first_name,
        patronymic=patronymic,
    )


def _declined(person: Name, case: Case, gender: Gender | None, shown: str) -> Name:
    """Decline with the gender given or shown by the name; ask for it only where it matters.

    Where the name does not show a gender, both declensions are tried: «Белых И.И.» or
    «Шевченко О.П.» come out the same either way and need no answer, «Кулиш О.И.» does.
    """
    gender = gender or name_gender(person)
    if gender is not None or case == "nominative":
        return _decline(person, case, gender or "male")
    as_man, as_woman = _decline(person, case, "male"), _decline(person, case, "female")
    if as_man == as_woman:
        return as_man
    raise GenderUnknown(
        f"не удалось определить пол для «{shown}», а от него зависит склонение: "
        f"«{as_man.short_name}» (мужчина) или «{as_woman.short_name}» (женщина). "
        "Укажите gender: male или female либо задайте формы явно в forms"
    )


def inflect_name(name: str, case: Case, *, gender: Gender | None = None) -> str:
    """Put a name in ``case``, keeping its layout («Фамилия И.О.», «И.О. Фамилия», full name).

    Raises :class:`~roadmapdocs.errors.GenderUnknown` where the result depends on a gender that
    neither ``gender`` nor the name decides, and :class:`~roadmapdocs.errors.DeclensionError`
    where ``name`` is not a name. Spaced initials come out joined: «Е. А.» → «Е.А.».
    """
    person = _read(name)
    declined = _declined(person, case, gender, name.strip())
    if person.first_name:
        return declined.full_name
    if person.initials and not name.strip().startswith(person.surname):
        return declined.signature_name
    return declined.short_name


def person_name(person: Named, case: Case) -> str:
    """«Фамилия И.О.» of ``person`` in ``case``: the form set in ``forms``, else declined."""
    explicit = person.forms.get(case)
    if explicit is not None:
        return explicit
    name = person.name
    return _declined(name, case, name.gender, name.short_name).short_name


def initials_first(name: str) -> str:
    """«Т.А. Оловянникова» for a signature, from «Оловянникова Т.А.» or a full name."""
    return _read(name).signature_name
