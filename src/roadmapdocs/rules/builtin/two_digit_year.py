"""RD207 two-digit-year."""

from __future__ import annotations

from collections.abc import Iterator

from roadmapdocs.model.order import ShortYearDate
from roadmapdocs.rules.base import Context, Hit, Phrase, Severity, rule
from roadmapdocs.rules.builtin._shared import document_dates


@rule("RD207", "two-digit-year", Severity.WARNING)
def two_digit_year(context: Context) -> Iterator[Hit]:
    """Год в дате реквизита записан двумя цифрами.

    Дату «05.09.24» roadmapdocs читает как 05.09.2024: год из двух цифр — это год нынешнего
    века, 20.., как его и понимают в делопроизводстве. Документ отрисуется, но по ГОСТ Р
    7.0.97-2016 год в дате пишется четырьмя цифрами: «05.09.2024» или «5 сентября 2024 г.».
    Проверяются все даты-реквизиты: дата приказа и дата, которую цитирует приложение
    (``reference``).

    Пример: «дата приказа: год записан двумя цифрами: «05.09.24» читается как 05.09.2024».
    """
    for path, value in document_dates(context):
        if not isinstance(value, ShortYearDate) or not value.written:
            continue
        day = f"{value:%d.%m.%Y}"
        yield Hit(
            path,
            Phrase(
                f"год записан двумя цифрами: «{value.written}» читается как {day}",
                f"the year is written in two digits: «{value.written}» is read as {day}",
            ),
            Phrase(f"напишите полностью: {value.full}", f"write it in full: {value.full}"),
        )
