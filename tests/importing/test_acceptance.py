"""A document typed by hand in Word imports back: the examples (the seeds as data) typed the way
a secretary would — plain styles, «Table Grid», section rows merged across, one long activity
carried on in a second row, a page break before each appendix — and imported from the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import roadmapdocs
from roadmapdocs.cli import main
from roadmapdocs.importing import import_file
from tests.conftest import EXAMPLES
from tests.importing.accuracy import measure
from tests.importing.typed import type_document

NAMES = sorted(p.stem for p in EXAMPLES.glob("*.yaml"))


@pytest.mark.parametrize("name", NAMES)
def test_a_typed_document_imports_with_its_activities_and_requisites(
    name: str, tmp_path: Path
) -> None:
    outcome = measure(EXAMPLES / f"{name}.yaml", "secretary", tmp_path, import_file)
    assert outcome.error is None
    whole = outcome.expected
    assert whole > 0
    assert outcome.equal["text"] >= 0.95 * whole
    for name_ in ("deadline", "responsible", "result"):
        assert outcome.equal[name_] >= 0.90 * whole, name_
    if outcome.order is not None:
        assert outcome.order == {"number": True, "date": True, "signer": True}


@pytest.mark.parametrize("name", NAMES)
def test_the_imported_yaml_loads_validates_and_renders(name: str, tmp_path: Path) -> None:
    typed = type_document(roadmapdocs.load(EXAMPLES / f"{name}.yaml"), tmp_path / f"{name}.docx")
    target = tmp_path / f"{name}.yaml"
    result = CliRunner().invoke(main, ["import", str(typed), "-o", str(target)])
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Импортировано из")
    document = roadmapdocs.load(target)
    roadmapdocs.validate(document)
    assert roadmapdocs.render(document, tmp_path / "out.docx").exists()


def test_findings_on_a_word_file_are_located_by_table_and_row(tmp_path: Path) -> None:
    typed = type_document(roadmapdocs.load(EXAMPLES / "school-order.yaml"), tmp_path / "o.docx")
    result = CliRunner().invoke(main, ["validate", str(typed), "--format", "json"])
    assert result.exit_code == 1, result.output
    records = json.loads(result.output)
    in_tables = [r for r in records if r["table"] is not None]
    assert in_tables and all(r["row"] for r in in_tables)
    assert all(r["line"] is None for r in records)
    text = CliRunner().invoke(main, ["validate", str(typed)]).output
    assert f"{typed}: таблица " in text and ", строка " in text


def test_annotate_puts_comments_into_the_users_own_file(tmp_path: Path) -> None:
    import docx

    typed = type_document(roadmapdocs.load(EXAMPLES / "school-order.yaml"), tmp_path / "o.docx")
    target = tmp_path / "with-comments.docx"
    result = CliRunner().invoke(main, ["annotate", str(typed), "-o", str(target)])
    assert result.exit_code == 1, result.output  # the seed order has errors
    before, after = docx.Document(str(typed)), docx.Document(str(target))
    assert [p.text for p in after.paragraphs] == [p.text for p in before.paragraphs]
    assert len(after.tables) == len(before.tables)
    comments = [c.text for c in after.comments]
    assert any("RD204" in c for c in comments)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000), "(.doc)"),
        ("broken.docx", b"PK\x03\x04 not really", "ZIP"),
        ("empty.xlsx", b"", "пуст"),
        ("plan.odt", b"whatever", ".docx"),
    ],
)
def test_a_file_that_cannot_be_imported_is_one_message_and_exit_1(
    name: str, content: bytes, expected: str, tmp_path: Path
) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    result = CliRunner().invoke(main, ["import", str(source)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert str(source) in result.output and expected in result.output
    assert "Traceback" not in result.output


def test_a_plan_kept_in_excel_imports(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "План"
    sheet.append(["План мероприятий школы"])
    sheet.append(["№ п/п", "Мероприятие", "Срок исполнения", "Ответственные", "Результат"])
    sheet.append(["1. Диагностика"])  # a section row: one cell across the table
    sheet.merge_cells("A3:E3")
    sheet.append(["1.1", "Входная диагностика", "сентябрь 2024", "Ильина О.В.", "Справка"])
    sheet.append(["1.2", "Педсовет по итогам", "октябрь 2024", "Директор", "Протокол"])
    source = tmp_path / "план.xlsx"
    book.save(source)
    imported = import_file(source, kind="roadmap")
    plan = roadmapdocs.load(imported.data).plan
    assert [(s.number, s.title) for s in plan.sections] in (
        [("1.", "Диагностика")],
        [("1", "Диагностика")],
    )
    assert [(a.number, a.text, a.deadline.text if a.deadline else None) for a in plan.walk()] == [
        ("1.1", "Входная диагностика", "сентябрь 2024"),
        ("1.2", "Педсовет по итогам", "октябрь 2024"),
    ]
    assert any("Срок исполнения" in g.text and "deadline" in g.text for g in imported.guesses)


def test_a_batch_renders_word_files_given_to_it(tmp_path: Path) -> None:
    typed = type_document(
        roadmapdocs.load(EXAMPLES / "school-roadmap-clean.yaml"), tmp_path / "карта.docx"
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(typed), "-o", str(out), "-j", "1", "-q"])
    assert result.exit_code == 0, result.output
    source = roadmapdocs.load(EXAMPLES / "school-roadmap-clean.yaml")
    assert source.goal is not None
    assert " ".join(source.goal.split()[:4]) in docx_text(out / "карта.docx")


def docx_text(path: Path) -> str:
    import docx

    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
