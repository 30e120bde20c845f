"""A document typed by hand in Word, as a school secretary would type it: the input the import
must read back.

:func:`type_document` writes a .docx with plain python-docx — none of the roadmapdocs
templates, styles or frames — from a loaded document: the «Normal» style in Times New Roman 14,
the title as bold centred lines, numbers typed in front of the text, an order's date and number
on one line set apart by tabs, its signer the same way, each appendix after a page break, and
plan tables in «Table Grid» with what pasting a table from pages leaves behind: a row carried
on into a second row, and the header row once more in the middle.

With ``style="autonumber"`` clause numbers and activity numbers come from Word's list
numbering (``numbering.xml``, «%1.» / «%1.%2.») instead of typed text, wherever that numbering
shows the very number the document has; elsewhere they stay typed.

Where a plan table puts what, and which activities head it as section rows, is the project's
own layout (:func:`roadmapdocs.rendering.context.plan_rows`); an addressee is declined by the
filter the order template uses (``dative``). Both are what the printed documents show, so the
typed file holds the same texts as the printed one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from roadmapdocs.model import (
    Document,
    IndicatorGroup,
    Order,
    Passport,
    Plan,
    Project,
    Roadmap,
)
from roadmapdocs.model.order import Clause, approval_form
from roadmapdocs.model.person import Signature
from roadmapdocs.model.table import Table
from roadmapdocs.rendering.context import (
    AddresseesView,
    abbreviation_list,
    period_line,
    plan_rows,
    table_grid,
)
from roadmapdocs.rendering.filters import FILTERS
from roadmapdocs.settings import Settings

STYLES = ("secretary", "autonumber")
"""The ways a document may be typed: numbers as text, or numbers from Word's numbering."""

FONT = "Times New Roman"
SIZE = Pt(14)
TABLE_STYLE = "Table Grid"

LONG_TABLE = 10
"""A plan table of at least this many body rows was pasted from pages: its header row stands
once more in the middle."""

PASSPORT_FIELDS = (
    ("Состав рабочей группы", "working_group"),
    ("Ответственный разработчик", "developer"),
    ("Цель разработки и реализации", "goal"),
    ("Этапы и сроки реализации", "stages"),
    ("Направления", "directions"),
    ("Значимые контрольные результаты", "control_results"),
    ("Объём финансовой поддержки", "financing"),
    ("Перечень целевых показателей", "indicator_list"),
)
"""The rows of a passport's form, as the form handed out to schools has them."""

_PLAIN = {"settings": {"quotes": False, "nbsp": False}}
"""A render context with no typesetting: a secretary types plain spaces and the quotes the
document already has."""


def dative(clause: Clause) -> str:
    """The clause's addressees as the order prints them, in the dative («Заместителям директора
    школы Лаврушкиной Е.А., Романовой И.Е.»): the template's own ``dative`` filter."""
    if clause.addressees is None:
        return ""
    return FILTERS["dative"](_PLAIN, AddresseesView(clause.addressees, str))


def clause_line(clause: Clause) -> str:
    """A clause as the order prints it after its number: the addressees in the dative, then
    the text."""
    return " ".join(part for part in (dative(clause), clause.text) if part)


def date_text(document: Order) -> str:
    """The order's date as its requisite line has it: «05.09.2024»."""
    return document.date.strftime("%d.%m.%Y") if document.date else ""


def type_document(document: Document, target: Path, *, style: str = "secretary") -> Path:
    """Write ``document`` (a loaded :data:`roadmapdocs.Document`) to ``target`` as typed by hand
    in Word; returns ``target``."""
    if style not in STYLES:
        raise ValueError(f"style must be one of {', '.join(STYLES)}, not {style!r}")
    typist = _Typist(style == "autonumber", landscape=isinstance(document, Passport | Project))
    if isinstance(document, Order):
        typist.order(document)
    elif isinstance(document, Roadmap):
        typist.roadmap(document)
    elif isinstance(document, Passport):
        typist.passport(document)
    elif isinstance(document, Project):
        typist.project(document)
    else:
        raise TypeError(f"no typist for {type(document).__name__}")
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    typist.doc.save(str(target))
    return target


def _split_half(text: str) -> tuple[str, str] | None:
    """``text`` cut in two at the space nearest its middle; None when it has no space to cut."""
    middle = len(text) // 2
    spaces = [i for i, char in enumerate(text) if char == " " and 0 < i < len(text) - 1]
    if not spaces:
        return None
    cut = min(spaces, key=lambda i: abs(i - middle))
    return text[:cut].rstrip(), text[cut + 1 :].lstrip()


@dataclass
class _Row:
    """A body row of a plan table as it will be typed."""

    kind: str
    """«section» (one cell across the table), «activity», «continuation» or «header»."""
    cells: list[str] = field(default_factory=list)
    title: str = ""
    number: str = ""
    bold: bool = False


def plan_table_rows(plan: Plan) -> list[_Row]:
    """The body rows a typed plan table has, in order: the plan's rows (sections across the
    table, activities by their cells), the longest one-line activity text carried on into a
    second row, and — in a long table — the header row once more in the middle."""
    fields = [column.field.value for column in plan.table_columns]
    rows: list[_Row] = []
    for row in plan_rows(plan):
        if row["kind"] in ("section", "note"):
            rows.append(
                _Row(
                    "section",
                    title=row["title"],
                    number=row["number"],
                    bold=row["kind"] == "section",
                )
            )
        else:
            rows.append(
                _Row("activity", list(row["cells"]), number=row["number"], bold=row["heading"])
            )
    if "text" in fields:
        text_at = fields.index("text")
        candidates = [
            (len(row.cells[text_at]), -index, index)
            for index, row in enumerate(rows)
            if row.kind == "activity"
            and "\n" not in row.cells[text_at]
            and _split_half(row.cells[text_at])
        ]
        if candidates:
            index = max(candidates)[2]
            first, rest = _split_half(rows[index].cells[text_at]) or ("", "")
            rows[index].cells[text_at] = first
            carried = [""] * len(fields)
            carried[text_at] = rest
            rows.insert(index + 1, _Row("continuation", carried, bold=rows[index].bold))
    if len(rows) >= LONG_TABLE:
        middle = len(rows) // 2
        while middle < len(rows) and rows[middle].kind == "continuation":
            middle += 1
        rows.insert(middle, _Row("header"))
    return rows


class _Numbering:
    """Word list numbering for one document: a definition per list, «%1.» / «%1.%2.» …"""

    def __init__(self, doc: DocxDocument) -> None:
        self.root = doc.part.numbering_part.element
        # python-docx's blank document has lists of its own: new ids come after theirs.
        taken = [
            int(element.get(qn(attribute)))
            for tag, attribute in (("w:abstractNum", "w:abstractNumId"), ("w:num", "w:numId"))
            for element in self.root.iter(qn(tag))
        ]
        self.next_id = max(taken, default=0) + 1

    def add(self, texts: Sequence[str], *, suffix: str = "tab", indent: bool = False) -> int:
        """A new list whose levels show ``texts`` («%1.», «%1.%2» …); returns its ``numId``."""
        abstract_id = self.next_id
        self.next_id += 1
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), str(abstract_id))
        kind = OxmlElement("w:multiLevelType")
        kind.set(qn("w:val"), "multilevel")
        abstract.append(kind)
        for level, text in enumerate(texts):
            lvl = OxmlElement("w:lvl")
            lvl.set(qn("w:ilvl"), str(level))
            for tag, value in (
                ("w:start", "1"),
                ("w:numFmt", "decimal"),
                ("w:suff", suffix),
                ("w:lvlText", text),
                ("w:lvlJc", "left"),
            ):
                element = OxmlElement(tag)
                element.set(qn("w:val"), value)
                lvl.append(element)
            p_pr = OxmlElement("w:pPr")
            ind = OxmlElement("w:ind")
            ind.set(qn("w:left"), "0")
            ind.set(qn("w:firstLine"), "709" if indent else "0")
            p_pr.append(ind)
            lvl.append(p_pr)
            abstract.append(lvl)
        # Every abstractNum comes before the first num.
        first_num = self.root.find(qn("w:num"))
        if first_num is None:
            self.root.append(abstract)
        else:
            first_num.addprevious(abstract)
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(abstract_id))
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), str(abstract_id))
        num.append(ref)
        self.root.append(num)
        return abstract_id

    @staticmethod
    def apply(paragraph: Paragraph, num_id: int, level: int) -> None:
        p_pr = paragraph._p.get_or_add_pPr()
        num_pr = OxmlElement("w:numPr")
        ilvl = OxmlElement("w:ilvl")
        ilvl.set(qn("w:val"), str(level))
        ref = OxmlElement("w:numId")
        ref.set(qn("w:val"), str(num_id))
        num_pr.append(ilvl)
        num_pr.append(ref)
        _after_style(p_pr, num_pr)


def _after_style(p_pr: Any, element: Any) -> None:
    """Put ``element`` where the schema wants numPr: after pStyle, keepNext … before the rest."""
    style = p_pr.find(qn("w:pStyle"))
    if style is not None:
        style.addnext(element)
    else:
        p_pr.insert(0, element)


def _parts(number: str) -> list[int] | None:
    """«1.2.» → [1, 2]; None for a number that is not dotted digits."""
    pieces = number.strip().rstrip(".").split(".")
    if not all(piece.isdigit() for piece in pieces):
        return None
    return [int(piece) for piece in pieces]


class _Counter:
    """What Word's numbering would show next in one list, so that a number is left to it only
    where Word shows the very number the document has."""

    def __init__(self) -> None:
        self.counts: list[int] = []

    def try_take(self, number: str) -> int | None:
        """The level to number ``number`` at, advancing the count; None (and no advance) where
        Word's next label at that level would differ."""
        parts = _parts(number)
        if not parts or len(parts) > 3:
            return None
        level = len(parts) - 1
        counts = (self.counts + [0] * 3)[: level + 1]
        counts[level] += 1
        if counts != parts:
            return None
        self.counts = counts
        return level


class _Typist:
    def __init__(self, autonumber: bool, *, landscape: bool) -> None:
        self.autonumber = autonumber
        self.doc = docx.Document()
        section = self.doc.sections[0]
        section.page_width, section.page_height = (
            (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
        )
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
        normal = self.doc.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = SIZE
        fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:eastAsia", "w:cs"):
            fonts.set(qn(attribute), FONT)
        normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.line_spacing = 1.0
        self.numbering = _Numbering(self.doc) if autonumber else None

    # Paragraphs -------------------------------------------------------------------------

    def line(
        self,
        text: str = "",
        *,
        bold: bool = False,
        align: str | None = None,
        indent: bool = False,
    ) -> Paragraph:
        """A paragraph; «\\n» in ``text`` are line breaks (Shift+Enter)."""
        p = self.doc.add_paragraph()
        _fill(p, text, bold=bold)
        if align:
            p.alignment = {
                "center": WD_ALIGN_PARAGRAPH.CENTER,
                "right": WD_ALIGN_PARAGRAPH.RIGHT,
                "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
            }[align]
        if indent:
            p.paragraph_format.first_line_indent = Cm(1.25)
        return p

    def centred(self, text: str, *, bold: bool = True) -> None:
        """A heading or title: each of its lines a bold centred paragraph."""
        for part in text.split("\n"):
            self.line(part, bold=bold, align="center")

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def letterhead(self, document: Any) -> None:
        organisation = document.organisation
        if organisation is None:
            return
        if organisation.parent_body:
            self.line(organisation.parent_body, bold=True, align="center")
        if organisation.full_name:
            name = organisation.full_name
            self.line(name[:1].upper() + name[1:], align="center")
        if organisation.short_name:
            self.line(f"({organisation.short_name})", align="center")

    def title_block(self, document: Any, *, organisation: bool) -> None:
        if document.approval:
            self.line(document.approval, align="right")
            self.line()
        if organisation and document.organisation is not None:
            self.letterhead(document)
            if document.organisation.place:
                self.line(document.organisation.place, align="center")
            self.line()
        self.centred(document.title)
        said = period_line(document)
        if said:
            self.centred(said)
        self.line()

    def abbreviations(self, document: Any) -> None:
        entries = abbreviation_list(document, Settings())
        if not entries:
            return
        self.centred("Принятые сокращения")
        for entry in entries:
            self.line(f"{entry['short']} – {entry['full']}", align="justify")
        self.line()

    def numbered(self, texts: Sequence[tuple[str, str]], subitems: Sequence[Sequence[str]]) -> None:
        """Numbered paragraphs «1. text» with their sub-items «1.1. text»: typed, or from one
        Word list (``texts`` are the typed numbers and texts)."""
        num_id = self.numbering.add(["%1.", "%1.%2."], indent=True) if self.numbering else None
        for (number, text), subs in zip(texts, subitems, strict=True):
            if num_id is None:
                self.line(f"{number} {text}", align="justify", indent=True)
            else:
                _Numbering.apply(self.line(text, align="justify", indent=True), num_id, 0)
            for index, sub in enumerate(subs, start=1):
                if num_id is None:
                    self.line(f"{number}{index}. {sub}", align="justify", indent=True)
                else:
                    _Numbering.apply(self.line(sub, align="justify", indent=True), num_id, 1)

    def signature(self, signature: Signature) -> None:
        name = signature.person.signature_name if signature.person else ""
        self.line(f"{signature.position or ''}\t\t\t{name}")

    # Documents --------------------------------------------------------------------------

    def order(self, document: Order) -> None:
        self.letterhead(document)
        self.line()
        self.line("ПРИКАЗ", bold=True, align="center")
        self.line()
        self.line(f"{date_text(document)}\t\t\t\t№ {document.number or ''}")
        place = document.place or (document.organisation.place if document.organisation else "")
        if place:
            self.line(place, align="center")
        self.line()
        self.centred(document.title)
        self.line()
        if document.basis:
            self.line(document.basis, align="justify", indent=True)
        self.line()
        self.line(f"{document.preamble_word.upper()}:")
        self.line()
        self.numbered(
            [(f"{index}.", clause_line(c)) for index, c in enumerate(document.clauses, 1)],
            [c.subclauses for c in document.clauses],
        )
        if not document.appendices:
            self.abbreviations(document)
        self.line()
        self.line()
        self.signature(document.signer)
        organisation = document.organisation
        author = f" {organisation.short_name}" if organisation and organisation.short_name else ""
        for index, appendix in enumerate(document.appendices):
            self.page_break()
            reference = appendix.reference
            day = (
                reference.date.strftime("%d.%m.%Y")
                if reference and reference.date
                else date_text(document)
            )
            number = (reference.number if reference else None) or document.number or ""
            self.line(
                f"Приложение № {appendix.number or index + 1}\nк приказу{author}\n"
                f"от {day} № {number}",
                align="right",
            )
            if appendix.approval:
                word = approval_form(appendix.approval)
                stamp = (
                    f"{word}\nприказом{author}\nот {date_text(document)} № {document.number}"
                    if word
                    else appendix.approval
                )
                self.line(stamp, align="right")
            self.line()
            self.centred(appendix.title)
            if index == 0:
                self.abbreviations(document)
            if appendix.plan.title:
                self.centred(appendix.plan.title)
            self.plan(appendix.plan)

    def roadmap(self, document: Roadmap) -> None:
        self.title_block(document, organisation=False)
        self.abbreviations(document)
        if document.goal:
            self.centred("Цель реализации дорожной карты")
            self.line(document.goal, align="justify", indent=True)
            self.line()
        if document.tasks:
            self.centred("Задачи")
            for index, task in enumerate(document.tasks, 1):
                self.line(f"{index}. {task}", align="justify", indent=True)
            self.line()
        if document.risk_groups:
            self.centred("Целевые ориентиры по группам рисков")
            self.simple_table(
                ["Группы рисков", "Целевые ориентиры"],
                [[g.risk, "\n".join(g.orientations)] for g in document.risk_groups],
            )
            self.line()
        if document.target_indicators:
            self.centred("Целевые показатели реализации дорожной карты")
            for index, indicator in enumerate(document.target_indicators, 1):
                text = f"{indicator.number or index}. {indicator.name}"
                if indicator.unit:
                    text += f", {indicator.unit}"
                if indicator.baseline:
                    text += f"; базовое значение – {indicator.baseline}"
                text += "".join(f"; {p} – {v}" for p, v in indicator.values.items())
                if indicator.note:
                    text += f" ({indicator.note})"
                self.line(text, align="justify", indent=True)
            self.line()
        for group in document.indicator_groups:
            self.centred(" ".join(p for p in (group.number, group.title) if p))
            self.indicator_table(group, baseline=True)
            self.line()
        if document.directions:
            self.centred("Определение основных направлений деятельности")
            for index, direction in enumerate(document.directions, 1):
                self.line(f"{direction.number or index}. {direction.title}", indent=True)
                for text in direction.narrative:
                    self.line(text, align="justify", indent=True)
            self.line()
        self.control_points(
            document, "Контрольные точки достижения целевых показателей реализации дорожной карты"
        )
        self.centred(document.plan.title or "План-график реализации мероприятий дорожной карты")
        self.plan(document.plan)
        if document.mechanisms is not None and (
            document.mechanisms.sections or document.mechanisms.activities
        ):
            self.line()
            self.centred(document.mechanisms.title or "Механизмы реализации дорожной карты")
            self.plan(document.mechanisms)

    def passport(self, document: Passport) -> None:
        self.title_block(document, organisation=True)
        self.abbreviations(document)
        self.centred(document.heading or "ПАСПОРТ ДОРОЖНОЙ КАРТЫ")
        problem = document.problem
        if problem is not None:
            self.line(problem.title or "1. ОПИСАНИЕ ПРОБЛЕМЫ", bold=True)
            for text in problem.text:
                self.line(text, align="justify", indent=True)
            if problem.facts_caption:
                self.line(problem.facts_caption)
            for fact in problem.facts:
                self.line(f"{fact.label} – {fact.value}" if fact.value else fact.label)
                for item in fact.items:
                    self.line(f"{item.label} – {item.value}", indent=True)
            for table in problem.tables:
                self.line()
                if table.caption:
                    self.centred(table.caption)
                self.data_table(table)
                for note in table.notes:
                    self.line(note)
        self.line()
        form = []
        for name, attribute in PASSPORT_FIELDS:
            value = getattr(document, attribute)
            form.append([name, "\n".join(value) if isinstance(value, list) else value or ""])
        self.simple_table(None, form, bold_first=True)
        for group in document.indicator_groups:
            self.line()
            self.centred(" ".join(p for p in (group.number, group.title) if p))
            self.indicator_table(group, baseline=None)
        self.line()
        self.centred(document.plan.title or "II раздел. План мероприятий")
        self.line()
        self.plan(document.plan)
        self.line()
        self.line()
        signature = document.signature
        if signature.position or signature.person:
            self.signature(signature)
        else:
            self.line("_______________________\t\t______________  ____________________")
            captions = signature.captions or ["(должность)", "(подпись)", "(ФИО)"]
            self.line(f"{captions[0]}\t\t{'  '.join(captions[1:])}")

    def project(self, document: Project) -> None:
        self.title_block(document, organisation=True)
        if document.name and document.name not in document.title:
            self.line(f"Проект: {document.name}", align="center")
        self.abbreviations(document)
        if document.goal:
            lead = "Цель Проекта" if document.name else "Цель"
            self.line(f"{lead}: {document.goal}", align="justify", indent=True)
            self.line()
        if document.plan.title:
            self.centred(document.plan.title)
        self.plan(document.plan)
        if document.indicators:
            self.line()
            if any(i.unit or i.baseline or i.values for i in document.indicators):
                self.centred("Индикаторы проекта")
                self.indicator_table(IndicatorGroup(indicators=document.indicators), baseline=None)
            else:
                self.line("Индикаторы проекта:", bold=True)
                for indicator in document.indicators:
                    number = f"{indicator.number} " if indicator.number else ""
                    note = f" ({indicator.note})" if indicator.note else ""
                    self.line(f"{number}{indicator.name}{note}", align="justify", indent=True)
        self.line()
        self.control_points(document, "Контрольные точки проекта")

    # Tables -----------------------------------------------------------------------------

    def new_table(self, columns: int) -> DocxTable:
        table = self.doc.add_table(rows=0, cols=columns)
        table.style = self.doc.styles[TABLE_STYLE]
        return table

    def simple_table(
        self,
        header: Sequence[str] | None,
        rows: Sequence[Sequence[str]],
        *,
        bold_first: bool = False,
    ) -> DocxTable:
        width = len(header) if header else max(len(row) for row in rows)
        table = self.new_table(width)
        if header:
            _add_row(table, header, bold=True, center=True)
        for row in rows:
            cells = table.add_row().cells
            for index, (cell, text) in enumerate(zip(cells, row, strict=True)):
                _fill_cell(cell, text, bold=bold_first and index == 0)
        return table

    def control_points(self, document: Roadmap | Project, caption: str) -> None:
        if not document.control_points:
            return
        self.centred(caption)
        self.simple_table(
            ["№", "Контрольная точка", "Ответственный", "Сроки"],
            [
                [
                    point.number or "",
                    point.text + (f"\n{point.result}" if point.result else ""),
                    "\n".join(str(party) for party in point.responsible),
                    point.deadline.text if point.deadline else "",
                ]
                for point in document.control_points
            ],
        )
        self.line()

    def indicator_table(self, group: Any, *, baseline: bool | None) -> None:
        periods = list(group.columns)
        with_baseline = baseline or (baseline is None and any(i.baseline for i in group.indicators))
        header = ["№ п/п", "Показатель", "Единица измерения"]
        header += ["Базовое значение"] * bool(with_baseline) + periods
        rows = []
        for index, indicator in enumerate(group.indicators, 1):
            name = indicator.name + (f"\n({indicator.note})" if indicator.note else "")
            row = [indicator.number or str(index), name, indicator.unit or ""]
            row += [indicator.baseline or ""] * bool(with_baseline)
            row += [indicator.values.get(period, "") for period in periods]
            rows.append(row)
        self.simple_table(header, rows)

    def data_table(self, table: Table) -> None:
        """A data table with its merged cells merged in Word."""
        grid = table_grid(table)
        width = max(sum(cell["colspan"] for cell in row["cells"]) for row in grid)
        typed = self.new_table(width)
        for _ in grid:
            typed.add_row()
        for r, row in enumerate(grid):
            column = 0
            for cell in row["cells"]:
                span = cell["colspan"]
                if cell["vmerge"] == "continue":
                    column += span
                    continue
                down = 1
                while r + down < len(grid) and _continued(grid[r + down], column):
                    down += 1
                target = typed.cell(r, column)
                if span > 1 or down > 1:
                    target = target.merge(typed.cell(r + down - 1, column + span - 1))
                _fill_cell(target, cell["text"], bold=row["header"])
                column += span

    def plan(self, plan: Plan) -> DocxTable:
        columns = plan.table_columns
        fields = [column.field.value for column in columns]
        titles = [column.title for column in columns]
        table = self.new_table(len(columns))
        _add_row(table, titles, bold=True, center=True)
        number_at = fields.index("number") if "number" in fields else None
        counter = _Counter()
        num_id: int | None = None
        if self.numbering is not None:
            num_id = self.numbering.add(_level_texts(plan), suffix="space")
        for row in plan_table_rows(plan):
            if row.kind == "header":
                _add_row(table, titles, bold=True, center=True)
                continue
            cells = table.add_row().cells
            if row.kind == "section":
                merged = cells[0].merge(cells[-1])
                level = counter.try_take(row.number) if num_id is not None else None
                text = row.title
                if level is not None and num_id is not None and text.startswith(row.number):
                    _fill_cell(merged, text[len(row.number) :].lstrip(), bold=row.bold)
                    _Numbering.apply(merged.paragraphs[0], num_id, level)
                else:
                    _fill_cell(merged, text, bold=row.bold)
                continue
            for index, (cell, text) in enumerate(zip(cells, row.cells, strict=True)):
                level = None
                if index == number_at and num_id is not None and row.number:
                    level = counter.try_take(row.number)
                if level is not None and num_id is not None:
                    _fill_cell(cell, "", bold=row.bold)
                    _Numbering.apply(cell.paragraphs[0], num_id, level)
                else:
                    _fill_cell(cell, text, bold=row.bold)
        return table


def _level_texts(plan: Plan) -> list[str]:
    """The level texts of a plan's numbering, «%1.» or «%1», «%1.%2.» or «%1.%2» …, each as
    the plan's first number of that depth writes it (with a closing dot or without)."""
    dotted: dict[int, bool] = {}
    for row in plan_rows(plan):
        parts = _parts(row["number"]) if row["number"] else None
        if parts:
            dotted.setdefault(len(parts) - 1, row["number"].strip().endswith("."))
    texts = []
    for level in range(3):
        text = ".".join(f"%{i + 1}" for i in range(level + 1))
        texts.append(text + "." if dotted.get(level, True) else text)
    return texts


def _continued(row: dict[str, Any], column: int) -> bool:
    """Whether the grid row has a cell at ``column`` carried on from the row above."""
    at = 0
    for cell in row["cells"]:
        if at == column:
            return bool(cell["vmerge"] == "continue")
        at += cell["colspan"]
    return False


def _fill(paragraph: Paragraph, text: str, *, bold: bool = False) -> None:
    lines = text.split("\n")
    for index, part in enumerate(lines):
        run = paragraph.add_run(part)
        if bold:
            run.bold = True
        if index < len(lines) - 1:
            run.add_break()


def _fill_cell(cell: Any, text: str, *, bold: bool = False, center: bool = False) -> None:
    """A cell's text, each line its own paragraph (Enter within the cell)."""
    paragraphs = cell.paragraphs
    for extra in paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    first = paragraphs[0]
    for run in list(first.runs):
        run._r.getparent().remove(run._r)
    for index, part in enumerate(text.split("\n")):
        p = first if index == 0 else cell.add_paragraph()
        if bold:
            # The paragraph mark too, as Word bolds a whole selected cell: an automatic
            # number takes its look from it.
            mark = OxmlElement("w:rPr")
            mark.append(OxmlElement("w:b"))
            p._p.get_or_add_pPr().append(mark)
        if part:
            run = p.add_run(part)
            if bold:
                run.bold = True
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _add_row(table: DocxTable, texts: Sequence[str], *, bold: bool, center: bool) -> None:
    for cell, text in zip(table.add_row().cells, texts, strict=True):
        _fill_cell(cell, text, bold=bold, center=center)


__all__ = [
    "LONG_TABLE",
    "STYLES",
    "clause_line",
    "date_text",
    "dative",
    "plan_table_rows",
    "type_document",
]
