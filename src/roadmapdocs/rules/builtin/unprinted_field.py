"""RD404 unprinted-field."""

from __future__ import annotations

from collections.abc import Iterator

from roadmapdocs.model.activity import DEFAULT_TITLES
from roadmapdocs.model.walk import activities
from roadmapdocs.rules.base import Context, Hit, Phrase, Severity, rule


@rule("RD404", "unprinted-field", Severity.WARNING)
def unprinted_field(context: Context) -> Iterator[Hit]:
    """Мероприятие заполняет поле, для которого в таблице плана нет столбца.

    Когда план сам перечисляет свои столбцы (``columns``), таблица печатает только их: описание,
    уровень управления или форма отчёта мероприятия без своего столбца на страницу не попадут.
    План без ``columns`` получает столбец для каждого заполненного поля сам.

    Замечание ставится у первого мероприятия, заполнившего такое поле, по одному на план и поле.

    Пример: «мероприятие 1.2: поле «Описание специфики (целевая аудитория)» заполнено, но в
    таблице плана нет такого столбца — текст не будет напечатан».
    """
    reported: set[tuple[int, str]] = set()
    for path, activity, plan in activities(context.document):
        if not plan.columns:
            continue
        shown = {column.field for column in plan.columns}
        for field in plan.filled_fields():
            key = (id(plan), field.value)
            if field in shown or key in reported or not getattr(activity, field.value):
                continue
            reported.add(key)
            title = DEFAULT_TITLES[field]
            yield Hit(
                (*path, field.value),
                Phrase(
                    f"поле «{title}» заполнено, но в таблице плана нет такого столбца — текст "
                    "не будет напечатан",
                    f"the field «{title}» is filled, but the plan table has no such column — "
                    "the text will not be printed",
                ),
                Phrase(
                    f"добавьте в columns плана столбец {field.value} или уберите поле",
                    f"add the column {field.value} to the plan's columns, or drop the field",
                ),
            )
