"""RD301 undefined-abbreviation."""

from __future__ import annotations

from collections.abc import Iterator

from roadmapdocs.rules.base import Context, Hit, Phrase, Severity, rule
from roadmapdocs.rules.builtin._abbreviations import known, neighbours, usage


@rule("RD301", "undefined-abbreviation", Severity.WARNING)
def undefined_abbreviation(context: Context) -> Iterator[Hit]:
    """Сокращение используется, но нигде не расшифровано.

    Сокращение вводят один раз, при первом упоминании: «Управление образования и молодёжной
    политики (далее – УОиМП)». Введёнными считаются сокращения из списка ``abbreviations``,
    из оборота «(далее – …)» в любом тексте документа и из краткого наименования организации.

    Общеизвестные сокращения (МБОУ, СОШ, ОО, ОУ, ЕГЭ, ОГЭ, ВПР, ФГОС, ООП, УВР, КПК, ИОМ и
    другие) не требуют расшифровки; свои добавляются настройкой ``known-abbreviations``. Сокращение, похожее на
    введённое (ОЦПМСО при введённом ОЦПРМСО), — дело правила ``inconsistent-abbreviation``.
    Сообщение стоит у первого употребления.

    Реквизиты не читаются как текст: номер, дата и место составления приказа, те же реквизиты в
    приложении, краткое наименование и место организации. Не читается и регистрационный номер
    после «№» в тексте: в «приказом от 01.02.2024 № 1560/ПК» буквы «ПК» — часть номера, а не
    сокращение.

    Пример: «мероприятие 1.2: сокращение «ШПРО» не расшифровано».
    """
    found = usage(context)
    ordinary = known(context)
    near = neighbours(context)
    for token, path in found.first.items():
        if token in found.introduced or token in ordinary:
            continue
        if any(other in found.introduced for other in near.of(token)):
            continue
        yield Hit(
            path,
            Phrase(
                f"сокращение «{token}» не расшифровано", f"abbreviation «{token}» is not defined"
            ),
            Phrase(
                f"при первом упоминании напишите полностью и добавьте «(далее – {token})»",
                f"spell it out at first use, followed by «(далее – {token})»",
            ),
        )
