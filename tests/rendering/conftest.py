"""Shared helpers of the rendering tests: the examples that can render, and what a render says."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

import roadmapdocs
from roadmapdocs.authoring.builder import new_document, paragraph, save
from roadmapdocs.errors import TemplateNotFound
from roadmapdocs.lang.typography import QUOTES
from roadmapdocs.model import ActivityField, walk
from roadmapdocs.model.document import DocumentBase
from roadmapdocs.templates import Registry, Template
from tests.conftest import EXAMPLES

EXAMPLE_NAMES = (
    "school-order",
    "school-roadmap",
    "municipal-roadmap",
    "passport",
    "regional-project",
)


def _example_param(name: str) -> object:
    document = roadmapdocs.load(EXAMPLES / f"{name}.yaml")
    try:
        Registry(use_env=False, packs=False).default_for(document.kind, document.level)
    except TemplateNotFound:
        return pytest.param(
            name, marks=pytest.mark.skip(reason=f"встроенного шаблона для {name} ещё нет")
        )
    return name


def example_params() -> list[object]:
    """Every example, skipped (with the reason) while its built-in template is missing."""
    return [_example_param(name) for name in EXAMPLE_NAMES]


def load_example(name: str) -> DocumentBase:
    return roadmapdocs.load(EXAMPLES / f"{name}.yaml")


def expected_texts(document: DocumentBase) -> list[str]:
    """What every render of the document must show: activities (of plans whose table has a
    text column: a plan may leave it out, as the rules let it leave out deadlines), control
    points, indicators."""
    found = [
        activity.text
        for _, activity, plan in walk.activities(document)
        if plan.has_column(ActivityField.TEXT)
    ]
    found += [point.text for _, point in walk.control_points(document)]
    for table in walk.indicator_lists(document):
        found += [indicator.name for indicator in table.items]
    return [text for text in found if text.strip()]


def docx_paragraphs(path: Path) -> Iterator[str]:
    """Every paragraph of the body, table cells included, as python-docx reads it."""
    document = docx.Document(str(path))
    for element in document.element.body.iter(qn("w:p")):
        yield Paragraph(element, document).text


_ANY_QUOTE = str.maketrans(dict.fromkeys(QUOTES, '"'))


def normalise(text: str) -> str:
    """Whitespace folded to single spaces (a non-breaking space counts as a space), soft
    hyphens (invisible unless a line breaks at them) dropped, and every quote mark one «"»: a
    render sets quotes as «ёлочки» or „лапки“ by their depth."""
    return " ".join(text.replace("\u00a0", " ").replace("\u00ad", "").translate(_ANY_QUOTE).split())


def squeeze(text: str) -> str:
    """Text without any whitespace or soft hyphen, every quote mark one «"»: what survives line
    breaking in a PDF, and quotes whichever depth typography set them at."""
    return re.sub(r"[\s\u00ad]+", "", text).translate(_ANY_QUOTE)


def make_template(root: Path, *paragraphs: str, name: str = "school/order") -> Template:
    """A one-off template in ``root`` whose body is ``paragraphs`` (Jinja allowed); ``name``
    («level/kind») says what it renders."""
    folder = root / name
    folder.mkdir(parents=True)
    level, kind = name.split("/")
    (folder / "template.toml").write_text(
        f'[template]\nname = "{name}"\nlevel = "{level}"\nkind = "{kind}"\n', encoding="utf-8"
    )
    document = new_document()
    for text in paragraphs:
        paragraph(document, text)
    save(document, folder / "template.docx")
    return Registry([root], use_env=False, packs=False, builtins=False).get(name)
