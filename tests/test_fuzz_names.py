"""Orders naming anyone at all: a document that validates without errors renders, and a name the
render refuses is one validate found, at that person.

Addressees and signers get surnames that decline for one gender only (Ковальчук, Кулиш),
never (Шевченко, Дюма, Белых), in both halves (Петрова-Водкина), foreign ones, one-letter
ones and made-up words; initials of one or two letters; first names that do or do not show a
gender; patronymics, Turkic ones included; a gender or not; a form given or not. Renders cost
about a third of a second each, so the examples are few.
"""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import roadmapdocs
from roadmapdocs.errors import DeclensionError, RoadmapdocsError
from roadmapdocs.templates import Registry

BUILTINS = Registry(use_env=False, packs=False)
FEW_RENDERS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_UPPER = "АБВГДЕЁЖЗИКЛМНОПРСТУФХЦЧШЭЮЯ"
_LOWER = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_WORDS = st.builds(
    lambda head, tail: head + tail,
    st.sampled_from(_UPPER + "ABZ"),
    st.text(alphabet=_LOWER, max_size=7),
)
"""A made-up word as a name is written: a capital and small letters (or a capital alone)."""

SURNAMES = st.sampled_from(
    [
        "Ковальчук",
        "Кулиш",
        "Чиж",
        "Сварич",
        "Шевченко",
        "Дюма",
        "Гюго",
        "Белых",
        "Дурново",
        "Лаврушкина",
        "Головатов",
        "Петрова-Водкина",
        "Римский-Корсаков",
        "Ковальчук-Шевченко",
        "Ли",
        "Цой",
        "Лев",
        "А",
        "Я",
        "Smith",
    ]
) | st.lists(_WORDS, min_size=1, max_size=2).map("-".join)
INITIALS = st.sampled_from(["О.Н.", "Е.А.", "О.", "Я.", "J.R.", "Ё.Ё."])
FIRST_NAMES = st.sampled_from(["Ольга", "Олег", "Саша", "Женя", "Никита", "Лейла"]) | _WORDS
PATRONYMICS = (
    st.sampled_from(["Николаевна", "Николаевич", "Гейдар оглы", "Рашид кызы", "Ильич", "Саввична"])
    | _WORDS
)


@st.composite
def people(draw: st.DrawFn) -> Any:
    """A person as YAML holds one: a string «Фамилия И.О.» (or «И.О. Фамилия», or the full
    name), or a mapping with a gender or a form perhaps."""
    surname = draw(SURNAMES)
    layout = draw(st.sampled_from(["short", "initials first", "full", "first name", "mapping"]))
    if layout == "short":
        return f"{surname} {draw(INITIALS)}"
    if layout == "initials first":
        return f"{draw(INITIALS)} {surname}"
    if layout == "full":
        return f"{surname} {draw(FIRST_NAMES)} {draw(PATRONYMICS)}"
    if layout == "first name":
        return f"{surname} {draw(FIRST_NAMES)}"
    person: dict[str, Any] = {"surname": surname, "initials": draw(INITIALS)}
    gender = draw(st.sampled_from([None, "male", "female"]))
    if gender:
        person["gender"] = gender
    if draw(st.booleans()):
        person["forms"] = {"dative": f"{surname} {person['initials']}"}
    return person


def _order(addressees: list[list[Any]], signer: Any) -> str:
    data = {
        "kind": "order",
        "level": "school",
        "title": "Об утверждении плана мероприятий",
        "date": "2024-09-05",
        "number": "226/1-г",
        "clauses": [
            {
                "addressees": {"position": "заместитель директора школы", "people": named},
                "text": "обеспечить выполнение мероприятий плана.",
            }
            for named in addressees
        ],
        "signer": {"position": "Директор школы", "person": signer},
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@FEW_RENDERS
@given(
    addressees=st.lists(st.lists(people(), min_size=1, max_size=3), min_size=1, max_size=2),
    signer=people(),
)
def test_an_order_that_validates_renders_and_a_refused_name_was_found(
    addressees: list[list[Any]], signer: Any, tmp_path_factory: Any
) -> None:
    text = _order(addressees, signer)
    try:
        document = roadmapdocs.load(text)
    except RoadmapdocsError:
        return  # a made-up word the model does not read as a name: said at load
    report = roadmapdocs.validate(document)
    errors = [f for f in report if f.severity is roadmapdocs.Severity.ERROR]
    flagged = [f.dotted_path for f in errors if f.code == "RD208"]
    out = tmp_path_factory.mktemp("order") / "order.docx"
    try:
        roadmapdocs.render(document, out, registry=BUILTINS)
    except RoadmapdocsError as error:
        assert errors, f"validated without errors, yet did not render: {error}\n{text}"
        assert isinstance(error, DeclensionError), str(error)
        assert error.location is not None and error.location.path in flagged, (text, str(error))
        assert flagged[0] == error.location.path  # the first name refused is the first found
        return
    assert flagged == [], text  # what validate finds, the render would have refused
    assert out.is_file()
