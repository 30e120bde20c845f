"""Rendering from the public API and the command line: atomic output, errors without tracebacks."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

import roadmapdocs
from roadmapdocs.cli import main
from roadmapdocs.errors import OutputError, SofficeNotFound, TemplateError
from roadmapdocs.rendering.pdf import find_soffice
from tests.conftest import EXAMPLES
from tests.rendering.conftest import load_example, make_template

ORDER = str(EXAMPLES / "school-order.yaml")


@pytest.mark.parametrize("suffix", ["docx", "pdf"])
def test_a_missing_folder_is_an_output_error_and_leaves_nothing(
    suffix: str, tmp_path: Path
) -> None:
    target = tmp_path / "нет такой папки" / f"order.{suffix}"
    if suffix == "pdf" and not _has_soffice():
        pytest.skip("LibreOffice (soffice) не установлен")
    with pytest.raises(OutputError, match="не существует"):
        roadmapdocs.render(load_example("school-order"), target)
    assert list(tmp_path.iterdir()) == []


def _has_soffice() -> bool:
    try:
        find_soffice()
    except SofficeNotFound:
        return False
    return True


def test_a_failing_render_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "order.docx"
    target.write_bytes(b"previous version")
    broken = make_template(tmp_path / "t", "{{ doc.nothing_here }}")
    with pytest.raises(TemplateError):
        roadmapdocs.render(load_example("school-order"), target, template=broken)
    assert target.read_bytes() == b"previous version"
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["order.docx"]


def test_a_good_render_replaces_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "order.docx"
    target.write_bytes(b"previous version")
    roadmapdocs.render(load_example("school-order"), target)
    assert "ПРИКАЗ" in [p.text for p in docx.Document(str(target)).paragraphs]


def test_cli_renders_the_order(tmp_path: Path) -> None:
    target = tmp_path / "order.docx"
    result = CliRunner().invoke(main, ["render", ORDER, "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(target)
    docx.Document(str(target))


@pytest.mark.parametrize(
    ("manifest", "expected"),
    [
        ('[template]\nname = "school/order"\nkind = "приказ"\n', "вид документа"),
        ("[template\n", "ошибка в template.toml"),
        ('[template]\nname = "school/order"\nkind = "order"\nbogus = 1\n', "неизвестные поля"),
    ],
)
def test_cli_with_a_broken_template_folder_prints_a_located_line(
    manifest: str, expected: str, tmp_path: Path
) -> None:
    folder = tmp_path / "templates" / "school" / "order"
    folder.mkdir(parents=True)
    (folder / "template.toml").write_text(manifest, encoding="utf-8")
    target = tmp_path / "order.docx"
    result = CliRunner().invoke(
        main, ["render", ORDER, "-o", str(target), "--templates", str(tmp_path / "templates")]
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert expected in result.output
    assert str(folder / "template.toml") in result.output
    assert not target.exists()


def test_cli_with_a_template_that_fails_to_render_names_the_template(tmp_path: Path) -> None:
    make_template(tmp_path / "templates", "{{ ''.__class__.__mro__ }}")
    result = CliRunner().invoke(
        main,
        [
            "render",
            ORDER,
            "-o",
            str(tmp_path / "o.docx"),
            "--templates",
            str(tmp_path / "templates"),
        ],
    )
    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert "template.docx" in result.output
    assert "внутренним объектам Python" in result.output


def test_the_template_folder_of_the_environment_is_followed_between_renders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # render() keeps its registry between calls; a change of ROADMAPDOCS_TEMPLATES still counts.
    make_template(tmp_path / "own", "Свой шаблон: {{ requisites.number }}")
    document = load_example("school-order")

    def first_paragraph() -> str:
        out = roadmapdocs.render(document, tmp_path / "o.docx")
        return next(p.text for p in docx.Document(str(out)).paragraphs if p.text.strip())

    monkeypatch.delenv("ROADMAPDOCS_TEMPLATES", raising=False)
    builtin = first_paragraph()
    monkeypatch.setenv("ROADMAPDOCS_TEMPLATES", str(tmp_path / "own"))
    assert first_paragraph().startswith("Свой шаблон:")
    monkeypatch.delenv("ROADMAPDOCS_TEMPLATES")
    assert first_paragraph() == builtin


needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) не установлен: ODT делает он"
)


@needs_soffice
def test_an_odt_output_is_a_real_open_document(tmp_path: Path) -> None:
    target = roadmapdocs.render(load_example("school-order"), tmp_path / "order.odt")
    assert target == tmp_path / "order.odt"
    with zipfile.ZipFile(target) as package:
        assert package.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    assert [p.name for p in tmp_path.iterdir()] == ["order.odt"]


@pytest.mark.parametrize(
    ("name", "asked", "expected"),
    [
        ("order.docx", "pdf", r"назовите файл «order\.pdf»"),
        ("order.pdf", "docx", r"назовите файл «order\.docx»"),
        ("order.odt", "pdf", r"не совпадает с расширением «\.odt»"),
        ("order.txt", None, r"неизвестное расширение «\.txt»: ожидается \.docx, \.pdf, \.odt"),
        ("order.txt", "docx", r"неизвестное расширение «\.txt»"),
        ("order", None, "нет расширения"),
        ("order.docx", "rtf", "неизвестный формат «rtf»"),
    ],
)
def test_a_format_the_output_name_does_not_bear_is_refused_before_any_work(
    tmp_path: Path, name: str, asked: str | None, expected: str
) -> None:
    with pytest.raises(OutputError, match=expected) as caught:
        roadmapdocs.render(load_example("school-order"), tmp_path / name, format=asked)
    assert name in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_the_format_follows_the_suffix_whatever_its_case(tmp_path: Path) -> None:
    target = roadmapdocs.render(load_example("school-order"), tmp_path / "ORDER.DOCX")
    assert zipfile.is_zipfile(target) and "word/document.xml" in zipfile.ZipFile(target).namelist()


def test_cli_refuses_pdf_into_a_word_file_in_one_line(tmp_path: Path) -> None:
    target = tmp_path / "x.docx"
    result = CliRunner().invoke(main, ["render", ORDER, "--pdf", "-o", str(target)])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert result.output.startswith("ошибка:") and "назовите файл «x.pdf»" in result.output
    assert not target.exists()


def test_annotate_follows_the_settings_file_beside_the_loaded_document(tmp_path: Path) -> None:
    folder = tmp_path / "project"
    folder.mkdir()
    shutil.copy(EXAMPLES / "school-roadmap.yaml", folder)
    (folder / "roadmapdocs.toml").write_text('ignore = ["missing-responsible"]\n', "utf-8")
    document = roadmapdocs.load(folder / "school-roadmap.yaml")
    assert "missing-responsible" in {f.name for f in roadmapdocs.validate(document)}
    out = roadmapdocs.render(document, tmp_path / "roadmap.docx", annotate=True)
    comments = [c.text for c in docx.Document(str(out)).comments]
    assert comments, "the other rules still find something"
    assert not [c for c in comments if "missing-responsible" in c]
    # A document built in Python has no folder: the default rules.
    built = roadmapdocs.load(roadmapdocs.to_data(document))
    out = roadmapdocs.render(built, tmp_path / "built.docx", annotate=True)
    assert [c for c in docx.Document(str(out)).comments if "missing-responsible" in c.text]


def test_errors_of_an_english_render_are_english(tmp_path: Path) -> None:
    document = load_example("school-order")
    with pytest.raises(OutputError, match="does not exist") as caught:
        roadmapdocs.render(document, tmp_path / "missing" / "order.docx", lang="en")
    assert "не существует" not in str(caught.value)
    with pytest.raises(OutputError, match=r"name the file «order\.pdf»"):
        roadmapdocs.render(document, tmp_path / "order.docx", format="pdf", lang="en")
    with pytest.raises(OutputError, match="папка"):  # Russian stays the default
        roadmapdocs.render(document, tmp_path / "missing" / "order.docx")
