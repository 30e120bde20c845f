"""Builds template.docx of school/order; run it after changing this file (a test checks)."""

from __future__ import annotations

import sys
from pathlib import Path

from roadmapdocs.authoring.builder import (
    APPROVAL_STYLE,
    abbreviation_list,
    letterhead,
    new_document,
    notes_block,
    paragraph,
    plan_table,
    save,
    tabbed,
)
from roadmapdocs.rendering.layout import APPENDIX_STYLE


def build(target: Path) -> None:
    d = new_document()
    paragraph(d, "{%p if doc.approval %}")
    paragraph(d, "{{ doc.approval }}", style=APPROVAL_STYLE, space_after=12)
    paragraph(d, "{%p endif %}")
    letterhead(d)
    paragraph(d)
    paragraph(d, "ПРИКАЗ", align="center", bold=True, space_after=12)
    tabbed(d, "{{ requisites.date }}", "№ {{ requisites.number }}")
    paragraph(d, "{{ requisites.place }}", align="center", space_after=12)
    paragraph(d, "{{ doc.title }}", bold=True)
    # The period, where the title does not name its years already.
    paragraph(d, "{%p if requisites.period_line %}")
    paragraph(d, "{{ requisites.period_line }}", bold=True)
    paragraph(d, "{%p endif %}")
    paragraph(d)
    paragraph(d, "{%p if doc.basis %}")
    paragraph(d, "{{ doc.basis }}", align="justify", indent=True)
    paragraph(d, "{%p endif %}")
    paragraph(
        d,
        "{% if settings.preamble_style == 'spaced' %}{{ doc.preamble_word | lower | list | join(' ') }}"
        "{% else %}{{ doc.preamble_word | upper }}{% endif %}:",
        space_before=12,
        space_after=12,
    )
    paragraph(d, "{%p for clause in doc.clauses %}")
    paragraph(
        d,
        "{{ loop.index }}. {% if clause.addressees %}{{ clause.addressees | dative }} {% endif %}"
        "{{ clause.text }}",
        align="justify",
        indent=True,
    )
    paragraph(d, "{%p set outer = loop.index %}")
    paragraph(d, "{%p for sub in clause.subclauses %}")
    paragraph(d, "{{ outer }}.{{ loop.index }}. {{ sub }}", align="justify", indent=True)
    paragraph(d, "{%p endfor %}")
    paragraph(d, "{%p endfor %}")
    # Abbreviations the text leaves unexplained are listed where they are used: in the
    # appendix, or in the order itself when it has none.
    paragraph(d, "{%p if not doc.appendices %}")
    paragraph(d)
    abbreviation_list(d)
    paragraph(d, "{%p endif %}")
    paragraph(d)
    paragraph(d)
    tabbed(
        d,
        "{{ settings.signer_position or doc.signer.position }}",
        "{% if doc.signer.person %}{{ doc.signer.person | initials_first }}{% endif %}",
    )
    paragraph(d, "{%p for appendix in doc.appendices %}")
    paragraph(
        d,
        "Приложение{% if appendix.number and (settings.number_single_appendix"
        " or doc.appendices | length > 1) %} № {{ appendix.number }}{% endif %}\n"
        "к приказу{% if doc.organisation.short_name %} {{ doc.organisation.short_name }}{% endif %}\n"
        "от {{ requisites.date }} № {{ requisites.number }}",
        style=APPENDIX_STYLE,
        block_right=True,
    )
    paragraph(d, "{%p if appendix.approval %}")
    paragraph(d, "{{ appendix.approval }}", style=APPROVAL_STYLE, space_after=12)
    paragraph(d, "{%p endif %}")
    paragraph(
        d, "{{ appendix.title }}", align="center", bold=True, space_after=12, keep_with_next=True
    )
    paragraph(d, "{%p if loop.first %}")
    abbreviation_list(d)
    paragraph(d, "{%p endif %}")
    paragraph(d, "{%p if appendix.plan.title %}")
    paragraph(d, "{{ appendix.plan.title }}", align="center", bold=True, keep_with_next=True)
    paragraph(d, "{%p endif %}")
    plan_table(d, "appendix.plan")
    paragraph(d, "{%p endfor %}")
    notes_block(d)
    save(d, target)


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("template.docx"))
