"""RD701 done-without-evidence."""

from __future__ import annotations

from collections.abc import Iterator

from roadmapdocs.lang.status import Status
from roadmapdocs.rules.base import Context, Hit, Phrase, Severity, rule
from roadmapdocs.rules.builtin._execution import executed
from roadmapdocs.rules.builtin._shared import blank


@rule("RD701", "done-without-evidence", Severity.WARNING)
def done_without_evidence(context: Context) -> Iterator[Hit]:
    """Мероприятие отмечено выполненным, но не сказано, когда или чем это подтверждается.

    Отчёт об исполнении приводит по каждому выполненному мероприятию дату и подтверждение:
    протокол, приказ, справку, ссылку. Без даты нельзя понять, выполнено ли оно в срок; без
    подтверждения — проверить выполнение. Поля — ``done`` и ``report``; замечание стоит у
    строки статуса, потому что недостающего поля в файле нет. Дата проверки правилу не нужна.

    Пример: «мероприятие 2.1: отмечено «выполнено», но не указаны дата выполнения и что сделано».
    """
    for path, activity in executed(context):
        if activity.status is not Status.DONE:
            continue
        no_date, no_report = activity.done is None, blank(activity.report)
        if not (no_date or no_report):
            continue
        if no_date and no_report:
            said = Phrase(
                "отмечено «выполнено», но не указаны дата выполнения и что сделано",
                "marked done, but neither the done date nor what was done is given",
            )
            fix = Phrase(
                "впишите done: ДД.ММ.ГГГГ и report: что сделано — протокол, приказ, справку или "
                "ссылку",
                "add done: DD.MM.YYYY and report: what was done — minutes, an order, a note or a "
                "link",
            )
        elif no_date:
            said = Phrase(
                "отмечено «выполнено», но не указана дата выполнения",
                "marked done, but the done date is not given",
            )
            fix = Phrase(
                "впишите done: ДД.ММ.ГГГГ — день, когда мероприятие выполнено",
                "add done: DD.MM.YYYY, the day the activity was done",
            )
        else:
            said = Phrase(
                "отмечено «выполнено», но не указано, что сделано (подтверждение)",
                "marked done, but what was done (the evidence) is not given",
            )
            fix = Phrase(
                "впишите report: что сделано — протокол, приказ, справку или ссылку",
                "add report: what was done — minutes, an order, a note or a link",
            )
        yield Hit((*path, "status"), said, fix)
