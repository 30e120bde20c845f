"""RD201 numbering-gap."""

from __future__ import annotations

from collections.abc import Iterator

from roadmapdocs.rules.base import Context, Hit, Phrase, Severity, rule
from roadmapdocs.rules.builtin._numbering import numbered_lists


@rule("RD201", "numbering-gap", Severity.WARNING)
def numbering_gap(context: Context) -> Iterator[Hit]:
    """Пропуск в нумерации: за 13 идёт 15, раздел 3 начинается с 3.2.

    Проверяются соседние номера в одном списке: контрольные точки, разделы, мероприятия одного
    уровня (1.1, 1.2, 1.4), показатели, — и первый номер списка: разделы начинаются с 1,
    мероприятия раздела 3 — с 3.1, вложенные в 3.1 — с 3.1.1. Пропуск обычно значит, что строку
    удалили и забыли перенумеровать, или что строка потерялась при переносе из Word.

    Пример: «контрольная точка 15: после номера 13 идёт 15 — пропущен 14».
    """
    for numbered in numbered_lists(context.document):
        # A flat table mixes levels (1, 1.1, 1.2, 2, 2.1): each number is compared with the
        # previous one of its own level, which a shallower number resets; a number with none
        # before it on its level is the first child of the shallower one, or of the list's parent.
        last: dict[int, tuple[int, ...]] = {}
        for position, (path, number) in enumerate(numbered.items):
            if number is None:
                continue
            before = last.get(len(number))
            last = {depth: n for depth, n in last.items() if depth < len(number)}
            above = last[max(last)] if last else (numbered.parent if position == 0 else None)
            last[len(number)] = number
            if before is None:
                hit = _first_child_gap(above, number)
                if hit is not None:
                    yield Hit((*path, "number"), *hit)
                continue
            if before[:-1] != number[:-1] or number[-1] <= before[-1] + 1:
                continue
            shown_before, shown_after = _show(before), _show(number)
            skipped = _skipped(number[:-1], before[-1] + 1, number[-1] - 1)
            yield Hit(
                (*path, "number"),
                Phrase(
                    f"после номера {shown_before} идёт {shown_after} — пропущен {skipped}",
                    f"{shown_after} follows {shown_before}: {skipped} is missing",
                ),
                _RENUMBER,
            )


_RENUMBER = Phrase("перенумеруйте список", "renumber the list")


def _first_child_gap(
    above: tuple[int, ...] | None, number: tuple[int, ...]
) -> tuple[Phrase, Phrase] | None:
    """A first number that does not start its level at 1: 3 → 3.2, 3.1 → 3.1.2, a list at 2.

    ``above`` is the number the list continues (``()`` at the top); a number that does not
    extend it is numbered on its own, and only its neighbours can show a gap. At the top only a
    plain number is judged: indicator groups «2.1, 2.2» belong to a direction listed elsewhere.
    """
    if above is None or len(above) >= len(number) or number[: len(above)] != above:
        return None
    if not above and len(number) > 1:
        return None
    for depth in range(len(above), len(number)):
        if number[depth] > 1:
            skipped = _skipped(number[:depth], 1, number[depth] - 1)
            break
    else:
        return None
    shown = _show(number)
    if not above:
        message = Phrase(
            f"список начинается с номера {shown} — пропущен {skipped}",
            f"the list starts at {shown}: {skipped} is missing",
        )
    else:
        message = Phrase(
            f"после номера {_show(above)} идёт {shown} — пропущен {skipped}",
            f"{shown} follows {_show(above)}: {skipped} is missing",
        )
    return message, _RENUMBER


def _skipped(prefix: tuple[int, ...], first: int, last: int) -> str:
    """The missing numbers under ``prefix``, from ``first`` to ``last``: «14», «3.1–3.3»."""
    shown = _show((*prefix, first))
    if last > first:
        shown += f"–{_show((*prefix, last))}"
    return shown


def _show(number: tuple[int, ...]) -> str:
    return ".".join(str(part) for part in number)
