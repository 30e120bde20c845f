"""Makes the template.docx of school/minutes; run it after changing this file.

The layout follows ГОСТ Р 7.0.97-2016 for minutes: the organisation, ПРОТОКОЛ, date and number
on one line, the place, the title, who chaired, kept the minutes and attended, the agenda, what
was heard on each question, the decisions as a table, and the signatures of chair and secretary.
"""

from __future__ import annotations

from pathlib import Path

from roadmapdocs.authoring.builder import new_document, paragraph, plan_table, save, tabbed

TARGET = (
    Path(__file__).parent / "src" / "roadmapdocs_minutes" / "school" / "minutes" / "template.docx"
)


def build(target: Path = TARGET) -> Path:
    d = new_document()
    paragraph(d, "{{ doc.organisation.full_name }}", align="center")
    paragraph(d)
    paragraph(d, "ПРОТОКОЛ", align="center", bold=True, space_after=12)
    tabbed(d, "{{ requisites.date }}", "№ {{ requisites.number }}")
    paragraph(d, "{{ requisites.place }}", align="center", space_after=12)
    paragraph(d, "{{ doc.title }}", bold=True, space_after=12)
    paragraph(d, "Председатель – {{ doc.chair.signature_name }}", align="justify")
    paragraph(d, "{%p if doc.secretary %}")
    paragraph(d, "Секретарь – {{ doc.secretary.signature_name }}", align="justify")
    paragraph(d, "{%p endif %}")
    paragraph(
        d,
        "Присутствовали: {{ doc.attendees | map(attribute='signature_name') | join(', ') }}.",
        align="justify",
        space_after=12,
    )
    paragraph(d, "ПОВЕСТКА ДНЯ:", keep_with_next=True)
    paragraph(d, "{%p for item in doc.agenda %}")
    paragraph(d, "{{ item.number or loop.index }}. {{ item.text }}", align="justify", indent=True)
    paragraph(d, "{%p endfor %}")
    paragraph(d)
    paragraph(d, "{%p for item in doc.agenda %}")
    paragraph(
        d,
        "{{ item.number or loop.index }}. СЛУШАЛИ: "
        "{{ item.speakers | map('accusative') | join(', ') }}"
        "{% if item.summary %} – {{ item.summary }}{% endif %}",
        align="justify",
        indent=True,
    )
    paragraph(d, "{%p endfor %}")
    paragraph(d)
    paragraph(d, "РЕШИЛИ:", keep_with_next=True, space_after=6)
    plan_table(d, "doc.plan")
    paragraph(d)
    paragraph(d)
    tabbed(d, "Председатель", "{{ doc.chair.signature_name }}")
    paragraph(d, "{%p if doc.secretary %}")
    paragraph(d)
    tabbed(d, "Секретарь", "{{ doc.secretary.signature_name }}")
    paragraph(d, "{%p endif %}")
    save(d, target)
    return target


if __name__ == "__main__":
    print(build())
