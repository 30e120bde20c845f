"""Builds template.docx of municipal/passport; run it after changing this file (a test checks)."""

from __future__ import annotations

import sys
from pathlib import Path

from roadmapdocs.authoring.builder import (
    abbreviation_list,
    form_table,
    grid_table,
    heading,
    indicator_table,
    new_document,
    notes_block,
    paragraph,
    plan_table,
    save,
    tabbed,
    title_block,
)

PASSPORT_FIELDS = (
    ("Состав рабочей группы", "doc.working_group | join('\\n')"),
    ("Ответственный разработчик", "doc.developer"),
    ("Цель разработки и реализации", "doc.goal"),
    ("Этапы и сроки реализации", "doc.stages | join('\\n')"),
    ("Направления", "doc.directions | join('\\n')"),
    ("Значимые контрольные результаты", "doc.control_results | join('\\n')"),
    ("Объём финансовой поддержки", "doc.financing"),
    ("Перечень целевых показателей", "doc.indicator_list | join('\\n')"),
)
"""The passport's frame in its customary order; a field left blank keeps its row, because the
form is handed out to be filled in and an omitted row would read as an omitted requirement."""


def build(target: Path) -> None:
    # Landscape throughout: the exam tables run to sixteen columns and the plan has six.
    d = new_document(landscape=True)
    title_block(d, organisation=True)
    abbreviation_list(d)
    heading(d, "{{ doc.heading or 'ПАСПОРТ ДОРОЖНОЙ КАРТЫ' }}")
    paragraph(
        d, "{{ doc.problem.title or '1. ОПИСАНИЕ ПРОБЛЕМЫ' }}", bold=True, keep_with_next=True
    )
    paragraph(d, "{%p for text in doc.problem.text %}")
    paragraph(d, "{{ text }}", align="justify", indent=True)
    paragraph(d, "{%p endfor %}")
    paragraph(d, "{%p if doc.problem.facts_caption %}")
    paragraph(d, "{{ doc.problem.facts_caption }}", keep_with_next=True)
    paragraph(d, "{%p endif %}")
    paragraph(d, "{%p for fact in doc.problem.facts %}")
    paragraph(d, "{{ fact.label }}{% if fact.value %} – {{ fact.value }}{% endif %}")
    paragraph(d, "{%p for item in fact['items'] %}")
    paragraph(d, "{{ item.label }} – {{ item.value }}", indent=True)
    paragraph(d, "{%p endfor %}")
    paragraph(d, "{%p endfor %}")
    paragraph(d, "{%p for table in doc.problem.tables %}")
    paragraph(d)
    paragraph(d, "{%p if table.caption %}")
    heading(d, "{{ table.caption }}")
    paragraph(d, "{%p endif %}")
    grid_table(d, "table")
    paragraph(d, "{%p for note in table.notes %}")
    paragraph(d, "{{ note }}")
    paragraph(d, "{%p endfor %}")
    paragraph(d, "{%p for row in table.grid %}")
    paragraph(d, "{%p for cell in row.cells if cell.note %}")
    paragraph(d, "* {{ cell.text }} – {{ cell.note }}")
    paragraph(d, "{%p endfor %}")
    paragraph(d, "{%p endfor %}")
    paragraph(d, "{%p endfor %}")
    paragraph(d)
    form_table(d, [(name, "{{ " + value + " }}") for name, value in PASSPORT_FIELDS])
    paragraph(d, "{%p for group in doc.indicator_groups %}")
    paragraph(d)
    heading(d, "{{ group.number }} {{ group.title }}")
    indicator_table(d, baseline=None)
    paragraph(d, "{%p endfor %}")
    paragraph(d)
    paragraph(
        d, "{%p for line in (doc.plan.title or 'II раздел. План мероприятий').split('\\n') %}"
    )
    paragraph(d, "{{ line }}", align="center", bold=True, keep_with_next=True)
    paragraph(d, "{%p endfor %}")
    # Kept with the table too: a heading must not end a page whose table starts overleaf.
    paragraph(d, keep_with_next=True)
    plan_table(d, "doc.plan")
    # The signature is kept with the plan's last row (layout keeps a plan table's end with a
    # paragraph marked so): a page holding the signature alone would be signed blind.
    paragraph(d, keep_with_next=True)
    paragraph(d, keep_with_next=True)
    paragraph(d, "{%p if doc.signature.position or doc.signature.person %}")
    tabbed(
        d,
        "{{ doc.signature.position }}",
        "{% if doc.signature.person %}{{ doc.signature.person | initials_first }}{% endif %}",
    )
    paragraph(d, "{%p else %}")
    # An unsigned form keeps the blank lines with their captions, to be signed by hand.
    tabbed(
        d, "_______________________", "______________  ____________________", keep_with_next=True
    )
    tabbed(
        d,
        "{{ doc.signature.captions[0] if doc.signature.captions else '(должность)' }}",
        "{{ doc.signature.captions[1:] | join('  ') if doc.signature.captions else '(подпись)  (ФИО)' }}",
    )
    paragraph(d, "{%p endif %}")
    notes_block(d)
    save(d, target)


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("template.docx"))
