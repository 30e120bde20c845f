"""RD401 placeholder."""

from __future__ import annotations

import re
from collections.abc import Iterator

from roadmapdocs.rules.base import Context, Hit, Phrase, Severity, rule
from roadmapdocs.rules.builtin._shared import document_texts

# Each pattern is a way a form leaves a blank to fill in, as found in real plans.
_BLANKS = re.compile(
    r"_{3,}"  # «СОШ № ____»
    r"|…\s*…|\.{4,}|…\.|\.…"  # «……», «.....»
    r"|(?<!\w)(?:на|до|в|по|с|к)\s+%"  # «Снижение на % доли»: the number was never written
    r"|\[\s*\]|<\s*\.{3}\s*>|\(\s*\.{3}\s*\)"  # «[ ]», «<...>», «(...)»
    r"|(?<!\w)[XХ]{2}\.[XХ]{2}\.(?:[XХ]{2}){1,2}(?!\w)",  # «ХХ.ХХ.ХХХХ» for a date
    re.IGNORECASE,
)


@rule("RD401", "placeholder", Severity.ERROR)
def placeholder(context: Context) -> Iterator[Hit]:
    """Незаполненное место шаблона: «СОШ № ____», «……», «снижение на % доли», «[ ]».

    Документы часто делают из чужого образца, и пропуски для заполнения остаются в подписанном
    тексте. Правило ищет подчёркивания, многоточия подряд, знак процента без числа после
    предлога, пустые скобки и даты вида ХХ.ХХ.ХХХХ.

    Пример: «описание проблемы: незаполненное место «____» — (из опыта работы СОШ № ____)».
    """
    for path, value in document_texts(context):
        found = _BLANKS.search(value)
        if found is None:
            continue
        blank = found.group().strip()
        quoted = _excerpt(value, found.start(), found.end())
        yield Hit(
            path,
            Phrase(
                f"незаполненное место «{blank}» — {quoted}",
                f"unfilled placeholder «{blank}» — {quoted}",
            ),
            Phrase("впишите недостающее или уберите пропуск", "fill it in or remove it"),
        )


def _excerpt(value: str, start: int, end: int, width: int = 30) -> str:
    """The placeholder with a little of its surroundings, on one line."""
    left = max(0, start - width)
    right = min(len(value), end + width)
    text = " ".join(value[left:right].split())
    return ("…" if left else "") + text + ("…" if right < len(value) else "")
