"""RD204 order-appendix-mismatch."""

from __future__ import annotations

import re
from collections.abc import Iterator

from roadmapdocs.model import Order
from roadmapdocs.model.order import approval_form, quoted_requisites
from roadmapdocs.rules.base import Context, Hit, Phrase, Severity, rule


def _plain(number: str) -> str:
    """«№ 226/1-г» and «226/1-г» are the same number; «226/1-09» is not."""
    return re.sub(r"[\s№]", "", number).lower()


@rule("RD204", "order-appendix-mismatch", Severity.ERROR)
def order_appendix_mismatch(context: Context) -> Iterator[Hit]:
    """Приложение ссылается на приказ с другим номером или другой датой.

    Отметка «Приложение № 1 к приказу от 05.09.2024 № 226/1-г» должна повторять реквизиты
    самого приказа. Когда приложение набирали отдельно, в отметку попадает старый или чужой
    номер — и приложение формально относится к другому приказу.

    Проверяются реквизиты, которые приложение цитирует (``reference``), против даты и номера
    приказа. Шаблоны строят отметку из реквизитов приказа, так что в новых документах
    расхождения не бывает; правило ловит его в документах, перенесённых из Word.

    Так же проверяется гриф утверждения приложения, написанный целиком («УТВЕРЖДЕНА приказом …
    от 29.08.2025 № 145/01-08»): его дата и номер должны быть датой и номером приказа. Гриф из
    одного слова («УТВЕРЖДЕНА») шаблон дописывает из реквизитов приказа сам, и ошибиться в нём
    нельзя — так и стоит писать.

    Пример: «приложение 1: номер приказа в приложении «226/1-09», а у приказа «226/1-г»».
    """
    order = context.document
    if not isinstance(order, Order):
        return
    for index, appendix in enumerate(order.appendices):
        yield from _stamp(order, index, appendix.approval)
        quoted = appendix.reference
        if quoted is None:
            continue
        path = ("appendices", index, "reference")
        if quoted.number and order.number and _plain(quoted.number) != _plain(order.number):
            yield Hit(
                (*path, "number"),
                Phrase(
                    f"номер приказа в приложении «{quoted.number}», а у приказа «{order.number}»",
                    f"the appendix quotes number «{quoted.number}», the order is «{order.number}»",
                ),
                Phrase(f"исправьте номер на «{order.number}»", f"change it to «{order.number}»"),
            )
        if quoted.date and order.date and quoted.date != order.date:
            said, real = quoted.date.strftime("%d.%m.%Y"), order.date.strftime("%d.%m.%Y")
            yield Hit(
                (*path, "date"),
                Phrase(
                    f"дата приказа в приложении {said}, а у приказа {real}",
                    f"the appendix quotes order date {said}, the order is dated {real}",
                ),
                Phrase(f"исправьте дату на {real}", f"change it to {real}"),
            )


def _stamp(order: Order, index: int, stamp: str | None) -> Iterator[Hit]:
    """The date and number a stamp written out in full quotes, against the order's."""
    if not stamp or approval_form(stamp) is not None:
        return
    path = ("appendices", index, "approval")
    fix = Phrase(
        "оставьте в грифе одно слово — «УТВЕРЖДЕН(А, О, Ы)»: шаблон допишет дату и номер приказа",
        "leave one word in the stamp, «УТВЕРЖДЕН(А, О, Ы)»: the template adds the order's date "
        "and number",
    )
    numbers, dates = quoted_requisites(stamp)
    for number in numbers:
        if order.number and _plain(number) != _plain(order.number):
            yield Hit(
                path,
                Phrase(
                    f"гриф утверждения называет приказ № {number}, а у приказа № {order.number}",
                    f"the approval stamp names order № {number}, the order is № {order.number}",
                ),
                fix,
            )
    for said in dates:
        if order.date and said != order.date:
            real = order.date.strftime("%d.%m.%Y")
            yield Hit(
                path,
                Phrase(
                    f"гриф утверждения называет дату {said:%d.%m.%Y}, а приказ от {real}",
                    f"the approval stamp gives the date {said:%d.%m.%Y}, the order is dated {real}",
                ),
                fix,
            )
