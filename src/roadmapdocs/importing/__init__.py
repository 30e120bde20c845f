"""Reading the roadmaps, passports, orders and project plans people already keep in Word and
Excel back into roadmapdocs data (``roadmapdocs import``).

A file goes through two steps: a reader (:mod:`.docx`, :mod:`.xlsx`) gives its neutral form
(:mod:`.raw`), and recognition (:mod:`.documents`, :mod:`.order`, :mod:`.plans`,
:mod:`.columns`) turns that into the data of a document, the guesses it made and the text it
could not place (:mod:`.outcome`). The text no field took is kept in the document's ``notes``:
an import never drops what the file said.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from roadmapdocs.errors import ConfigError, Location
from roadmapdocs.importing.outcome import Guess, Imported, Unplaced, refuse
from roadmapdocs.importing.raw import Place, RawDocument
from roadmapdocs.messages import Phrase
from roadmapdocs.sourcemap import PathKey, SourceMap, attach, format_path

if TYPE_CHECKING:
    from roadmapdocs.importing.columns import ColumnMap
    from roadmapdocs.loader import Document

__all__ = [
    "SUFFIXES",
    "Guess",
    "Imported",
    "Unplaced",
    "import_file",
    "is_importable",
    "load_file",
    "read",
    "to_yaml",
]

SUFFIXES = (".docx", ".xlsx")
"""The files an import reads."""

_UNKNOWN = Phrase(
    "импортировать можно файлы Word (.docx) и Excel (.xlsx), а не «{suffix}»",
    "only Word (.docx) and Excel (.xlsx) files can be imported, not «{suffix}»",
)


_NOTHING_RECOGNISED = frozenset({"kind", "level", "title", "notes"})
"""The fields a document has when nothing of it was recognised."""
_NOT_RECOGNISED = Phrase(
    "в файле не найдено ни плана мероприятий, ни приказа, ни паспорта: нет ни таблицы плана, "
    "ни знакомых разделов; если это всё же документ roadmapdocs, укажите вид: --kind",
    "the file holds no plan, order or passport: no plan table and no section it knows; if it "
    "is a roadmapdocs document all the same, give its kind: --kind",
)
_FOOTNOTE = Phrase("Сноска {number}: {text}", "Footnote {number}: {text}")


def is_importable(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` names a Word or Excel file, which an import reads."""
    return Path(path).suffix.lower() in SUFFIXES


def read(path: str | os.PathLike[str]) -> RawDocument:
    """The file's neutral form, by its suffix; a located :class:`LoadError` for anything else."""
    suffix = Path(path).suffix.lower()
    if suffix == ".docx":
        from roadmapdocs.importing.docx import read as read_word

        return read_word(path)
    if suffix == ".xlsx":
        from roadmapdocs.importing.xlsx import read as read_workbook

        return read_workbook(path)
    raise refuse(path, "unknown_suffix", _UNKNOWN.format(suffix=suffix))


_BAD_COLUMNS = Phrase("[import.columns]: {detail}", "[import.columns]: {detail}")


def columns_beside(folder: Path) -> ColumnMap:
    """The column headers a plan table is read by: the built-in synonyms and those of the
    ``[import.columns]`` table of the settings file nearest to ``folder`` (``roadmapdocs.toml``
    or ``[tool.roadmapdocs.import.columns]``): ``"Срок исполнения" = "deadline"``."""
    from roadmapdocs.importing.columns import DEFAULT
    from roadmapdocs.rules.config import settings_table

    found = settings_table(folder)
    if found is None:
        return DEFAULT
    table, source = found
    section = table.get("import", {})
    mapping = section.get("columns", {}) if isinstance(section, dict) else {}
    if not mapping:
        return DEFAULT
    if not isinstance(mapping, dict):
        raise ConfigError(_BAD_COLUMNS.format(detail=repr(mapping)), Location(source))
    try:
        return DEFAULT.extended({str(k): str(v) for k, v in mapping.items()})
    except ValueError as error:
        raise ConfigError(_BAD_COLUMNS.format(detail=str(error)), Location(source)) from None


def import_file(path: str | os.PathLike[str], *, kind: str | None = None) -> Imported:
    """The document in a Word or Excel file, recognised (of ``kind``, or of the kind it looks
    like), with what no field took put in its ``notes``."""
    from roadmapdocs.importing.documents import recognise

    raw = read(path)
    found = recognise(raw, kind, columns_beside(Path(path).parent))
    if kind is None and not set(found.data) - _NOTHING_RECOGNISED:
        raise refuse(path, "not_recognised", _NOT_RECOGNISED)
    for number, footnote in enumerate(raw.footnotes, start=1):
        # A footnote has no field of its own in any kind: kept with its number, not lost.
        found.unplaced.append(
            Unplaced(Place(), _FOOTNOTE.format(number=number, text=footnote).in_())
        )
    if found.unplaced:
        notes = list(found.data.get("notes") or [])
        start = len(notes)
        notes.extend(item.text for item in found.unplaced)
        found.data["notes"] = notes
        for index, item in enumerate(found.unplaced, start=start):
            found.places.setdefault(("notes", index), item.place)
    return found


class ImportedSourceMap(SourceMap):
    """Where each value of an imported document stood in its Word or Excel file: a table, a row,
    a paragraph, in the terms the file's user finds it by."""

    def __init__(self, file: str, places: dict[PathKey, Place]) -> None:
        super().__init__(file)
        self.places = places

    def locate(self, path: PathKey, *, at_key: bool = False) -> Location:
        for end in range(len(path), -1, -1):
            place = self.places.get(path[:end])
            if place is not None:
                return Location(
                    self.file,
                    column=place.column,
                    path=format_path(path),
                    table=place.table,
                    row=place.row,
                    paragraph=place.paragraph,
                    sheet=place.sheet,
                )
        return Location(self.file, path=format_path(path))


def load_file(path: str | os.PathLike[str], *, kind: str | None = None) -> Document:
    """The document in a Word or Excel file, ready to validate and render: its findings are
    located in the file («таблица 2, строка 14»)."""
    from roadmapdocs.loader import load

    imported = import_file(path, kind=kind)
    document = load(imported.data)
    attach(document, ImportedSourceMap(str(path), imported.places))
    return document


def to_yaml(imported: Imported, source: str | os.PathLike[str]) -> str:
    """The imported document as YAML, opening with what was guessed and what could not be
    placed, as comments to check."""
    from roadmapdocs.loader import dumps, load

    lines = [f"# Импортировано из {Path(source).name}: roadmapdocs import."]
    if imported.guesses:
        lines.append("# Распознано по догадке — проверьте:")
        lines += [f"#   {_where(g.place)}{g.text}" for g in imported.guesses]
    if imported.unplaced:
        lines.append("# Не нашлось поля — этот текст перенесён в notes, разнесите его сами:")
        lines += [f"#   {_where(u.place)}{_one_line(u.text)}" for u in imported.unplaced]
    return "\n".join(lines) + "\n" + dumps(load(imported.data))


def _where(place: Place) -> str:
    described = place.describe()
    return f"{described}: " if described else ""


def _one_line(text: str, width: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
