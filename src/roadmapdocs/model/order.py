"""The order (приказ) of an organisation, with appendices that are plans of their own."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

from pydantic import Field, model_validator

from roadmapdocs.model.activity import Plan
from roadmapdocs.model.base import Model, Text, TextList

# The requisite dates moved to model.dates; their names stay importable from here.
from roadmapdocs.model.dates import MONTHS as MONTHS
from roadmapdocs.model.dates import Date as Date
from roadmapdocs.model.dates import ShortYearDate as ShortYearDate
from roadmapdocs.model.dates import requisite_date as requisite_date
from roadmapdocs.model.document import DocumentBase, Level
from roadmapdocs.model.person import Person, Signature


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
