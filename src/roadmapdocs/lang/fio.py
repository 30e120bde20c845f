"""Reading and writing a person's name (ФИО): «Фамилия И.О.», «И.О. Фамилия», the full name.

No dictionary is needed for this, so the model reads names with it when a document loads;
declension, which does need one, is :mod:`roadmapdocs.lang.names`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from roadmapdocs.lang.grammar import Gender

_INITIALS = re.compile(r"^(?:[А-ЯЁA-Z]\.\s?){1,2}$")
_WORD = re.compile(r"^[А-ЯЁA-Z][а-яёa-z]*(?:-[А-ЯЁA-Z][а-яёa-z]*)*$")


def split_name(text: str) -> dict[str, str] | None:
    """Read «Фамилия И.О.», «И.О. Фамилия», «Фамилия Имя Отчество» or «Фамилия Имя» into
    parts (surname, initials or first_name and patronymic); None when it is none of these."""
    words = text.split()
    # «Е. А. Лаврушкина» and «Лаврушкина Е. А.» put initials in two tokens: join them.
    joined: list[str] = []
    for word in words:
        if joined and _INITIALS.match(joined[-1]) and _INITIALS.match(word):
            joined[-1] += word
        else:
            joined.append(word)
    if len(joined) == 2 and _INITIALS.match(joined[1]) and _WORD.match(joined[0]):
        return {"surname": joined[0], "initials": joined[1].replace(" ", "")}
    if len(joined) == 2 and _INITIALS.match(joined[0]) and _WORD.match(joined[1]):
        return {"surname": joined[1], "initials": joined[0].replace(" ", "")}
    if 2 <= len(joined) <= 4 and all(_WORD.match(w) or w in ("оглы", "кызы") for w in joined):
        parts = {"surname": joined[0], "first_name": joined[1]}
        if len(joined) > 2:
            parts["patronymic"] = " ".join(joined[2:])
        return parts
    if len(joined) == 1 and _WORD.match(joined[0]):
        return {"surname": joined[0]}
    return None


@dataclass(frozen=True)
class Name:
    """The parts of a name and the forms a document prints it in."""

    surname: str
    first_name: str | None = None
    patronymic: str | None = None
    initials: str | None = None
    """Инициалы, когда имя и отчество не известны полностью: «Е.А.»."""
    gender: Gender | None = None

    @property
    def initials_text(self) -> str:
        """«Е.А.»: the initials given, else those of the first name and patronymic."""
        if self.initials:
            return self.initials
        return "".join(p[0] + "." for p in (self.first_name, self.patronymic) if p)

    @property
    def short_name(self) -> str:
        """«Лаврушкина Е.А.» — surname first, as in lists of responsible people."""
        initials = self.initials_text
        return f"{self.surname} {initials}" if initials else self.surname

    @property
    def signature_name(self) -> str:
        """«Е.А. Лаврушкина» — initials first, as under a signature."""
        initials = self.initials_text
        return f"{initials} {self.surname}" if initials else self.surname

    @property
    def full_name(self) -> str:
        """«Лаврушкина Елена Александровна» where the full name is known, else the short name."""
        if self.first_name:
            return " ".join(p for p in (self.surname, self.first_name, self.patronymic) if p)
        return self.short_name
