"""The rendering entry point of the public API: a few lines over :mod:`roadmapdocs.pipeline`."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from roadmapdocs import pipeline
from roadmapdocs.messages import DEFAULT_LANG, Lang, language
from roadmapdocs.model.document import DocumentBase
from roadmapdocs.pipeline import resolve_template
from roadmapdocs.rules import Finding

if TYPE_CHECKING:
    from roadmapdocs.templates import Registry, Template

__all__ = ["render", "resolve_template"]


def render(
    document: DocumentBase,
    out: str | os.PathLike[str],
    *,
    template: str | Template | None = None,
    format: Literal["docx", "pdf", "odt"] | None = None,
    settings: dict[str, Any] | None = None,
    registry: Registry | None = None,
    annotate: bool | Iterable[Finding] = False,
    lang: Lang = DEFAULT_LANG,
) -> Path:
    """Render ``document`` to ``out`` and return the path.

    The format follows the suffix of ``out``: .docx (Word), .pdf or .odt (both made by
    LibreOffice from the Word file). ``format``, when given, must agree with the suffix; a
    suffix of no format, or one that contradicts ``format``, raises
    :class:`~roadmapdocs.OutputError` before anything is written. ``settings`` override the
    template's settings. The output is written atomically: a failed render leaves no file and
    keeps an old one.

    ``annotate`` puts findings into the document as Word comments, each on the table row or
    paragraph of the element it concerns (one comment per finding; what cannot be placed goes
    on the title and names its field). ``True`` checks the document (as does the ``annotate``
    setting) with the rule settings of the folder of the file it was loaded from — the
    ``roadmapdocs.toml`` that ``roadmapdocs validate`` follows — or the default rules for a
    document built in Python; an iterable of :class:`~roadmapdocs.Finding` — a
    :class:`~roadmapdocs.Report` from :func:`roadmapdocs.validate` with your own selection —
    is used as given. ``lang`` is the language of those checks, of the comments' labels and of
    every error this call raises.
    """
    with language(lang):
        target = Path(out)
        output = pipeline.output_format(target, format)
        rendering = pipeline.Rendering(template, registry, settings)
        return rendering.write(document, target, output, annotate=annotate, lang=lang)
