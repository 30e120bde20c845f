"""The edition of ГОСТ Р 7.0.97 (2016 or 2025) changes what is checked, each difference here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import roadmapdocs
from roadmapdocs import pipeline
from roadmapdocs.authoring.builder import new_document, paragraph, save
from roadmapdocs.cli import main
from roadmapdocs.errors import ConfigError
from roadmapdocs.lint import lint_folder
from roadmapdocs.messages import language
from roadmapdocs.rules import Config
from roadmapdocs.settings import (
    DEFAULT_STANDARD,
    GOST_2016,
    GOST_2025,
    Settings,
    font_outside_standard,
)
from tests.conftest import EXAMPLES

UNTITLED = {
    "roadmap": {"kind": "roadmap", "level": "school"},
    "passport": {"kind": "passport", "level": "municipal"},
    "project": {"kind": "project", "level": "regional"},
}
"""A document of each kind that is no order, with no title."""


def _heading_findings(document: Any, config: Config | None = None) -> list[roadmapdocs.Finding]:
    report = roadmapdocs.validate(roadmapdocs.load(document), select=["RD205"], config=config)
    return list(report)


def test_the_default_edition_is_2016() -> None:
    assert DEFAULT_STANDARD == GOST_2016
    assert Settings().standard == GOST_2016
    assert Config().edition == GOST_2016


@pytest.mark.parametrize("kind", sorted(UNTITLED))
def test_a_document_without_a_title_is_an_error_only_under_2025(kind: str) -> None:
    assert _heading_findings(UNTITLED[kind]) == []
    assert _heading_findings(UNTITLED[kind], Config(standard=GOST_2016)) == []
    (finding,) = _heading_findings(UNTITLED[kind], Config(standard=GOST_2025))
    assert (finding.code, finding.severity, finding.element) == (
        "RD205",
        roadmapdocs.Severity.ERROR,
        "заголовок",
    )
    assert finding.path == ("title",)
    assert "по ГОСТ Р 7.0.97-2025 он обязателен для любого документа" in finding.message
    assert finding.suggestion is not None and "title" in finding.suggestion


def test_a_titled_document_passes_under_2025() -> None:
    titled = {**UNTITLED["roadmap"], "title": "Дорожная карта по повышению качества образования"}
    assert _heading_findings(titled, Config(standard=GOST_2025)) == []


def test_the_heading_message_in_english() -> None:
    document = roadmapdocs.load(UNTITLED["passport"])
    report = roadmapdocs.validate(
        document, select=["RD205"], config=Config(standard=GOST_2025), lang="en"
    )
    (finding,) = report
    assert (
        finding.message
        == "the document has no title: ГОСТ Р 7.0.97-2025 requires one for every document"
    )


def test_an_order_needs_its_title_under_both_editions() -> None:
    order = {
        "kind": "order",
        "level": "school",
        "date": "05.09.2024",
        "number": "226/1-г",
        "clauses": ["Утвердить план."],
        "signer": {"position": "Директор", "person": "Оловянникова Т.А."},
    }
    for edition in (GOST_2016, GOST_2025):
        (finding,) = _heading_findings(order, Config(standard=edition))
        assert finding.message == "нет заголовка к тексту"


# The edition from the settings file beside the documents


def _folder(tmp_path: Path, settings: str) -> Path:
    (tmp_path / "roadmapdocs.toml").write_text(settings, encoding="utf-8")
    document = tmp_path / "карта.yaml"
    document.write_text("kind: roadmap\nlevel: school\n", encoding="utf-8")
    return document


@pytest.mark.parametrize(
    ("given", "edition"),
    [(GOST_2025, GOST_2025), ("2025", GOST_2025), (2025, GOST_2025), (" 2016 ", GOST_2016)],
)
def test_an_edition_is_named_in_full_or_by_its_year(given: object, edition: str) -> None:
    assert Settings.model_validate({"standard": given}).standard == edition
    assert Config.from_mapping({"standard": given}).edition == edition


def test_the_settings_file_names_the_edition(tmp_path: Path) -> None:
    document = _folder(tmp_path, f'standard = "{GOST_2025}"\n')
    assert pipeline.settings_beside(document).edition == GOST_2025
    loaded = pipeline.load(document)
    assert [f.code for f in pipeline.check(loaded) if f.code == "RD205"] == ["RD205"]


def test_validate_command_checks_by_the_folders_edition(tmp_path: Path) -> None:
    document = _folder(tmp_path, 'select = ["RD205"]\n')
    assert CliRunner().invoke(main, ["validate", str(document)]).exit_code == 0
    _folder(tmp_path, f'select = ["RD205"]\nstandard = "{GOST_2025}"\n')
    result = CliRunner().invoke(main, ["validate", str(document)])
    assert result.exit_code == 1
    assert "по ГОСТ Р 7.0.97-2025 он обязателен" in result.output


def test_a_wrong_edition_in_the_settings_file_is_located(tmp_path: Path) -> None:
    document = _folder(tmp_path, 'ignore = ["RD3"]\nstandard = "ГОСТ 2025"\n')
    with pytest.raises(ConfigError) as raised:
        pipeline.settings_beside(document)
    assert raised.value.location is not None
    assert (raised.value.location.file, raised.value.location.line) == (
        str(tmp_path / "roadmapdocs.toml"),
        2,
    )
    assert "«ГОСТ Р 7.0.97-2016» или «ГОСТ Р 7.0.97-2025»" in raised.value.message
    result = CliRunner().invoke(main, ["validate", str(document)])
    assert result.exit_code == 1
    assert "standard = «ГОСТ 2025»" in result.output
    assert "Traceback" not in result.output


# The edition of the template a document is rendered with


def test_the_templates_edition_wins_when_rendering(tmp_path: Path) -> None:
    document = pipeline.load(_folder(tmp_path, ""))
    plain = pipeline.Rendering().checking(document)
    assert plain.standard is None  # the built-in template names no edition
    newer = pipeline.Rendering(settings={"standard": GOST_2025}).checking(document)
    assert newer.standard == GOST_2025
    assert "RD205" in {f.code for f in pipeline.check(document, newer)}
    # A folder on 2025 and a rendering that names 2016: the rendering's edition is printed.
    document = pipeline.load(_folder(tmp_path, f'standard = "{GOST_2025}"\n'))
    older = pipeline.Rendering(settings={"standard": GOST_2016}).checking(document)
    assert "RD205" not in {f.code for f in pipeline.check(document, older)}
    assert "RD205" in {f.code for f in pipeline.check(document, plain)}


def _comments(docx: Path) -> str:
    import zipfile

    with zipfile.ZipFile(docx) as archive:
        names = set(archive.namelist())
        return archive.read("word/comments.xml").decode() if "word/comments.xml" in names else ""


def test_render_annotates_by_the_edition_set(tmp_path: Path) -> None:
    source = tmp_path / "карта.yaml"
    source.write_text("kind: roadmap\nlevel: school\n", encoding="utf-8")
    for edition, expected in ((GOST_2016, False), (GOST_2025, True), ("2025", True)):
        target = tmp_path / f"{len(edition)}-{edition[-4:]}.docx"
        result = CliRunner().invoke(
            main,
            [
                "render",
                str(source),
                "-o",
                str(target),
                "--annotate",
                "--select",
                "RD205",
                "--set",
                f"standard={edition}",
            ],
        )
        assert result.exit_code == 0, result.output
        assert ("обязателен для любого документа" in _comments(target)) is expected


def test_render_from_python_annotates_by_the_edition(tmp_path: Path) -> None:
    document = roadmapdocs.load(UNTITLED["roadmap"])
    older = roadmapdocs.render(document, tmp_path / "2016.docx", annotate=True)
    newer = roadmapdocs.render(
        document, tmp_path / "2025.docx", annotate=True, settings={"standard": GOST_2025}
    )
    assert "обязателен для любого документа" not in _comments(older)
    assert "обязателен для любого документа" in _comments(newer)


# The font


@pytest.mark.parametrize("font", ["Times New Roman", "arial", "Verdana", "Calibri"])
def test_the_2016_fonts_pass_under_2016(font: str) -> None:
    assert font_outside_standard(Settings(font=font)) is None


def test_another_font_is_a_remark_under_2016_only() -> None:
    message = font_outside_standard(Settings(font="PT Astra Serif"))
    assert message is not None
    assert "шрифт «PT Astra Serif» не из тех, что называет ГОСТ Р 7.0.97-2016" in message.ru
    assert "Times New Roman, Arial, Verdana, Calibri" in message.ru
    assert "ГОСТ Р 7.0.97-2016 names" in message.en
    assert font_outside_standard(Settings(font="PT Astra Serif", standard=GOST_2025)) is None


def _fork(root: Path, settings: str) -> Path:
    folder = root / "school" / "order"
    folder.mkdir(parents=True)
    (folder / "template.toml").write_text(
        f'[template]\nname = "school/order"\nkind = "order"\n\n[settings]\n{settings}',
        encoding="utf-8",
    )
    document = new_document()
    paragraph(document, "{{ doc.title }}")
    save(document, folder / "template.docx")
    return folder


def test_lint_remarks_on_a_font_outside_the_2016_edition(tmp_path: Path) -> None:
    folder = _fork(tmp_path, 'font_size = 13\nfont = "PT Astra Serif"\n')
    with language("ru"):
        problems = lint_folder(folder)
    assert [p.type for p in problems] == ["font"]
    assert problems[0].location.file == str(folder / "template.toml")
    assert problems[0].location.line == 7
    assert "«PT Astra Serif»" in problems[0].message
    result = CliRunner().invoke(main, ["templates", "lint", str(folder)])
    assert result.exit_code == 1
    assert "template.toml:7:1: шрифт «PT Astra Serif»" in result.output


def test_lint_takes_any_font_under_2025(tmp_path: Path) -> None:
    folder = _fork(tmp_path, f'font = "PT Astra Serif"\nstandard = "{GOST_2025}"\n')
    assert lint_folder(folder) == []


def test_lint_finds_the_font_where_a_parent_sets_it(tmp_path: Path) -> None:
    parent = _fork(tmp_path / "base", 'font = "PT Astra Serif"\n')
    child = tmp_path / "own" / "school" / "roadmap"
    child.mkdir(parents=True)
    (child / "template.toml").write_text(
        '[template]\nname = "school/roadmap"\nkind = "order"\nextends = "school/order"\n',
        encoding="utf-8",
    )
    problems = lint_folder(child, [str(tmp_path / "base")])
    assert [p.type for p in problems] == ["font"]
    assert problems[0].location.file == str(parent / "template.toml")


def test_a_titled_order_prints_the_same_under_both_editions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the editions change for these documents is checked, not printed (docs/templates.md):
    a difference in print would have to be documented there first."""
    import zipfile

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1725494400")  # the same times in both files
    document = roadmapdocs.load(EXAMPLES / "school-order-clean.yaml")
    parts = []
    for edition in (GOST_2016, GOST_2025):
        target = tmp_path / f"{edition[-4:]}.docx"
        roadmapdocs.render(document, target, settings={"standard": edition})
        with zipfile.ZipFile(target) as archive:
            parts.append({name: archive.read(name) for name in archive.namelist()})
    assert parts[0] == parts[1]


def test_a_batch_checks_each_document_by_its_templates_edition(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from roadmapdocs.batch import render_many

    folder = tmp_path / "templates" / "school" / "roadmap2025"
    folder.mkdir(parents=True)
    (folder / "template.toml").write_text(
        '[template]\nname = "school/roadmap2025"\nlevel = "school"\nkind = "roadmap"\n'
        'version = "1"\nextends = "school/roadmap"\n\n'
        f'[settings]\nstandard = "{GOST_2025}"\n',
        encoding="utf-8",
    )
    source = tmp_path / "карта.yaml"
    source.write_text("kind: roadmap\nlevel: school\n", encoding="utf-8")
    codes = {}
    for template in ("school/roadmap", "school/roadmap2025"):
        out = tmp_path / template.replace("/", "-")
        out.mkdir()
        with ThreadPoolExecutor(1) as pool:
            (result,) = render_many(
                [str(source)],
                out,
                executor=pool,
                template=template,
                registry_folders=[str(tmp_path / "templates")],
            )
        assert result.ok, result.error
        codes[template] = {f.code for f in result.findings}
    assert "RD205" not in codes["school/roadmap"]
    assert "RD205" in codes["school/roadmap2025"]
