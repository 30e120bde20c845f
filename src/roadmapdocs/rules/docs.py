"""The rule reference, docs/rules.md, written from the rules' own docstrings.

Run ``python -m roadmapdocs.rules.docs > docs/rules.md``; a test fails when the file is stale.
"""

from __future__ import annotations

from roadmapdocs.rules.discovery import registry
from roadmapdocs.rules.engine import INTERNAL_CODE, INTERNAL_NAME
from roadmapdocs.rules.output import LOAD_CODE, LOAD_NAME

_HEADER = """\
# Правила проверки

Справочник создан командой `python -m roadmapdocs.rules.docs` из описаний самих правил;
не правьте его вручную.

Проверка запускается так: `roadmapdocs validate FILE... [--format text|json] [--strict]
[--select …] [--ignore …] [--as-of ДАТА] [--lang ru|en]`, из Python —
`roadmapdocs.validate(doc)`. Правило выбирают по коду (`RD101`), началу кода (`RD1`) или имени
(`missing-responsible`). Важность правила меняется настройкой:

```toml
# roadmapdocs.toml рядом с документом (или [tool.roadmapdocs] в pyproject.toml)
select = ["ALL"]
ignore = ["unparsed-deadline"]
known-abbreviations = ["СКИРО ПК и ПРО"]
standard = "ГОСТ Р 7.0.97-2025"   # по умолчанию "ГОСТ Р 7.0.97-2016"

[severity]
missing-result = "error"
```

`standard` — редакция ГОСТ Р 7.0.97, по которой проверяются документы папки; при отрисовке
редакция, названная в настройках шаблона или в `--set standard=…`, важнее. Чем редакции
различаются — в [templates.md](templates.md#редакции-гост-р-7097-2016-и-2025).

Свои правила регион добавляет пакетом с точкой входа в группе `roadmapdocs.rules`
(объект `Rule` или список таких объектов); код и имя не должны совпадать с уже существующими.

## Отчёт в JSON

"""


def _json_section() -> str:
    return (
        "`--format json` печатает список объектов, по одному на замечание, с ключами `file`, "
        "`line`, `column`, `code`, `name`, `severity` (`error`, `warning`, `info`), `path` "
        "(`plan.sections[1].activities[3].responsible`), `element` («мероприятие 2.3»), "
        "`message` и `suggestion`; неизвестное — `null`. Состав ключей стабилен: новые могут "
        "добавиться, прежние не исчезнут и не сменят смысл.\n\n"
        f"Служебные коды: `{LOAD_CODE} {LOAD_NAME}` — документ не прочитан (по замечанию на "
        f"каждую ошибку чтения); `{INTERNAL_CODE} {INTERNAL_NAME}` — сбой правила (остальные "
        "правила при этом работают).\n"
    )


_ANNOTATE = """\
## Замечания прямо в документе Word

`roadmapdocs render FILE --annotate` вставляет каждое замечание в документ как примечание Word у
той строки таблицы или того абзаца, к которому оно относится: проверяющий видит его там, где
ошибка. Правила выбираются так же, как для `validate`: файл настроек рядом с документом,
`--select`, `--ignore` и `--as-of`. `roadmapdocs batch … --annotate` делает то же для каждого
документа (при слиянии с таблицей — с настройками рядом с документом-основой). Из Python — `roadmapdocs.render(doc, "out.docx", annotate=True)`
или `annotate=roadmapdocs.validate(doc, select=[…])`; настройка шаблона `annotate = true`
(`--set annotate=true`) включает то же.

Текст примечания: «Ошибка. RD101 missing-responsible: мероприятие 3.7: не указан ответственный»,
на следующей строке — «Как исправить: …». Автор примечаний — roadmapdocs.

Место ищется по словам самого документа, а не по устройству шаблона, поэтому работает и в
своих шаблонах:

1. От поля, о котором замечание, берётся ближайший нумерованный элемент: мероприятие, раздел,
   контрольная точка, показатель, группа показателей, группа рисков, направление, пункт
   приказа, приложение.
2. Элемент ищется среди строк таблиц и абзацев вне таблиц по своему тексту и напечатанному
   номеру. Пробелы (и неразрывные), переносы строк, регистр, вид тире и кавычек, «ё» при
   сравнении не важны; шаблон, который печатает текст мероприятия как есть, даёт точное место.
3. Элементы одного списка ищутся по порядку: второе из двух одинаковых мероприятий попадает
   на вторую строку. Строка без текста находится по номеру между строками соседей, а без
   номера — когда между соседями ровно столько строк, сколько таких элементов.
4. Поле вне нумерованных элементов (цель, заголовок) ищется по собственному тексту.
5. Что не нашлось, получает примечание у заголовка документа с припиской «Место в документе не
   найдено; поле: date». Ни одно замечание не пропадает: примечаний ровно столько, сколько
   замечаний.

Примечание охватывает всю строку таблицы, от первой ячейки до последней, или весь абзац.
Документ без замечаний выходит таким же, как без `--annotate`. В PDF примечания не печатаются.
"""


def render() -> str:
    """The whole reference page as Markdown."""
    rules = list(registry().values())
    parts = [_HEADER + _json_section(), _ANNOTATE, "## Список правил\n"]
    parts.append("| Код | Имя | Важность | Что находит |\n|---|---|---|---|")
    parts.extend(
        f"| {r.code} | [`{r.name}`](#{r.code.lower()}-{r.name}) | {r.severity.value} | {r.summary} |"
        for r in rules
    )
    for item in rules:
        body = "\n".join(item.doc.splitlines()[1:]).strip()
        parts.append(
            f"\n## {item.code} {item.name}\n\n**{item.summary}**\n\n"
            f"Важность по умолчанию: `{item.severity.value}`.\n\n{body}"
        )
    return "\n".join(parts).rstrip() + "\n"


if __name__ == "__main__":
    print(render(), end="")
