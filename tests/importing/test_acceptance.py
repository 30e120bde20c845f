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


def _plan_docx(path: Path, header: list[str], footnote: bool = False) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("Дорожная карта школы на 2024 год")
    table = document.add_table(rows=3, cols=len(header))
    for column, title in enumerate(header):
        table.cell(0, column).text = title
    for column, value in enumerate(["1", "Семинар", "май 2024", "Директор"][: len(header)]):
        table.cell(1, column).text = value
    for column, value in enumerate(["2", "Педсовет", "июнь 2024", "Завуч"][: len(header)]):
        table.cell(2, column).text = value
    document.save(str(path))
    return path


def test_columns_named_in_the_settings_file_are_read_by_their_header(tmp_path: Path) -> None:
    source = _plan_docx(tmp_path / "карта.docx", ["№", "Мероприятие", "Когда", "Кто"])
    plain = roadmapdocs.load(import_file(source).data)
    assert all(a.deadline is None for a in plain.plan.walk())
    (tmp_path / "roadmapdocs.toml").write_text(
        '[import.columns]\n"Когда" = "deadline"\n"Кто" = "responsible"\n', encoding="utf-8"
    )
    mapped = roadmapdocs.load(import_file(source).data)
    assert [a.deadline.text if a.deadline else "" for a in mapped.plan.walk()] == [
        "май 2024",
        "июнь 2024",
    ]
    assert [str(a.responsible[0]) for a in mapped.plan.walk()] == ["Директор", "Завуч"]
    (tmp_path / "roadmapdocs.toml").write_text(
        '[import.columns]\n"Когда" = "when"\n', encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["import", str(source)])
    assert result.exit_code == 1
    assert "roadmapdocs.toml" in result.output and "[import.columns]" in result.output


def test_a_file_with_nothing_recognisable_is_refused_and_its_footnotes_are_kept(
    tmp_path: Path,
) -> None:
    import docx

    letter = docx.Document()
    letter.add_paragraph("Прошу рассмотреть.")
    letter.save(str(tmp_path / "письмо.docx"))
    result = CliRunner().invoke(main, ["import", str(tmp_path / "письмо.docx")])
    assert result.exit_code == 1
    assert "не найдено ни плана мероприятий" in result.output
    # Given its kind, it imports, and nothing of it is lost.
    kept = CliRunner().invoke(main, ["import", str(tmp_path / "письмо.docx"), "--kind", "roadmap"])
    assert kept.exit_code == 0 and "Прошу рассмотреть." in kept.output


def test_footnotes_are_kept_in_notes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses

    import roadmapdocs.importing as importing

    source = _plan_docx(tmp_path / "карта.docx", ["№", "Мероприятие", "Сроки", "Ответственный"])
    raw = importing.read(source)
    with_notes = dataclasses.replace(raw, footnotes=("По данным мониторинга 2023 года.",))
    monkeypatch.setattr(importing, "read", lambda path: with_notes)
    imported = import_file(source)
    assert "Сноска 1: По данным мониторинга 2023 года." in imported.data["notes"]
