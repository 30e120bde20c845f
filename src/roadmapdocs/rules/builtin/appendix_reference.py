"""RD206 appendix-reference."""

from __future__ import annotations

import re
from collections.abc import Iterator

from roadmapdocs.model import Order
from roadmapdocs.rules.base import Context, Hit, Phrase, Severity, rule
from roadmapdocs.rules.builtin._shared import document_texts

_CITED = re.compile(r"приложени[еяюи]\w*\s*(?:№\s*)(\d+)", re.IGNORECASE)


@rule("RD206", "appendix-reference", Severity.WARNING)
def appendix_reference(context: Context) -> Iterator[Hit]:
    """Текст приказа ссылается на приложение, которого нет, или на единственное — с номером.

    По ГОСТ Р 7.0.97 единственное приложение не нумеруют: отметка печатается «Приложение
    к приказу …», а в тексте пишут «(приложение)». Ссылка «(Приложение № 1)» при одном
    приложении расходится с отметкой на самом приложении; ссылка на «приложение № 3» при двух
    приложениях указывает в пустоту. Пронумеровать и единственное приложение можно настройкой
    шаблона ``number_single_appendix``.

    Пример: «clauses[0].text: ссылка на «Приложение № 1», а приложение одно и печатается без
    номера».
    """
    order = context.document
    if not isinstance(order, Order) or not order.appendices:
        return
    count = len(order.appendices)
    for path, text in document_texts(context):
        if path and path[0] == "appendices":
            continue  # an appendix's own mark and plan quote themselves
        for found in _CITED.finditer(text):
            number = int(found.group(1))
            cited = found.group(0)
            if count == 1 and number == 1:
                yield Hit(
                    path,
                    Phrase(
                        f"ссылка «{cited}», а приложение одно и печатается без номера",
                        f"the text cites «{cited}», but the only appendix prints unnumbered",
                    ),
                    Phrase(
                        "напишите «(приложение)» или включите number_single_appendix в шаблоне",
                        "write «(приложение)» or turn number_single_appendix on in the template",
                    ),
                )
            elif number > count:
                yield Hit(
                    path,
                    Phrase(
                        f"ссылка «{cited}», а приложений {count}",
                        f"the text cites «{cited}», but there are {count} appendices",
                    ),
                    Phrase(
                        "исправьте номер приложения в тексте",
                        "correct the appendix number in the text",
                    ),
                )
