"""RD603 overdue."""

from __future__ import annotations

from collections.abc import Iterator

from roadmapdocs.lang.status import Status
from roadmapdocs.model import Activity
from roadmapdocs.rules.base import Context, Hit, Phrase, Severity, rule
from roadmapdocs.rules.builtin._shared import blank
from roadmapdocs.rules.builtin._terms import past_due, show, terms

_SETTLED = frozenset({Status.DONE, Status.CANCELLED, Status.POSTPONED})
"""Statuses that end an activity's term: done, cancelled or moved by a decision."""
_STILL = {
    Status.IN_PROGRESS: Phrase("всё ещё выполняется", "still in progress"),
    Status.NOT_DONE: Phrase("не выполнено", "not done"),
}


@rule("RD603", "overdue", Severity.WARNING)
def overdue(context: Context) -> Iterator[Hit]:
    """Срок мероприятия прошёл, а отметки об исполнении нет.

    Работает только с датой проверки (``--as-of 2025-01-15`` или ``as_of=`` в вызове): без неё
    правило молчит, чтобы результат проверки не зависел от дня запуска. Мероприятие считается
    просроченным, когда его срок закончился до этой даты, а оно не выполнено: нет ни отметки об
    исполнении, ни статуса «выполнено», «отменено» или «перенесено» (статус «выполняется» или «не
    выполнено» после срока — тоже просрочка). Постоянные и периодические сроки («ежемесячно»)
    просроченными не бывают.

    Пример: «мероприятие 1.4: срок «сентябрь 2024» истёк 30.09.2024, отметки об исполнении нет».
    """
    as_of = context.as_of
    if as_of is None:
        return
    for row, path, deadline in terms(context.document):
        if not isinstance(row.item, Activity) or row.is_heading:
            continue
        status = row.item.status
        if status in _SETTLED or not past_due(deadline, as_of):
            continue
        if status is None and not blank(row.item.execution_mark):
            continue
        ended = f" {show(deadline.end)}" if deadline.end else ""
        if status is None:
            said = Phrase(
                f"срок «{deadline.text}» истёк{ended}, отметки об исполнении нет",
                f"the term «{deadline.text}» ended{ended} with no execution mark",
            )
        else:
            said = Phrase(
                f"срок «{deadline.text}» истёк{ended}, а мероприятие {_STILL[status].ru}",
                f"the term «{deadline.text}» ended{ended} and the activity is {_STILL[status].en}",
            )
        yield Hit(
            path,
            said,
            Phrase(
                "впишите отметку об исполнении или перенесите срок",
                "record the execution or move the term",
            ),
        )
