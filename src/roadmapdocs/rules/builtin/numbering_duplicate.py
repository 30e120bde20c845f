"""RD202 numbering-duplicate."""

from __future__ import annotations

from collections.abc import Iterator

from roadmapdocs.rules.base import Context, Hit, Phrase, Severity, rule
from roadmapdocs.rules.builtin._numbering import numbered_lists
from roadmapdocs.sourcemap import PathKey, locate


@rule("RD202", "numbering-duplicate", Severity.ERROR)
def numbering_duplicate(context: Context) -> Iterator[Hit]:
    """Один номер у двух строк.

    Номер — это адрес строки: по нему на неё ссылаются отчёты и приказы. Два мероприятия 2.3 в
    одном плане (в любых разделах) или две контрольные точки 7 делают ссылку неоднозначной.

    Пример: «мероприятие 2.3: номер 2.3 уже встречался (строка 48)».
    """
    scopes: dict[PathKey, dict[tuple[int, ...], PathKey]] = {}
    for numbered in numbered_lists(context.document):
        first = scopes.setdefault(numbered.scope, {})
        for path, number in numbered.items:
            if number is None:
                continue
            if number not in first:
                first[number] = path
                continue
            shown = ".".join(map(str, number))
            line = locate(context.document, first[number]).line
            where_ru = f" (строка {line})" if line else " выше"
            where_en = f" (line {line})" if line else " above"
            yield Hit(
                (*path, "number"),
                Phrase(
                    f"номер {shown} уже встречался{where_ru}",
                    f"number {shown} is used twice{where_en}",
                ),
                Phrase("перенумеруйте строки", "renumber the rows"),
            )
