"""Russian month names as CLDR writes them, written out: what babel's ``get_month_names`` gives
for «ru».

Asking babel for them loaded its CLDR data for Russian, some 8 MiB, into every process that
reads a deadline or prints a date; twelve names in four forms need none of it. A test holds
them equal to babel's.
"""

from __future__ import annotations

from typing import Literal

Width = Literal["wide", "abbreviated"]
Context = Literal["format", "stand-alone"]

_NAMES: dict[tuple[Width, Context], tuple[str, ...]] = {
    # «5 сентября»: the genitive, the form a date takes
    ("wide", "format"): (
        *("января", "февраля", "марта", "апреля", "мая", "июня"),
        *("июля", "августа", "сентября", "октября", "ноября", "декабря"),
    ),
    # «сентябрь 2024»: the nominative
    ("wide", "stand-alone"): (
        *("январь", "февраль", "март", "апрель", "май", "июнь"),
        *("июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"),
    ),
    ("abbreviated", "format"): (
        *("янв.", "февр.", "мар.", "апр.", "мая", "июн."),
        *("июл.", "авг.", "сент.", "окт.", "нояб.", "дек."),
    ),
    ("abbreviated", "stand-alone"): (
        *("янв.", "февр.", "март", "апр.", "май", "июнь"),
        *("июль", "авг.", "сент.", "окт.", "нояб.", "дек."),
    ),
}


def month_names(width: Width = "wide", context: Context = "format") -> dict[int, str]:
    """Month number (1–12) → its name in ``width`` and ``context``, as CLDR has them."""
    return dict(enumerate(_NAMES[width, context], start=1))


GENITIVE = _NAMES["wide", "format"]
"""«января» … «декабря», the month of a date; ``GENITIVE[month - 1]``."""
