"""The one exception hierarchy of roadmapdocs: every error a user can cause carries a location.

Tracebacks are for bugs only. Anything a methodologist can get wrong — a malformed file, an
unknown template, a missing LibreOffice, an output that cannot be written — raises a subclass of
:class:`RoadmapdocsError` whose message says what is wrong and where, in Russian by default.
"""

from __future__ import annotations

from dataclasses import dataclass

from roadmapdocs.messages import Phrase

_NO_FILE = Phrase("<ввод>", "<input>")
"""Where a text given without a file stands."""
_TABLE = Phrase("таблица {number}", "table {number}")
_ROW = Phrase("строка {number}", "row {number}")
_COLUMN = Phrase("столбец {number}", "column {number}")
_PARAGRAPH = Phrase("абзац {number}", "paragraph {number}")
_SHEET = Phrase("лист «{sheet}»", "sheet «{sheet}»")


@dataclass(frozen=True)
class Location:
    """Where a problem is: a file, a line and column in it (1-based), and a field path."""

    file: str | None = None
    line: int | None = None
    column: int | None = None
    path: str | None = None
    table: int | None = None
    """In a Word or Excel file, which has no lines: the table's number, from 1 (``column``
    then is the table's column)."""
    row: int | None = None
    """The row's number in its table, from 1."""
    paragraph: int | None = None
    """The paragraph's number among the body's paragraphs outside tables, from 1."""
    sheet: str | None = None
    """The sheet of a workbook."""

    @property
    def within(self) -> str:
        """Where in a Word or Excel file, in its user's terms: «таблица 2, строка 14», «абзац 7»,
        «лист «План», строка 3»; "" for a text file."""
        parts = []
        if self.sheet is not None:
            parts.append(_SHEET.format(sheet=self.sheet).in_())
        elif self.table is not None:
            parts.append(_TABLE.format(number=self.table).in_())
        if self.row is not None:
            parts.append(_ROW.format(number=self.row).in_())
            if self.column is not None and self.line is None:
                parts.append(_COLUMN.format(number=self.column).in_())
        if self.paragraph is not None:
            parts.append(_PARAGRAPH.format(number=self.paragraph).in_())
        return ", ".join(parts)

    def __str__(self) -> str:
        place = self.file or _NO_FILE.in_()
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        elif self.within:
            place += f": {self.within}"
        return place


@dataclass(frozen=True)
class Problem:
    """One located problem in an input: what kind it is (machine-readable) and what it means."""

    location: Location
    type: str
    message: str

    def __str__(self) -> str:
        path = f" {self.location.path}:" if self.location.path else ""
        return f"{self.location}:{path} {self.message}"


class RoadmapdocsError(Exception):
    """Base of every error a user of roadmapdocs can cause.

    The message is text, or a :class:`~roadmapdocs.messages.Phrase` worded in the language of
    the call that raises it (``render(..., lang="en")`` raises English errors).
    """

    def __init__(self, message: str | Phrase, location: Location | None = None) -> None:
        worded = message.in_() if isinstance(message, Phrase) else message
        super().__init__(worded)
        self.message = worded
        self.location = location

    def __str__(self) -> str:
        if self.location is None:
            return self.message
        return f"{self.location}: {self.message}"


class LoadError(RoadmapdocsError):
    """A document could not be loaded; :attr:`problems` lists every problem found, each located."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        first = self.problems[0].location if self.problems else None
        super().__init__("\n".join(str(p) for p in self.problems), first)

    def __str__(self) -> str:
        return self.message


class LimitExceeded(RoadmapdocsError):
    """An input or a render went past one of the bounds of :mod:`roadmapdocs.limits`.

    :attr:`limit` names the bound (``"yaml_nodes"``), so a caller can tell which to raise.
    """

    def __init__(
        self, message: str | Phrase, location: Location | None = None, *, limit: str = ""
    ) -> None:
        super().__init__(message, location)
        self.limit = limit


class ConfigError(RoadmapdocsError):
    """The rule configuration names a rule that does not exist or a severity that does not."""


class RuleConflict(RoadmapdocsError):
    """Two providers register the same rule code or name."""


class KindError(RoadmapdocsError):
    """A document kind is unknown, or a plugin declares one wrongly or twice."""


class TemplateError(RoadmapdocsError):
    """A template is missing, broken, or uses what the template contract does not offer."""


class TemplateNotFound(TemplateError):
    """No template of that name in any place of the search order."""


class TemplateSecurityError(TemplateError):
    """A template tried to reach Python internals or to change data through the sandbox."""


class RenderError(RoadmapdocsError):
    """A document could not be rendered or written."""


class OutputError(RenderError):
    """The output file cannot be written (folder missing, no permission, disk full)."""


class SofficeNotFound(RenderError):
    """PDF was asked for and LibreOffice (soffice) is not installed or not found."""


class ConversionError(RenderError):
    """LibreOffice ran but did not produce the PDF."""


class DeclensionError(RoadmapdocsError):
    """A name cannot be declined: it is not readable as a name, or more must be said about it."""


class GenderUnknown(DeclensionError):
    """The declension of a name depends on a gender that nothing in the name decides."""


class FontSubstituted(UserWarning):
    """LibreOffice will print a document in another font than the one its template asks for."""
