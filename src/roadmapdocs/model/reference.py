"""The model reference page (docs/model.md), written from the models' own field docstrings.

Each kind is headed by its Russian description (:attr:`KindSpec.description`), each part by its
Russian sentence in :data:`PARTS`.

Run ``python -m roadmapdocs.model.reference > docs/model.md``; a test checks the page is current.
"""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel

from roadmapdocs.model import (
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
from roadmapdocs.model.kinds import BUILTIN
from roadmapdocs.model.report import (
    IndicatorProgress,
    OrganisationProgress,
    OverdueList,
    PeriodValue,
    ProgressRow,
    ProgressSection,
    Tally,
)

INTRO = """# Модель документа

roadmapdocs описывает пять видов документов: четыре, которые подписывают, и отчёт об их
исполнении. Вид задаёт поле `kind`, уровень — `level`
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

PARTS: dict[type[BaseModel], str] = {
    Organisation: "Организация, которая издаёт документ или выполняет его: школа, управление, "
    "муниципальный орган.",
    Person: "Человек. Строка «Лаврушкина Е.А.» в YAML читается как фамилия и инициалы.",
    Party: "Один ответственный: должность, орган, человек или орган с названными людьми.",
    Signature: "Подпись: должность слева, «И.О. Фамилия» справа.",
    Plan: "План мероприятий (план-график): столбцы, разделы, мероприятия.",
    Column: "Столбец таблицы плана: какое поле он показывает и как его заголовок написан "
    "в документе.",
    Section: "Нумерованная группа мероприятий плана.",
    Activity: "Мероприятие плана, в котором могут быть вложенные мероприятия (1 → 1.1 → 1.1.2).",
    ControlPoint: "Контрольная точка: нумерованный промежуточный результат с ответственным "
    "и сроком.",
    Direction: "Направление деятельности, иногда с аналитическим текстом.",
    Indicator: "Целевой показатель: название, единица, базовое значение и цель на каждый период.",
    IndicatorGroup: "Показатели одного направления с периодами, которые показывает их таблица.",
    RiskGroup: "Группа рисков и целевые ориентиры, которые ей отвечают.",
    Problem: "Описание проблемы: текст, факты, таблицы данных.",
    Fact: "Строка описания проблемы («Средний балл по русскому языку – 51»), иногда с подстроками.",
    Table: "Таблица данных, как она стоит в документе: заголовок, строки шапки, строки тела, "
    "примечания.",
    Cell: "Ячейка таблицы. Строка или число в YAML — ячейка с этим текстом.",
    Clause: "Нумерованный пункт приказа. Адресатов шаблон ставит перед текстом в дательном падеже.",
    Addressees: "Кому поручен пункт: «Заместителям директора школы Лаврушкиной Е.А., "
    "Романовой И.Е.».",
    Appendix: "Приложение: свой заголовок, гриф утверждения, если он есть, и план со своими "
    "столбцами.",
    AppendixReference: "Дата и номер приказа, как их приводит приложение, когда они набраны "
    "вручную.",
    Abbreviation: "Сокращение и полная форма, которую оно заменяет.",
    Tally: "Итоги отчёта: сколько мероприятий в каком состоянии на дату отчёта. Каждое "
    "мероприятие считается один раз, в первом подходящем состоянии.",
    ProgressSection: "Раздел отчёта: итоги раздела и его мероприятия.",
    ProgressRow: "Мероприятие в отчёте: срок, ответственные, состояние на дату, что сделано.",
    IndicatorProgress: "Показатель в отчёте: план и факт по периодам.",
    PeriodValue: "План, факт и отклонение показателя за один период.",
    OrganisationProgress: "Строка сводки: организация и итоги её отчёта.",
    OverdueList: "Просроченные мероприятия одной организации в сводке.",
}
"""The parts of documents the page describes, each with the Russian sentence that heads it (the
models' docstrings, in English, are for the code)."""


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
    for spec in BUILTIN:
        summary = spec.description.ru if spec.description else spec.title.ru
        out += [f"### `kind: {spec.name}` — {summary}\n", *_table(spec.model), ""]
    out.append("## Части документов\n")
    for part, summary in PARTS.items():
        out += [f"### `{part.__name__}` — {summary}\n", *_table(part), ""]
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":
    print(page(), end="")
