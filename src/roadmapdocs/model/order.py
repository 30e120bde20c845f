"""The order (приказ) of an organisation, with appendices that are plans of their own."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from roadmapdocs.model.activity import Plan
from roadmapdocs.model.base import Model, Text, TextList
from roadmapdocs.model.document import DocumentBase, Level
from roadmapdocs.model.person import Person, Signature

# The months as a date in running text names them, in the genitive: «5 сентября 2024 г.».
MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "января",
            "февраля",
            "марта",
            "апреля",
            "мая",
            "июня",
            "июля",
            "августа",
            "сентября",
            "октября",
            "ноября",
            "декабря",
        ),
        start=1,
    )
}
# «5 сентября 2024 г.», ««05» сентября 2024 г.», «"05" сентября 2024 года», «5 сентября 2024»;
# the year may be written short, «5 сентября 24 г.».
_WORDED = re.compile(
    r"[«\"“„']?\s*(\d{1,2})\s*[»\"”“']?\s+([а-яё]+)\s+(\d{4}|\d{2})\s*(?:г\.?|года?)?",
    re.IGNORECASE,
)
# «05.09.2024», «5.9.2024», «05.09.24».
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})")


class ShortYearDate(dt.date):
    """A requisite date whose year was written with two digits: «05.09.24».

    It is the date it names, and compares, hashes and prints as one; what it adds is how it was
    written, so that validation can ask for the year in full. A year «yy» is 20yy: the dates of
    the orders and plans this library reads are of this century, and an office that writes
    «05.09.24» means 2024.
    """

    __slots__ = ("full", "written")

    written: str
    """The text as it stood: «05.09.24»."""
    full: str
    """The same text with the year in four digits: «05.09.2024»."""

    def __new__(
        cls, year: int, month: int, day: int, written: str = "", full: str = ""
    ) -> ShortYearDate:
        self = super().__new__(cls, year, month, day)
        self.written = written
        self.full = full
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        # date pickles its state alone; the spelling goes with it here.
        return (type(self), (self.year, self.month, self.day, self.written, self.full))


def _no_such_date(text: str) -> PydanticCustomError:
    return PydanticCustomError("date_invalid", "there is no such date: {text}", {"text": text})


def _russian_date(value: Any) -> Any:
    """Accept the ways requisites write a date: «05.09.2024», «5 сентября 2024 г.»,
    ««05» сентября 2024 г.», beside ISO «2024-09-05». A year in two digits is read in this
    century, «05.09.24» as 5 September 2024, and kept as a :class:`ShortYearDate`."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    dotted = _DOTTED.fullmatch(text)
    if dotted is not None:
        return _date(text, dotted, int(dotted.group(2)))
    worded = _WORDED.fullmatch(text.replace("\u00a0", " "))
    if worded is not None and worded.group(2).lower() in MONTHS:
        return _date(text, worded, MONTHS[worded.group(2).lower()])
    return value


def _date(text: str, match: re.Match[str], month: int) -> dt.date:
    """The date ``text`` names, as ``match`` found its day (group 1) and year (group 3)."""
    day, year = int(match.group(1)), match.group(3)
    try:
        if len(year) == 4:
            return dt.date(int(year), month, day)
        start, end = match.span(3)
        full = f"{text[:start]}{2000 + int(year)}{text[end:]}"
        return ShortYearDate(2000 + int(year), month, day, written=text, full=full)
    except ValueError:
        raise _no_such_date(text) from None


def requisite_date(text: str) -> dt.date | None:
    """The date ``text`` writes as a requisite does, or None where it writes none (or no real
    one): what a rule reads out of a stamp typed by hand."""
    try:
        found = _russian_date(text)
    except PydanticCustomError:
        return None
    return found if isinstance(found, dt.date) else None


Date = Annotated[
    dt.date,
    # The schema accepts any text: «5 сентября 2024 г.» is no ISO date, and the model reads it.
    BeforeValidator(_russian_date, json_schema_input_type=str),
]
"""A date, written «05.09.2024», «5 сентября 2024 г.», ««05» сентября 2024 г.» or «2024-09-05»;
a two-digit year, «05.09.24», is read as 2024 and marked so (:class:`ShortYearDate`)."""


class Addressees(Model):
    """Who a clause charges: «Заместителям директора школы Лаврушкиной Е.А., Романовой И.Е.»."""

    position: Text | None = None
    """Должность в именительном падеже: «заместитель директора школы»."""
    people: list[Person] = Field(default_factory=list)
    """Люди, в именительном падеже: «Лаврушкина Е.А.»."""


class Clause(Model):
    """A numbered clause of an order. The template puts addressees in the dative before the text."""

    addressees: Addressees | None = None
    """Кому поручено."""
    text: Text = ""
    """Текст пункта: «обеспечить выполнение мероприятий плана.»."""
    subclauses: TextList = Field(default_factory=list)
    """Подпункты."""

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value


class AppendixReference(Model):
    """The order's date and number as an appendix quotes them, when it was typed by hand."""

    date: Date | None = None
    """Дата приказа, как указана в приложении."""
    number: Text | None = None
    """Номер приказа, как указан в приложении."""


APPROVAL_FORMS = ("УТВЕРЖДЕН", "УТВЕРЖДЕНА", "УТВЕРЖДЕНО", "УТВЕРЖДЕНЫ")
"""The word an approval stamp opens with, agreed with what is approved: план — УТВЕРЖДЕН,
дорожная карта — УТВЕРЖДЕНА, положение — УТВЕРЖДЕНО, планы — УТВЕРЖДЕНЫ."""


def approval_form(text: str | None) -> str | None:
    """The stamp's word when ``text`` is that word alone («утверждена», «УТВЕРЖДЁН»), in
    capitals as the stamp prints it; None for a stamp written out in full, or none."""
    if not text:
        return None
    word = text.strip().rstrip(":").strip().upper().replace("Ё", "Е")
    return word if word in APPROVAL_FORMS else None


_QUOTED = re.compile(r"«[^«»]*»|\"[^\"]*\"|“[^“”]*”|„[^„“]*“")
_STAMP_NUMBER = re.compile(r"№\s*([^\s,;()]+)")
_STAMP_DATE = re.compile(
    r"[«\"“„']?\s*\d{1,2}\s*[»\"”“']?\s*(?:\.\s*\d{1,2}\s*\.\s*\d{2,4}|\s+[а-яё]+\s+\d{4})"
    r"(?:\s*г\.?|\s*года?)?",
    re.IGNORECASE,
)


def quoted_requisites(stamp: str) -> tuple[list[str], list[dt.date]]:
    """The registration numbers and the dates a stamp written out in full quotes: «УТВЕРЖДЕНА
    приказом МБОУ «СШ № 5» от 29.08.2025 № 145/01-08» → (["145/01-08"], [29.08.2025]). A name in
    quotes may hold a «№» of its own, which is no registration number."""
    unquoted = _QUOTED.sub(" ", stamp)
    numbers = [number.rstrip(".") for number in _STAMP_NUMBER.findall(unquoted)]
    dates = [found for m in _STAMP_DATE.finditer(stamp) if (found := requisite_date(m.group(0)))]
    return numbers, dates


def stamp_form(stamp: str | None) -> str | None:
    """The word a stamp opens with, when it is one of :data:`APPROVAL_FORMS`: «УТВЕРЖДЕНА
    приказом …» → «УТВЕРЖДЕНА»."""
    if not stamp or not stamp.split():
        return None
    return approval_form(stamp.split()[0])


class Appendix(Model):
    """An appendix: its own title, an optional approval mark and a plan with its own columns."""

    number: Text | None = None
    """Номер приложения: «1»."""
    title: Text = ""
    """Заголовок приложения."""
    approval: Text | None = None
    """Гриф утверждения: одно слово — УТВЕРЖДЕН, УТВЕРЖДЕНА, УТВЕРЖДЕНО или УТВЕРЖДЕНЫ (по роду
    того, что утверждается); остальное — «приказом МБОУ «СШ № 5» от 05.09.2024 № 226/1-г» —
    шаблон строит из реквизитов приказа, как и отметку о приложении. Гриф, написанный целиком,
    печатается как написан, а его дата и номер проверяются по приказу."""
    reference: AppendixReference | None = None
    """Реквизиты приказа, как их процитировало приложение. Шаблон их не печатает: отметка
    «Приложение № 1 к приказу от … № …» строится из реквизитов самого приказа; здесь они нужны,
    чтобы проверка нашла расхождение в перенесённом из Word документе."""
    plan: Plan = Field(default_factory=Plan)
    """План мероприятий приложения."""


class Order(DocumentBase):
    """An order of a school or a body: requisites, basis, clauses, signature, appendices."""

    kind: Literal["order"] = "order"
    level: Level = "school"
    """Уровень; приказ по умолчанию школьный."""
    date: Date | None = None
    """Дата регистрации: 05.09.2024, «5 сентября 2024 г.» или ««05» сентября 2024 г.». Год из
    двух цифр (05.09.24) читается как 2024, а проверка просит написать его полностью."""
    number: Text | None = None
    """Регистрационный номер: «226/1-г»."""
    place: Text | None = None
    """Место составления: «Смоленск». По умолчанию — место организации."""
    basis: Text | None = None
    """Основание: «Руководствуясь ст. 28 Федерального закона …»."""
    clauses: list[Clause] = Field(default_factory=list)
    """Пункты распорядительной части."""
    signer: Signature = Field(default_factory=Signature)
    """Кто подписывает."""
    appendices: list[Appendix] = Field(default_factory=list)
    """Приложения."""
    preamble_word: Text = "приказываю"
    """Слово распорядительной части."""
