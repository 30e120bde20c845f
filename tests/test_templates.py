"""The template registry: search order, packs, manifests, ``extends``, ``fork`` and the CLI."""

from __future__ import annotations

import importlib.metadata
import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from click.testing import CliRunner
from docx import Document

import roadmapdocs
from roadmapdocs.cli import main
from roadmapdocs.errors import TemplateError, TemplateNotFound
from roadmapdocs.messages import Lang, language
from roadmapdocs.templates import Registry, fork, read_manifest, safe_join, template_listing
from roadmapdocs.tomlfile import loads

from .conftest import EXAMPLES
from .wording import is_english

BUILTIN = Registry(use_env=False, packs=False).get("school/order")


def make(
    root: Path,
    name: str = "school/order",
    *,
    kind: str = "order",
    extends: str | None = None,
    settings: str = "",
    docx: bool = True,
) -> Path:
    """A template folder ``root/name`` with a manifest and (unless told) the built-in .docx."""
    folder = root / name
    folder.mkdir(parents=True)
    lines = ["[template]", f'name = "{name}"', f'kind = "{kind}"']
    if extends:
        lines.append(f'extends = "{extends}"')
    (folder / "template.toml").write_text(
        "\n".join([*lines, "[settings]", settings, ""]), encoding="utf-8"
    )
    if docx:
        (folder / "template.docx").write_bytes(BUILTIN.docx.read_bytes())
    return folder


class FakeEntryPoint:
    """What the registry uses of an entry point: its name, value, distribution and ``load``."""

    def __init__(self, dist: str, target: Any) -> None:
        self.name = dist.split("-")[-1]
        self.value = f"{self.name}_templates"
        self.dist = SimpleNamespace(name=dist)
        self._target = target

    def load(self) -> Any:
        return self._target


@pytest.fixture
def packs(monkeypatch: pytest.MonkeyPatch) -> list[FakeEntryPoint]:
    """The installed packs, empty unless a test adds some; also clears ROADMAPDOCS_TEMPLATES."""
    installed: list[FakeEntryPoint] = []
    real = importlib.metadata.entry_points

    # Other libraries (pymorphy3 finds its dictionaries so) still see the real entry points.
    def entry_points(**selection: Any) -> Any:
        if selection.get("group") == "roadmapdocs.templates":
            return installed
        return real(**selection)

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
    monkeypatch.delenv("ROADMAPDOCS_TEMPLATES", raising=False)
    return installed


@pytest.fixture
def folders(tmp_path: Path) -> dict[str, Path]:
    """Two template folders, «a» and «b», each with its own school/order."""
    made = {}
    for label in ("a", "b"):
        made[label] = tmp_path / label
        make(made[label])
    return made


# --- search order -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "env", "winner"),
    [
        ([], None, "builtin"),
        (["a"], None, "a"),
        (["a", "b"], None, "a"),
        (["b", "a"], None, "b"),
        ([], ["a", "b"], "a"),
        ([], ["b", "a"], "b"),
        (["b"], ["a"], "b"),
    ],
    ids=["builtin", "folder", "first-of-two", "order-given", "env", "env-order", "cli-over-env"],
)
def test_search_order(
    packs: list[FakeEntryPoint],
    folders: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
    given: list[str],
    env: list[str] | None,
    winner: str,
) -> None:
    if env is not None:
        monkeypatch.setenv("ROADMAPDOCS_TEMPLATES", os.pathsep.join(str(folders[e]) for e in env))
    template = Registry([folders[g] for g in given]).get("school/order")
    if winner == "builtin":
        assert template.source.kind == "builtin"
    else:
        assert template.folder == folders[winner] / "school" / "order"


def test_pack_sits_between_folders_and_builtins(
    packs: list[FakeEntryPoint], folders: dict[str, Path]
) -> None:
    packs.append(
        FakeEntryPoint("roadmapdocs-a-templates", SimpleNamespace(__path__=[str(folders["a"])]))
    )
    assert Registry().get("school/order").source.kind == "pack"
    assert Registry([folders["b"]]).get("school/order").folder == folders["b"] / "school" / "order"


def test_listing_shows_what_shadows_what(
    packs: list[FakeEntryPoint], folders: dict[str, Path]
) -> None:
    packs.append(FakeEntryPoint("roadmapdocs-b-templates", folders["b"]))
    registry = Registry([folders["a"]])
    listing = {name: (winner, shadowed) for name, winner, shadowed in template_listing(registry)}
    winner, shadowed = listing["school/order"]
    assert (winner.kind, [s.kind for s in shadowed]) == ("folder", ["pack", "builtin"])

    result = CliRunner().invoke(main, ["templates", "list", "--templates", str(folders["a"])])
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if x.startswith("school/order"))
    assert f"папка {folders['a']}" in line
    assert "заслоняет: пакет roadmapdocs-b-templates" in line
    assert "встроенный roadmapdocs" in line.split("заслоняет")[1]


def test_missing_folder_is_an_error(packs: list[FakeEntryPoint], tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="не найдена") as caught:
        Registry([tmp_path / "nowhere"])
    assert caught.value.location is not None


# --- packs ------------------------------------------------------------------------------------


@pytest.mark.parametrize("behind_folder", [False, True], ids=["alone", "behind-a-folder"])
def test_two_packs_with_one_name_are_an_error_naming_both(
    packs: list[FakeEntryPoint], folders: dict[str, Path], tmp_path: Path, behind_folder: bool
) -> None:
    # A module entry point (its package folder) and a callable returning a folder: both shapes.
    packs.append(
        FakeEntryPoint("roadmapdocs-tver-templates", SimpleNamespace(__path__=[str(folders["a"])]))
    )
    packs.append(FakeEntryPoint("roadmapdocs-pskov-templates", lambda: folders["b"]))
    given = [make(tmp_path / "mine").parents[1]] if behind_folder else []
    with pytest.raises(TemplateError) as caught:
        Registry(given)
    message = str(caught.value)
    assert "school/order" in message
    assert "roadmapdocs-tver-templates" in message
    assert "roadmapdocs-pskov-templates" in message


def test_pack_that_fails_to_load_is_named(packs: list[FakeEntryPoint]) -> None:
    class Broken(FakeEntryPoint):
        def load(self) -> Any:
            raise ImportError("No module named 'kursk_templates'")

    packs.append(Broken("roadmapdocs-kursk-templates", None))
    with pytest.raises(TemplateError, match=r"roadmapdocs-kursk-templates.*kursk_templates"):
        Registry()


# --- names and "not found" --------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "../x",
        "/etc",
        "school/../../x",
        "school/order/../../..",
        "School/Order",
        "",
        "school//order",
    ],
)
def test_unsafe_names_are_refused(packs: list[FakeEntryPoint], tmp_path: Path, name: str) -> None:
    with pytest.raises(TemplateNotFound, match="недопустимое имя"):
        safe_join(tmp_path, name)
    with pytest.raises(TemplateNotFound, match="недопустимое имя"):
        Registry([tmp_path]).get(name)


def test_safe_name_joins_inside_root(tmp_path: Path) -> None:
    assert safe_join(tmp_path, "school/order") == (tmp_path / "school" / "order").resolve()


def test_not_found_lists_every_place_looked(
    packs: list[FakeEntryPoint], folders: dict[str, Path]
) -> None:
    packs.append(FakeEntryPoint("roadmapdocs-orel-templates", folders["b"]))
    registry = Registry([folders["a"]])
    with pytest.raises(TemplateNotFound) as caught:
        registry.get("district/order")
    message = str(caught.value)
    for source in registry.sources:
        assert f"{source} ({source.root})" in message
    assert "Есть похожие: municipal/order, regional/order, school/order" in message


# --- manifests --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[template\nname = "school/order"', "ошибка в template.toml"),
        ('[template]\nname = "school/order"\nkind = "letter"', "kind = «letter»"),
        (
            '[template]\nname = "school/order"\nlevel = "federal"\nkind = "order"',
            "уровень «federal»",
        ),
        ('[template]\nkind = "order"', "не указано или неверно имя"),
        ('[template]\nname = "Школа/приказ"\nkind = "order"', "не указано или неверно имя"),
        ('[template]\nname = "school/order"\nkind = "order"\nauthor = "x"', "неизвестные поля"),
        ('[template]\nname = "school/order"\nkind = "order"\nextends = "../x"', "extends"),
        ('settings = 5\n[template]\nname = "school/order"\nkind = "order"', "[settings]"),
    ],
    ids=[
        "bad-toml",
        "kind",
        "level",
        "no-name",
        "bad-name",
        "unknown-field",
        "extends",
        "settings",
    ],
)
def test_manifest_errors_are_located(tmp_path: Path, text: str, expected: str) -> None:
    (tmp_path / "template.toml").write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        read_manifest(tmp_path)
    assert expected in caught.value.message
    assert caught.value.location is not None
    assert caught.value.location.file == str(tmp_path / "template.toml")


def test_broken_manifest_in_a_folder_stops_the_registry(
    packs: list[FakeEntryPoint], tmp_path: Path
) -> None:
    folder = make(tmp_path, kind="letter")
    with pytest.raises(TemplateError) as caught:
        Registry([tmp_path])
    assert caught.value.location is not None
    assert caught.value.location.file == str(folder / "template.toml")


# --- extends ----------------------------------------------------------------------------------


def test_fork_with_the_same_name_extends_the_next_one_down(
    packs: list[FakeEntryPoint], folders: dict[str, Path], tmp_path: Path
) -> None:
    child = make(tmp_path / "child", extends="school/order", docx=False)
    template = Registry([tmp_path / "child", folders["a"]]).get("school/order")
    assert template.folder == child
    assert template.parent is not None
    assert template.parent.folder == folders["a"] / "school" / "order"
    assert template.docx == folders["a"] / "school" / "order" / "template.docx"


def test_settings_merge_defaults_parent_child_overrides(
    packs: list[FakeEntryPoint], tmp_path: Path
) -> None:
    make(
        tmp_path / "parent",
        extends="school/order",
        settings="font_size = 12\ndate_style = 'long'\nmargins = { left = 25 }",
    )
    make(
        tmp_path / "child",
        extends="school/order",
        settings="font_size = 13\nmargins = { right = 12 }",
    )
    template = Registry([tmp_path / "child", tmp_path / "parent"]).get("school/order")
    settings = template.settings({"table_font_size": 11})
    assert template.parent is not None and template.parent.parent is not None
    assert template.parent.parent.source.kind == "builtin"
    expected = {
        "font_size": 13,  # child over parent over built-in
        "date_style": "long",  # parent over built-in
        "table_font_size": 11,  # overrides over all
        "font": "Times New Roman",  # built-in manifest
        "page_numbers": True,  # Settings default
        "margins": {"top": 20, "right": 12, "bottom": 20, "left": 25},  # merged key by key
    }
    dumped = settings.model_dump()
    assert {key: dumped[key] for key in expected} == expected


def test_invalid_setting_is_a_located_error(packs: list[FakeEntryPoint], tmp_path: Path) -> None:
    folder = make(tmp_path, settings="font_size = 99")
    with pytest.raises(TemplateError, match="font_size") as caught:
        Registry([tmp_path]).get("school/order").settings()
    assert caught.value.location is not None
    assert caught.value.location.file == str(folder / "template.toml")


def test_extends_cycle_is_an_error(packs: list[FakeEntryPoint], tmp_path: Path) -> None:
    make(tmp_path, "school/a", extends="school/b")
    make(tmp_path, "school/b", extends="school/a")
    with pytest.raises(TemplateError, match="по кругу: school/a → school/b"):
        Registry([tmp_path]).get("school/a")


def test_fork_at_the_bottom_has_nothing_to_extend(
    packs: list[FakeEntryPoint], tmp_path: Path
) -> None:
    make(tmp_path, extends="school/order")
    with pytest.raises(TemplateNotFound):
        Registry([tmp_path], builtins=False).get("school/order")


# --- fork -------------------------------------------------------------------------------------


def test_fork_copies_and_extends_the_original(packs: list[FakeEntryPoint], tmp_path: Path) -> None:
    target = fork(Registry(), "school/order", tmp_path / "my" / "school" / "order")
    assert (target / "template.docx").read_bytes() == BUILTIN.docx.read_bytes()
    manifest = read_manifest(target)
    assert (manifest.name, manifest.kind, manifest.extends) == (
        "school/order",
        "order",
        "school/order",
    )
    assert manifest.settings == {}


def test_fork_manifest_survives_quotes_and_backslashes(
    packs: list[FakeEntryPoint], tmp_path: Path
) -> None:
    folder = make(tmp_path / "odd")
    manifest = folder / "template.toml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace(
            "[settings]", "title = 'Приказ \"Точка роста\" C:\\\\шаблоны'\n[settings]"
        ),
        encoding="utf-8",
    )
    target = fork(Registry([tmp_path / "odd"]), "school/order", tmp_path / "copy")
    title = loads((target / "template.toml").read_text(encoding="utf-8"))["template"]["title"]
    assert title == 'Приказ "Точка роста" C:\\\\шаблоны (копия)'


def test_fork_refuses_a_non_empty_destination(packs: list[FakeEntryPoint], tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("мои заметки", encoding="utf-8")
    with pytest.raises(TemplateError, match="не пуста"):
        fork(Registry(), "school/order", tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_fork_on_the_search_path_wins_and_renders(
    packs: list[FakeEntryPoint], tmp_path: Path
) -> None:
    target = fork(Registry(), "school/order", tmp_path / "my" / "school" / "order")
    manifest = target / "template.toml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8") + 'date_style = "long"\nfont_size = 13\n',
        encoding="utf-8",
    )
    registry = Registry([tmp_path / "my"])
    assert registry.get("school/order").folder == target
    document = roadmapdocs.load(EXAMPLES / "school-order.yaml")
    out = tmp_path / "order.docx"
    roadmapdocs.render(document, out, registry=registry)
    rendered = Document(str(out))
    text = "\n".join(p.text for p in rendered.paragraphs)
    assert rendered.styles["Normal"].font.size.pt == 13
    assert " г." in text and "№" in text
    plain = Document(str(_render_builtin(document, tmp_path)))
    assert plain.styles["Normal"].font.size.pt == 14
    assert text != "\n".join(p.text for p in plain.paragraphs)


def _render_builtin(document: Any, tmp_path: Path) -> Path:
    out = tmp_path / "builtin.docx"
    roadmapdocs.render(document, out, registry=Registry())
    return out


# --- CLI --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code", "expected"),
    [
        (["templates", "list"], 0, "Порядок поиска"),
        (["templates", "show", "school/order"], 0, "вид документа: order"),
        (["templates", "show", "school/nothing"], 1, "не найден"),
        (["templates", "show", "../etc"], 1, "недопустимое имя"),
        (["templates", "lint", str(BUILTIN.folder)], 0, "Шаблон в порядке"),
    ],
    ids=["list", "show", "show-missing", "show-traversal", "lint-builtin"],
)
def test_cli(packs: list[FakeEntryPoint], args: list[str], code: int, expected: str) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == code, result.output
    assert expected in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_cli_fork_then_refuse(packs: list[FakeEntryPoint], tmp_path: Path) -> None:
    destination = str(tmp_path / "my" / "school" / "order")
    runner = CliRunner()
    first = runner.invoke(main, ["templates", "fork", "school/order", destination])
    assert first.exit_code == 0, first.output
    assert f"--templates {destination}" in first.output
    again = runner.invoke(main, ["templates", "fork", "school/order", destination])
    assert again.exit_code == 1
    assert "не пуста" in again.output
    assert again.exception is None or isinstance(again.exception, SystemExit)
    shown = runner.invoke(
        main, ["templates", "show", "school/order", "--templates", str(tmp_path / "my")]
    )
    assert shown.exit_code == 0
    assert f"источник: папка {tmp_path / 'my'}" in shown.output
    assert "расширяет: school/order" in shown.output


def test_what_a_manifest_extends(packs: list[FakeEntryPoint]) -> None:
    from roadmapdocs.templates import Manifest

    registry = Registry()
    fork = Manifest(name="school/order", level="school", kind="order", extends="school/order")
    parent = registry.extended(fork, precedence=-1)
    assert parent is not None and parent.source.kind == "builtin"
    other = Manifest(name="school/plan", level="school", kind="roadmap", extends="school/roadmap")
    found = registry.extended(other, precedence=-1)
    assert found is not None and found.name == "school/roadmap"
    assert registry.extended(Manifest(name="school/x", level="school", kind="order"), 0) is None
    with pytest.raises(TemplateNotFound):
        registry.extended(fork, precedence=2_000)  # nothing below the built-ins


# --- the language of the messages -------------------------------------------------------------


def _unknown_name(tmp_path: Path) -> None:
    Registry([tmp_path]).get("district/order")


def _refused_name(tmp_path: Path) -> None:
    Registry([tmp_path]).get("../etc")


def _broken_manifest(tmp_path: Path) -> None:
    make(tmp_path, kind="letter")
    Registry([tmp_path])


def _bad_toml(tmp_path: Path) -> None:
    (tmp_path / "template.toml").write_text("[template", encoding="utf-8")
    read_manifest(tmp_path)


def _bad_settings(tmp_path: Path) -> None:
    make(tmp_path, settings="font_size = 99")
    Registry([tmp_path]).get("school/order").settings()


def _missing_folder(tmp_path: Path) -> None:
    Registry([tmp_path / "nowhere"])


def _cycle(tmp_path: Path) -> None:
    make(tmp_path, "school/a", extends="school/b")
    make(tmp_path, "school/b", extends="school/a")
    Registry([tmp_path]).get("school/a")


def _no_docx(tmp_path: Path) -> None:
    make(tmp_path, docx=False)
    Registry([tmp_path], builtins=False).get("school/order").docx  # noqa: B018


def _fork_into_a_full_folder(tmp_path: Path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x", encoding="utf-8")
    fork(Registry([tmp_path / "full"]), "school/order", tmp_path / "full")


_REGISTRY_ERRORS = {
    "unknown-name": (_unknown_name, "not found. Looked in:", "не найден. Где искали:"),
    "refused-name": (_refused_name, "is not allowed", "недопустимое имя шаблона"),
    "broken-manifest": (
        _broken_manifest,
        "kind = «letter» is not one of",
        "вид документа kind = «letter» не из",
    ),
    "bad-toml": (_bad_toml, "error in template.toml", "ошибка в template.toml"),
    "bad-settings": (
        _bad_settings,
        "invalid settings of template «school/order»: font_size: must be at most 30",
        "неверные настройки шаблона «school/order»: font_size: значение должно быть не больше 30",
    ),
    "missing-folder": (_missing_folder, "not found", "не найдена"),
    "cycle": (_cycle, "in a circle: school/a → school/b", "по кругу: school/a → school/b"),
    "no-docx": (_no_docx, "has no file template.docx", "нет файла template.docx"),
    "fork": (_fork_into_a_full_folder, "is not empty", "уже существует и не пуста"),
}


@pytest.mark.parametrize(
    ("make_error", "english", "russian"), _REGISTRY_ERRORS.values(), ids=_REGISTRY_ERRORS
)
def test_registry_errors_are_english_when_asked_and_russian_by_default(
    packs: list[FakeEntryPoint], tmp_path: Path, make_error: Any, english: str, russian: str
) -> None:
    (tmp_path / "en").mkdir()
    with language("en"), pytest.raises(TemplateError) as in_english:
        make_error(tmp_path / "en")
    assert english in in_english.value.message
    assert is_english(in_english.value.message), in_english.value.message
    (tmp_path / "ru").mkdir()
    with pytest.raises(TemplateError) as by_default:
        make_error(tmp_path / "ru")
    assert russian in by_default.value.message


def test_an_english_not_found_still_lists_every_place_looked(
    packs: list[FakeEntryPoint], folders: dict[str, Path]
) -> None:
    packs.append(FakeEntryPoint("roadmapdocs-orel-templates", folders["b"]))
    registry = Registry([folders["a"]])
    with language("en"), pytest.raises(TemplateNotFound) as caught:
        registry.get("district/order")
    message = caught.value.message
    assert is_english(message), message
    assert "Looked in:" in message
    for source in registry.sources:
        assert f"{source.describe('en')} ({source.root})" in message
    assert "Similar names: municipal/order, regional/order, school/order." in message


def test_an_english_clash_of_packs_names_both(
    packs: list[FakeEntryPoint], folders: dict[str, Path]
) -> None:
    packs.append(FakeEntryPoint("roadmapdocs-tver-templates", folders["a"]))
    packs.append(FakeEntryPoint("roadmapdocs-pskov-templates", folders["b"]))
    with language("en"), pytest.raises(TemplateError) as caught:
        Registry()
    message = caught.value.message
    assert is_english(message), message
    assert "pack roadmapdocs-tver-templates" in message
    assert "pack roadmapdocs-pskov-templates" in message


def test_a_fork_made_in_english_keeps_a_russian_manifest(
    packs: list[FakeEntryPoint], tmp_path: Path
) -> None:
    with language("en"):
        target = fork(Registry(), "school/order", tmp_path / "copy")
    manifest = loads((target / "template.toml").read_text(encoding="utf-8"))
    assert (
        manifest["template"]["description"]
        == "Копия шаблона school/order (встроенный roadmapdocs)."
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "ru",
            "неверные настройки шаблона «school/order»: margins.top: значение должно быть не "
            "меньше 20; margins.x: неизвестное поле «x»; nbsp: ожидается да/нет (true/false)",
        ),
        (
            "en",
            "invalid settings of template «school/order»: margins.top: must be at least 20; "
            "margins.x: unknown field «x»; nbsp: true or false expected",
        ),
    ],
)
def test_bad_settings_name_each_setting_and_its_problem(lang: Lang, expected: str) -> None:
    with language(lang), pytest.raises(TemplateError) as caught:
        BUILTIN.settings({"margins": {"top": 5, "x": 1}, "nbsp": "maybe"})
    assert caught.value.message == expected
