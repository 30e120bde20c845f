"""RD404 unprinted-field."""

from __future__ import annotations

from collections.abc import Iterator

from roadmapdocs.model.activity import DEFAULT_TITLES, ActivityField
from roadmapdocs.rules.base import Context, Hit, Phrase, Severity, rule
from roadmapdocs.rules.builtin._shared import document_activities


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
    # Per plan, once: the filled fields its columns leave out (walking the plan for each of
    # its activities made the rule quadratic in the plan's size).
    unshown: dict[int, list[ActivityField]] = {}
    for path, activity, plan in document_activities(context):
        if not plan.columns:
            continue
        if id(plan) not in unshown:
            shown = {column.field for column in plan.columns}
            unshown[id(plan)] = [f for f in plan.filled_fields() if f not in shown]
        for field in unshown[id(plan)]:
            key = (id(plan), field.value)
            if key in reported or not getattr(activity, field.value):
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
