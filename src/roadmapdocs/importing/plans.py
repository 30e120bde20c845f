"""A plan table of a Word or Excel file read back into a plan's data (columns, sections,
activities).

The table is read as people type it:

- rows above the header (a title typed into the table) become the plan's title; the header is
  the first row whose cells name at least two fields, the activity's text among them
  (:mod:`roadmapdocs.importing.columns`); a header repeated on a later page, and a row of column
  numbers («1 2 3 4 5») under it, are skipped;
- a section row is one cell across the table («1. Организационные мероприятия»), a number and a
  cell across the rest, a number cell holding the section's number and title with the rest of
  the row empty, or a row that fills only the number and a bold text with a number of
  one part («1.», «2»); in a plan whose first rows are activities such a row is an activity that
  heads the ones numbered under it (the way the plan is printed);
- an activity numbered under another («1.1» under «1», «3.1.2» under «3.1») is nested in it;
- a row with an empty number carries on the activity above (its cells are joined to that
  activity's, line by line) when its text is empty or starts in lower case, or when the activity
  above fills more than its text; under an activity that is a bare heading (a number and a
  text) it is an unnumbered activity of that heading, and after an unnumbered activity it is the
  next one. In a table with no number column every row is an activity but those whose text is
  empty or starts in lower case;
- a cell merged down over several activities gives each of them its text;
- an empty row with rows of the plan on both sides is an activity with nothing filled in, beside
  the activity above it (empty rows before the first and after the last are no activities);
- a cell that is empty or holds only a dash leaves its field out; every other text is kept as
  it stands, line breaks included. Cells of a column no header names are left unplaced, never
  dropped;
- a cell of «Отметка об исполнении» that starts with a status word («Выполнено 12.10.2024,
  протокол № 3», «в работе») gives the activity's ``status``, ``done`` and ``report``
  (:func:`~roadmapdocs.lang.status.read_mark`); any other mark («протокол № 3») stays its
  ``execution_mark``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from roadmapdocs.importing.columns import DEFAULT, ColumnMap, ColumnMatch, normalise
from roadmapdocs.importing.outcome import Guess, Imported, Unplaced
from roadmapdocs.importing.raw import Place, RawRow, RawTable
from roadmapdocs.lang.status import read_mark
from roadmapdocs.model.activity import DEFAULT_TITLES, ActivityField

Path = tuple[str | int, ...]

_NUMBER = re.compile(r"^\d+(?:\.\d+)*\.?$")
_LEADING_NUMBER = re.compile(r"^(\d+(?:\.\d+)*\.?|[IVXLC]+\.)(?:\s+(.*))?$", re.DOTALL)
_DASHES = frozenset({"-", "–", "—", "−"})
_TITLE_FIELDS = frozenset({ActivityField.NUMBER, ActivityField.TEXT})


@dataclass(frozen=True)
class _Cell:
    text: str
    place: Place
    start: int
    """The first grid column, from 0."""
    span: int
    rowspan: int
    bold: bool


@dataclass
class _Covered:
    """A cell merged down: the rows it still covers, and the field and text it gives them."""

    until: int
    field: ActivityField | None
    text: str
    place: Place


@dataclass
class _Node:
    """An activity being built, with its path in the plan's data and its number's parts."""

    data: dict[str, Any]
    path: Path
    parts: tuple[int, ...] | None


@dataclass
class _Reader:
    table: RawTable
    columns: ColumnMap
    result: Imported = field(default_factory=lambda: Imported({}))
    fields: dict[int, ActivityField] = field(default_factory=dict)
    covered: dict[int, _Covered] = field(default_factory=dict)
    stack: list[_Node] = field(default_factory=list)
    section: int | None = None

    @property
    def data(self) -> dict[str, Any]:
        return self.result.data

    def at(self, place: Place, path: Path, *more: str | int) -> None:
        """Note where the field at ``path`` (and ``more``) stood."""
        key: Path = (*path, *more)
        self.result.places[key] = place

    # The grid -------------------------------------------------------------------------------

    def cells(self, index: int, row: RawRow) -> tuple[list[_Cell], set[int]]:
        """The row's cells with their grid columns, and the columns merged down from above."""
        self.covered = {c: cov for c, cov in self.covered.items() if cov.until >= index}
        from_above = set(self.covered)
        cells: list[_Cell] = []
        position = 0
        for cell in row.cells:
            if cell.place.column is not None:
                position = cell.place.column - 1
            else:
                while position in from_above:
                    position += 1
            text = cell.text.strip()
            cells.append(
                _Cell(
                    text, cell.place, position, cell.colspan, cell.rowspan, cell.bold and bool(text)
                )
            )
            position += max(cell.colspan, 1)
        return cells, from_above

    def cover(self, index: int, cells: list[_Cell]) -> None:
        """Note the cells of row ``index`` merged down over the rows below."""
        for cell in cells:
            if cell.rowspan > 1:
                found = self.fields.get(cell.start)
                text = "" if cell.text in _DASHES else cell.text
                for column in range(cell.start, cell.start + max(cell.span, 1)):
                    self.covered[column] = _Covered(
                        index + cell.rowspan - 1, found, text, cell.place
                    )

    # The header -----------------------------------------------------------------------------

    def read_header(self, row: RawRow, cells: list[_Cell]) -> list[str]:
        taken: dict[ActivityField, str] = {}
        columns: list[Any] = []
        for cell in cells:
            if not cell.text:
                continue
            match: ColumnMatch | None = self.columns.match(cell.text)
            if match is None:
                self.result.guesses.append(
                    Guess(
                        cell.place,
                        f"столбец «{_one_line(cell.text)}» не распознан: его ячейки оставлены "
                        "неразнесёнными",
                    )
                )
                self.result.unplaced.append(Unplaced(cell.place, cell.text))
                continue
            if match.field in taken:
                self.result.guesses.append(
                    Guess(
                        cell.place,
                        f"столбец «{_one_line(cell.text)}» → {match.field.value}, но это поле "
                        f"уже у столбца «{taken[match.field]}»: его ячейки оставлены "
                        "неразнесёнными",
                    )
                )
                self.result.unplaced.append(Unplaced(cell.place, cell.text))
                continue
            taken[match.field] = _one_line(cell.text)
            self.result.guesses.append(Guess(cell.place, match.describe(cell.text)))
            for column in range(cell.start, cell.start + max(cell.span, 1)):
                self.fields[column] = match.field
            title = _one_line(cell.text)
            self.result.places[("columns", len(columns))] = cell.place
            if title == DEFAULT_TITLES[match.field]:
                columns.append(match.field.value)
            else:
                columns.append({"field": match.field.value, "title": title})
        self.data["columns"] = columns
        return [normalise(c.text) for c in cells]

    # Rows -----------------------------------------------------------------------------------

    def values(
        self, cells: list[_Cell]
    ) -> tuple[dict[ActivityField, str], dict[ActivityField, Place]]:
        values: dict[ActivityField, str] = {}
        places: dict[ActivityField, Place] = {}
        for cell in cells:
            if not cell.text or cell.text in _DASHES:
                continue
            found = self.fields.get(cell.start)
            if found is None:
                self.result.unplaced.append(Unplaced(cell.place, cell.text))
                continue
            if found in values:
                values[found] += "\n" + cell.text
            else:
                values[found] = cell.text
                places[found] = cell.place
        return values, places

    def section_row(
        self, cells: list[_Cell], values: dict[ActivityField, str]
    ) -> tuple[str, str] | None:
        """The number and title of a section row, or ``None`` for another row."""
        filled = [c for c in cells if c.text and c.text not in _DASHES]
        if not filled:
            return None
        width = self.table.columns
        last = filled[-1]
        across = last.span >= 2 and last.start + last.span >= width
        if across and len(filled) == 1:
            return _split_number(last.text)
        if (
            len(filled) == 1
            and self.fields.get(last.start) == ActivityField.NUMBER
            and not _NUMBER.match(last.text)
        ):
            # «1. Организационные мероприятия» typed into the number cell, the rest left empty.
            return _split_number(last.text)
        if (
            across
            and len(filled) == 2
            and self.fields.get(filled[0].start) == ActivityField.NUMBER
            and _NUMBER.match(filled[0].text)
        ):
            return filled[0].text, last.text
        number = values.get(ActivityField.NUMBER)
        text = values.get(ActivityField.TEXT)
        if (
            text
            and set(values) <= _TITLE_FIELDS
            and all(c.bold for c in filled if self.fields.get(c.start) == ActivityField.TEXT)
            and (number is None or len(_parts(number) or (0, 0)) == 1)
        ):
            return number or "", text
        return None

    def add_section(self, number: str, title: str, place: Place, index: int) -> None:
        if self.data["activities"] and not self.data["sections"]:
            # Activities came first: the plan has no sections, and this row heads the
            # activities numbered under it, as the plan prints such an activity.
            activity: dict[str, Any] = {"text": title} if title else {}
            if number:
                activity = {"number": number, **activity}
            node = self.insert(activity, _parts(number), place)
            for name in activity:
                self.at(place, node.path, name)
            self.result.guesses.append(
                Guess(
                    place,
                    "строка через всю таблицу — мероприятие"
                    f"{' ' + number if number else ''}, под которым следующие",
                )
            )
            return
        self.section = len(self.data["sections"])
        section: dict[str, Any] = {}
        path: Path = ("sections", self.section)
        self.result.places[path] = place
        if number:
            section["number"] = number
            self.at(place, path, "number")
        section["title"] = title
        self.at(place, path, "title")
        section["activities"] = []
        self.data["sections"].append(section)
        self.stack = []

    def container(self) -> tuple[list[dict[str, Any]], Path]:
        if self.section is None:
            return self.data["activities"], ()
        return self.data["sections"][self.section]["activities"], ("sections", self.section)

    def insert(
        self, activity: dict[str, Any], parts: tuple[int, ...] | None, place: Place
    ) -> _Node:
        """Put an activity where its number puts it: under the last open activity whose
        number is a prefix of its own, else at the top of the section (or plan)."""
        if parts is not None:
            while self.stack and not _under(parts, self.stack[-1].parts):
                self.stack.pop()
        return self.append(activity, parts, place)

    def append(
        self, activity: dict[str, Any], parts: tuple[int, ...] | None, place: Place
    ) -> _Node:
        if self.stack:
            parent = self.stack[-1]
            siblings = parent.data.setdefault("activities", [])
            base: Path = parent.path
        else:
            siblings, base = self.container()
        path: Path = (*base, "activities", len(siblings))
        siblings.append(activity)
        node = _Node(activity, path, parts)
        self.stack.append(node)
        self.result.places[path] = place
        return node

    def add_activity(
        self,
        values: dict[ActivityField, str],
        places: dict[ActivityField, Place],
        place: Place,
        index: int,
        number_covered: bool,
    ) -> None:
        has_number_column = ActivityField.NUMBER in self.fields.values()
        number = values.get(ActivityField.NUMBER)
        previous = self.stack[-1] if self.stack else None
        if number is None and previous is not None:
            how = self.unnumbered(values, previous, has_number_column, number_covered)
            if how == "continue":
                self.carry_on(previous, values, places, place, index)
                return
            if how == "sibling":
                self.stack.pop()
            elif how == "top":
                self.stack = []
            if how == "child":
                self.result.guesses.append(
                    Guess(
                        place,
                        "строка без номера — мероприятие внутри "
                        f"«{previous.data.get('number', '')}»",
                    )
                )
        activity = {f.value: values[f] for f in ActivityField if f in values}
        parts = _parts(number) if number is not None else None
        if number is not None:
            node = self.insert(activity, parts, place)
        else:
            node = self.append(activity, None, place)
        for name, cell_place in places.items():
            self.at(cell_place, node.path, name.value)
        # A cell merged down over this row gives it its text.
        for covered in self.covered.values():
            mapped = covered.field
            if mapped is None or mapped == ActivityField.NUMBER or mapped.value in activity:
                continue
            if covered.text:
                activity[mapped.value] = covered.text
                self.at(covered.place, node.path, mapped.value)

    def add_blank(self, place: Place) -> None:
        """An empty row between rows of the plan: an activity with nothing filled in, beside
        the activity above it."""
        if self.stack:
            self.stack.pop()
        self.append({}, None, place)
        self.result.guesses.append(
            Guess(place, "пустая строка внутри плана — мероприятие без текста")
        )

    def unnumbered(
        self,
        values: dict[ActivityField, str],
        previous: _Node,
        has_number_column: bool,
        number_covered: bool,
    ) -> str:
        """What a row without a number is: «continue» (the activity above carried on),
        «child», «sibling» or «top» (a new unnumbered activity)."""
        text = values.get(ActivityField.TEXT, "")
        if number_covered or not text or text[0].islower():
            return "continue"
        if not has_number_column:
            return "top"
        if previous.parts is None:
            return "sibling"
        if set(previous.data) <= {"number", "text", "activities"}:
            return "child"
        return "continue"

    def carry_on(
        self,
        previous: _Node,
        values: dict[ActivityField, str],
        places: dict[ActivityField, Place],
        place: Place,
        index: int,
    ) -> None:
        for name, text in values.items():
            key = name.value
            if key in previous.data:
                previous.data[key] += "\n" + text
            else:
                previous.data[key] = text
                self.at(places[name], previous.path, key)
        label = previous.data.get("number")
        self.result.guesses.append(
            Guess(
                place,
                "строка без номера — продолжение мероприятия" + (f" {label}" if label else " выше"),
            )
        )

    # The whole table ------------------------------------------------------------------------

    def read(self) -> Imported:
        rows = self.table.rows
        start = find_header(self.table, self.columns)
        self.data.update({"columns": [], "sections": [], "activities": []})
        if start is None:
            self.result.guesses.append(
                Guess(self.table.place, "в таблице не найдена шапка плана: она не разнесена")
            )
            for index, row in enumerate(rows):
                cells, _ = self.cells(index, row)
                self.result.unplaced.extend(Unplaced(c.place, c.text) for c in cells if c.text)
            return self.result
        title: list[tuple[str, Place]] = []
        for index in range(start):
            cells, _ = self.cells(index, rows[index])
            title.extend((c.text, c.place) for c in cells if c.text)
        if title:
            self.data["title"] = "\n".join(text for text, _ in title)
            self.result.places[("title",)] = title[0][1]
            self.result.guesses.append(
                Guess(title[0][1], "строки над шапкой таблицы — заголовок плана")
            )
        header_cells, _ = self.cells(start, rows[start])
        header = self.read_header(rows[start], header_cells)
        header_end = start + max((c.rowspan for c in header_cells), default=1) - 1
        self.covered = {}
        blanks: list[Place] = []
        for index in range(start + 1, len(rows)):
            row = rows[index]
            cells, from_above = self.cells(index, row)
            if index <= header_end:
                # The lower rows of a header of several rows.
                self.result.unplaced.extend(Unplaced(c.place, c.text) for c in cells if c.text)
                continue
            if row.header or [normalise(c.text) for c in cells] == header:
                continue
            if _column_numbers(cells):
                continue
            if not from_above and all(not c.text or c.text in _DASHES for c in cells):
                # An empty row: an activity with no text when rows of the plan stand on both
                # sides of it, as a secretary leaves one to fill in later.
                blanks.append(row.place)
                continue
            if blanks and (self.data["activities"] or self.data["sections"]):
                for place in blanks:
                    self.add_blank(place)
            blanks = []
            values, places = self.values(cells)
            number_column = [c for c, f in self.fields.items() if f == ActivityField.NUMBER]
            number_covered = bool(number_column) and number_column[0] in from_above
            section = None if number_covered else self.section_row(cells, values)
            if section is not None:
                self.add_section(*section, row.place, index)
            elif values:
                self.add_activity(values, places, row.place, index, number_covered)
            self.cover(index, cells)
        return self.result


def read_plan(table: RawTable, columns: ColumnMap = DEFAULT) -> Imported:
    """The plan a table holds: ``data`` is a plan's (``columns``, ``sections``,
    ``activities``, and ``title`` when rows above the header hold one); ``places`` map paths
    inside the plan («sections», 0, «activities», 2, «text») to the cells; every column taken
    and every row read as a section's continuation or nested activity is a guess."""
    found = _Reader(table, columns).read()
    for section in found.data.get("sections", []):
        _parties(section.get("activities", []))
    _parties(found.data.get("activities", []))
    containers: list[tuple[Path, list[dict[str, Any]]]] = [
        (("sections", number), section.get("activities", []))
        for number, section in enumerate(found.data.get("sections", []))
    ]
    containers.insert(0, ((), found.data.get("activities", [])))
    read = sum(_statuses(found, path, activities) for path, activities in containers)
    if read:
        found.guesses.append(
            Guess(
                table.place,
                f"отметки об исполнении со словом состояния («Выполнено 12.10.2024, протокол "
                f"№ 3») разнесены по status, done и report: {read}",
            )
        )
    return found


_MARK = ActivityField.EXECUTION_MARK.value


def _statuses(found: Imported, path: Path, activities: list[dict[str, Any]]) -> int:
    """Read each «Отметка об исполнении» that starts with a status word into the activity's
    status, date done and report, where the mark's cell stood; the number of marks read."""
    read = 0
    for index, activity in enumerate(activities):
        here: Path = (*path, "activities", index)
        mark = activity.get(_MARK)
        found_mark = read_mark(mark) if isinstance(mark, str) else None
        if found_mark is not None:
            del activity[_MARK]
            place = found.places.pop((*here, _MARK), None)
            fields: dict[str, str] = {"status": found_mark.status.value}
            if found_mark.done is not None:
                fields["done"] = found_mark.done.isoformat()
            if found_mark.report:
                fields["report"] = found_mark.report
            activity.update(fields)
            if place is not None:
                for name in fields:
                    key: Path = (*here, name)
                    found.places[key] = place
            read += 1
        read += _statuses(found, here, activity.get("activities", []))
    return read


def _parties(activities: list[dict[str, Any]]) -> None:
    """A responsible cell of several lines names a party a line, as a render prints them: the
    lines of a Word cell are its paragraphs and breaks, never a wrap of one name («руководители МО» on a line of its own is a party). A line that
    starts with a comma carries on the one above (a list continued in the next row, when a
    page broke the cell)."""
    for activity in activities:
        written = activity.get("responsible")
        if isinstance(written, str) and "\n" in written:
            parties: list[str] = []
            for line in (line.strip() for line in written.split("\n")):
                if not line:
                    continue
                if parties and line[0] in ",;":  # a name list carried on over a page
                    parties[-1] += line
                else:
                    parties.append(line)
            activity["responsible"] = parties
        _parties(activity.get("activities", []))


def find_header(table: RawTable, columns: ColumnMap = DEFAULT) -> int | None:
    """The index of the table's header row: the first whose cells name two fields or more,
    the activity's text among them; ``None`` when the table is no plan."""
    for index, row in enumerate(table.rows):
        found = {m.field for cell in row.cells if (m := columns.match(cell.text)) is not None}
        if len(found) >= 2 and ActivityField.TEXT in found:
            return index
    return None


def _parts(number: str) -> tuple[int, ...] | None:
    if not _NUMBER.match(number.strip()):
        return None
    return tuple(int(part) for part in number.strip().rstrip(".").split("."))


def _under(parts: tuple[int, ...], parent: tuple[int, ...] | None) -> bool:
    return parent is not None and len(parent) < len(parts) and parts[: len(parent)] == parent


def _split_number(text: str) -> tuple[str, str]:
    found = _LEADING_NUMBER.match(text)
    if found is None:
        return "", text
    return found.group(1), (found.group(2) or "").strip()


def _column_numbers(cells: list[_Cell]) -> bool:
    texts = [c.text for c in cells if c.text]
    return len(texts) >= 2 and texts == [str(n) for n in range(1, len(texts) + 1)]


def _one_line(text: str) -> str:
    return " ".join(text.split())
