"""Template lint: built-ins are clean; each kind of broken template gives one readable problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from roadmapdocs.authoring.builder import new_document, paragraph, save
from roadmapdocs.cli import main
from roadmapdocs.lint import lint_folder, sample_document
from roadmapdocs.messages import language
from roadmapdocs.model import DOCUMENT_KINDS
from roadmapdocs.templates import Registry

from .wording import is_english


def template(root: Path, *texts: str, kind: str = "order", manifest: str | None = None) -> Path:
    """A folder with a manifest and a .docx of one paragraph per text."""
    folder = root / "school" / "order"
    folder.mkdir(parents=True)
    (folder / "template.toml").write_text(
        manifest
        if manifest is not None
        else f'[template]\nname = "school/order"\nkind = "{kind}"\n',
        encoding="utf-8",
    )
    document = new_document()
    for text in texts:
        paragraph(document, text)
    save(document, folder / "template.docx")
    return folder


BUILTINS = Registry(use_env=False, packs=False, builtins=True)


@pytest.mark.parametrize("name", BUILTINS.names())
def test_builtin_templates_lint_clean(name: str) -> None:
    assert lint_folder(BUILTINS.get(name).folder) == []


@pytest.mark.parametrize("kind", sorted(DOCUMENT_KINDS))
def test_sample_document_validates(kind: str) -> None:
    document = sample_document(kind)
    assert type(document) is DOCUMENT_KINDS[kind]


@pytest.mark.parametrize(
    ("texts", "type_", "expected"),
    [
        (["{{ dok.title }}"], "unknown_variable", "«dok»; возможно, имелось в виду «doc»"),
        (["{{ requisite.date }}"], "unknown_variable", "имелось в виду «requisites»"),
        (["{{ zzz }}"], "unknown_variable", "неизвестная переменная «zzz» (см. docs/context.md)"),
        (
            # Found before docxtpl's tag clean-up, which would run the next paragraph into it.
            ["ПРИКАЗ", "Утверждаю {{ doc.title ", "{{ doc.number }} подпись"],
            "template",
            "в абзаце «Утверждаю {{ doc.title»: тег «{{» не закрыт в том же абзаце",
        ),
        (
            ["{%p if doc.title", "текст", "{%p endif %}"],
            "template",
            "в абзаце «{%p if doc.title»: тег «{%» не закрыт в том же абзаце",
        ),
        (["{% if doc.title %}без конца"], "template", "ошибка синтаксиса"),
        (["{{ doc.__class__ }}"], "render", "обращается к внутренним объектам Python"),
        (
            ["{{ doc.title.__class__.__mro__ }}"],
            "render",
            "обращается к внутренним объектам Python",
        ),
        (["{{ doc.no_such_field }}"], "render", "неизвестную переменную"),
    ],
    ids=[
        "did-you-mean-doc",
        "did-you-mean-requisites",
        "no-suggestion",
        "syntax-paragraph",
        "statement-across-paragraphs",
        "unclosed-block",
        "class",
        "mro",
        "unknown-field",
    ],
)
def test_broken_template_gives_one_problem(
    tmp_path: Path, texts: list[str], type_: str, expected: str
) -> None:
    folder = template(tmp_path, *texts)
    problems = lint_folder(folder)
    assert [p.type for p in problems] == [type_]
    assert expected in problems[0].message
    assert problems[0].location.file == str(folder / "template.docx")


@pytest.mark.parametrize(
    ("manifest", "expected"),
    [
        ('[template]\nname = "school/order"\nkind = "memo"\n', "kind = «memo»"),
        (
            '[template]\nname = "school/order"\nkind = "order"\nextends = "school/none"\n',
            "не найден",
        ),
    ],
    ids=["bad-kind", "missing-parent"],
)
def test_manifest_problems(tmp_path: Path, manifest: str, expected: str) -> None:
    folder = template(tmp_path, "{{ doc.title }}", manifest=manifest)
    problems = lint_folder(folder)
    assert [p.type for p in problems] == ["manifest"]
    assert expected in problems[0].message


def test_fork_without_its_own_docx_lints_through_the_parent(tmp_path: Path) -> None:
    folder = template(
        tmp_path,
        manifest='[template]\nname = "school/order"\nkind = "order"\nextends = "school/order"\n',
    )
    (folder / "template.docx").unlink()
    assert lint_folder(folder) == []


@pytest.mark.parametrize(
    ("texts", "code", "expected"),
    [
        (["{{ doc.title }}"], 0, "Шаблон в порядке."),
        (["{{ dok.title }}"], 1, "Замечаний: 1."),
        (["{{ doc.__class__ }}"], 1, "внутренним объектам"),
    ],
    ids=["clean", "unknown", "security"],
)
def test_cli_lint_exit_codes(tmp_path: Path, texts: list[str], code: int, expected: str) -> None:
    result = CliRunner().invoke(main, ["templates", "lint", str(template(tmp_path, *texts))])
    assert result.exit_code == code
    assert expected in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_file_word_cannot_open_is_one_problem_not_a_crash(tmp_path: Path) -> None:
    folder = template(tmp_path, "{{ doc.title }}")
    (folder / "template.docx").write_bytes(b"not a Word file")
    problems = lint_folder(folder)
    assert [p.type for p in problems] == ["template"]
    assert "не открывается как документ Word" in problems[0].message


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["{{ dok.title }}"], "unknown variable «dok»; did you mean «doc» (see docs/context.md)"),
        (["Утверждаю {{ doc.title ", "подпись"], "tag «{{» is not closed in the same paragraph"),
        (["{% if doc.title %}без конца"], "syntax error in template «school/order»"),
        (["{{ doc.__class__ }}"], "reaches for Python internals"),
        (["{{ doc.no_such_field }}"], "uses an unknown variable"),
    ],
    ids=["unknown-variable", "unclosed", "syntax", "sandbox", "unknown-field"],
)
def test_problems_are_english_when_asked(tmp_path: Path, texts: list[str], expected: str) -> None:
    folder = template(tmp_path, *texts)
    with language("en"):
        problems = lint_folder(folder)
    assert len(problems) == 1
    assert expected in problems[0].message
    assert is_english(problems[0].message), problems[0].message


def test_manifest_problems_are_english_when_asked(tmp_path: Path) -> None:
    manifest = '[template]\nname = "school/order"\nkind = "order"\nextends = "school/none"\n'
    with language("en"):
        problems = lint_folder(template(tmp_path, "{{ doc.title }}", manifest=manifest))
    assert [p.type for p in problems] == ["manifest"]
    assert "template «school/none» not found. Looked in:" in problems[0].message
    assert is_english(problems[0].message), problems[0].message


@pytest.mark.parametrize("name", BUILTINS.names())
def test_builtin_templates_are_written_directly(name: str) -> None:
    from roadmapdocs.lint import folder_notes

    assert folder_notes(BUILTINS.get(name).folder) == []


def test_lint_notes_a_part_jinja_renders_and_still_passes(tmp_path: Path) -> None:
    folder = template(tmp_path, "{% macro m() %}М{% endmacro %}{{ m() }} {{ doc.title }}")
    result = CliRunner().invoke(main, ["templates", "lint", str(folder)])
    assert result.exit_code == 0, result.output
    assert "примечание: основной текст отрисует Jinja" in result.output
    assert "{% macro %}" in result.output
    assert "Шаблон в порядке." in result.output
