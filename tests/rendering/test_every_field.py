"""Everything entered reaches the page: a document of each kind with every field filled renders
with its built-in template at every level, and each text it was given is in the .docx.

The documents are made from the models themselves, field by field, so a field added to a model
is filled here the day it is added — and this test fails until a template prints it, or the
field is named below with the reason it is not printed.
"""

from __future__ import annotations

import enum
import itertools
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

import roadmapdocs
from roadmapdocs.lang.deadline import Deadline
from roadmapdocs.model import walk
from roadmapdocs.model.annotations import is_model, unwrap
from roadmapdocs.model.kinds import BUILTIN
from roadmapdocs.model.person import Person
from tests.conftest import EXAMPLES
from tests.rendering.conftest import docx_paragraphs, normalise

NOT_PRINTED: dict[str, str] = {
    "kind": "the kind picks the template",
    "level": "the level picks the template",
    "Appendix.reference": "the order's requisites as an appendix typed by hand quoted them, kept "
    "for the check against the order; the appendix mark is built from the order itself",
    "Column.field": "which field a column shows; the column prints the field's values",
    "Column.width": "a share of the table's width",
    "Cell.colspan": "a merged cell's span",
    "Cell.rowspan": "a merged cell's span",
    "Person.gender": "decides declension",
    "Person.forms": "forms of declension that replace the automatic ones",
    "Person.position": "a person's own post; documents print the post given beside the person "
    "(signature, addressees, responsible)",
    "Signature.captions": "the captions under blank signature lines, printed only when no one "
    "is named to sign",
    "Party.text": "a party is written as a line («УО (Чиж Л.В.)») or as its parts; the parts "
    "are filled here, the line is the plain string most documents use",
    "Organisation.head": "the head signs as the signer, whom documents name on their own",
    "Report.subject": "what the report is on, which its title already says; kept to tell two "
    "reports on one document apart in a summary",
    "OrganisationProgress.source": "the file a summary's row was read from, for its messages",
}
"""Fields not printed by design, by «Model.field» (or a bare name for every model)."""

_SURNAMES = itertools.cycle(
    ["Петрова Анна Сергеевна", "Соколов Игорь Викторович", "Морозова Елена Павловна"]
)


class _Filler:
    """Makes a document's data with every field given, each text a word of its own."""

    def __init__(self) -> None:
        self.count = 0
        self.expected: list[tuple[str, str]] = []
        """(where, text) for every text the rendered document must hold."""

    def word(self, where: str) -> str:
        self.count += 1
        # Letters only, so typography leaves it as it is and no hyphen can break it unseen.
        digits = "".join("абвгдежзик"[int(d)] for d in str(self.count))
        text = f"Слово{digits}"
        self.expected.append((where, text))
        return text

    def model(self, model: type[BaseModel], where: str, depth: int = 0) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for name, info in model.model_fields.items():
            place = f"{model.__name__}.{name}"
            if name in NOT_PRINTED or place in NOT_PRINTED or name == "columns":
                continue
            value = self.value(info.annotation, name, f"{where}.{name}", depth)
            if value is not None:
                data[name] = value
        return data

    def value(self, annotation: Any, name: str, where: str, depth: int) -> Any:
        options = unwrap(annotation)
        chosen = next((o for o in options if is_model(o)), options[0])
        origin = typing.get_origin(chosen)
        if chosen is Person or (is_model(chosen) and issubclass(chosen, Person)):
            person = next(_SURNAMES)
            self.expected.append((where, person.split()[0][:5]))
            return person
        if chosen is Deadline:
            if name == "period":
                # The title (a word of its own) does not name it, so it prints under it.
                self.expected.append((where, "на 2025 год"))
                return "2025 год"
            self.count += 1
            term = f"до {self.count % 27 + 1} марта 2025 г."
            self.expected.append((where, term))
            return term
        if chosen is typing.Any or origin is typing.Literal:
            return None
        if isinstance(chosen, type) and issubclass(chosen, enum.Enum):
            word = next(iter(chosen)).value  # a status prints as its word: «выполнено»
            self.expected.append((where, word))
            return word
        if origin is list:
            (item,) = typing.get_args(chosen)
            if depth > 1 and is_model(item):
                return []  # nested twice (sub-activities, sub-facts) is deep enough
            return [self.value(item, name, f"{where}[0]", depth + 1)]
        if origin is dict:
            key = self.word(f"{where} key")
            return {key: self.word(f"{where}[{key}]")}
        if is_model(chosen):
            return self.model(chosen, where, depth)
        if chosen.__name__ == "date":
            self.expected.append((where, "05.09.2025"))
            return "05.09.2025"
        if chosen in (int, float, bool):
            return None
        return self.word(where)


def _documents() -> Iterator[tuple[str, str]]:
    for spec in BUILTIN:
        for level in spec.levels:
            yield spec.name, level


def _filled(kind: str, level: str) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    spec = next(s for s in BUILTIN if s.name == kind)
    filler = _Filler()
    data = filler.model(spec.model, kind)
    data.update(kind=kind, level=level)
    if kind == "order":
        # The stamp is its word alone: the template builds the rest from the requisites.
        for appendix in data["appendices"]:
            filler.expected.remove(next(e for e in filler.expected if e[1] == appendix["approval"]))
            appendix["approval"] = "УТВЕРЖДЕН"
        filler.expected.append(("order.appendices[0].approval", "УТВЕРЖДЕН"))
        # A single appendix prints unnumbered (ГОСТ Р 7.0.97); a second one numbers both.
        data["appendices"].append({**data["appendices"][0], "number": "2"})
        # The place of the order itself is printed; the organisation's is its default.
        place = data["organisation"].pop("place")
        filler.expected.remove(next(e for e in filler.expected if e[1] == place))
    for entry in data.get("abbreviations", []):
        # An abbreviation is a short form in capitals.
        short = entry["short"]
        filler.expected.remove(next(e for e in filler.expected if e[1] == short))
        entry["short"] = "ЖЗК" + short[-3:].upper()
        filler.expected.append((f"{kind}.abbreviations[0].short", entry["short"]))
    return data, filler.expected


@pytest.mark.parametrize(("kind", "level"), list(_documents()))
def test_every_field_of_every_kind_reaches_the_page(kind: str, level: str, tmp_path: Path) -> None:
    data, expected = _filled(kind, level)
    document = roadmapdocs.load(data)
    made = roadmapdocs.render(document, tmp_path / f"{kind}.docx")
    body = normalise("\n".join(docx_paragraphs(made))).lower()
    missing = [where for where, text in expected if normalise(text).lower() not in body]
    assert missing == []
    assert len(expected) > 20


def _declined(path: tuple[str | int, ...]) -> bool:
    """Texts a template declines: a person's name, an addressee's position («заместителям
    директора школы»)."""
    names = [p for p in path if isinstance(p, str)]
    return "people" in names or "person" in names or names[-2:] == ["addressees", "position"]


def _by_design(document: roadmapdocs.Document, path: tuple[str | int, ...]) -> bool:
    """Texts left off the page on purpose: the requisites an appendix once quoted (the mark is
    built from the order's own), and the full forms of abbreviations the text introduces itself
    with «(далее – …)» (the list «Принятые сокращения» gives only the others)."""
    if "reference" in path:
        return True
    if path[0] == "abbreviations":
        from roadmapdocs.rendering.context import abbreviation_list
        from roadmapdocs.settings import Settings

        listed = {entry["short"] for entry in abbreviation_list(document, Settings())}
        return document.abbreviations[int(path[1])].short not in listed
    return False


@pytest.mark.parametrize("example", sorted(p.stem for p in EXAMPLES.glob("*.yaml")))
def test_every_text_of_the_examples_reaches_the_page(example: str, tmp_path: Path) -> None:
    document = roadmapdocs.load(EXAMPLES / f"{example}.yaml")
    made = roadmapdocs.render(document, tmp_path / "out.docx")
    body = normalise("\n".join(docx_paragraphs(made))).lower()
    missing = []
    for path, text in walk.texts(document):
        if not text.strip() or _by_design(document, path):
            continue
        wanted = [normalise(text).lower()]
        if _declined(path):
            # Each word's stem, before its case ending: «заместителям директора школы».
            wanted = [word[: max(4, len(word) - 3)] for word in wanted[0].split()]
        if not all(part in body for part in wanted):
            missing.append(path)
    assert missing == []
