"""Mail-merge: a document per row, field paths, safe file names, the base order's own quote."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import roadmapdocs
from roadmapdocs.batch import BatchResult, merge, read_table, render_many, safe_filename
from roadmapdocs.errors import Location, RoadmapdocsError
from roadmapdocs.model import Person
from tests.batch.conftest import ORDER, ROADMAP, docx_text, table_rows, write_csv, write_xlsx
from tests.conftest import EXAMPLES


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("МБОУ «СШ № 5» — приказ 226/1-г.docx", "МБОУ «СШ № 5» — приказ 226_1-г.docx"),
        ('a<b>c:d"e|f?g*h\\i.docx', "a_b_c_d_e_f_g_h_i.docx"),
        ("CON.docx", "_CON.docx"),
        ("lpt1", "_lpt1"),
        ("точка в конце. ", "точка в конце"),
        ("", "_"),
        ("табуляция\tи\nперевод.docx", "табуляция_и_перевод.docx"),
        ("Иванов А.Б..docx", "Иванов А.Б..docx"),
        ("Отчёт v1.2.pdf", "Отчёт v1.2.pdf"),
        ("Иванов А.Б. " + "я" * 200 + ".docx", "Иванов А.Б. " + "я" * 107 + ".docx"),
    ],
)
def test_safe_filename(name: str, expected: str) -> None:
    assert safe_filename(name) == expected


@given(st.text(min_size=1, max_size=400))
def test_safe_filenames_are_valid_everywhere_and_stable(name: str) -> None:
    safe = safe_filename(name)
    assert safe and len(safe.encode()) <= 255
    assert not set(safe) & set('<>:"/\\|?*') and all(ord(c) >= 32 for c in safe)
    assert not safe.endswith((".", " "))
    assert safe_filename(safe) == safe


def test_an_unknown_column_lists_the_valid_paths() -> None:
    base = roadmapdocs.load(ORDER)
    with pytest.raises(RoadmapdocsError) as caught:
        list(merge(base, [{"organisation.shortname": "x"}], "{number}.docx"))
    message = str(caught.value)
    assert "organisation.shortname" in message
    assert "organisation.short_name" in message and "signer.person" in message


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_mail_merge_gives_one_order_per_row_differing_only_where_rows_differ(
    tmp_path: Path, kind: str
) -> None:
    rows = table_rows(40)
    table = (
        write_xlsx(tmp_path / "t.xlsx", rows)
        if kind == "xlsx"
        else write_csv(tmp_path / "t.csv", rows, delimiter=";", bom=True)
    )
    items = list(
        merge(
            roadmapdocs.load(ORDER),
            read_table(table),
            "{organisation.short_name} — приказ {number}.docx",
        )
    )
    out = tmp_path / "out"
    out.mkdir()
    with ThreadPoolExecutor(2) as pool:
        results = list(render_many(items, out, executor=pool))
    assert len(results) == 40 and all(r.ok for r in results)
    first = docx_text(out / "МБОУ «Школа 100» — приказ 500_к.docx")
    second = docx_text(out / "МБОУ «Школа 101» — приказ 501_к.docx")
    assert first != second
    expected = first
    for column in rows[0]:
        expected = expected.replace(rows[0][column], rows[1][column])
    assert expected == second


def test_a_merged_order_is_not_told_its_appendix_quotes_the_base_order() -> None:
    clean = roadmapdocs.load(EXAMPLES / "school-order-clean.yaml")
    assert clean.appendices[0].reference is not None  # quotes the order's own requisites
    rows = [{"number": "101/1-г", "date": "02.09.2024"}]
    ((merged, _),) = merge(clean, rows, "{number}.docx")
    assert merged.number == "101/1-г"
    assert [f.name for f in roadmapdocs.validate(merged)] == []
    # A quote that disagreed with the base already is a defect and stays to be found.
    seed = roadmapdocs.load(ORDER)
    ((copied, _),) = merge(seed, rows, "{number}.docx")
    assert "order-appendix-mismatch" in [f.name for f in roadmapdocs.validate(copied)]


def test_names_that_differ_after_the_last_dot_stay_apart(tmp_path: Path) -> None:
    # «Иванов А.Б.» and «Иванов А.В.» were both cut to «Иванов А», and the merge refused.
    base = roadmapdocs.load(ORDER)
    rows = [{"signer.person": "Иванов А.Б."}, {"signer.person": "Иванов А.В."}]
    items = list(merge(base, rows, "{signer.person}"))
    assert [name for _, name in items] == ["Иванов А.Б..docx", "Иванов А.В..docx"]
    out = tmp_path / "out"
    out.mkdir()
    with ThreadPoolExecutor(1) as pool:
        results = list(render_many(items, out, executor=pool, pdf=False))
    assert [r.error for r in results] == [None, None]
    assert sorted(p.name for p in out.iterdir()) == ["Иванов А.Б..docx", "Иванов А.В..docx"]


# --- Column headers: every path the docs show, a person in one column, a hint for a typo ---

BATCH_DOC = Path(__file__).resolve().parents[2] / "docs" / "batch.md"
_DOC_PATH = re.compile(r"[a-z][a-z_]*(?:\[\d+\])*(?:\.[a-z][a-z_]*(?:\[\d+\])*)*")


def _doc_paths() -> list[str]:
    """The field paths docs/batch.md shows: backquoted in its mail-merge section, and every
    ``{placeholder}`` of a file name anywhere in it."""
    text = BATCH_DOC.read_text(encoding="utf-8")
    section = text.split("## Слияние с таблицей", 1)[1].split("\n## ", 1)[0]
    quoted = [word for word in re.findall(r"`([^`\n]+)`", section) if _DOC_PATH.fullmatch(word)]
    placeholders = re.findall(r"\{([^{}\s]+)\}", text)
    return sorted({*quoted, *(p for p in placeholders if _DOC_PATH.fullmatch(p))})


def _at(document: object, path: str) -> object:
    found = document
    for part in re.split(r"\.|(?=\[)", path):
        found = found[int(part[1:-1])] if part.startswith("[") else getattr(found, part)  # type: ignore[index]
    return found


def _value_for(path: str) -> str:
    if path == "date":
        return "02.09.2024"
    if path.endswith("gender"):
        return "female"
    if path in ("signer.person", "organisation.head") or path.endswith("]"):
        return "Иванова Мария Петровна"
    return "Проверка"


def test_the_docs_show_the_paths_people_need() -> None:
    paths = _doc_paths()
    for needed in ("number", "date", "organisation.short_name", "signer.person"):
        assert needed in paths
    assert any("people[" in path for path in paths)  # a person in a list, by number


@pytest.mark.parametrize("path", _doc_paths())
def test_every_path_the_docs_show_reaches_the_document(path: str) -> None:
    value = _value_for(path)
    ((merged, _),) = merge(roadmapdocs.load(ORDER), [{path: value}], "{number}.docx")
    found = _at(merged, path)
    if isinstance(found, Person):
        assert found.full_name == value
    elif path == "date":
        assert found == date(2024, 9, 2)
    else:
        assert found == value


def _structured_signer() -> roadmapdocs.Document:
    # The base names its signer field by field: a whole-name column used to be refused here.
    data = yaml.safe_load(ORDER.read_text(encoding="utf-8"))
    data["signer"]["person"] = {
        "surname": "Оловянникова",
        "first_name": "Татьяна",
        "patronymic": "Андреевна",
        "forms": {"dative": "Оловянниковой Т.А."},
    }
    return roadmapdocs.load(data)


@pytest.mark.parametrize(
    ("written", "full", "signature"),
    [
        ("Иванова Мария Петровна", "Иванова Мария Петровна", "М.П. Иванова"),
        ("Иванова М.П.", "Иванова М.П.", "М.П. Иванова"),
    ],
)
def test_a_person_is_one_column_read_as_the_model_reads_a_name(
    written: str, full: str, signature: str
) -> None:
    base = _structured_signer()
    rows = [{"signer.person": written}]
    ((merged, name),) = merge(base, rows, "{signer.person}.docx")
    person = merged.signer.person
    assert person is not None and person.full_name == full
    assert person.signature_name == signature
    assert person.forms == {}  # the base signer's own forms belong to another name
    assert name == f"{written}.docx"


def test_a_whole_name_reaches_the_page(tmp_path: Path) -> None:
    base = _structured_signer()
    items = list(merge(base, [{"signer.person": "Иванова Мария Петровна"}], "{number}.docx"))
    out = tmp_path / "out"
    out.mkdir()
    with ThreadPoolExecutor(1) as pool:
        (result,) = render_many(items, out, executor=pool)
    text = docx_text(result.path)
    assert "М.П. Иванова" in text and "Оловянникова" not in text.split("Директор школы")[-1]


def test_a_person_by_parts_keeps_the_rest_of_the_base_name() -> None:
    base = roadmapdocs.load(ORDER)  # its signer is written «Оловянникова Т.А.»
    rows = [{"signer.person.surname": "Иванова", "signer.person.gender": "female"}]
    ((merged, name),) = merge(base, rows, "{signer.person}")
    person = merged.signer.person
    assert person is not None
    assert (person.surname, person.initials, person.gender) == ("Иванова", "Т.А.", "female")
    assert name == "Иванова Т.А..docx"  # a person by parts names a file by its short name


def test_a_whole_person_then_one_of_its_parts() -> None:
    rows = [{"signer.person.gender": "male", "signer.person": "Кулиш О.И."}]
    ((merged, _),) = merge(roadmapdocs.load(ORDER), rows, "{number}")
    person = merged.signer.person
    assert person is not None
    assert (person.surname, person.initials, person.gender) == ("Кулиш", "О.И.", "male")


def test_a_person_in_a_list_goes_by_its_number() -> None:
    rows = [{"clauses[1].addressees.people[0]": "Иванова Мария Петровна"}]
    ((merged, _),) = merge(roadmapdocs.load(ORDER), rows, "{number}")
    addressees = merged.clauses[1].addressees
    assert addressees is not None
    assert [p.short_name for p in addressees.people] == [
        "Иванова М.П.",
        "Романова И.Е.",
        "Балабанова Н.В.",
    ]


def test_a_name_the_model_cannot_read_is_that_rows_located_error() -> None:
    rows = [{"signer.person": "иванова 1 2 3"}, {"signer.person": "Иванова М.П."}]
    first, second = merge(roadmapdocs.load(ORDER), rows, "{number}-{signer.person}", table="t.csv")
    assert isinstance(first, BatchResult) and first.error is not None
    assert first.error.startswith("t.csv:2: signer.person: не удалось прочитать «иванова 1 2 3»")
    assert not isinstance(second, BatchResult)


@pytest.mark.parametrize(
    ("header", "suggestion"),
    [
        ("signer.persn", "signer.person"),
        ("signer.person.surnme", "signer.person.surname"),
        ("organisation.shortname", "organisation.short_name"),
        ("clauses[1].addressees.people[5]", "clauses[1].addressees.people[2]"),
    ],
)
def test_an_unknown_column_is_one_error_naming_it_with_the_closest_path(
    header: str, suggestion: str
) -> None:
    rows = [{"number": "1", header: "Иванова М.П."}]
    with pytest.raises(RoadmapdocsError) as caught:
        list(merge(roadmapdocs.load(ORDER), rows, "{number}.docx", table="школы.csv"))
    error = caught.value
    assert type(error) is RoadmapdocsError and error.location == Location("школы.csv")
    assert error.message.startswith(
        f"Столбец «{header}»: у документа нет такого поля; "
        f"возможно, имелось в виду «{suggestion}». Допустимые пути: kind, level, title,"
    )
    assert "«number»" not in error.message  # a known column is not reported


def test_unknown_names_are_reported_together_and_in_english_when_asked() -> None:
    rows = [{"организация": "x", "signer.persn": "Иванова М.П."}]
    with pytest.raises(RoadmapdocsError) as caught:
        list(merge(roadmapdocs.load(ORDER), rows, "{numbr}.docx", lang="en"))
    message = caught.value.message
    assert message.startswith(
        "Column «организация»: the document has no such field. "
        "Column «signer.persn»: the document has no such field; did you mean «signer.person». "
        "«{numbr}» in the file name: the document has no such field; did you mean «number». "
        "Valid paths: "
    )


def test_the_valid_paths_are_those_of_the_document_kind() -> None:
    roadmap = roadmapdocs.load(ROADMAP)
    with pytest.raises(RoadmapdocsError) as caught:
        list(merge(roadmap, [{"signer.person": "Иванова М.П."}], "{title}"))
    message = caught.value.message
    assert "signer" not in message.split("Допустимые пути:")[1]
    assert "organisation.head" in message and "goal" in message


def test_a_column_without_a_header_is_refused_only_when_it_holds_values() -> None:
    base = roadmapdocs.load(ORDER)
    ((merged, _),) = merge(base, [{"number": "7", "": ""}], "{number}")
    assert merged.number == "7"
    with pytest.raises(RoadmapdocsError, match="У столбца нет заголовка"):
        list(merge(base, [{"number": "7", "": "значение"}], "{number}"))


def test_case_forms_are_accepted_but_not_listed_among_the_valid_paths() -> None:
    base = roadmapdocs.load(ORDER)
    with pytest.raises(RoadmapdocsError) as caught:
        list(merge(base, [{"signer.persn": "x"}], "{number}.docx"))
    assert "signer.person.surname" in str(caught.value)
    assert ".forms." not in str(caught.value)
    rows = [{"signer.person.forms.dative": "Ивановой М.П."}]
    ((copy, _),) = merge(base, rows, "{number}.docx")
    assert copy.signer.person is not None
    assert copy.signer.person.forms["dative"] == "Ивановой М.П."
