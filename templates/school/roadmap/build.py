"""Builds template.docx of school/roadmap; run it after changing this file (a test checks)."""

from __future__ import annotations

import sys
from pathlib import Path

from roadmapdocs.authoring.builder import (
    abbreviation_list,
    control_point_table,
    heading,
    indicator_table,
    loop_table,
    new_document,
    notes_block,
    paragraph,
    plan_table,
    save,
    title_block,
)


def build(target: Path) -> None:
    d = new_document()
    title_block(d)
    abbreviation_list(d)
    paragraph(d, "{%p if doc.goal %}")
    heading(d, "Цель реализации дорожной карты")
    paragraph(d, "{{ doc.goal }}", align="justify", indent=True, space_after=12)
    paragraph(d, "{%p endif %}")
    paragraph(d, "{%p if doc.tasks %}")
    heading(d, "Задачи")
    paragraph(d, "{%p for task in doc.tasks %}")
    paragraph(d, "{{ loop.index }}. {{ task }}", align="justify", indent=True)
    paragraph(d, "{%p endfor %}")
    paragraph(d)
    paragraph(d, "{%p endif %}")
    paragraph(d, "{%p if doc.risk_groups %}")
    heading(d, "Целевые ориентиры по группам рисков")
    loop_table(
        d,
        ["Группы рисков", "Целевые ориентиры"],
        ["{{ group.risk }}", "{{ group.orientations | join('\\n') }}"],
        "group in doc.risk_groups",
    )
    paragraph(d)
    paragraph(d, "{%p endif %}")
    paragraph(d, "{%p if doc.target_indicators %}")
    heading(d, "Целевые показатели реализации дорожной карты")
    paragraph(d, "{%p for indicator in doc.target_indicators %}")
    paragraph(
        d,
        "{{ indicator.number or loop.index }}. {{ indicator.name }}"
        "{% if indicator.unit %}, {{ indicator.unit }}{% endif %}"
        "{% if indicator.baseline %}; базовое значение – {{ indicator.baseline }}{% endif %}"
        "{% for period, value in indicator['values'].items() %}; {{ period }} – {{ value }}"
        "{% endfor %}{% for period, value in indicator.actual.items() %}; факт {{ period }} – "
        "{{ value }}{% endfor %}{% if indicator.note %} ({{ indicator.note }}){% endif %}",
        align="justify",
        indent=True,
    )
    paragraph(d, "{%p endfor %}")
    paragraph(d)
    paragraph(d, "{%p endif %}")
    paragraph(d, "{%p for group in doc.indicator_groups %}")
    heading(d, "{{ group.number }} {{ group.title }}")
    indicator_table(d, baseline=True)
    paragraph(d)
    paragraph(d, "{%p endfor %}")
    paragraph(d, "{%p if doc.directions %}")
    heading(d, "Определение основных направлений деятельности")
    paragraph(d, "{%p for direction in doc.directions %}")
    paragraph(
        d,
        "{{ direction.number or loop.index }}. {{ direction.title }}",
        align="justify",
        indent=True,
        keep_with_next=True,
    )
    paragraph(d, "{%p for text in direction.narrative %}")
    paragraph(d, "{{ text }}", align="justify", indent=True)
    paragraph(d, "{%p endfor %}")
    paragraph(d, "{%p endfor %}")
    paragraph(d)
    paragraph(d, "{%p endif %}")
    control_point_table(
        d, "Контрольные точки достижения целевых показателей реализации дорожной карты"
    )
    heading(d, "{{ doc.plan.title or 'План-график реализации мероприятий дорожной карты' }}")
    plan_table(d, "doc.plan")
    paragraph(d, "{%p if doc.mechanisms %}")
    paragraph(d)
    heading(d, "{{ doc.mechanisms.title or 'Механизмы реализации дорожной карты' }}")
    plan_table(d, "doc.mechanisms")
    paragraph(d, "{%p endif %}")
    notes_block(d)
    save(d, target)


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("template.docx"))
