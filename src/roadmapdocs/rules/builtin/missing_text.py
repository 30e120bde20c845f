"""RD106 missing-text."""

from __future__ import annotations

from collections.abc import Iterator

from roadmapdocs.rules.base import Context, Hit, Phrase, Severity, rule
from roadmapdocs.rules.builtin._shared import blank, rows


@rule("RD106", "missing-text", Severity.ERROR)
def missing_text(context: Context) -> Iterator[Hit]:
    """Строка плана или контрольная точка без текста.

    Номер есть, а что делать — не сказано: так бывает, когда текст мероприятия уехал в соседний
    столбец или строку при переносе таблицы. Строка, которая объединяет вложенные мероприятия,
    тоже должна называть направление.

    Пример: «мероприятие 3: не указан текст мероприятия».
    """
    for row in rows(context):
        if blank(row.item.text):
            yield Hit(
                (*row.path, "text"),
                Phrase("не указан текст мероприятия", "the row has no text"),
                Phrase(
                    "впишите мероприятие или направление; если текст стоит в другом столбце, "
                    "перенесите его",
                    "write the activity or direction; move it here if it stands in another column",
                ),
            )
