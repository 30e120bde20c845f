"""RD205 missing-requisite."""

from __future__ import annotations

from collections.abc import Iterator

from roadmapdocs.model import Order
from roadmapdocs.rules.base import Context, Hit, Phrase, Severity, rule
from roadmapdocs.rules.builtin._shared import blank
from roadmapdocs.settings import GOST_2025

_NO_HEADING = Phrase(
    "нет заголовка к тексту: по ГОСТ Р 7.0.97-2025 он обязателен для любого документа",
    "the document has no title: ГОСТ Р 7.0.97-2025 requires one for every document",
)
_WRITE_HEADING = Phrase(
    "впишите в title, о чём документ: «Дорожная карта по повышению качества образования …»",
    "write in title what the document is about: «Дорожная карта по повышению качества …»",
)


@rule("RD205", "missing-requisite", Severity.ERROR)
def missing_requisite(context: Context) -> Iterator[Hit]:
    """У документа нет обязательного реквизита.

    По ГОСТ Р 7.0.97 у приказа есть дата, регистрационный номер, заголовок к тексту,
    распорядительная часть и подпись (должность и ФИО). Без любого из них приказ не
    регистрируют и не подписывают.

    Редакция 2025 года делает заголовок к тексту обязательным для любого документа: по ней
    (`standard = "ГОСТ Р 7.0.97-2025"` в настройках шаблона или в roadmapdocs.toml) дорожная
    карта, паспорт или план проекта без заголовка — тоже ошибка. По редакции 2016 года
    заголовок проверяется только у приказа.

    Пример: «номер приказа: не указан регистрационный номер приказа»; по редакции 2025 года —
    «заголовок: нет заголовка к тексту: по ГОСТ Р 7.0.97-2025 он обязателен для любого
    документа».
    """
    order = context.document
    if not isinstance(order, Order):
        if context.config.edition == GOST_2025 and blank(order.title):
            yield Hit(("title",), _NO_HEADING, _WRITE_HEADING)
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
