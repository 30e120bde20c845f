"""RD205 missing-requisite."""

from __future__ import annotations

from collections.abc import Iterator

from roadmapdocs.model import Order
from roadmapdocs.rules.base import Context, Hit, Phrase, Severity, rule
from roadmapdocs.rules.builtin._shared import blank


@rule("RD205", "missing-requisite", Severity.ERROR)
def missing_requisite(context: Context) -> Iterator[Hit]:
    """У приказа нет обязательного реквизита.

    По ГОСТ Р 7.0.97-2016 у приказа есть дата, регистрационный номер, заголовок к тексту,
    распорядительная часть и подпись (должность и ФИО). Без любого из них приказ не
    регистрируют и не подписывают.

    Пример: «номер приказа: не указан регистрационный номер приказа».
    """
    order = context.document
    if not isinstance(order, Order):
        return
    missing: list[tuple[tuple[str, ...], Phrase]] = []
    if order.date is None:
        missing.append((("date",), Phrase("не указана дата приказа", "the order has no date")))
    if blank(order.number):
        missing.append(
            (
                ("number",),
                Phrase("не указан регистрационный номер приказа", "the order has no number"),
            )
        )
    if blank(order.title):
        missing.append((("title",), Phrase("нет заголовка к тексту", "the order has no title")))
    if not order.clauses:
        missing.append(
            (("clauses",), Phrase("нет распорядительной части", "the order has no clauses"))
        )
    if blank(order.signer.position) or order.signer.person is None:
        missing.append(
            (
                ("signer",),
                Phrase("не указаны должность и ФИО подписывающего", "the signer is not given"),
            )
        )
    for path, message in missing:
        yield Hit(path, message)
