"""RD405 import-leftover."""

from __future__ import annotations

from collections.abc import Iterator

from roadmapdocs.rules.base import Context, Hit, Phrase, Severity, rule


@rule("RD405", "import-leftover", Severity.WARNING)
def import_leftover(context: Context) -> Iterator[Hit]:
    """В документе остался текст, которому при импорте из Word или Excel не нашлось поля.

    `roadmapdocs import` ничего не выбрасывает: абзац или ячейка, которые не удалось узнать,
    попадают в ``notes`` и печатаются в конце документа. Перед подписанием их нужно разнести по
    полям (или удалить, если это мусор исходного файла).

    Пример: «неразнесённый текст 1: «Согласовано: …» — текст из исходного файла без своего
    поля».
    """
    for index, note in enumerate(context.document.notes):
        if note.strip():
            shown = note if len(note) <= 60 else note[:57] + "…"
            yield Hit(
                ("notes", index),
                Phrase(
                    f"«{shown}» — текст из исходного файла без своего поля",
                    f"«{shown}» is text of the source file without a field of its own",
                ),
                Phrase(
                    "перенесите его в нужное поле или удалите",
                    "move it into its field, or delete it",
                ),
            )
