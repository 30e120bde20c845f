"""RD402 repeated-words."""

from __future__ import annotations

import re
from collections.abc import Iterator

from roadmapdocs.rules.base import Context, Hit, Phrase, Severity, rule
from roadmapdocs.rules.builtin._shared import document_texts

# One to four words, then the same words again: «по по», «Зам директора по Зам директора по».
_REPEAT = re.compile(r"(?<!\w)(\w+(?: \w+){0,3}) \1(?!\w)", re.IGNORECASE)


@rule("RD402", "repeated-words", Severity.WARNING)
def repeated_words(context: Context) -> Iterator[Hit]:
    """Слово или несколько слов повторены подряд: «Зам директора по Зам директора по УВР».

    Так выглядит след от вставки в ячейку, где уже был текст. Повтор чисел («2024 2024») тоже
    считается; сравнение без учёта регистра.

    Пример: «мероприятие 1.2: слова повторены: «Зам директора по Зам директора по»».
    """
    for path, value in document_texts(context):
        # Spacing does not make a repeat different: «в условиях в  условиях» is one.
        found = _REPEAT.search(" ".join(value.split()))
        if found is None:
            continue
        phrase, once = found.group(), found.group(1)
        yield Hit(
            path,
            Phrase(f"слова повторены: «{phrase}»", f"words repeated: «{phrase}»"),
            Phrase(f"оставьте один раз: «{once}»", f"keep them once: «{once}»"),
        )
