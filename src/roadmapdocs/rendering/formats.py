"""Output formats: what a rendered document can be saved as, and how each is made.

Every document is rendered to .docx first. A format knows its suffix and what turns that .docx
into its own file: nothing for Word, LibreOffice for PDF and ODT. The format of an output
follows its suffix; a format asked for that the suffix contradicts is refused, as is a suffix
no format has, before anything is rendered.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from roadmapdocs.errors import ConversionError, Location, OutputError
from roadmapdocs.messages import Phrase
from roadmapdocs.rendering.pdf import ODT, PDF, Converter, Export, OfficeConverter, SofficeRun

Render = Callable[[Path], Path]
"""Renders the document as .docx to the path it is given and returns that path."""

_UNKNOWN_FORMAT = Phrase(
    "неизвестный формат «{name}»: ожидается {known}",
    "unknown format «{name}»: expected {known}",
)
_UNKNOWN_SUFFIX = Phrase(
    "неизвестное расширение «{suffix}»: ожидается {known}",
    "unknown file extension «{suffix}»: expected {known}",
)
_NO_SUFFIX = Phrase(
    "у файла нет расширения: ожидается {known}",
    "the file has no extension: expected {known}",
)
_CONTRADICTION = Phrase(
    "формат {name} не совпадает с расширением «{suffix}»: назовите файл «{fixed}»",
    "format {name} does not match the extension «{suffix}»: name the file «{fixed}»",
)
_NO_FOLDER = Phrase("папка «{folder}» не существует", "folder «{folder}» does not exist")


class OutputFormat(Protocol):
    """A kind of output file: its name (``docx``), its suffix, and how it is made."""

    @property
    def name(self) -> str: ...

    @property
    def suffix(self) -> str: ...

    def converter(self, *, long_lived: bool = False) -> Converter | None:
        """What turns the rendered .docx into this format, ready to use (it fails here when
        that cannot be made); ``long_lived`` asks for a LibreOffice kept running. None when
        the .docx is the output itself. The caller closes it."""
        ...

    def make(self, render: Render, target: Path, converter: Converter | None = None) -> Path:
        """Write ``target``: render, then convert with ``converter`` (by default a new one)."""
        ...


def _check_folder(target: Path) -> None:
    """Refuse an output whose folder is missing before any work is done for it."""
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(_NO_FOLDER.format(folder=folder), Location(str(target)))


@dataclass(frozen=True)
class WordFormat:
    """Word: the rendered .docx is the output."""

    name: str = "docx"
    suffix: str = ".docx"

    def converter(self, *, long_lived: bool = False) -> Converter | None:
        return None

    def make(self, render: Render, target: Path, converter: Converter | None = None) -> Path:
        _check_folder(target)
        return render(target)


@dataclass(frozen=True)
class OfficeFormat:
    """A format LibreOffice writes from the rendered .docx."""

    export: Export

    @property
    def name(self) -> str:
        return self.export.extension

    @property
    def suffix(self) -> str:
        return "." + self.export.extension

    def converter(self, *, long_lived: bool = False) -> Converter:
        if long_lived:
            return OfficeConverter(export=self.export)
        return SofficeRun(self.export)

    def make(self, render: Render, target: Path, converter: Converter | None = None) -> Path:
        office = converter or self.converter()  # fails before rendering without LibreOffice
        try:
            _check_folder(target)
            with tempfile.TemporaryDirectory(prefix="roadmapdocs-") as work:
                scratch = Path(work) / "document.docx"
                try:
                    office.convert(render(scratch), target)
                except ConversionError as error:
                    # The scratch .docx is gone with its folder: the output is the place to name.
                    if error.location is None or error.location.file != str(scratch):
                        raise
                    raise ConversionError(error.message, Location(str(target))) from None
        finally:
            if converter is None:
                office.close()
        return target


FORMATS: Mapping[str, OutputFormat] = {
    "docx": WordFormat(),
    "pdf": OfficeFormat(PDF),
    "odt": OfficeFormat(ODT),
}


def _known() -> str:
    return ", ".join(f.suffix for f in FORMATS.values())


def named(name: str, where: Location | None = None) -> OutputFormat:
    """The format called ``name`` (docx, pdf, odt); ``where`` is the output it is asked for."""
    found = FORMATS.get(name.lower())
    if found is None:
        raise OutputError(_UNKNOWN_FORMAT.format(name=name, known=", ".join(FORMATS)), where)
    return found


def for_output(target: Path, asked: str | None = None) -> OutputFormat:
    """The format of the output ``target``: the one its suffix names, which ``asked`` (when
    given) must agree with."""
    where = Location(str(target))
    chosen = named(asked, where) if asked is not None else None
    suffix = target.suffix.lower()
    by_suffix = next((f for f in FORMATS.values() if f.suffix == suffix), None)
    if chosen is not None and by_suffix is not None and chosen is not by_suffix:
        fixed = target.with_suffix(chosen.suffix).name
        raise OutputError(
            _CONTRADICTION.format(name=chosen.name, suffix=target.suffix, fixed=fixed), where
        )
    if by_suffix is None:
        if not suffix:
            raise OutputError(_NO_SUFFIX.format(known=_known()), where)
        raise OutputError(_UNKNOWN_SUFFIX.format(suffix=target.suffix, known=_known()), where)
    return by_suffix
