"""RD402 repeated-words."""

from __future__ import annotations

import re
from collections.abc import Iterator

from roadmapdocs.rules.base import Context, Hit, Phrase, Severity, rule
from roadmapdocs.rules.builtin._shared import document_texts

# One to four words, then the same words again: «по по», «Зам директора по Зам директора по».
_REPEAT = re.compile(r"(?<!\w)(\w+(?: \w+){0,3}) \1(?!\w)", re.IGNORECASE)
# A repeat needs some word twice: texts without one (most) are passed over without _REPEAT.
_WORD = re.compile(r"\w+")
# Characters a copy from a web page or PDF leaves between words without showing them: zero-width
# spaces and joiners read as a space, a soft hyphen inside a word as nothing.
_INVISIBLE = str.maketrans({"\u200b": " ", "\u2060": " ", "\ufeff": " ", "\u00ad": None})


@rule("RD402", "repeated-words", Severity.WARNING)
def repeated_words(context: Context) -> Iterator[Hit]:
    """Слово или несколько слов повторены подряд: «Зам директора по Зам директора по УВР».

    Так выглядит след от вставки в ячейку, где уже был текст. Регистр и пробелы между словами
    (двойной, неразрывный, табуляция, перевод строки) не важны: «в условиях в  условиях» — повтор.
    Знак препинания между повторами делает их перечнем («по, по» не считается), а повтор одних
    чисел («10 10», «2024 2024») — строкой таблицы или сроками подпунктов, и он тоже не считается.

    Пример: «мероприятие 1.2: слова повторены: «Зам директора по Зам директора по»».
    """
    for path, value in document_texts(context):
        found = _first_repeat(value)
        if found is None:
            continue
        phrase, once = found.group(), found.group(1)
        yield Hit(
            path,
            Phrase(f"слова повторены: «{phrase}»", f"words repeated: «{phrase}»"),
            Phrase(f"оставьте один раз: «{once}»", f"keep them once: «{once}»"),
        )


def _first_repeat(value: str) -> re.Match[str] | None:
    """The first repeat with a word in it; spacing does not make a repeat different."""
    text = value.translate(_INVISIBLE)
    words = _WORD.findall(text.lower())
    if len(set(words)) == len(words):
        return None  # no word stands twice, so nothing repeats: most texts end here
    spaced = " ".join(text.split())
    for found in _REPEAT.finditer(spaced):
        if not found.group(1).replace(" ", "").isdigit():
            return found
    return None
