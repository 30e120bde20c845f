"""RD603 overdue."""

from __future__ import annotations

from collections.abc import Iterator

from roadmapdocs.lang.status import Status, read_mark
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
    """Срок мероприятия прошёл, а оно не выполнено: нет отметки об исполнении или статуса.

    Работает только с датой проверки (``--as-of 2025-01-15`` или ``as_of=`` в вызове): без неё
    правило молчит, чтобы результат проверки не зависел от дня запуска. Мероприятие считается
    просроченным, когда его срок закончился до этой даты, а оно не выполнено: нет ни отметки об
    исполнении, ни статуса «выполнено», «отменено» или «перенесено» (статус «выполняется» или «не
    выполнено» после срока — тоже просрочка). Отметка, которая начинается со слова состояния
    («Не выполнено», «В работе», «Перенесено на 2025 год»), читается как статус — так же, как её
    читает отчёт об исполнении; отметка без такого слова («протокол № 3») значит «выполнено».
    Постоянные и периодические сроки («ежемесячно») просроченными не бывают.

    Пример: «мероприятие 1.4: срок «сентябрь 2024» истёк 30.09.2024, отметки об исполнении нет».
    """
    as_of = context.as_of
    if as_of is None:
        return
    for row, path, deadline in terms(context):
        if not isinstance(row.item, Activity) or row.is_heading:
            continue
        status = row.item.status
        mark = row.item.execution_mark
        if status is None and not blank(mark):
            read = read_mark(mark or "")
            if read is None:
                continue  # a mark with no status word («протокол № 3») records the execution
            status = read.status
        if status in _SETTLED or not past_due(deadline, as_of):
            continue
        ended = f" {show(deadline.end)}" if deadline.end else ""
        if status is None:
            said = Phrase(
                f"срок «{deadline.text}» истёк{ended}, отметки об исполнении нет",
                f"the term «{deadline.text}» ended{ended} with no execution mark",
            )
            fix = Phrase(
                "впишите отметку об исполнении или перенесите срок",
                "record the execution or move the term",
            )
        else:
            still = _STILL.get(status, Phrase(status.value, status.code))
            said = Phrase(
                f"срок «{deadline.text}» истёк{ended}, а мероприятие {still.ru}",
                f"the term «{deadline.text}» ended{ended} and the activity is {still.en}",
            )
            fix = Phrase(
                "отметьте выполнение (status: выполнено, done, report) или перенос срока "
                "(status: перенесено)",
                "record the execution (status: done, done, report) or the move of the term "
                "(status: postponed)",
            )
        yield Hit(path, said, fix)
