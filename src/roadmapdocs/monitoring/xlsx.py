"""A summary as an Excel workbook: offices pass these on in Excel, so the numbers are numbers
and the share done is a percentage cell, not text."""

from __future__ import annotations

from pathlib import Path

from roadmapdocs.model.report import OverdueList, Report, Tally
from roadmapdocs.rendering.context import TALLY_LINES

_COLUMNS = (
    ("№", 6),
    ("Организация", 42),
    *((label[:1].upper() + label[1:], 14) for _, label in TALLY_LINES),
    ("Исполнено, %", 14),
)


def _rows(report: Report) -> list[tuple[str, Tally]]:
    if report.organisations:
        return [(o.name, o.tally) for o in report.organisations]
    organisation = report.organisation
    name = (organisation.short_name or organisation.full_name or "") if organisation else ""
    return [(name, report.tally)]


def write(report: Report, target: Path) -> None:
    """Write the summary of ``report`` to ``target``: sheet «Сводка», a row per organisation
    and a total row; sheet «Просроченные», the overdue activities by organisation."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "Сводка"
    sheet.append([" ".join(report.title.split())])
    sheet.append([f"по состоянию на {report.as_of:%d.%m.%Y}"])
    sheet.append([])
    sheet.append([title for title, _ in _COLUMNS])
    header = sheet.max_row
    bold = Font(bold=True)
    for cell in sheet[header]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="center")
    sheet["A1"].font = Font(bold=True, size=12)
    fields = [name for name, _ in TALLY_LINES]
    for index, (name, tally) in enumerate(_rows(report), start=1):
        sheet.append([index, name, *(getattr(tally, f) for f in fields), tally.share])
    last = sheet.max_row
    total = report.tally
    sheet.append(["", "Итого", *(getattr(total, f) for f in fields), total.share])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for row in sheet.iter_rows(min_row=header + 1, max_row=sheet.max_row):
        row[-1].number_format = "0.0%"
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    for column, (_, width) in enumerate(_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = sheet.cell(row=header + 1, column=3)
    sheet.auto_filter.ref = f"A{header}:{get_column_letter(len(_COLUMNS))}{last}"

    late = book.create_sheet("Просроченные")
    late.append(["Организация", "№", "Мероприятие", "Срок", "Ответственные", "Состояние"])
    for cell in late[1]:
        cell.font = bold
    groups = list(report.overdue)
    if not groups:  # a report on one document: its own overdue activities
        rows = [r for section in report.sections for r in section.rows if r.overdue]
        groups = [OverdueList(organisation=_rows(report)[0][0], rows=rows)] if rows else []
    for group in groups:
        for row in group.rows:
            late.append(
                [group.organisation, row.number, row.text, row.deadline, row.responsible, row.state]
            )
    for letter, width in zip("ABCDEF", (36, 8, 60, 18, 30, 16), strict=True):
        late.column_dimensions[letter].width = width
    for cells in late.iter_rows(min_row=2):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    late.freeze_panes = "A2"
    book.save(str(target))
