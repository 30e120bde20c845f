"""RD403 markup-in-text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from roadmapdocs.rules.base import Context, Hit, Phrase, Severity, rule
from roadmapdocs.rules.builtin._shared import document_texts

_TAG = re.compile(
    r"</?(?:p|ul|ol|li|br|b|i|u|s|strong|em|span|div|font|sup|sub|table|tr|td|th|a|h[1-6])"
    r"(?:\s[^<>]*)?/?>"
    r"|&(?:nbsp|lt|gt|amp|quot|laquo|raquo|ndash|mdash|#\d+);",
    re.IGNORECASE,
)


@rule("RD403", "markup-in-text", Severity.WARNING)
def markup_in_text(context: Context) -> Iterator[Hit]:
    """HTML-разметка в тексте: ``<p>``, ``<ul style="…">``, ``&nbsp;``.

    Текст, скопированный с сайта или из электронной системы, приносит с собой теги; в Word они
    печатаются как есть. Списки в ячейке пишут строками «- …», абзацы — с новой строки.

    Пример: «мероприятие 3.4: HTML-разметка в тексте: <p>, <ul style="list-style-type: none">».
    """
    for path, value in document_texts(context):
        tags = list(dict.fromkeys(m.group() for m in _TAG.finditer(value)))
        if not tags:
            continue
        shown = ", ".join(tags[:3]) + (" …" if len(tags) > 3 else "")
        yield Hit(
            path,
            Phrase(f"HTML-разметка в тексте: {shown}", f"HTML markup in text: {shown}"),
            Phrase(
                "уберите теги: абзацы пишите с новой строки, пункты списка — строками «- …»",
                "remove the tags: new paragraphs on new lines, list items as «- …» lines",
            ),
        )
