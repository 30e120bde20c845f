"""RD203 duplicate-activity."""

from __future__ import annotations

from collections.abc import Iterator

from roadmapdocs.rules.base import Context, Hit, Phrase, Severity, rule
from roadmapdocs.rules.builtin._shared import document_activities, normalise
from roadmapdocs.rules.elements import element
from roadmapdocs.sourcemap import PathKey


@rule("RD203", "duplicate-activity", Severity.WARNING)
def duplicate_activity(context: Context) -> Iterator[Hit]:
    """Одно и то же мероприятие дважды.

    Тексты сравниваются без учёта регистра, «ё», знаков препинания, кавычек и пробелов.
    Повтор чаще всего остаётся от копирования строки: направление и его первое мероприятие
    названы одинаково, или строку вставили в два раздела. Сообщение стоит у второго вхождения
    и называет первое.

    Пример: «мероприятие 1.1: повторяет мероприятие 1».
    """
    seen: dict[str, PathKey] = {}
    for path, activity, _ in document_activities(context):
        key = normalise(activity.text)
        if not key:
            continue
        if key not in seen:
            seen[key] = path
            continue
        first_ru = element(context.document, seen[key], "ru")
        first_en = element(context.document, seen[key], "en")
        yield Hit(
            (*path, "text"),
            Phrase(f"повторяет {first_ru}", f"repeats {first_en}"),
            Phrase(
                "оставьте одно мероприятие или уточните, чем они различаются",
                "keep one of them or say how they differ",
            ),
        )
