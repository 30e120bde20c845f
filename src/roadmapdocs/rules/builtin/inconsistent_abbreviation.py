"""RD302 inconsistent-abbreviation."""

from __future__ import annotations

from collections.abc import Iterator

from roadmapdocs.rules.base import Context, Hit, Phrase, Severity, rule
from roadmapdocs.rules.builtin._abbreviations import (
    Usage,
    canonical,
    known,
    neighbours,
    usage,
)
from roadmapdocs.rules.builtin._shared import normalise


@rule("RD302", "inconsistent-abbreviation", Severity.WARNING)
def inconsistent_abbreviation(context: Context) -> Iterator[Hit]:
    """Одно сокращение написано по-разному, или одна расшифровка сокращена по-разному.

    Ловит почти совпадающие формы в тексте — те же буквы в другом порядке (ШНОР и ШНРО) или на
    одну букву больше, меньше либо другую (ОЦПРМСО и ОЦПМСО, ШНРО и ШПРО), — и противоречия в
    списке ``abbreviations``: одно сокращение с двумя расшифровками, одна расшифровка с двумя
    сокращениями. Пары, где обе формы общеизвестны (МБОУ и МАОУ), не сравниваются.

    Сообщение стоит у первого употребления формы, которая встречается реже (введённая форма
    считается правильной).

    Пример: «мероприятие 2.3: «ОЦПМСО» и «ОЦПРМСО» — похоже, одно сокращение написано по-разному».
    """
    found = usage(context)
    ordinary = known(context)
    tokens = sorted(set(found.first) | found.introduced)
    order = {token: index for index, token in enumerate(tokens)}
    near = neighbours(context)
    # The near pairs in the order of comparing each spelling with those after it.
    pairs = sorted((order[a], order[b]) for a in tokens for b in near.of(a) if order[a] < order[b])
    for first, second in pairs:
        a, b = tokens[first], tokens[second]
        if a not in ordinary or b not in ordinary:
            yield spelt_two_ways(a, b, found)
    yield from two_expansions(context)


def spelt_two_ways(a: str, b: str, found: Usage) -> Hit:
    """The finding on two near spellings ``a`` and ``b``, at the first use of the rarer one."""
    keep, variant = canonical(a, b, found)
    path = found.first.get(variant) or found.first.get(keep) or ("abbreviations",)
    return Hit(
        path,
        Phrase(
            f"«{variant}» и «{keep}» — похоже, одно сокращение написано по-разному",
            f"«{variant}» and «{keep}» look like one abbreviation spelt two ways",
        ),
        Phrase(f"пишите везде «{keep}»", f"write «{keep}» everywhere"),
    )


def two_expansions(context: Context) -> Iterator[Hit]:
    """The list ``abbreviations`` at odds with itself: one short form with two expansions, one
    expansion with two short forms."""
    by_short: dict[str, tuple[int, str]] = {}
    by_full: dict[str, tuple[int, str]] = {}
    for index, entry in enumerate(context.document.abbreviations):
        short, full = entry.short.strip(), normalise(entry.full)
        if short in by_short and by_short[short][1] != full:
            yield Hit(
                ("abbreviations", index, "full"),
                Phrase(
                    f"у сокращения «{short}» две разные расшифровки",
                    f"«{short}» is given two different expansions",
                ),
            )
        if full in by_full and context.document.abbreviations[by_full[full][0]].short != short:
            other = context.document.abbreviations[by_full[full][0]].short
            yield Hit(
                ("abbreviations", index, "short"),
                Phrase(
                    f"одна расшифровка сокращена и как «{other}», и как «{short}»",
                    f"one expansion is shortened both as «{other}» and «{short}»",
                ),
            )
        by_short.setdefault(short, (index, full))
        by_full.setdefault(full, (index, short))
