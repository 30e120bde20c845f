"""RD201 numbering-gap."""

from __future__ import annotations

from collections.abc import Iterator

from roadmapdocs.rules.base import Context, Hit, Phrase, Severity, rule
from roadmapdocs.rules.builtin._numbering import numbered_lists


@rule("RD201", "numbering-gap", Severity.WARNING)
def numbering_gap(context: Context) -> Iterator[Hit]:
    """Пропуск в нумерации: за 13 идёт 15.

    Проверяются соседние номера в одном списке: контрольные точки, разделы, мероприятия одного
    уровня (1.1, 1.2, 1.4), показатели. Пропуск обычно значит, что строку удалили и забыли
    перенумеровать, или что строка потерялась при переносе из Word.

    Пример: «контрольная точка 15: после номера 13 идёт 15 — пропущен 14».
    """
    for numbered in numbered_lists(context.document):
        # A flat table mixes levels (1, 1.1, 1.2, 2, 2.1): each number is compared with the
        # previous one of its own level, which a shallower number resets.
        last: dict[int, tuple[int, ...]] = {}
        for path, number in numbered.items:
            if number is None:
                continue
            before = last.get(len(number))
            last = {depth: n for depth, n in last.items() if depth < len(number)}
            last[len(number)] = number
            if before is None or before[:-1] != number[:-1] or number[-1] <= before[-1] + 1:
                continue
            shown_before, shown_after = _show(before), _show(number)
            skipped = _show((*number[:-1], before[-1] + 1))
            if number[-1] > before[-1] + 2:
                skipped += f"–{_show((*number[:-1], number[-1] - 1))}"
            yield Hit(
                (*path, "number"),
                Phrase(
                    f"после номера {shown_before} идёт {shown_after} — пропущен {skipped}",
                    f"{shown_after} follows {shown_before}: {skipped} is missing",
                ),
                Phrase("перенумеруйте список", "renumber the list"),
            )


def _show(number: tuple[int, ...]) -> str:
    return ".".join(str(part) for part in number)
