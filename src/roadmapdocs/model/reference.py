"""The model reference page (docs/model.md), written from the models' own docstrings.

Run ``python -m roadmapdocs.model.reference > docs/model.md``; a test checks the page is current.
"""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel

from roadmapdocs.model import (
    DOCUMENT_KINDS,
    Activity,
    Addressees,
    Appendix,
    AppendixReference,
    Cell,
    Clause,
    Column,
    ControlPoint,
    Direction,
    Fact,
    Indicator,
    IndicatorGroup,
    Organisation,
    Party,
    Person,
    Plan,
    Problem,
    RiskGroup,
    Section,
    Signature,
    Table,
)
from roadmapdocs.model.abbreviation import Abbreviation
from roadmapdocs.model.annotations import unwrap
from roadmapdocs.model.fielddocs import field_docs

INTRO = """# Модель документа

roadmapdocs описывает четыре вида документов. Вид задаёт поле `kind`, уровень — `level`
(`school` — школа, `municipal` — муниципалитет, `regional` — регион). Ниже — все поля каждого
вида и каждой части документа; страница собрана из описаний полей в коде
(`python -m roadmapdocs.model.reference > docs/model.md`).

Общие правила:

- Текст хранится как написан: кавычки «», №, тире, неразрывные пробелы. Символы, которые не
  может содержать документ Word (управляющие символы XML 1.0), — ошибка загрузки с указанием места.
- В YAML всё, кроме `null`, `true`/`false` и целых чисел, читается как текст: `1.10` — это номер
  мероприятия «1.10», а не число 1.1; `010` остаётся «010».
- Незаполненное поле — не ошибка загрузки. Полноту проверяет `roadmapdocs validate`
  (см. [правила](rules.md)).
- Сроки пишутся как в документе («Февраль – март 2024», «до 20 января 2022»); roadmapdocs
  понимает их как даты (см. [сроки](deadlines.md)). Даты реквизитов — `05.09.2024` или `2024-09-05`.
- Ответственный (`responsible`) — строка как в документе, список строк или разобранная
  запись: `{body: Управление образования, people: [Чиж Л.В., Зайцева Т.А.]}`.
- Человек (`Person`) пишется строкой «Фамилия И.О.» или «Фамилия Имя Отчество» либо полями;
  как склоняются имена — см. [имена](names.md).
- Ошибка загрузки называет файл, строку, столбец и путь к полю, например
  `plan.sections[1].activities[3].responsible` (номера элементов списков — с нуля).
- JSON Schema для редакторов: `roadmapdocs schema`; первая строка примеров
  `# yaml-language-server: $schema=schema/roadmapdocs.schema.json` включает подсказки в редакторе.
"""

PARTS: list[type[BaseModel]] = [
    Organisation,
    Person,
    Party,
    Signature,
    Plan,
    Column,
    Section,
    Activity,
    ControlPoint,
    Direction,
    Indicator,
    IndicatorGroup,
    RiskGroup,
    Problem,
    Fact,
    Table,
    Cell,
    Clause,
    Addressees,
    Appendix,
    AppendixReference,
    Abbreviation,
]


def _type_name(annotation: Any) -> str:
    options = unwrap(annotation)
    if len(options) > 1:
        return " или ".join(map(_type_name, options))
    annotation = options[0]
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is list:
        return f"список {_type_name(args[0])}"
    if origin is dict:
        return f"словарь {_type_name(args[0])} → {_type_name(args[1])}"
    if origin is typing.Literal:
        return " | ".join(f"`{a}`" for a in args)
    names = {
        "str": "текст",
        "int": "целое",
        "float": "число",
        "date": "дата",
        "bool": "да/нет",
        "Deadline": "срок",
    }
    name = getattr(annotation, "__name__", str(annotation))
    return names.get(name, f"`{name}`")


def _table(model: type[BaseModel]) -> list[str]:
    lines = ["| поле | тип | что это |", "|---|---|---|"]
    for name, info in model.model_fields.items():
        description = field_docs(model).get(name, "").replace("\n", " ")
        required = " (обязательно)" if info.is_required() else ""
        lines.append(f"| `{name}` | {_type_name(info.annotation)}{required} | {description} |")
    return lines


def page() -> str:
    """The whole reference page as Markdown."""
    out = [INTRO]
    out.append("## Виды документов\n")
    for kind, model in DOCUMENT_KINDS.items():
        summary = (model.__doc__ or "").strip().splitlines()[0]
        out += [f"### `kind: {kind}` — {summary}\n", *_table(model), ""]
    out.append("## Части документов\n")
    for part in PARTS:
        summary = (part.__doc__ or "").strip().splitlines()[0]
        out += [f"### `{part.__name__}` — {summary}\n", *_table(part), ""]
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":
    print(page(), end="")
