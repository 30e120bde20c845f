"""The rendering entry point of the public API."""

from __future__ import annotations

import functools
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal, cast

from roadmapdocs.errors import Location, OutputError, TemplateError
from roadmapdocs.loader import Document
from roadmapdocs.messages import DEFAULT_LANG, Lang
from roadmapdocs.model.document import DocumentBase
from roadmapdocs.rendering.docx import render_docx
from roadmapdocs.rendering.pdf import convert_to_pdf, find_soffice
from roadmapdocs.rules import Finding, validate
from roadmapdocs.templates import ENV_VAR, Registry, Template


@functools.lru_cache(maxsize=4)
def _default_registry(folders_from_env: str | None) -> Registry:
    """The registry of ``render`` calls that name none, made once per process (and per value of
    ROADMAPDOCS_TEMPLATES): scanning installed packs costs more than rendering a short order.
    A pack installed while the process runs is seen by a ``Registry()`` made after it."""
    return Registry()


def resolve_template(
    document: DocumentBase,
    template: str | Template | None = None,
    registry: Registry | None = None,
) -> Template:
    """The template to render ``document`` with: the one named, else its kind and level's default."""
    if isinstance(template, Template):
        return template
    registry = registry or _default_registry(os.environ.get(ENV_VAR))
    if template is None:
        return registry.default_for(document.kind, document.level)
    return registry.get(template)


def _findings(
    document: DocumentBase, annotate: bool | Iterable[Finding], setting: bool, lang: Lang
) -> list[Finding]:
    """The findings to put into the document: given, found here, or none."""
    if isinstance(annotate, bool):
        # Every concrete document is one of the loader's kinds; the rules are typed by those.
        checked = cast(Document, document)
        return list(validate(checked, lang=lang)) if annotate or setting else []
    return list(annotate)


def render(
    document: DocumentBase,
    out: str | os.PathLike[str],
    *,
    template: str | Template | None = None,
    format: Literal["docx", "pdf"] | None = None,
    settings: dict[str, Any] | None = None,
    registry: Registry | None = None,
    annotate: bool | Iterable[Finding] = False,
    lang: Lang = DEFAULT_LANG,
) -> Path:
    """Render ``document`` to ``out`` (.docx, or .pdf through LibreOffice) and return the path.

    ``format`` defaults to the suffix of ``out``. ``settings`` override the template's settings.
    The output is written atomically: a failed render leaves no file and keeps an old one.

    ``annotate`` puts findings into the document as Word comments, each on the table row or
    paragraph of the element it concerns (one comment per finding; what cannot be placed goes
    on the title and names its field). ``True`` checks the document with the default rules
    (as does the ``annotate`` setting); an iterable of :class:`~roadmapdocs.Finding` — a
    :class:`~roadmapdocs.Report` from :func:`roadmapdocs.validate` with your own selection —
    is used as given. ``lang`` is the language of those checks and of the comments' labels.
    """
    target = Path(out)
    chosen = format or ("pdf" if target.suffix.lower() == ".pdf" else "docx")
    if chosen not in ("docx", "pdf"):
        raise OutputError(
            f"неизвестный формат «{chosen}»: ожидается docx или pdf", Location(str(target))
        )
    resolved = resolve_template(document, template, registry)
    if resolved.manifest.kind != document.kind:
        raise TemplateError(
            f"шаблон «{resolved.name}» рисует документы вида «{resolved.manifest.kind}», "
            f"а этот документ — «{document.kind}»"
        )
    merged = resolved.settings(settings)
    findings = _findings(document, annotate, merged.annotate, lang)
    if chosen == "docx":
        return render_docx(document, resolved, target, merged, findings=findings, lang=lang)
    soffice = find_soffice()  # fail before rendering when PDF cannot be made
    if not target.parent.is_dir():
        raise OutputError(f"папка «{target.parent}» не существует", Location(str(target)))
    with tempfile.TemporaryDirectory(prefix="roadmapdocs-") as work:
        docx = render_docx(
            document, resolved, Path(work) / "document.docx", merged, findings=findings, lang=lang
        )
        convert_to_pdf([docx], [target], soffice=soffice)
    return target
