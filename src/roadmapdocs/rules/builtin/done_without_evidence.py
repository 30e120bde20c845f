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
    подтверждения — проверить выполнение. Поля — ``done`` и ``report``.

    Пример: «мероприятие 2.1: отмечено «выполнено», но не указаны дата выполнения и что сделано».
    """
    for path, activity in executed(context.document):
        if activity.status is not Status.DONE:
            continue
        no_date, no_report = activity.done is None, blank(activity.report)
        if not (no_date or no_report):
            continue
        if no_date and no_report:
            missing = Phrase("дата выполнения и что сделано", "the done date and what was done")
        elif no_date:
            missing = Phrase("дата выполнения", "the done date")
        else:
            missing = Phrase("что сделано (подтверждение)", "what was done (the evidence)")
        yield Hit(
            (*path, "status"),
            Phrase(
                f"отмечено «выполнено», но не указаны: {missing.ru}",
                f"marked done, but {missing.en} is not given",
            ),
            Phrase(
                "впишите done: ДД.ММ.ГГГГ и report: документ или ссылку",
                "add done: DD.MM.YYYY and report: a document or a link",
            ),
        )
