"""RD702 done-date."""

from __future__ import annotations

from collections.abc import Iterator

from roadmapdocs.rules.base import Context, Hit, Phrase, Severity, rule
from roadmapdocs.rules.builtin._execution import document_date, executed
from roadmapdocs.rules.builtin._terms import show


@rule("RD702", "done-date", Severity.ERROR)
def done_date(context: Context) -> Iterator[Hit]:
    """Дата выполнения позже даты отчёта или раньше даты самого документа.

    Мероприятие не может быть выполнено после дня, по состоянию на который составлен отчёт
    (``--as-of``; без даты проверки эта часть правила молчит, чтобы результат не зависел от дня
    запуска), и до того, как документ, который его назначил, был подписан: даты приказа или
    даты, которую приводит гриф утверждения дорожной карты («УТВЕРЖДЕНА приказом … от
    29.08.2024 № 145»; если гриф называет и приказы о внесении изменений — самая ранняя из
    дат). Эта часть работает и без даты проверки. Начало периода документа такой границей не
    считается: подготовку к плану нередко ведут до его начала, а план, утверждённый в августе на
    учебный год с сентября, может отчитаться о мероприятии, выполненном в конце августа.
    Обычно это опечатка в годе или перепутанные день и месяц.

    Пример: «мероприятие 1.3: дата выполнения 15.11.2024 позже даты отчёта 01.10.2024».
    """
    signed = document_date(context.document)
    as_of = context.as_of
    for path, activity in executed(context):
        done = activity.done
        if done is None:
            continue
        if as_of is not None and done > as_of:
            yield Hit(
                (*path, "done"),
                Phrase(
                    f"дата выполнения {show(done)} позже даты отчёта {show(as_of)}",
                    f"the done date {show(done)} is after the report date {show(as_of)}",
                ),
                Phrase("проверьте год и порядок дня и месяца", "check the year, the day and month"),
            )
        elif signed is not None and done < signed:
            yield Hit(
                (*path, "done"),
                Phrase(
                    f"дата выполнения {show(done)} раньше даты документа {show(signed)}",
                    f"the done date {show(done)} is before the document's date {show(signed)}",
                ),
                Phrase("проверьте год и порядок дня и месяца", "check the year, the day and month"),
            )
