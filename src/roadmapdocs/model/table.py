"""A generic data table (exam results per school, score bands) with caption, header rows and cells."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field, model_serializer, model_validator

from roadmapdocs.model.base import Model, Text


class Cell(Model):
    """One cell. A plain string or number in YAML is a cell with that text."""

    text: Text = ""
    colspan: int = Field(default=1, ge=1)
    """Сколько столбцов занимает ячейка."""
    rowspan: int = Field(default=1, ge=1)
    """Сколько строк занимает ячейка."""
    note: Text | None = None
    """Сноска к ячейке: «Указывается параметр «численность»»."""

    @model_validator(mode="before")
    @classmethod
    def _from_scalar(cls, value: Any) -> Any:
        if value is None:
            return {"text": ""}
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            return {"text": str(value)}
        return value

    @model_serializer(mode="wrap")
    def _as_string_when_plain(self, handler: Any) -> Any:
        if self.colspan == 1 and self.rowspan == 1 and self.note is None:
            return self.text
        return handler(self)


def _row(value: Any) -> Any:
    return [value] if isinstance(value, (str, dict)) else value


Row = Annotated[list[Cell], BeforeValidator(_row)]


class Table(Model):
    """A table of data as it stands in the document: caption, header rows, body rows, notes."""

    caption: Text | None = None
    """Заголовок таблицы: «Итоги ЕГЭ 2019/2020 учебного года»."""
    header: list[Row] = Field(default_factory=list)
    """Строки шапки (их может быть несколько)."""
    rows: list[Row] = Field(default_factory=list)
    """Строки данных."""
    notes: list[Text] = Field(default_factory=list)
    """Примечания и сноски под таблицей."""

    @property
    def width(self) -> int:
        """The number of grid columns, counting spans."""
        return max((sum(c.colspan for c in row) for row in [*self.header, *self.rows]), default=0)
