"""Builds template.docx of regional/project; run it after changing this file (a test checks)."""

from __future__ import annotations

import sys
from pathlib import Path

from roadmapdocs.authoring.builder import (
    abbreviation_list,
    control_point_table,
    heading,
    indicator_table,
    new_document,
    notes_block,
    paragraph,
    plan_table,
    save,
    title_block,
)


def build(target: Path) -> None:
    # Landscape: the key results and executors of a project plan are long, and five columns
    # of them in portrait break words letter by letter.
    d = new_document(landscape=True)
    title_block(d, organisation=True)
    # The project's name, where the title does not already say it.
    paragraph(d, "{%p if doc.name and doc.name not in doc.title %}")
    paragraph(d, "Проект: {{ doc.name }}", align="center", space_after=12)
    paragraph(d, "{%p endif %}")
    abbreviation_list(d)
    paragraph(d, "{%p if doc.goal %}")
    paragraph(
        d,
        "{% if doc.name %}Цель Проекта{% else %}Цель{% endif %}: {{ doc.goal }}",
        align="justify",
        indent=True,
        space_after=12,
    )
    paragraph(d, "{%p endif %}")
    paragraph(d, "{%p if doc.plan.title %}")
    paragraph(d, "{{ doc.plan.title }}", align="center", bold=True, keep_with_next=True)
    paragraph(d, "{%p endif %}")
    plan_table(d, "doc.plan")
    # Indicators given by name alone print as the plan's list, «Индикаторы проекта:»; given with
    # a unit, baseline or values, as a table with a column for each.
    paragraph(d, "{%p if doc.indicators %}")
    paragraph(d)
    paragraph(d, "{%p if doc.indicator_table.tabular %}")
    heading(d, "Индикаторы проекта")
    indicator_table(d, baseline=None, group="doc.indicator_table")
    paragraph(d, "{%p else %}")
    paragraph(d, "Индикаторы проекта:", bold=True, keep_with_next=True)
    paragraph(d, "{%p for indicator in doc.indicators %}")
    paragraph(
        d,
        "{% if indicator.number %}{{ indicator.number }} {% endif %}{{ indicator.name }}"
        "{% if indicator.note %} ({{ indicator.note }}){% endif %}",
        align="justify",
        indent=True,
    )
    paragraph(d, "{%p endfor %}")
    paragraph(d, "{%p endif %}")
    paragraph(d, "{%p endif %}")
    paragraph(d)
    control_point_table(d, "Контрольные точки проекта")
    notes_block(d)
    save(d, target)


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("template.docx"))
