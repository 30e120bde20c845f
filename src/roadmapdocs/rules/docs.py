"""The rule reference, written from the rules' own docstrings: docs/rules.md, and the plain text
``roadmapdocs rules`` prints.

Run ``python -m roadmapdocs.rules.docs > docs/rules.md``; a test fails when the file is stale.
A docstring is reStructuredText (plugins' too), which reads well as Markdown; a terminal gets it
with the markup taken off (:func:`plain`).
"""

from __future__ import annotations

import re

from roadmapdocs.messages import DEFAULT_LANG, Lang, Phrase
from roadmapdocs.rules.base import Rule
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
        "`message` и `suggestion`; у документа Word или Excel, где нет строк файла, место "
        "дают ещё `table`, `row`, `paragraph` (номера с 1) и `sheet` (лист книги); неизвестное "
        "— `null`. Состав ключей стабилен: новые могут "
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


# Inline markup of reStructuredText, read in one pass from left to right, so that what a literal
# holds («``appendices.*.plan``») is not read again as markup. Emphasis starts after the start of
# a line, a space or punctuation, never inside a word.
_ROLE = r":[\w.+-]+(?::[\w.+-]+)*:"
_INLINE = re.compile(
    "|".join(
        (
            r"``(?P<literal>\S(?:.*?\S)?)``",
            # :doc:`title <target>`; :func:`~module.name` shows the last name; :rule:`name`.
            rf"{_ROLE}`(?P<titled>[^`<]*?)\s*<[^`>]*>`",
            rf"{_ROLE}`~(?:[\w.]*\.)?(?P<last>[^`]+)`",
            rf"{_ROLE}`(?P<role>[^`]+)`",
            # `title <https://…>`_, `reference`_, `interpreted text`.
            r"`(?P<link>[^`<]+?)\s*<(?P<address>[^`>]+)>`__?",
            r"`(?P<interpreted>[^`]+)`(?:__?)?",
            r"(?<![\w\\])\|(?P<substitution>\S(?:[^|]*?\S)?)\|(?!\w)",
            r"(?P<footnote>\s?\[(?:#\w*|\d+|\*)\]_)",
            r"(?<![\w\\])\*\*(?P<strong>\S(?:.*?\S)?)\*\*(?!\w)",
            r"(?<![\w\\*])\*(?P<emphasis>[^\s*](?:.*?[^\s*])?)\*(?!\w)",
            # A backslash escapes the character after it; before a space it only parts markup.
            r"\\(?P<escaped>[\s\\*`|_:<>\[\]])",
        )
    )
)


def _unmarked(found: re.Match[str]) -> str:
    groups = found.groupdict()
    if groups["link"] is not None:
        return f"{groups['link']} ({groups['address']})"
    if groups["footnote"] is not None:
        return ""
    if groups["escaped"] is not None:
        return "" if groups["escaped"].isspace() else groups["escaped"]
    return next(value for value in groups.values() if value is not None)


# A directive «.. name:: argument» and the comment «.. text» of a block: the directive says how
# to show what follows, which a terminal shows as it is; a comment is not for the reader.
_DIRECTIVE = re.compile(r"^(\s*)\.\.\s+(?:([\w-]+)::\s*(.*)|\S.*)?$")
_ADMONITIONS = {
    "note": Phrase("Примечание.", "Note."),
    "tip": Phrase("Совет.", "Tip."),
    "hint": Phrase("Подсказка.", "Hint."),
    "important": Phrase("Важно.", "Important."),
    "warning": Phrase("Внимание.", "Warning."),
    "caution": Phrase("Осторожно.", "Caution."),
    "attention": Phrase("Внимание.", "Attention."),
    "danger": Phrase("Опасно.", "Danger."),
    "seealso": Phrase("См. также:", "See also:"),
}
# The underline (or overline) of a section title: one punctuation character, three times or more.
_RULER = re.compile(r"^\s*([=\-~^\"'`#*+_])\1{2,}\s*$")


def plain(doc: str, lang: Lang = DEFAULT_LANG) -> str:
    """``doc``, a reStructuredText docstring, as plain text for a terminal: literals, roles,
    references and emphasis without their marks, «Пример::» as «Пример:», directives and section
    underlines dropped, an admonition («.. note::») as its word («Примечание.»)."""
    lines: list[str] = []
    for line in doc.splitlines():
        directive = _DIRECTIVE.match(line)
        if directive is not None:
            indent, name, argument = directive.groups()
            word = _ADMONITIONS.get((name or "").lower())
            if word is not None:
                said = " ".join(filter(None, (word.in_(lang), argument and _inline(argument))))
                lines.append(f"{indent}{said}")
            continue
        if _RULER.match(line):
            continue
        stripped = line.rstrip()
        if stripped.endswith("::"):
            # «Пример::» introduces a literal block and reads «Пример:»; in «Пример ::» and a
            # lone «::» the mark says nothing.
            bare = stripped[:-2]
            stripped = bare.rstrip() if not bare or bare[-1].isspace() else f"{bare}:"
            if not stripped.strip() and lines and not lines[-1].strip():
                continue
        lines.append(_inline(stripped))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _inline(text: str) -> str:
    return _INLINE.sub(_unmarked, text)


def page(rule: Rule, lang: Lang = DEFAULT_LANG) -> str:
    """A rule's documentation as the terminal shows it: code, name, severity, then the text."""
    return f"{rule.code} {rule.name} ({rule.severity.label(lang)})\n\n{plain(rule.doc, lang)}"


if __name__ == "__main__":
    print(render(), end="")
