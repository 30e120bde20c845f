"""RD603 overdue."""

from __future__ import annotations

from collections.abc import Iterator

from roadmapdocs.model import Activity
from roadmapdocs.rules.base import Context, Hit, Phrase, Severity, rule
from roadmapdocs.rules.builtin._shared import blank
from roadmapdocs.rules.builtin._terms import past_due, show, terms


@rule("RD603", "overdue", Severity.WARNING)
def overdue(context: Context) -> Iterator[Hit]:
    """Срок мероприятия прошёл, а отметки об исполнении нет.

    Работает только с датой проверки (``--as-of 2025-01-15`` или ``as_of=`` в вызове): без неё
    правило молчит, чтобы результат проверки не зависел от дня запуска. Мероприятие считается
    просроченным, когда его срок закончился до этой даты и в столбце «Отметка об исполнении»
    пусто. Постоянные и периодические сроки («ежемесячно») просроченными не бывают.

    Пример: «мероприятие 1.4: срок «сентябрь 2024» истёк 30.09.2024, отметки об исполнении нет».
    """
    as_of = context.as_of
    if as_of is None:
        return
    for row, path, deadline in terms(context.document):
        if not isinstance(row.item, Activity) or row.is_heading:
            continue
        if blank(row.item.execution_mark) and past_due(deadline, as_of):
            ended = f" {show(deadline.end)}" if deadline.end else ""
            yield Hit(
                path,
                Phrase(
                    f"срок «{deadline.text}» истёк{ended}, отметки об исполнении нет",
                    f"the term «{deadline.text}» ended{ended} with no execution mark",
                ),
                Phrase(
                    "впишите отметку об исполнении или перенесите срок",
                    "record the execution or move the term",
                ),
            )
