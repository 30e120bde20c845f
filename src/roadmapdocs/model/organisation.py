"""An organisation: a school, a department, a municipal body."""

from __future__ import annotations

from roadmapdocs.model.base import Model, Text
from roadmapdocs.model.person import Person


class Organisation(Model):
    """An organisation that issues or carries out a document."""

    full_name: Text | None = None
    """Полное наименование: «муниципальное бюджетное общеобразовательное учреждение …»."""
    short_name: Text | None = None
    """Сокращённое наименование: «МБОУ «СШ № 5»»."""
    parent_body: Text | None = None
    """Учредитель, вышестоящий орган: «АДМИНИСТРАЦИЯ ГОРОДА СМОЛЕНСКА»."""
    place: Text | None = None
    """Место нахождения, как в реквизите «место составления»: «Смоленск»."""
    head: Person | None = None
    """Руководитель."""
