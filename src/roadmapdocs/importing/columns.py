"""Which field of an activity a plan table's column holds, told by its header.

The headers people write are many («Сроки», «Срок исполнения», «Сроки реализации»…); they are
kept here as data — :data:`SYNONYMS` — and a project adds its own with
:meth:`ColumnMap.extended` (from ``[import.columns]`` of its settings:
``"Срок исполнения" = "deadline"``). Headers are compared after :func:`normalise`; a header no
synonym matches is given the nearest one when it is close enough, said as a guess
(«по сходству»), and is left unmapped otherwise.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from roadmapdocs.model.activity import ActivityField

SYNONYMS: dict[str, ActivityField] = {
    "№": ActivityField.NUMBER,
    "№ п/п": ActivityField.NUMBER,
    "№ п.п.": ActivityField.NUMBER,
    "Номер": ActivityField.NUMBER,
    "Уровень управления": ActivityField.LEVEL,
    "Уровень": ActivityField.LEVEL,
    "Мероприятие": ActivityField.TEXT,
    "Мероприятия": ActivityField.TEXT,
    "Наименование мероприятия": ActivityField.TEXT,
    "Наименование мероприятий": ActivityField.TEXT,
    "Мероприятие/направление": ActivityField.TEXT,
    "Содержание деятельности": ActivityField.TEXT,
    "Описание специфики (целевая аудитория)": ActivityField.DESCRIPTION,
    "Целевая аудитория": ActivityField.DESCRIPTION,
    "Сроки": ActivityField.DEADLINE,
    "Срок": ActivityField.DEADLINE,
    "Срок исполнения": ActivityField.DEADLINE,
    "Сроки реализации": ActivityField.DEADLINE,
    "Сроки исполнения": ActivityField.DEADLINE,
    "Сроки проведения": ActivityField.DEADLINE,
    "Дата": ActivityField.DEADLINE,
    "Ответственный": ActivityField.RESPONSIBLE,
    "Ответственные": ActivityField.RESPONSIBLE,
    "Исполнители": ActivityField.RESPONSIBLE,
    "Исполнитель": ActivityField.RESPONSIBLE,
    "Ответственный исполнитель": ActivityField.RESPONSIBLE,
    "Ответственные исполнители": ActivityField.RESPONSIBLE,
    "Ожидаемый результат": ActivityField.RESULT,
    "Ожидаемые результаты": ActivityField.RESULT,
    "Ключевой результат": ActivityField.RESULT,
    "Управленческие решения/ожидаемые результаты": ActivityField.RESULT,
    "Результат": ActivityField.RESULT,
    "Показатель реализации": ActivityField.RESULT,
    "Форма отчётного документа": ActivityField.REPORT_FORM,
    "Форма отчетности": ActivityField.REPORT_FORM,
    # The municipal roadmap's mechanisms table says how each step is reported in the press.
    "Информационное сопровождение мероприятий": ActivityField.REPORT_FORM,
    "Формы отчётных документов": ActivityField.REPORT_FORM,
    "Отметка об исполнении": ActivityField.EXECUTION_MARK,
    "Отметка о выполнении": ActivityField.EXECUTION_MARK,
}
"""Headers as documents write them → the field of the column; compared after :func:`normalise`."""

CUTOFF = 0.8
"""How alike (difflib's ratio, 0–1) a header must be to its nearest synonym to be taken for it."""

_HYPHENATION = re.compile(r"(?<=[^\W\d_])[-\u00ad\u2010\u2011]\s*\n?\s*(?=[^\W\d_A-ZА-ЯЁ])")
_NOT_WORD = re.compile(r"[^\w№]+")


def normalise(header: str) -> str:
    """The header as headers are compared: lower case, «ё» as «е», a word broken by a hyphen
    at a line's end joined again («Управленче-ские» → «управленческие»), punctuation and runs
    of spaces as one space."""
    text = _HYPHENATION.sub("", header.replace("\u00ad", ""))
    text = text.lower().replace("ё", "е")
    return " ".join(_NOT_WORD.sub(" ", text).split())


@dataclass(frozen=True)
class ColumnMatch:
    """The field a header was taken for; ``similar`` when by likeness, not by a synonym."""

    field: ActivityField
    synonym: str
    """The synonym it matched, normalised."""
    similar: bool = False

    def describe(self, header: str) -> str:
        """«столбец «Сроки исполнения» → deadline», «… → deadline (по сходству)»."""
        shown = " ".join(header.split())
        tail = " (по сходству)" if self.similar else ""
        return f"столбец «{shown}» → {self.field.value}{tail}"


@dataclass(frozen=True)
class ColumnMap:
    """Headers → fields: the synonyms, normalised, and how alike a header must be otherwise."""

    synonyms: Mapping[str, ActivityField] = field(default_factory=dict)
    cutoff: float = CUTOFF

    @classmethod
    def of(cls, synonyms: Mapping[str, ActivityField | str], cutoff: float = CUTOFF) -> ColumnMap:
        """A map from headers as written (normalised here) to fields or their names."""
        return cls(
            {normalise(header): _field(name, header) for header, name in synonyms.items()},
            cutoff,
        )

    def extended(self, mapping: Mapping[str, ActivityField | str]) -> ColumnMap:
        """This map with more headers (``{"Срок исполнения": "deadline"}``); a header given
        here overrides the same one of this map. An unknown field name is a ``ValueError``."""
        added = ColumnMap.of(mapping, self.cutoff)
        return ColumnMap({**self.synonyms, **added.synonyms}, self.cutoff)

    def match(self, header: str) -> ColumnMatch | None:
        """The field ``header`` names: by a synonym, else by the nearest one when it is close
        enough (a header that starts with a synonym — «Сроки (месяц, год)» — counts as
        close), else ``None``."""
        key = normalise(header)
        if not key:
            return None
        if key in self.synonyms:
            return ColumnMatch(self.synonyms[key], key)
        near = difflib.get_close_matches(key, list(self.synonyms), n=1, cutoff=self.cutoff)
        if near:
            return ColumnMatch(self.synonyms[near[0]], near[0], similar=True)
        starts = [s for s in self.synonyms if len(s) > 3 and key.startswith(s + " ")]
        if starts:
            best = max(starts, key=len)
            return ColumnMatch(self.synonyms[best], best, similar=True)
        return None


def _field(name: ActivityField | str, header: str) -> ActivityField:
    if isinstance(name, ActivityField):
        return name
    try:
        return ActivityField(name.strip())
    except ValueError:
        known = ", ".join(f.value for f in ActivityField)
        raise ValueError(
            f"столбец «{header}»: неизвестное поле «{name}»; поля мероприятия: {known}"
        ) from None


DEFAULT = ColumnMap.of(SYNONYMS)
"""The headers roadmapdocs knows without settings."""
