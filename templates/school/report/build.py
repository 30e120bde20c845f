"""Builds template.docx of school/report; run it after changing this file (a test checks)."""

from __future__ import annotations

import sys
from pathlib import Path

from roadmapdocs.authoring.builder import (
    abbreviation_list,
    chart,
    heading,
    loop_table,
    new_document,
    notes_block,
    paragraph,
    save,
    tabbed,
    title_block,
)


def build(target: Path) -> None:
    d = new_document(landscape=True)
    title_block(d, organisation=True)
    paragraph(d, "по состоянию на {{ doc.as_of }}", align="center", space_after=12)
    abbreviation_list(d)

    heading(d, "Итоги{% if doc.organisations %} по всем организациям{% endif %}")
    loop_table(
        d,
        ["Показатель", "Количество мероприятий"],
        ["{% if line.inner %}    {% endif %}{{ line.label }}", "{{ line.value }}"],
        "line in doc.tally.lines",
        keep=True,
    )
    paragraph(d, "Исполнено: {{ doc.tally.percent }}", space_before=6, space_after=6)
    chart(d, "statuses")

    # A summary: a row per organisation, most overdue first, then what each has overdue.
    paragraph(d, "{%p if doc.organisations %}")
    heading(d, "Исполнение по организациям")
    loop_table(
        d,
        ["№", "Организация", "Всего", "Выполнено", "Просрочено", "Исполнено, %"],
        [
            "{{ loop.index }}",
            "{{ org.name }}",
            "{{ org.tally.total }}",
            "{{ org.tally.done }}",
            "{{ org.tally.overdue }}",
            "{{ org.tally.percent }}",
        ],
        "org in doc.organisations",
        bold="org.tally.overdue",
    )
    chart(d, "organisations")
    paragraph(d, "{%p endif %}")

    paragraph(d, "{%p if doc.sections %}")
    heading(d, "Исполнение мероприятий по разделам")
    paragraph(d, "{%p for section in doc.sections %}")
    paragraph(d, "{%p if section.title %}")
    paragraph(
        d,
        "{% if section.number %}{{ section.number }} {% endif %}{{ section.title }} "
        "(выполнено {{ section.tally.done }} из {{ section.tally.total }}"
        "{% if section.tally.overdue %}, просрочено {{ section.tally.overdue }}{% endif %})",
        bold=True,
        space_before=6,
        space_after=6,
        keep_with_next=True,
    )
    paragraph(d, "{%p endif %}")
    loop_table(
        d,
        ["№", "Мероприятие", "Срок", "Ответственные", "Состояние", "Что сделано"],
        [
            "{{ row.number }}",
            "{{ row.text }}",
            "{{ row.deadline }}",
            "{{ row.responsible }}",
            "{{ row.state }}{% if row.done %}\n{{ row.done }}{% endif %}",
            "{{ row.report }}",
        ],
        "row in section.rows",
        bold="row.overdue",
    )
    paragraph(d, "{%p endfor %}")
    paragraph(d, "{%p endif %}")

    paragraph(d, "{%p if doc.indicators %}")
    heading(d, "Целевые показатели: план и факт")
    loop_table(
        d,
        ["№", "Показатель", "Единица измерения", "Период", "План", "Факт", "Отклонение"],
        [
            "{{ row.number }}",
            "{{ row.name }}",
            "{{ row.unit }}",
            "{{ row.period }}",
            "{{ row.target }}",
            "{{ row.actual }}",
            "{{ row.deviation }}",
        ],
        "row in doc.indicator_rows",
    )
    chart(d, "indicators")
    paragraph(d, "{%p endif %}")

    paragraph(d, "{%p if doc.overdue %}")
    heading(d, "Просроченные мероприятия по организациям")
    paragraph(d, "{%p for group in doc.overdue %}")
    paragraph(d, "{{ group.organisation }}", bold=True, space_before=6, keep_with_next=True)
    loop_table(
        d,
        ["№", "Мероприятие", "Срок", "Ответственные", "Состояние"],
        [
            "{{ row.number }}",
            "{{ row.text }}",
            "{{ row.deadline }}",
            "{{ row.responsible }}",
            "{{ row.state }}{% if row.report %}\n{{ row.report }}{% endif %}",
        ],
        "row in group.rows",
    )
    paragraph(d, "{%p endfor %}")
    paragraph(d, "{%p endif %}")

    paragraph(d, "{%p if doc.signer.position or doc.signer.person %}")
    paragraph(d)
    paragraph(d)
    tabbed(
        d,
        "{{ doc.signer.position }}",
        "{% if doc.signer.person %}{{ doc.signer.person | initials_first }}{% endif %}",
    )
    paragraph(d, "{%p endif %}")
    notes_block(d)
    save(d, target)


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("template.docx"))
