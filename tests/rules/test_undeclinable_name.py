"""RD208 undeclinable-name: validate finds, at its line, every name a built-in template would
refuse to decline, and a render that meets one anyway says which person and where."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

import roadmapdocs
from roadmapdocs.errors import DeclensionError, GenderUnknown
from roadmapdocs.model import Person
from roadmapdocs.rendering.filters import FILTERS
from roadmapdocs.rules.builtin.undeclinable_name import ANY, DECLINED
from roadmapdocs.sourcemap import PathKey
from roadmapdocs.templates import Registry
from tests.conftest import EXAMPLES

BUILTINS = Registry(use_env=False, packs=False)

ORDER = """\
kind: order
level: school
title: Об утверждении плана
date: 2024-09-05
number: 226/1-г
clauses:
  - addressees:
      position: заместитель директора школы
      people:
        - Лаврушкина Е.А.
        - Ковальчук О.Н.
    text: обеспечить выполнение мероприятий плана.
signer:
  position: Директор школы
  person: Оловянникова Т.А.
"""
KOVALCHUK_LINE = 11
KOVALCHUK = ("clauses", 0, "addressees", "people", 1)


def _rd207(document: roadmapdocs.Document) -> list[roadmapdocs.Finding]:
    return list(roadmapdocs.validate(document, select=["RD208"]))


def test_the_name_is_an_error_at_its_line_with_the_fix() -> None:
    (finding,) = _rd207(roadmapdocs.load(ORDER))
    assert finding.severity is roadmapdocs.Severity.ERROR
    assert (finding.line, finding.path, finding.element) == (KOVALCHUK_LINE, KOVALCHUK, "пункт 1")
    assert "«Ковальчуку О.Н.» (мужчина) или «Ковальчук О.Н.» (женщина)" in finding.message
    assert finding.suggestion is not None
    assert "{surname: Ковальчук, initials: О.Н., gender: female}" in finding.suggestion
    assert "Фамилия Имя Отчество" in finding.suggestion


@pytest.mark.parametrize(
    "fixed",
    [
        "{surname: Ковальчук, initials: О.Н., gender: female}",
        "{surname: Ковальчук, initials: О.Н., gender: male}",
        "Ковальчук Ольга Николаевна",
    ],
)
def test_each_fix_the_message_offers_clears_it(fixed: str) -> None:
    document = roadmapdocs.load(ORDER.replace("- Ковальчук О.Н.", f"- {fixed}"))
    assert _rd207(document) == []


def test_the_fix_renders(tmp_path: Path) -> None:
    fixed = "{surname: Ковальчук, initials: О.Н., gender: male}"
    document = roadmapdocs.load(ORDER.replace("- Ковальчук О.Н.", f"- {fixed}"))
    out = roadmapdocs.render(document, tmp_path / "order.docx", registry=BUILTINS)
    body = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert "Ковальчуку" in body


def test_the_message_is_english_when_asked() -> None:
    (finding,) = roadmapdocs.validate(roadmapdocs.load(ORDER), select=["RD208"], lang="en")
    assert "the declension in the dative depends on it" in finding.message
    assert finding.suggestion is not None and "gender: male" in finding.suggestion


def test_a_one_letter_surname_the_rules_would_eat_asks_for_its_form() -> None:
    text = ORDER.replace("- Ковальчук О.Н.", "- {surname: А, initials: Б.В., gender: male}")
    (finding,) = _rd207(roadmapdocs.load(text))
    assert "«е Б.В.»" in finding.message
    assert finding.suggestion is not None and "forms: {dative: А Б.В.}" in finding.suggestion


# -- render without validating ----------------------------------------------------------------


def test_render_says_which_person_and_where(tmp_path: Path) -> None:
    source = tmp_path / "order.yaml"
    source.write_text(ORDER, encoding="utf-8")
    out = tmp_path / "order.docx"
    with pytest.raises(GenderUnknown) as raised:
        roadmapdocs.render(roadmapdocs.load(source), out, registry=BUILTINS)
    error = raised.value
    assert error.location is not None
    assert (error.location.file, error.location.line) == (str(source), KOVALCHUK_LINE)
    assert error.location.path == "clauses[0].addressees.people[1]"
    message = str(error)
    assert message.startswith(f"{source}:{KOVALCHUK_LINE}")
    assert "«Ковальчук О.Н.»" in message and "clauses[0].addressees.people[1]" in message
    assert "пункт 1" in message and "gender: female" in message
    assert not out.exists()


def test_render_of_a_document_built_in_python_still_names_the_field(tmp_path: Path) -> None:
    document = roadmapdocs.load(yaml.safe_load(ORDER))
    with pytest.raises(GenderUnknown, match=r"clauses\[0\]\.addressees\.people\[1\]"):
        roadmapdocs.render(document, tmp_path / "order.docx", registry=BUILTINS)


def test_render_refuses_a_name_the_rules_would_eat(tmp_path: Path) -> None:
    text = ORDER.replace("- Ковальчук О.Н.", "- {surname: А, initials: Б.В., gender: male}")
    with pytest.raises(DeclensionError, match="forms") as raised:
        roadmapdocs.render(roadmapdocs.load(text), tmp_path / "order.docx", registry=BUILTINS)
    assert not isinstance(raised.value, GenderUnknown)
    assert raised.value.location is not None and raised.value.location.line == KOVALCHUK_LINE


# -- the rule knows every place a built-in template declines ---------------------------------

CASES = "|".join(name for name in FILTERS if name.endswith("ive"))
DECLENSION = re.compile(r"\{\{\s*([\w.]+)\s*\|\s*(" + CASES + r")\b")

TEMPLATE_NAMES: dict[str, tuple[str, PathKey]] = {
    "clause.addressees": ("order", ("clauses", ANY, "addressees")),
}
"""What each variable the templates decline stands for: the kind and the path of the field."""


def _declensions(docx: Path) -> set[tuple[str, str]]:
    with zipfile.ZipFile(docx) as archive:
        text = " ".join(
            re.sub(r"<[^>]+>", "", archive.read(name).decode())
            for name in archive.namelist()
            if name.startswith("word/") and name.endswith(".xml")
        )
    return set(DECLENSION.findall(text))


def test_every_declension_in_the_built_in_templates_is_checked() -> None:
    found = {pair for name in BUILTINS.names() for pair in _declensions(BUILTINS.get(name).docx)}
    assert found, "the templates decline the order's addressees"
    for variable, case in found:
        assert variable in TEMPLATE_NAMES, f"{variable} | {case} is declined and not checked"
        kind, prefix = TEMPLATE_NAMES[variable]
        checked = {(path[: len(prefix)], declined) for path, declined in DECLINED[kind]}
        assert (prefix, case) in checked, f"{variable} | {case}"


def _people(node: object) -> list[Person]:
    if isinstance(node, Person):
        return [node]
    if isinstance(node, BaseModel):
        return [p for name in type(node).model_fields for p in _people(getattr(node, name))]
    if isinstance(node, list):
        return [p for item in node for p in _people(item)]
    return []


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_a_name_no_template_declines_is_left_alone_and_one_it_does_is_found(
    example: Path, tmp_path: Path
) -> None:
    """Every person of every example becomes «Ковальчук О.Н.»: validate must find exactly the
    people the render then refuses, the first of them where the render stops."""
    document = roadmapdocs.load(example)
    for person in _people(document):
        person.surname, person.initials, person.gender = "Ковальчук", "О.Н.", None
        person.first_name = person.patronymic = None
        person.forms = {}
    flagged = [f.location.path for f in _rd207(document)]
    try:
        roadmapdocs.render(document, tmp_path / "out.docx", registry=BUILTINS)
    except DeclensionError as error:
        assert error.location is not None and error.location.path in flagged
    else:
        assert flagged == []


def test_the_fixes_docs_names_md_shows_clear_the_error() -> None:
    page = (Path(__file__).resolve().parents[2] / "docs" / "names.md").read_text(encoding="utf-8")
    section = page[page.index("## Что проверяет `validate`") :]
    block = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert block is not None
    shown = yaml.safe_load(block.group(1))["people"]
    assert len(shown) == 3
    data = yaml.safe_load(ORDER)
    data["clauses"][0]["addressees"]["people"] = shown
    assert _rd207(roadmapdocs.load(data)) == []
    assert _rd207(roadmapdocs.load(ORDER)) != []
