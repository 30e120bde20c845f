"""RD208 undeclinable-name."""

from __future__ import annotations

from collections.abc import Iterator

from roadmapdocs.lang.grammar import Case
from roadmapdocs.model import Person
from roadmapdocs.model.document import DocumentBase
from roadmapdocs.rules.base import Context, Hit, Phrase, Severity, rule
from roadmapdocs.sourcemap import PathKey

ANY = "*"
"""In a path of :data:`DECLINED`, every item of a list."""

DECLINED: dict[str, tuple[tuple[PathKey, Case], ...]] = {
    "order": ((("clauses", ANY, "addressees", "people", ANY), "dative"),),
}
"""Where the built-in templates of each kind decline a person's name, and in which case.

The order's clauses name their addressees in the dative («Заместителям директора школы
Лаврушкиной Е.А., Романовой И.Е.»); signatures print «И.О. Фамилия» and lists of the
responsible print names as written, which needs no declension. Positions are declined too,
but a position the dictionary does not know is printed as written, so no position stops a
render."""


def declined_people(document: DocumentBase) -> Iterator[tuple[PathKey, Person, Case]]:
    """Each person the built-in templates decline, with its path and the case."""
    for pattern, case in DECLINED.get(document.kind, ()):
        for path, found in _resolve(document, pattern):
            if isinstance(found, Person):
                yield path, found, case


def _resolve(
    node: object, pattern: PathKey, path: PathKey = ()
) -> Iterator[tuple[PathKey, object]]:
    if not pattern:
        yield path, node
        return
    head, rest = pattern[0], pattern[1:]
    if head == ANY:
        if isinstance(node, list):
            for index, item in enumerate(node):
                yield from _resolve(item, rest, (*path, index))
        return
    child = getattr(node, str(head), None)
    if child is not None:
        yield from _resolve(child, rest, (*path, head))


@rule("RD208", "undeclinable-name", Severity.ERROR)
def undeclinable_name(context: Context) -> Iterator[Hit]:
    """Шаблон не сможет просклонять имя: пол не виден или правила не дают формы.

    Приказ называет исполнителей пункта в дательном падеже: «Ковальчуку О.Н.» — мужчине,
    «Ковальчук О.Н.» — женщине. Когда фамилия склоняется по-разному для мужчины и женщины, а
    пол не виден ни по имени, ни по отчеству (по инициалам его не узнать), roadmapdocs не
    угадывает: такой приказ не отрисуется. Правило находит такие имена до отрисовки — там же,
    где шаблон будет их склонять, — и говорит, как это исправить: указать пол
    (`{surname: Ковальчук, initials: О.Н., gender: female}` вместо «Ковальчук О.Н.»), написать
    имя полностью («Фамилия Имя Отчество» — по отчеству пол виден) или задать форму явно в
    `forms`. Фамилии, которые не склоняются вовсе (Шевченко, Белых, Дюма), пола не требуют.

    Отмечается и имя, из которого правила склонения не делают слова: фамилия из одной буквы
    «А» дала бы в дательном падеже «е». Его форму задают в `forms`: `forms: {dative: А Б.В.}`.

    Пример: «пункт 2: «Ковальчук О.Н.»: не удалось определить пол, а от него зависит
    склонение в дательном падеже: «Ковальчуку О.Н.» (мужчина) или «Ковальчук О.Н.» (женщина)».
    """
    people = list(declined_people(context.document))
    if not people:
        return
    # The rules of declension load only for a document that names people to decline.
    from roadmapdocs.lang.names import Undeclinable, declined_name

    for path, person, case in people:
        found = declined_name(person, case)
        if isinstance(found, Undeclinable):
            message = Phrase("«{shown}»: ", "«{shown}»: ").format(shown=found.shown)
            yield Hit(path, message + found.reason, found.advice)
