"""RD104 empty-section."""

from __future__ import annotations

from collections.abc import Iterator

from roadmapdocs.model.walk import sections
from roadmapdocs.rules.base import Context, Hit, Phrase, Severity, rule


@rule("RD104", "empty-section", Severity.WARNING)
def empty_section(context: Context) -> Iterator[Hit]:
    """Раздел (направление) плана без единого мероприятия.

    Заголовок раздела обещает работу, которой в плане нет. Аналитическое обоснование
    направления мероприятий не заменяет.

    Пример: «раздел 2: в разделе нет мероприятий».
    """
    for path, section in sections(context.document):
        if not section.activities:
            yield Hit(
                (*path, "title"),
                Phrase("в разделе нет мероприятий", "the section has no activities"),
                Phrase(
                    "добавьте мероприятия или уберите раздел",
                    "add activities or remove the section",
                ),
            )
