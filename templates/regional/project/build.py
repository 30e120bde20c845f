"""Builds template.docx of regional/project; run it after changing this file (a test checks)."""

from __future__ import annotations

import sys
from pathlib import Path

from roadmapdocs.authoring.builder import (
    new_document,
    paragraph,
    plan_table,
    save,
    title_block,
)


def build(target: Path) -> None:
    # Landscape: the key results and executors of a project plan are long, and five columns
    # of them in portrait break words letter by letter.
    d = new_document(landscape=True)
    title_block(d)
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
    paragraph(d, "{%p if doc.indicators %}")
    paragraph(d)
    paragraph(d, "Индикаторы проекта:", bold=True, keep_with_next=True)
    paragraph(d, "{%p for indicator in doc.indicators %}")
    paragraph(
        d,
        "{% if indicator.number %}{{ indicator.number }} {% endif %}{{ indicator.name }}"
        "{% for period, value in indicator['values'].items() %}; {{ period }} – {{ value }}"
        "{% endfor %}",
        align="justify",
        indent=True,
    )
    paragraph(d, "{%p endfor %}")
    paragraph(d, "{%p endif %}")
    save(d, target)


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("template.docx"))
