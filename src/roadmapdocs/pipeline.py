"""The one way from a document to an output file: load, find the rule settings, validate, render,
convert.

:func:`roadmapdocs.render`, every command of the command line and the workers of a batch go
through these steps, so that a document is checked the same way wherever it is rendered: by
the settings file nearest to the file it was loaded from (default rules for a document built in
Python), with a selection on top. Rendering is imported only by the step that renders, so that
loading and checking do not pay for it.
"""

from __future__ import annotations

import functools
import os
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from roadmapdocs import collector, importing, limits
from roadmapdocs.errors import FontSubstituted, RoadmapdocsError, TemplateError
from roadmapdocs.limits import Limits
from roadmapdocs.loader import Document
from roadmapdocs.loader import load as load_document
from roadmapdocs.messages import DEFAULT_LANG, Lang, Phrase
from roadmapdocs.model.document import DocumentBase
from roadmapdocs.rules import Config, Finding, Report, validate
from roadmapdocs.rules.config import limits_beside as config_limits_beside
from roadmapdocs.settings import Settings, Standard
from roadmapdocs.sourcemap import source_of

if TYPE_CHECKING:
    from roadmapdocs.rendering.formats import OutputFormat
    from roadmapdocs.rendering.pdf import Converter
    from roadmapdocs.templates import Registry, Template

_SAME_WIDTHS = Phrase(
    "шрифт «{asked}» не установлен: LibreOffice напечатает «{printed}», у которого те же ширины "
    "букв, так что строки и страницы совпадут с Word",
    "the font «{asked}» is not installed: LibreOffice prints «{printed}», which has the same "
    "letter widths, so lines and pages come out as in Word",
)
_OTHER_WIDTHS = Phrase(
    "шрифт «{asked}» не установлен: LibreOffice напечатает «{printed}», и строки и страницы "
    "могут лечь иначе, чем в Word; установите «{asked}» (docs/templates.md)",
    "the font «{asked}» is not installed: LibreOffice prints «{printed}», and lines and pages "
    "may fall otherwise than in Word; install «{asked}» (docs/templates.md)",
)
_warned: set[str] = set()


def font_substitute(font: str) -> Phrase | None:
    """What to tell the user when LibreOffice will print ``font`` in another family: the one it
    will use, and whether it has the same letter widths; None when ``font`` itself prints."""
    from roadmapdocs.rendering.metrics import METRIC_TWINS, printed_family

    printed = printed_family(font)
    if printed is None or printed.casefold() == font.casefold():
        return None
    twin = METRIC_TWINS.get(font.casefold()) == printed.casefold()
    return (_SAME_WIDTHS if twin else _OTHER_WIDTHS).format(asked=font, printed=printed)


def warn_if_substituted(font: str) -> None:
    """Warn once per process (:class:`~roadmapdocs.errors.FontSubstituted`) when LibreOffice
    will print ``font`` in another family, naming the one it will use."""
    message = None if font in _warned else font_substitute(font)
    if message is None:
        return
    _warned.add(font)
    # Past this function, Rendering.write and the collector's pause around it: the caller.
    warnings.warn(FontSubstituted(message.in_()), stacklevel=4)


_WRONG_KIND = Phrase(
    "шаблон «{name}» рисует документы вида «{drawn}», а этот документ — «{kind}»",
    "template «{name}» draws documents of kind «{drawn}», and this document is «{kind}»",
)


@dataclass(frozen=True)
class Checks:
    """How documents are validated: rule settings, a selection on top of them, a date.

    Without ``config`` each document follows the settings file nearest to the file it was
    loaded from; ``found`` holds settings already looked up, by folder, so that a batch looks
    each folder up once (searching up the tree costs about half a millisecond). ``standard``,
    the edition of ГОСТ Р 7.0.97 the template being rendered follows, wins over the settings
    file's (:meth:`Rendering.checking` sets it).
    """

    config: Config | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    as_of: date | None = None
    found: Mapping[str, Config] = field(default_factory=dict)
    standard: Standard | None = None

    @classmethod
    def of(
        cls,
        *,
        config: Config | None = None,
        select: Sequence[str] | None = None,
        ignore: Sequence[str] = (),
        as_of: date | None = None,
    ) -> Checks:
        return cls(config, tuple(select) if select is not None else None, tuple(ignore), as_of)


def source_file(document: DocumentBase) -> Path | None:
    """The file ``document`` was loaded from; None for a document built in Python."""
    source = source_of(document)
    return Path(source.file) if source is not None and source.file is not None else None


def settings_beside(file: str | os.PathLike[str]) -> Config:
    """The rule settings of a document file: the settings file nearest to its folder."""
    return Config.discover(Path(file).parent)


def settings_for(document: DocumentBase, found: Mapping[str, Config] | None = None) -> Config:
    """The rule settings of ``document``: those of its file's folder, else the defaults."""
    file = source_file(document)
    if file is None:
        return Config()
    known = (found or {}).get(str(file.parent))
    return known if known is not None else settings_beside(file)


def folder_settings(files: Iterable[str | os.PathLike[str]]) -> dict[str, Config]:
    """The rule settings for the folder of each file, each folder looked up once. A folder whose
    settings cannot be read is left out: each of its documents then reports the error itself."""
    found: dict[str, Config] = {}
    tried: set[str] = set()
    for file in files:
        folder = str(Path(file).parent)
        if folder in tried:
            continue
        tried.add(folder)
        try:
            found[folder] = settings_beside(Path(file))
        except RoadmapdocsError:
            continue
    return found


def limits_beside(file: str | os.PathLike[str]) -> Limits:
    """The bounds on input for a document file: the ``[limits]`` table of the settings file
    nearest to its folder, under those the environment and the code set."""
    return limits.in_settings(config_limits_beside(Path(file).parent))


def load(
    source: str | os.PathLike[str], lang: Lang = DEFAULT_LANG, settings: Config | None = None
) -> Document:
    """Load a document file (YAML or JSON) within the bounds of its folder's settings file
    (``settings``, when the caller has them, saves looking it up again)."""
    bounds = limits.in_settings(settings.limits) if settings is not None else limits_beside(source)
    with limits.using(bounds):
        if importing.is_importable(source):
            # A Word or Excel file the user already has: imported on the fly, its findings
            # located by table, row and paragraph.
            return importing.load_file(source)
        return load_document(Path(source), lang=lang)


def check(document: DocumentBase, checks: Checks = Checks(), lang: Lang = DEFAULT_LANG) -> Report:
    """Validate ``document`` as ``checks`` say."""
    config = checks.config if checks.config is not None else settings_for(document, checks.found)
    if checks.standard is not None:
        config = replace(config, standard=checks.standard)
    return validate(
        cast(Document, document),  # every concrete document is one of the loader's kinds
        config=config,
        select=checks.select,
        ignore=checks.ignore,
        as_of=checks.as_of,
        lang=lang,
    )


@functools.lru_cache(maxsize=4)
def _default_registry(folders_from_env: str | None) -> Registry:
    """The registry of renders that name none, made once per process (and per value of
    ROADMAPDOCS_TEMPLATES): scanning installed packs costs more than rendering a short order.
    A pack installed while the process runs is seen by a ``Registry()`` made after it."""
    from roadmapdocs.templates import Registry

    return Registry()


def resolve_template(
    document: DocumentBase,
    template: str | Template | None = None,
    registry: Registry | None = None,
) -> Template:
    """The template to render ``document`` with: the one named, else its kind and level's default."""
    from roadmapdocs.templates import ENV_VAR, Template

    if isinstance(template, Template):
        return template
    registry = registry or _default_registry(os.environ.get(ENV_VAR))
    if template is None:
        return registry.default_for(document.kind, document.level)
    return registry.get(template)


@dataclass(frozen=True)
class Rendering:
    """How documents are rendered: the template (by name, or the default for each document's
    kind and level), where templates are looked for, and settings over the template's."""

    template: str | Template | None = None
    registry: Registry | None = None
    settings: Mapping[str, Any] | None = None

    def resolve(self, document: DocumentBase) -> Template:
        """The template for ``document``, which must draw documents of its kind."""
        chosen = resolve_template(document, self.template, self.registry)
        if chosen.manifest.kind != document.kind:
            raise TemplateError(
                _WRONG_KIND.format(name=chosen.name, drawn=chosen.manifest.kind, kind=document.kind)
            )
        return chosen

    def checking(self, document: DocumentBase, checks: Checks = Checks()) -> Checks:
        """``checks`` as they hold for ``document`` drawn by this rendering: the edition of
        ГОСТ Р 7.0.97 its template (or ``settings``) names, where one names it, wins over the
        settings file's."""
        template = self.resolve(document)
        return _by_template(checks, template.settings(self._overrides()))

    def _overrides(self) -> dict[str, Any] | None:
        return dict(self.settings) if self.settings is not None else None

    @collector.paused()
    def write(
        self,
        document: DocumentBase,
        target: Path,
        output: OutputFormat,
        *,
        annotate: bool | Iterable[Finding] = False,
        checks: Checks = Checks(),
        lang: Lang = DEFAULT_LANG,
        converter: Converter | None = None,
    ) -> Path:
        """Render ``document`` and make ``target`` of it in ``output``'s format, atomically.

        ``annotate`` puts findings into the document as Word comments: those given, or with
        ``True`` (or the template's ``annotate`` setting) those :func:`check` finds.

        The cycle collector is paused throughout (:mod:`roadmapdocs.collector`), as in loading
        and checking: its first pass after them, started by the template's look-up, walked the
        whole document (a tenth of a 2000-activity render).
        """
        from roadmapdocs.rendering.docx import render_docx
        from roadmapdocs.rendering.formats import OfficeFormat

        template = self.resolve(document)
        merged = template.settings(self._overrides())
        if isinstance(annotate, bool):
            wanted = annotate or merged.annotate
            findings = list(check(document, _by_template(checks, merged), lang)) if wanted else []
        else:
            findings = list(annotate)

        def render(path: Path) -> Path:
            return render_docx(document, template, path, merged, findings=findings, lang=lang)

        if isinstance(output, OfficeFormat):  # LibreOffice prints it: in which font?
            warn_if_substituted(merged.font)

        return output.make(render, target, converter)


def _by_template(checks: Checks, settings: Settings) -> Checks:
    """``checks`` with the edition ``settings`` name, when they name one (a template that says
    nothing leaves the settings file's edition, or the default, in force)."""
    if "standard" not in settings.model_fields_set:
        return checks
    return replace(checks, standard=settings.standard)


def output_format(target: Path, asked: str | None = None) -> OutputFormat:
    """The format of ``target``: by its suffix, which ``asked`` must agree with."""
    from roadmapdocs.rendering.formats import for_output

    return for_output(target, asked)
