"""Declension of people's names («Лаврушкина Е.А.» → «Лаврушкиной Е.А.») and signature order.

Names are declined by the petrovich rules (the ``pytrovich`` port): a suffix-rule set made for
Russian anthroponyms, which knows what a morphological dictionary does not — that «Кулиш»
declines for a man and not for a woman, that «Белых» and «Шевченко» never decline, that both
halves of «Римский-Корсаков» do. ``docs/names.md`` has the measurements behind this choice.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
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
from roadmapdocs.messages import Phrase


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


_IN_CASE: dict[Case, Phrase] = {
    "nominative": Phrase("в именительном падеже", "in the nominative"),
    "genitive": Phrase("в родительном падеже", "in the genitive"),
    "dative": Phrase("в дательном падеже", "in the dative"),
    "accusative": Phrase("в винительном падеже", "in the accusative"),
    "instrumental": Phrase("в творительном падеже", "in the instrumental"),
    "prepositional": Phrase("в предложном падеже", "in the prepositional"),
}


@dataclass(frozen=True)
class Undeclinable:
    """Why a name cannot be put in a case as it is written, with the forms at stake.

    Either the gender decides and nothing gives it (``as_man`` and ``as_woman`` differ), or the
    rules make no word of it (``garbled``: «А Б.В.» would come out «е Б.В.»).
    """

    name: Name
    case: Case
    shown: str
    """The name as the message quotes it: «Ковальчук О.Н.»."""
    as_man: str | None = None
    as_woman: str | None = None
    garbled: str | None = None

    @property
    def gender_decides(self) -> bool:
        """Whether saying the gender is what settles it."""
        return self.garbled is None

    @property
    def reason(self) -> Phrase:
        """What is wrong, in a few words: «склонение … зависит от пола: «…» или «…»»."""
        if self.garbled is not None:
            return Phrase(
                "правила склонения не дают его формы {case}: получается «{garbled}»",
                "the declension rules give no form of it {case}: they make «{garbled}»",
            ).format(case=_IN_CASE[self.case], garbled=self.garbled)
        return Phrase(
            "не удалось определить пол, а от него зависит склонение {case}: «{man}» "
            "(мужчина) или «{woman}» (женщина)",
            "the gender could not be told, and the declension {case} depends on it: «{man}» "
            "(a man) or «{woman}» (a woman)",
        ).format(case=_IN_CASE[self.case], man=self.as_man, woman=self.as_woman)

    @property
    def advice(self) -> Phrase:
        """How to say what is missing, in the YAML a person is written in."""
        if self.garbled is not None:
            return Phrase(
                "задайте эту форму явно: forms: {{{case}: {shown}}} — так, как она должна быть "
                "напечатана",
                "give that form yourself: forms: {{{case}: {shown}}} — as it is to be printed",
            ).format(case=self.case, shown=self.shown)
        return Phrase(
            "укажите пол: {mapping}, для мужчины — gender: male; либо напишите имя полностью, "
            "«Фамилия Имя Отчество», — пол виден по отчеству; либо задайте форму явно в forms",
            "give the gender: {mapping}, for a man gender: male; or write the full name, "
            "«Surname Name Patronymic», — the patronymic shows the gender; or give the form "
            "itself in forms",
        ).format(mapping=yaml_with_gender(self.name, "female"))

    def error(self) -> DeclensionError:
        """The error a declension raises for this name, without a place."""
        message = Phrase("«{shown}»: ", "«{shown}»: ").format(shown=self.shown)
        message += self.reason + Phrase("; ", "; ") + self.advice
        if self.gender_decides:
            return GenderUnknown(message)
        return DeclensionError(message)


def yaml_with_gender(name: Name, gender: Gender) -> str:
    """The person written as a YAML mapping with its gender: «{surname: Кулиш, initials: О.И.,
    gender: female}», which a list of people and a person field both take."""
    parts = [f"surname: {name.surname}"]
    parts += [
        f"{key}: {value}"
        for key, value in (
            ("first_name", name.first_name),
            ("patronymic", name.patronymic),
            ("initials", name.initials),
        )
        if value
    ]
    return "{" + ", ".join([*parts, f"gender: {gender}"]) + "}"


def _intact(written: Name, declined: Name) -> bool:
    """Whether each word of the name kept its first letter: the rules replace endings, and a
    word of one letter (the surname «А», the «Я» of «Ли-Я») gives itself up to one: «е»,
    «Ли-е»."""
    for before, after in (
        (written.surname, declined.surname),
        (written.first_name, declined.first_name),
        (written.patronymic, declined.patronymic),
    ):
        if not before:
            continue
        words, forms = before.split("-"), (after or "").split("-")
        if len(words) != len(forms) or any(
            not form or form[0] != word[0] for word, form in zip(words, forms, strict=True)
        ):
            return False
    return True


def _declension(person: Name, case: Case, gender: Gender | None, shown: str) -> Name | Undeclinable:
    """The person in ``case``, with the gender given or shown by the name; where neither gives
    it, both declensions are tried: «Белых И.И.» or «Шевченко О.П.» come out the same either
    way and need no answer, «Кулиш О.И.» does. This is the one place that decides whether a
    name can be declined; :func:`declined_name` is its face for a person of a document.
    """
    gender = gender or name_gender(person)
    if gender is not None or case == "nominative":
        declined = _decline(person, case, gender or "male")
        if _intact(person, declined):
            return declined
        return Undeclinable(person, case, shown, garbled=declined.short_name)
    as_man, as_woman = _decline(person, case, "male"), _decline(person, case, "female")
    for declined in (as_man, as_woman):
        if not _intact(person, declined):
            return Undeclinable(person, case, shown, garbled=declined.short_name)
    if as_man == as_woman:
        return as_man
    return Undeclinable(person, case, shown, as_man.short_name, as_woman.short_name)


def _declined(person: Name, case: Case, gender: Gender | None, shown: str) -> Name:
    found = _declension(person, case, gender, shown)
    if isinstance(found, Undeclinable):
        raise found.error()
    return found


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


def declined_name(person: Named, case: Case) -> str | Undeclinable:
    """«Фамилия И.О.» of ``person`` in ``case``, or why it cannot be made.

    The form set in ``forms`` wins; else the name is declined with the person's gender. The
    checks of a document and the filters of a template both ask this, so that what a check
    lets through a template can print.
    """
    explicit = person.forms.get(case)
    if explicit is not None:
        return explicit
    name = person.name
    found = _declension(name, case, name.gender, name.short_name)
    return found if isinstance(found, Undeclinable) else found.short_name


def person_name(person: Named, case: Case) -> str:
    """«Фамилия И.О.» of ``person`` in ``case``: the form set in ``forms``, else declined.

    Raises :class:`~roadmapdocs.errors.GenderUnknown` where the gender decides and nothing
    gives it, :class:`~roadmapdocs.errors.DeclensionError` where the rules make no word of it.
    """
    found = declined_name(person, case)
    if isinstance(found, Undeclinable):
        raise found.error()
    return found


def initials_first(name: str) -> str:
    """«Т.А. Оловянникова» for a signature, from «Оловянникова Т.А.» or a full name."""
    return _read(name).signature_name
