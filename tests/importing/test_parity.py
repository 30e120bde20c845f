"""What a document typed in Word is found to lack is what the same document as YAML lacks:
`roadmapdocs validate FILE.docx` reports every finding code the YAML gets. Text the import could
not place (RD405) is the one finding only a Word file may add."""

from __future__ import annotations

from pathlib import Path

import pytest

import roadmapdocs
from roadmapdocs import pipeline
from roadmapdocs.importing import import_file
from roadmapdocs.importing.documents import recognise
from roadmapdocs.importing.plans import read_plan
from roadmapdocs.importing.raw import Place, RawDocument, RawParagraph
from tests.conftest import EXAMPLES
from tests.importing.conftest import raw_table
from tests.importing.typed import STYLES, type_document

NAMES = sorted(path.stem for path in EXAMPLES.glob("*.yaml"))
ONLY_IMPORTED = {"RD405"}


def codes(document: roadmapdocs.Document) -> set[str]:
    return {finding.code for finding in roadmapdocs.validate(document)}


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("name", NAMES)
def test_a_typed_document_is_found_to_lack_what_its_yaml_lacks(
    name: str, style: str, tmp_path: Path
) -> None:
    original = roadmapdocs.load(EXAMPLES / f"{name}.yaml")
    typed = type_document(original, tmp_path / f"{name}.docx", style=style)
    imported = pipeline.load(str(typed))
    assert codes(original) <= codes(imported)
    assert codes(imported) - codes(original) <= ONLY_IMPORTED


def typed_passport(tmp_path: Path) -> roadmapdocs.Document:
    original = roadmapdocs.load(EXAMPLES / "passport.yaml")
    return pipeline.load(str(type_document(original, tmp_path / "passport.docx")))


def test_indicator_tables_are_read_into_groups_with_empty_values_kept(tmp_path: Path) -> None:
    original = roadmapdocs.load(EXAMPLES / "passport.yaml")
    back = typed_passport(tmp_path)
    assert isinstance(back, roadmapdocs.Passport)
    assert [(g.number, g.title, g.periods) for g in back.indicator_groups] == [
        (g.number, g.title, g.periods) for g in original.indicator_groups
    ]
    staff = back.indicator_groups[1].indicators[0]
    assert (staff.number, staff.name, staff.unit) == (
        "1",
        "Доля педагогов, повысивших квалификацию",
        "18",
    )
    assert staff.values == {"2020/2021": "86%", "2021/2022": "86%"}
    # A row of the finance group names its indicator and leaves both periods empty.
    finance = back.indicator_groups[0].indicators[0]
    assert finance.values == {"2020/2021": "", "2021/2022": ""}
    # The safety group's rows hold only their numbers.
    assert [(i.number, i.name) for i in back.indicator_groups[4].indicators] == [
        (str(n), "") for n in range(1, 5)
    ]


def test_empty_plan_rows_between_activities_are_activities(tmp_path: Path) -> None:
    original = roadmapdocs.load(EXAMPLES / "passport.yaml")
    back = typed_passport(tmp_path)
    assert isinstance(back, roadmapdocs.Passport)
    assert isinstance(original, roadmapdocs.Passport)
    for number in ("11.", "13."):
        want = next(s for s in original.plan.sections if s.number == number)
        got = next(s for s in back.plan.sections if s.number == number)
        assert [a.text for a in got.activities] == [a.text for a in want.activities]


def test_the_abbreviations_list_is_read(tmp_path: Path) -> None:
    original = roadmapdocs.load(EXAMPLES / "school-roadmap-clean.yaml")
    imported = import_file(type_document(original, tmp_path / "roadmap.docx"))
    listed = {a["short"]: a["full"] for a in imported.data["abbreviations"]}
    assert listed
    assert listed.items() <= {a.short: a.full for a in original.abbreviations}.items()
    assert not any("–" in u.text for u in imported.unplaced)


def test_a_blank_signature_form_gives_its_captions(tmp_path: Path) -> None:
    original = roadmapdocs.load(EXAMPLES / "passport.yaml")
    back = typed_passport(tmp_path)
    assert isinstance(back, roadmapdocs.Passport)
    assert isinstance(original, roadmapdocs.Passport)
    assert back.signature.captions == original.signature.captions
    assert back.notes == []


HEADER = ["№ п/п", "Мероприятие", "Сроки", "Ответственный"]


def test_an_empty_row_between_rows_of_a_plan_is_an_activity_with_no_text() -> None:
    imported = read_plan(
        raw_table(
            [
                HEADER,
                ["", "", "", ""],
                ["1", "Совещание", "май", "УО"],
                ["", "", "", ""],
                ["2", "", "", ""],
                ["3", "Семинар", "июнь", "ОО"],
                ["", "", "", ""],
            ]
        )
    )
    assert imported.data["activities"] == [
        {"number": "1", "text": "Совещание", "deadline": "май", "responsible": "УО"},
        {},
        {"number": "2"},
        {"number": "3", "text": "Семинар", "deadline": "июнь", "responsible": "ОО"},
    ]
    assert imported.places[("activities", 1)] == Place(table=1, row=4)
    assert "пустая строка внутри плана — мероприятие без текста" in [
        g.text for g in imported.guesses
    ]


def document(*texts: str) -> RawDocument:
    blocks = [RawParagraph(t, Place(paragraph=n)) for n, t in enumerate(texts, 1)]
    return RawDocument(tuple(blocks), "example.docx")


def test_abbreviations_end_at_the_first_line_of_another_shape() -> None:
    imported = recognise(
        document(
            "Принятые сокращения",
            "ШНОР – школы с низкими результатами обучения",
            "ФГОС ООО - федеральный государственный стандарт\nОО—образовательная организация",
            "План мероприятий – на два года",
        ),
        kind="project",
    )
    assert imported.data["abbreviations"] == [
        {"short": "ШНОР", "full": "школы с низкими результатами обучения"},
        {"short": "ФГОС ООО", "full": "федеральный государственный стандарт"},
        {"short": "ОО", "full": "образовательная организация"},
    ]
    assert [u.text for u in imported.unplaced] == ["План мероприятий – на два года"]
    assert imported.places[("abbreviations", 2)] == Place(paragraph=3)
