"""Checking a template before anyone renders with it: manifest, Jinja syntax, variables, a dry run."""

from __future__ import annotations

import datetime as dt
import enum
import os
import re
import tempfile
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta

from roadmapdocs.errors import Location, Problem, RoadmapdocsError
from roadmapdocs.lang.deadline import Deadline, parse_deadline
from roadmapdocs.messages import Phrase, did_you_mean
from roadmapdocs.model import kinds
from roadmapdocs.model.annotations import is_model, unwrap
from roadmapdocs.rendering.context import CONTRACT
from roadmapdocs.rendering.docx import (
    environment,
    jinja_source,
    open_template,
    render_docx,
    template_error,
    unclosed_tags,
)
from roadmapdocs.settings import font_outside_standard
from roadmapdocs.templates import MANIFEST, Registry, Source, Template, read_manifest


def template_parts(template: Template) -> list[tuple[str, str]]:
    """The body and every header and footer: each part's name («word/footer1.xml») and its XML
    as docxtpl hands it to Jinja (before :func:`jinja_source`)."""
    tpl = open_template(template)
    parts = [("word/document.xml", tpl.patch_xml(tpl.get_xml()))]
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for _, part in tpl.get_headers_footers(uri):
            name = str(part.partname).lstrip("/")
            parts.append((name, tpl.patch_xml(tpl.get_part_xml(part))))
    return parts


def template_variables(template: Template) -> set[str]:
    """Top-level names the template uses (``doc``, ``requisites`` …)."""
    env = environment()
    names: set[str] = set()
    for _, source in template_parts(template):
        try:
            names |= meta.find_undeclared_variables(env.parse(jinja_source(source)))
        except (jinja2.TemplateSyntaxError, RecursionError, MemoryError) as exc:
            # Brackets nested thousands deep exhaust the parser's stack, not a bug of ours.
            raise template_error(exc, template, source) from None
    return names


def _sample(annotation: Any, depth: int = 0) -> Any:
    """A value of ``annotation`` with every optional part present and every list of one item,
    so that a dry render walks every branch and loop of a template."""
    annotation = unwrap(annotation)[0]
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Literal:
        return args[0]
    if origin is list:
        return [_sample(args[0], depth + 1)] if depth < 6 else []
    if origin is dict:
        key = (
            _sample(args[0], depth) if typing.get_origin(args[0]) is typing.Literal else "2024/2025"
        )
        return {key: _sample(args[1], depth + 1)}
    if annotation is Deadline:
        return parse_deadline("сентябрь 2024")
    if annotation is dt.date:
        return dt.date(2024, 9, 5)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return next(iter(annotation))
    if is_model(annotation):
        values = {}
        for name, info in annotation.model_fields.items():
            if name == "kind":
                continue
            if name == "person" or (name == "people" and depth < 6):
                values[name] = "Иванова А.Б." if name == "person" else ["Иванова А.Б."]
                continue
            values[name] = _sample(info.annotation, depth + 1)
        return annotation.model_validate(values)
    if annotation is bool:
        return True
    if annotation in (int, float):
        return 1
    return "Пример"


def sample_document(kind: str) -> Any:
    """A document of ``kind`` with every field filled, for dry runs of templates."""
    return _sample(kinds.spec(kind).model)


def _unclosed(template: Template) -> list[Problem]:
    where = Location(str(template.docx))
    return [Problem(where, "template", message.in_()) for message in unclosed_tags(template)]


def _setting_place(template: Template, key: str) -> Location:
    """Where ``key`` is set: its line in the manifest of the nearest template of the chain that
    sets it, else this template's manifest."""
    node: Template | None = template
    while node is not None and key not in node.manifest.settings:
        node = node.parent
    manifest = (node or template).folder / MANIFEST
    try:
        lines = manifest.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return Location(str(manifest))
    pattern = re.compile(r"^\s*[\"']?" + re.escape(key) + r"[\"']?\s*=")
    for number, line in enumerate(lines, 1):
        if pattern.match(line):
            return Location(str(manifest), number, 1)
    return Location(str(manifest))


def _off_standard(template: Template) -> list[Problem]:
    """A font the edition of ГОСТ Р 7.0.97 the template follows does not name. Settings that
    do not read are left to the dry render, which reports them."""
    try:
        message = font_outside_standard(template.settings())
    except RoadmapdocsError:
        return []
    if message is None:
        return []
    return [Problem(_setting_place(template, "font"), "font", message.in_())]


def lint_template(template: Template) -> list[Problem]:
    """Every problem found in ``template``: syntax, unknown names, a failing dry render."""
    where = Location(str(template.docx))
    try:
        unclosed = _unclosed(template)
        if unclosed:
            return unclosed
        names = template_variables(template)
    except RoadmapdocsError as error:
        return [Problem(error.location or where, "template", error.message)]
    problems = []
    for name in sorted(names - set(CONTRACT)):
        message = Phrase(
            "неизвестная переменная «{name}»{hint} (см. docs/context.md)",
            "unknown variable «{name}»{hint} (see docs/context.md)",
        ).format(name=name, hint=did_you_mean(name, CONTRACT))
        problems.append(Problem(where, "unknown_variable", message.in_()))
    if problems:
        return problems
    problems.extend(_off_standard(template))
    document = sample_document(template.manifest.kind)
    with tempfile.TemporaryDirectory(prefix="roadmapdocs-lint-") as work:
        try:
            render_docx(document, template, Path(work) / "lint.docx", template.settings())
        except RoadmapdocsError as error:
            problems.append(Problem(error.location or where, "render", error.message))
    return problems


def _folder_template(path: str | os.PathLike[str], folders: Sequence[str]) -> Template | Problem:
    """The template in folder ``path`` (templates it extends looked up as usual), or the
    problem that keeps it from being one."""
    folder = Path(path)
    try:
        manifest = read_manifest(folder, default_name=f"{folder.parent.name}/{folder.name}")
        registry = Registry(folders)
        # The folder linted may also be the first one searched (precedence 0): a fork of the
        # same name must then find its original below it, not itself.
        parent = registry.extended(manifest, precedence=0)
        template = Template(manifest, folder, Source("folder", str(folder), folder, -1), parent)
    except RoadmapdocsError as error:
        return Problem(error.location or Location(str(folder)), "manifest", error.message)
    try:
        # Checks the package within the archive bounds; raises when neither the folder nor its
        # parent has a .docx, or when the .docx is not one Word can open.
        template.docx  # noqa: B018
    except RoadmapdocsError as error:
        return Problem(error.location or Location(str(folder)), "template", error.message)
    return template


def lint_folder(path: str | os.PathLike[str], folders: Sequence[str] = ()) -> list[Problem]:
    """Lint the template in folder ``path`` (templates it extends are looked up as usual)."""
    found = _folder_template(path, folders)
    return [found] if isinstance(found, Problem) else lint_template(found)


_JINJA_PART = Phrase(
    "примечание: {part} отрисует Jinja, а не прямая запись (верно, но медленнее): в нём {why}",
    "note: {part} renders through Jinja, not the direct writer (right, but slower): it has {why}",
)


def writer_notes(template: Template) -> list[Phrase]:
    """The parts of ``template`` the direct writer (:mod:`.rendering.writer`) does not cover,
    each with the construct that keeps it out: they render through Jinja, as right but slower."""
    from roadmapdocs.rendering.docx import _VIEW_TYPES, _part_title
    from roadmapdocs.rendering.writer import refusal

    env = environment()
    notes = []
    for name, source in template_parts(template):
        why = refusal(env, jinja_source(source), _VIEW_TYPES)
        if why is not None:
            notes.append(_JINJA_PART.format(part=_part_title(name), why=why))
    return notes


def folder_notes(path: str | os.PathLike[str], folders: Sequence[str] = ()) -> list[str]:
    """:func:`writer_notes` of the template in folder ``path``, as text; none when it is not a
    template (:func:`lint_folder` says why)."""
    found = _folder_template(path, folders)
    return [] if isinstance(found, Problem) else [n.in_() for n in writer_notes(found)]
