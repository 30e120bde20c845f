"""Statuses merged from a table onto a document: ``roadmapdocs status``.

A school keeps the state of its activities where it is easiest to fill in — a table with a
column of numbers and a column of statuses, perhaps the date and what was done — and reports
from the roadmap. :func:`merge_statuses` reads such a table (.csv or .xlsx, bounded and read as
a mail-merge's table is, :func:`roadmapdocs.batch.tables.read_rows`) and gives a copy of the
document with ``status``, ``done`` and ``report`` set from it; :func:`to_yaml` writes that copy.

How the table is read (docs/monitoring.md says the same for users):

- the header is the first row that names a number column; rows above it (a title) are left;
  headers are compared without case, spaces, the difference of «ё» and «е» and punctuation at
  their end, against :data:`HEADERS`; a column no header names is left and said in a warning
  (a copy of the plan with a status column added keeps its text, terms and owners beside);
- a row is matched to an activity by its number, «1.2.» as «1.2»; an order's appendices may
  use the same numbers, and then the row says which appendix, in a column «Приложение» or in
  the number itself, «2:1.3»;
- an empty cell leaves its field as it was; a row that fills nothing but its number (a
  section's row of a copied plan) changes nothing and is passed over;
- a status cell holds a status word («выполнено», «в работе», ``done``) or a whole mark,
  «Выполнено 12.10.2024, протокол № 3», read with :func:`~roadmapdocs.lang.status.read_mark`.

Every problem of the table is found before anything is changed, and all of them come in one
:class:`StatusTableError`, each with the table's file, the row (and sheet) and the column.
"""

from __future__ import annotations

import bisect
import difflib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from pydantic import ValidationError

from roadmapdocs.batch.tables import Table, read_rows
from roadmapdocs.errors import LoadError, Location, OutputError, Problem
from roadmapdocs.lang.status import WORDS, Status, parse_status, read_mark
from roadmapdocs.loader import dumps, load, to_data
from roadmapdocs.messages import Phrase, current, pydantic_message
from roadmapdocs.model import Document
from roadmapdocs.model.activity import Activity
from roadmapdocs.model.document import DocumentBase
from roadmapdocs.model.kinds import spec_of
from roadmapdocs.model.walk import activities
from roadmapdocs.monitoring.progress import shown_numbers
from roadmapdocs.sourcemap import PathKey, locate, source_of

__all__ = [
    "HEADERS",
    "Merged",
    "StatusTableError",
    "check_output",
    "merge_statuses",
    "number_key",
    "to_yaml",
]

NUMBER, APPENDIX, STATUS, DONE, REPORT = "number", "appendix", "status", "done", "report"

HEADERS: dict[str, tuple[str, ...]] = {
    NUMBER: ("№", "№ п/п", "№ п.п.", "номер", "номер мероприятия", "№ мероприятия"),
    APPENDIX: ("приложение", "№ приложения", "номер приложения"),
    STATUS: (
        "статус",
        "состояние",
        "исполнение",
        "отметка об исполнении",
        "отметка о выполнении",
        "выполнение",
    ),
    DONE: ("дата выполнения", "дата исполнения", "дата"),
    REPORT: (
        "что сделано",
        "отчёт",
        "отчет",
        "результат исполнения",
        "подтверждение",
        "подтверждающий документ",
        "ссылка",
    ),
}
"""The headers of each column a status table may have, as people write them."""

_ROLE_NAMES: dict[str, Phrase] = {
    NUMBER: Phrase("номер мероприятия", "activity number"),
    APPENDIX: Phrase("номер приложения", "appendix number"),
    STATUS: Phrase("состояние", "status"),
    DONE: Phrase("дата выполнения", "date done"),
    REPORT: Phrase("что сделано", "what was done"),
}
_FIELDS = (STATUS, DONE, REPORT)
"""The columns that change an activity; a table needs at least one of them."""


def _header_key(text: str) -> str:
    """A header as headers are compared: no case, «ё» as «е», no spaces, no end punctuation."""
    return "".join(text.lower().replace("ё", "е").split()).rstrip(".,:;!?*")


_BY_HEADER: dict[str, str] = {
    _header_key(header): role for role, headers in HEADERS.items() for header in headers
}


def number_key(text: str) -> str:
    """An activity's number as rows are matched by it: «1.2.», « 1.2 » and «№ 1.2» are «1.2»."""
    return "".join(text.split()).lstrip("№").rstrip(".")


def _parts(number: str) -> tuple[int, ...] | None:
    """«1.12» → (1, 12); None for a number that is not of numbered parts."""
    parts = number.split(".")
    return tuple(int(p) for p in parts) if all(p.isdigit() for p in parts) else None


def _appendix_key(text: str) -> str:
    """An appendix's number as a row gives it: «2», «№ 2», «Приложение 2», «2.» are «2»."""
    flat = "".join(text.lower().replace("ё", "е").split())
    return flat.removeprefix("приложение").lstrip("№").rstrip(".")


class StatusTableError(LoadError):
    """A status table that cannot be merged: :attr:`problems` lists every problem of it, each
    with the table's file, its row (and sheet) and the column's header."""


DocumentT = TypeVar("DocumentT", bound=DocumentBase)


@dataclass(frozen=True)
class Merged(Generic[DocumentT]):
    """What :func:`merge_statuses` gives: the updated copy and what was done to it."""

    document: DocumentT
    """A copy of the document with the table's statuses in place; the original is untouched."""
    updated: int
    """How many activities the table changed (a row that repeats what the document says
    changes nothing)."""
    rows: int
    """How many rows of the table named an activity and gave it something."""
    warnings: list[Phrase] = field(default_factory=list)
    """What was left unread: columns with headers no synonym names, rows above the header."""


# Messages ---------------------------------------------------------------------------------

_NO_NUMBER_COLUMN = Phrase(
    "в таблице нет столбца с номерами мероприятий: озаглавьте его «№», «№ п/п», «Номер» или "
    "«Номер мероприятия» (заголовки столбцов: {found})",
    "the table has no column of activity numbers: head it «№», «№ п/п», «Номер» or «Номер "
    "мероприятия» (the table's headers: {found})",
)
_NO_FIELD_COLUMN = Phrase(
    "в таблице нет ни столбца состояния («Статус», «Состояние», «Исполнение», «Отметка об "
    "исполнении», «Выполнение»), ни даты выполнения («Дата выполнения», «Дата исполнения», "
    "«Дата»), ни того, что сделано («Что сделано», «Отчёт», «Подтверждение», «Ссылка»): "
    "переносить нечего (заголовки столбцов: {found})",
    "the table has no status column («Статус», «Состояние», «Исполнение», «Отметка об "
    "исполнении», «Выполнение»), no date done («Дата выполнения», «Дата исполнения», «Дата») "
    "and nothing on what was done («Что сделано», «Отчёт», «Подтверждение», «Ссылка»): there "
    "is nothing to merge (the table's headers: {found})",
)
_COLUMN_TWICE = Phrase(
    "столбцы «{first}» и «{second}» оба — {role}: какой из них верен, не понять; оставьте один",
    "columns «{first}» and «{second}» both give the {role}: which one holds, cannot be told; "
    "keep one",
)
_UNKNOWN_COLUMN = Phrase(
    "{file}: столбец {names} не читается: статусы берутся из столбцов номера, состояния, даты "
    "выполнения и того, что сделано",
    "{file}: column {names} is not read: statuses come from the columns of the number, the "
    "status, the date done and what was done",
)
_UNKNOWN_COLUMNS = Phrase(
    "{file}: столбцы {names} не читаются: статусы берутся из столбцов номера, состояния, даты "
    "выполнения и того, что сделано",
    "{file}: columns {names} are not read: statuses come from the columns of the number, the "
    "status, the date done and what was done",
)
_UNNAMED_COLUMN = Phrase("{number}-й (без заголовка)", "number {number} (no header)")
_ABOVE_HEADER = Phrase(
    "{file}: строки над шапкой таблицы (до строки {line}) не читаются",
    "{file}: the rows above the table's header (before row {line}) are not read",
)
_NO_NUMBERS = Phrase(
    "у мероприятий документа нет номеров: статусы из таблицы ставятся по номерам; "
    "пронумеруйте мероприятия (поле number)",
    "the document's activities have no numbers: a table's statuses are put by number; number "
    "the activities (the field number)",
)
_NO_NUMBER = Phrase(
    "в строке нет номера мероприятия (столбец «{header}»): к какому мероприятию она "
    "относится, не понять",
    "the row has no activity number (column «{header}»): which activity it is for cannot be told",
)
_UNKNOWN_NUMBER = Phrase(
    "столбец «{header}»: мероприятия с номером «{number}» в документе нет{near}",
    "column «{header}»: the document has no activity numbered «{number}»{near}",
)
_NEAR = Phrase("; ближайшие номера: {numbers}", "; the nearest numbers: {numbers}")
_EXCEL_DATE = Phrase(
    "столбец «{header}»: вместо номера — дата {text}: Excel принял номер за дату; задайте "
    "столбцу текстовый формат и введите номер заново",
    "column «{header}»: a date {text} instead of a number: Excel took the number for a date; "
    "give the column the text format and type the number again",
)
_NUMBER_TWICE = Phrase(
    "столбец «{header}»: мероприятие {number} уже указано в строке {line}: одно из значений "
    "пропало бы; оставьте одну строку",
    "column «{header}»: activity {number} is already given on row {line}: one of the values "
    "would be lost; keep one row",
)
_AMBIGUOUS = Phrase(
    "столбец «{header}»: в документе несколько мероприятий с номером «{number}» ({places}): "
    "какое имеется в виду, не понять; исправьте нумерацию в документе",
    "column «{header}»: the document has several activities numbered «{number}» ({places}): "
    "which one is meant cannot be told; fix the numbering of the document",
)
_APPENDIX_NEEDED = Phrase(
    "столбец «{header}»: номер «{number}» есть в приложениях {appendices}: укажите "
    "приложение — столбцом «Приложение» или в самом номере, «{example}»",
    "column «{header}»: number «{number}» is in appendices {appendices}: say which appendix — "
    "in a column «Приложение» or in the number itself, «{example}»",
)
_NO_APPENDICES = Phrase(
    "столбец «{header}»: приложение «{appendix}» указано, а у документа приложений с планами "
    "нет; пишите только номер мероприятия",
    "column «{header}»: appendix «{appendix}» is given, but the document has no appendices with "
    "plans; write the activity number alone",
)
_UNKNOWN_APPENDIX = Phrase(
    "столбец «{header}»: приложения «{appendix}» в документе нет; приложения с планами: {known}",
    "column «{header}»: the document has no appendix «{appendix}»; the appendices with plans: "
    "{known}",
)
_TWO_APPENDICES = Phrase(
    "приложение указано дважды и по-разному: «{column}» в столбце «{header}» и «{number}» в номере",
    "the appendix is given twice and differently: «{column}» in column «{header}» and "
    "«{number}» in the number",
)
_BAD_STATUS = Phrase(
    "столбец «{header}»: не понятно, что значит «{text}»; состояние пишется словом — {words} "
    "(или в работе, done, in_progress, not_done, postponed, cancelled), можно с датой и "
    "подтверждением: «Выполнено 12.10.2024, протокол № 3»",
    "column «{header}»: «{text}» is not a status; a status is one of {words} (or в работе, "
    "done, in_progress, not_done, postponed, cancelled), possibly with the date and the "
    "evidence: «Выполнено 12.10.2024, протокол № 3»",
)
_BAD_DATE = Phrase(
    "столбец «{header}»: дата «{text}» не понятна ({detail}); пишите ДД.ММ.ГГГГ, «12.10.2024»",
    "column «{header}»: the date «{text}» cannot be read ({detail}); write DD.MM.YYYY, "
    "«12.10.2024»",
)
_A_NUMBER = Phrase(
    "это число, а не дата: в Excel задайте столбцу формат даты",
    "it is a number, not a date: give the column a date format in Excel",
)
_TWO_DATES = Phrase(
    "дата выполнения указана дважды и по-разному: {mark} в столбце «{status}» и {date} в "
    "столбце «{header}»; оставьте одну",
    "the date done is given twice and differently: {mark} in column «{status}» and {date} in "
    "column «{header}»; keep one",
)
_BAD_TEXT = Phrase("столбец «{header}»: {detail}", "column «{header}»: {detail}")
_NOT_YAML = Phrase(
    "документ со статусами записывается в YAML (.yaml, .yml), а не в «{name}»",
    "the document with statuses is written as YAML (.yaml, .yml), not «{name}»",
)
_OVER_SOURCE = Phrase(
    "-o называет сам исходный документ: он записывается заново из данных, без своих "
    "комментариев и оформления; запишите копию в другой файл",
    "-o names the source document itself: it is written anew from its data, without its "
    "comments and layout; write the copy to another file",
)
_HEADING = Phrase(
    "# Статусы внесены из {table}: roadmapdocs status. Файл записан заново из данных:\n"
    "# комментарии и оформление исходного документа сюда не перенесены.\n",
    "# Statuses merged from {table}: roadmapdocs status. The file is written anew from the\n"
    "# data: the comments and layout of the source document are not carried over.\n",
)


# The document's activities ----------------------------------------------------------------


@dataclass(frozen=True)
class _Target:
    """An activity a row may name: where it is, its number as written, its appendix."""

    path: PathKey
    number: str
    appendix: str | None


class _Activities:
    """The numbered activities of a document by number, and its appendices with plans."""

    def __init__(self, document: DocumentBase) -> None:
        self.document = document
        self.by_number: dict[str, list[_Target]] = {}
        self.appendices: list[str] = []
        spec = spec_of(document)
        listed = list(getattr(document, spec.appendices, None) or ()) if spec.appendices else []
        shown: dict[int, dict[int, str]] = {}
        for path, activity, plan in activities(document):
            appendix = None
            if spec.appendices and path[0] == spec.appendices and isinstance(path[1], int):
                written = getattr(listed[path[1]], "number", None)
                appendix = _appendix_key(written) if written else str(path[1] + 1)
                if appendix not in self.appendices:
                    self.appendices.append(appendix)
            number = activity.number
            if not (number and number_key(number)):
                # An unnumbered activity goes by the number the report prints for it: «2.3».
                # Only in a plan that numbers none, where such a number cannot be another's.
                if id(plan) not in shown:
                    numbered = any(a.number for a in plan.walk())
                    shown[id(plan)] = {} if numbered else shown_numbers(plan)
                number = shown[id(plan)].get(id(activity))
            if number and number_key(number):
                found = _Target(path, number, appendix)
                self.by_number.setdefault(number_key(number), []).append(found)

    def shown(self, target: _Target) -> str:
        number = number_key(target.number)
        return f"{target.appendix}:{number}" if len(self.appendices) > 1 else number

    def nearest(self, number: str, appendix: str | None) -> list[str]:
        keys = [
            key
            for key, found in self.by_number.items()
            if appendix is None or any(t.appendix == appendix for t in found)
        ]
        wanted = _parts(number)
        if wanted is None:
            close = difflib.get_close_matches(number, keys, n=3, cutoff=0.5)
        else:
            # The numbers just before and just after it, as the plan orders them.
            ordered = sorted((parts, key) for key in keys if (parts := _parts(key)) is not None)
            at = bisect.bisect(ordered, (wanted, number))
            close = [key for _, key in ordered[max(at - 1, 0) : at + 1]]
        if appendix is not None and len(self.appendices) > 1:
            return [f"{appendix}:{key}" for key in close]
        return close

    def places(self, found: Sequence[_Target]) -> str:
        return "; ".join(str(locate(self.document, t.path)) for t in found)


# The table --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Columns:
    """Which column of the table holds what: a role → its index and header."""

    at: dict[str, int]
    header: list[str]

    def cell(self, cells: Sequence[str], role: str) -> str:
        index = self.at.get(role)
        return cells[index] if index is not None and index < len(cells) else ""

    def name(self, role: str) -> str:
        return self.header[self.at[role]]


def _header_row(table: Table) -> tuple[int, int, list[str]]:
    """Where the header stands — its index among the rows (the table's own header is -1), its
    line — and its cells: the first row naming a number column, else the table's header."""
    candidates = [(table.header_line, table.header), *table.rows]
    for index, (line, cells) in enumerate(candidates[:20]):
        if any(_BY_HEADER.get(_header_key(c)) == NUMBER for c in cells):
            return index - 1, line, cells
    return -1, table.header_line, table.header


def _columns(
    table: Table, file: str, header: list[str], line: int
) -> tuple[_Columns, list[int], list[str]]:
    """The roles of the header's columns, the columns without a header and those no synonym
    names; the problems of a header that cannot be read raise :class:`StatusTableError`."""
    where = table.where(file, line)
    at: dict[str, int] = {}
    unnamed: list[int] = []
    unknown: list[str] = []
    problems: list[Problem] = []
    for index, name in enumerate(header):
        if not name:
            unnamed.append(index)
            continue
        role = _BY_HEADER.get(_header_key(name))
        if role is None:
            unknown.append(name)
        elif role in at:
            message = _COLUMN_TWICE.format(
                first=header[at[role]], second=name, role=_ROLE_NAMES[role]
            )
            problems.append(
                Problem(table.where(file, line, index + 1), "column_twice", message.in_())
            )
        else:
            at[role] = index
    found = ", ".join(f"«{h}»" for h in header if h) or "—"
    if NUMBER not in at:
        problems.append(
            Problem(where, "no_number_column", _NO_NUMBER_COLUMN.format(found=found).in_())
        )
    if not any(role in at for role in _FIELDS):
        problems.append(
            Problem(where, "no_status_column", _NO_FIELD_COLUMN.format(found=found).in_())
        )
    if problems:
        raise StatusTableError(problems)
    return _Columns(at, header), unnamed, unknown


def _warnings(
    table: Table, file: str, start: int, line: int, unnamed: list[int], unknown: list[str]
) -> list[Phrase]:
    names = [Phrase(f"«{name}»", f"«{name}»") for name in unknown]
    rows = table.rows[start + 1 :]
    for index in unnamed:
        if any(index < len(cells) and cells[index] for _, cells in rows):
            names.append(_UNNAMED_COLUMN.format(number=index + 1))
    found: list[Phrase] = []
    if start >= 0:
        found.append(_ABOVE_HEADER.format(file=file, line=line))
    if names:
        said = _UNKNOWN_COLUMN if len(names) == 1 else _UNKNOWN_COLUMNS
        listed = Phrase(", ".join(n.ru for n in names), ", ".join(n.en for n in names))
        found.append(said.format(file=file, names=listed))
    return found


# Rows -------------------------------------------------------------------------------------


@dataclass
class _Row:
    """One row of the table, read: where it is and the problems found in it."""

    table: Table
    file: str
    line: int
    cells: list[str]
    columns: _Columns
    problems: list[Problem] = field(default_factory=list)

    def cell(self, role: str) -> str:
        return self.columns.cell(self.cells, role)

    def problem(self, role: str, kind: str, message: Phrase) -> None:
        column = self.columns.at[role] + 1
        where = self.table.where(self.file, self.line, column)
        self.problems.append(Problem(where, kind, message.in_()))

    def header(self, role: str) -> str:
        return self.columns.name(role)


_EXCEL_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}(?:T[\d:]+)?$")


def _target(row: _Row, known: _Activities) -> _Target | None:
    """The activity the row names, or None (and a problem) when it names none or several."""
    header = row.header(NUMBER)
    written = row.cell(NUMBER)
    if _EXCEL_DAY.match(written):
        row.problem(NUMBER, "number_is_date", _EXCEL_DATE.format(header=header, text=written))
        return None
    appendix: str | None = None
    number = number_key(written)
    head, colon, tail = number.partition(":")
    if colon and head and tail:
        appendix, number = _appendix_key(head), number_key(tail)
    if APPENDIX in row.columns.at and row.cell(APPENDIX):
        given = _appendix_key(row.cell(APPENDIX))
        if appendix is not None and appendix != given:
            message = _TWO_APPENDICES.format(
                column=row.cell(APPENDIX), header=row.header(APPENDIX), number=head
            )
            row.problem(NUMBER, "appendix_twice", message)
            return None
        appendix = given
    if appendix is not None:
        if not known.appendices:
            row.problem(
                NUMBER, "no_appendices", _NO_APPENDICES.format(header=header, appendix=appendix)
            )
            return None
        if appendix not in known.appendices:
            message = _UNKNOWN_APPENDIX.format(
                header=header, appendix=appendix, known=", ".join(known.appendices)
            )
            row.problem(NUMBER, "unknown_appendix", message)
            return None
    found = [t for t in known.by_number.get(number, []) if appendix in (None, t.appendix)]
    shown = f"{appendix}:{number}" if appendix is not None else number
    if not found:
        near = known.nearest(number, appendix)
        hint = _NEAR.format(numbers=", ".join(near)) if near else Phrase("", "")
        message = _UNKNOWN_NUMBER.format(header=header, number=shown, near=hint)
        row.problem(NUMBER, "unknown_number", message)
        return None
    if len(found) > 1:
        appendices = list(dict.fromkeys(t.appendix for t in found))
        if appendix is None and len(appendices) > 1:
            message = _APPENDIX_NEEDED.format(
                header=header,
                number=number,
                appendices=", ".join(str(a) for a in appendices),
                example=f"{appendices[-1]}:{number}",
            )
            row.problem(NUMBER, "appendix_needed", message)
        else:
            places = known.places(found)
            message = _AMBIGUOUS.format(header=header, number=shown, places=places)
            row.problem(NUMBER, "ambiguous_number", message)
        return None
    return found[0]


def _field_error(name: str, value: str) -> str | None:
    """What the model finds wrong with ``value`` for the activity's field ``name``, worded."""
    try:
        Activity.model_validate({name: value})
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        return pydantic_message(error["type"], error.get("ctx") or {}, error["msg"], current())
    return None


def _changes(row: _Row) -> dict[str, str]:
    """The fields the row sets, as a document's data writes them; problems go to the row."""
    changes: dict[str, str] = {}
    reports: list[str] = []
    marked_day = None
    written = row.cell(STATUS)
    if written:
        status: Status | None = parse_status(written)
        if status is None:
            mark = read_mark(written)
            if mark is None:
                words = ", ".join(WORDS)
                message = _BAD_STATUS.format(header=row.header(STATUS), text=written, words=words)
                row.problem(STATUS, "bad_status", message)
            else:
                status, marked_day = mark.status, mark.done
                if marked_day is not None:
                    changes[DONE] = marked_day.isoformat()
                if mark.report:
                    reports.append(mark.report)
        if status is not None:
            changes[STATUS] = status.value
    day = row.cell(DONE)
    if day:
        header = row.header(DONE)
        detail = _A_NUMBER.in_() if day.isdigit() else _field_error(DONE, day)
        if detail is not None:
            message = _BAD_DATE.format(header=header, text=day, detail=detail)
            row.problem(DONE, "bad_date", message)
        else:
            read = Activity.model_validate({DONE: day}).done
            if marked_day is not None and read != marked_day:
                message = _TWO_DATES.format(
                    mark=f"{marked_day:%d.%m.%Y}",
                    status=row.header(STATUS),
                    date=day,
                    header=header,
                )
                row.problem(DONE, "two_dates", message)
            changes[DONE] = day
    text = row.cell(REPORT)
    if text:
        detail = _field_error(REPORT, text)
        if detail is not None:
            row.problem(
                REPORT, "bad_text", _BAD_TEXT.format(header=row.header(REPORT), detail=detail)
            )
        elif text not in reports:
            reports.append(text)
    if reports:
        changes[REPORT] = "\n".join(reports)
    return changes


# Merging ----------------------------------------------------------------------------------


def merge_statuses(document: DocumentT, table: str | os.PathLike[str]) -> Merged[DocumentT]:
    """A copy of ``document`` with the statuses, dates and reports of ``table`` (.csv or .xlsx)
    put on the activities its rows name by number; ``document`` itself is left as it is.

    Raises :class:`StatusTableError` listing every problem of the table — a number no activity
    has or several have, a number given twice, a status or a date that cannot be read, a
    header missing — each with the table's file, row and column; nothing is merged then.
    """
    file = str(table)
    read = read_rows(table)
    start, line, header = _header_row(read)
    columns, unnamed, unknown = _columns(read, file, header, line)
    warnings = _warnings(read, file, start, line, unnamed, unknown)
    known = _Activities(document)
    # A row that fills nothing but its number puts nothing: a section's row of a copied plan.
    rows = [
        (number, cells)
        for number, cells in read.rows[start + 1 :]
        if any(columns.cell(cells, role) for role in _FIELDS)
    ]
    if rows and not known.by_number:
        source = source_of(document)
        where = Location(source.file if source is not None and source.file else file)
        raise StatusTableError([Problem(where, "no_numbers", _NO_NUMBERS.in_())])
    problems: list[Problem] = []
    changes: dict[PathKey, dict[str, str]] = {}
    seen: dict[PathKey, int] = {}
    for number, cells in rows:
        row = _Row(read, file, number, cells, columns)
        if not row.cell(NUMBER):
            row.problem(NUMBER, "no_number", _NO_NUMBER.format(header=row.header(NUMBER)))
        else:
            target = _target(row, known)
            values = _changes(row)
            if target is not None:
                first = seen.get(target.path)
                if first is not None:
                    message = _NUMBER_TWICE.format(
                        header=row.header(NUMBER), number=known.shown(target), line=first
                    )
                    row.problem(NUMBER, "number_twice", message)
                else:
                    seen[target.path] = number
                    changes[target.path] = values
        problems.extend(row.problems)
    if problems:
        raise StatusTableError(problems)
    data = to_data(cast(Document, document))
    for path, values in changes.items():
        node: Any = data
        for key in path:
            node = node[key]
        node.update(values)
    merged = cast(DocumentT, load(data))
    updated = sum(1 for path in changes if _state(document, path) != _state(merged, path))
    return Merged(merged, updated, len(changes), warnings)


def _state(document: DocumentBase, path: PathKey) -> tuple[Any, ...]:
    node: Any = document
    for key in path:
        node = node[key] if isinstance(key, int) else getattr(node, key)
    return (node.status, node.done, node.report)


def to_yaml(document: DocumentBase, table: str | os.PathLike[str]) -> str:
    """The merged document as YAML, opening with a comment on where its statuses came from
    and that the source's own comments are not in it."""
    heading = _HEADING.format(table=Path(table).name).in_()
    return heading + dumps(cast(Document, document))


def check_output(source: str | os.PathLike[str], output: str | os.PathLike[str]) -> None:
    """Refuse an output that is not YAML, or that is the source document itself: the copy is
    written from the data, and the source's comments and layout would be lost with it."""
    target = Path(output)
    if target.suffix.lower() not in (".yaml", ".yml"):
        raise OutputError(_NOT_YAML.format(name=target.name), Location(str(output)))
    original = Path(source)
    same = target.resolve() == original.resolve()
    if not same and target.exists() and original.exists():
        same = os.path.samefile(target, original)
    if same:
        raise OutputError(_OVER_SOURCE, Location(str(output)))
