"""The template registry: where templates come from, which one wins, and what each one is.

Search order, first match wins (``roadmapdocs templates list`` prints it):

1. folders given with ``--templates`` or ``ROADMAPDOCS_TEMPLATES`` (an ``os.pathsep`` list), in
   the order given;
2. installed template packs, announced by the entry point group ``roadmapdocs.templates``;
3. the built-in templates shipped with roadmapdocs.

Two packs that both provide a name are a loud error naming both: packs have no order among
themselves, so neither may silently win.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import metadata, resources
from itertools import pairwise
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from roadmapdocs.archive import check_docx
from roadmapdocs.errors import Location, TemplateError, TemplateNotFound
from roadmapdocs.messages import Lang, Phrase, current, pydantic_message
from roadmapdocs.model import kinds
from roadmapdocs.model.document import LEVELS
from roadmapdocs.settings import Settings, merge_settings
from roadmapdocs.tomlfile import TOMLDecodeError, loads

ENTRY_POINT_GROUP = "roadmapdocs.templates"
ENV_VAR = "ROADMAPDOCS_TEMPLATES"
MANIFEST = "template.toml"
DOCX = "template.docx"
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*$")
_SOURCE_KINDS = {
    "folder": Phrase("папка", "folder"),
    "pack": Phrase("пакет", "pack"),
    "builtin": Phrase("встроенный", "built-in"),
}
_REFUSED = Phrase("недопустимое имя шаблона «{name}»", "template name «{name}» is not allowed")


@dataclass(frozen=True)
class Source:
    """A place templates come from."""

    kind: str
    """«folder», «pack» or «builtin»."""
    label: str
    """The folder, or the pack's distribution and entry point."""
    root: Path
    precedence: int
    """Lower wins. Folders count 0, 1, …; packs share one level; built-ins come last."""

    def describe(self, lang: Lang | None = None) -> str:
        """«папка …», «пакет …» or «встроенный …» in ``lang`` (by default the running call's)."""
        kind = _SOURCE_KINDS.get(self.kind)
        return f"{kind.in_(lang) if kind else self.kind} {self.label}"

    def __str__(self) -> str:
        return self.describe()


@dataclass(frozen=True)
class Manifest:
    """What ``template.toml`` says of a template."""

    name: str
    level: str
    kind: str
    version: str = "1"
    title: str = ""
    description: str = ""
    extends: str | None = None
    settings: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Template:
    """A template found in a source: its folder, manifest, and the chain it extends."""

    manifest: Manifest
    folder: Path
    source: Source
    parent: Template | None = None

    @property
    def name(self) -> str:
        return self.manifest.name

    @property
    def docx(self) -> Path:
        """The .docx this template renders: its own, else the one of the template it extends.

        The file is checked before anyone opens it (:func:`roadmapdocs.archive.check_docx`):
        a broken, hostile or oversized package is a located error, never a traceback. A
        ``template.docx`` that is there but is no file (a folder, a dangling link, a link out
        of the template's folder) is an error too, not a reason to fall back on the parent.
        """
        own = self.folder / DOCX
        if own.is_symlink() or own.exists():
            _check_own_docx(own, self.name)
            return own
        if self.parent is not None:
            return self.parent.docx
        raise TemplateError(
            Phrase(
                "в шаблоне «{name}» нет файла {docx}", "template «{name}» has no file {docx}"
            ).format(name=self.name, docx=DOCX),
            Location(str(self.folder)),
        )

    def settings(self, overrides: dict[str, Any] | None = None) -> Settings:
        """Settings: defaults ← each template it extends ← this one ← ``overrides``."""
        layers: list[dict[str, Any]] = []
        node: Template | None = self
        while node is not None:
            layers.insert(0, node.manifest.settings)
            node = node.parent
        merged = merge_settings(*layers, overrides or {})
        try:
            return Settings.model_validate(merged)
        except ValidationError as exc:
            raise TemplateError(
                Phrase(
                    "неверные настройки шаблона «{name}»: {detail}",
                    "invalid settings of template «{name}»: {detail}",
                ).format(name=self.name, detail=_settings_problems(exc)),
                Location(str(self.folder / MANIFEST)),
            ) from None


def _check_own_docx(path: Path, name: str) -> None:
    """Refuse a template's own ``template.docx`` unless it is a sound .docx within the limits.

    A symbolic link is followed only while it stays inside the template's folder: a template
    copied from elsewhere must not read (or ``fork`` copy) a file outside it. Templates share a
    .docx through ``extends`` instead.
    """
    where = Location(str(path))
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            raise TemplateError(
                Phrase(
                    "файл {docx} шаблона «{name}» — ссылка, которая никуда не ведёт",
                    "the file {docx} of template «{name}» is a link that leads nowhere",
                ).format(docx=DOCX, name=name),
                where,
            ) from None
        if not target.is_relative_to(path.parent.resolve()):
            raise TemplateError(
                Phrase(
                    "файл {docx} шаблона «{name}» — ссылка за пределы папки шаблона ({target}); "
                    "положите в папку сам файл или возьмите его у другого шаблона через extends",
                    "the file {docx} of template «{name}» is a link out of the template's folder "
                    "({target}); put the file itself in the folder, or take another template's "
                    "through extends",
                ).format(docx=DOCX, name=name, target=target),
                where,
            )
    if path.is_dir():
        raise TemplateError(
            Phrase(
                "{docx} шаблона «{name}» — папка, а не файл; положите на её место документ Word",
                "{docx} of template «{name}» is a folder, not a file; put a Word document there",
            ).format(docx=DOCX, name=name),
            where,
        )
    if not path.is_file():
        raise TemplateError(
            Phrase(
                "{docx} шаблона «{name}» — не обычный файл",
                "{docx} of template «{name}» is not a regular file",
            ).format(docx=DOCX, name=name),
            where,
        )
    check_docx(path)


def _settings_problems(error: ValidationError) -> str:
    """«font_size: значение должно быть не больше 30; …», in the language of the running call."""
    problems = []
    for problem in error.errors():
        # Settings are floats: a limit of 30 reads «30», not «30.0».
        context = {
            key: int(value) if isinstance(value, float) and value.is_integer() else value
            for key, value in problem.get("ctx", {}).items()
        }
        if problem["type"] == "extra_forbidden":
            context.update(field=problem["loc"][-1], hint="")
        where = ".".join(str(part) for part in problem["loc"])
        worded = pydantic_message(problem["type"], context, problem["msg"], current())
        problems.append(f"{where}: {worded}")
    return "; ".join(problems)


def safe_join(root: Path, name: str) -> Path:
    """``root/name`` for a template name, refusing anything that could leave ``root``."""
    if not _NAME.match(name):
        raise TemplateNotFound(
            _REFUSED.format(name=name)
            + Phrase(
                ": ожидается вид «уровень/документ», латинские строчные буквы, цифры, «-» и «_»",
                ": expected «level/document» in lowercase Latin letters, digits, «-» and «_»",
            )
        )
    path = (root / name).resolve()
    if not path.is_relative_to(root.resolve()):
        raise TemplateNotFound(_REFUSED.format(name=name))
    return path


def read_manifest(folder: Path, default_name: str | None = None) -> Manifest:
    """Read and check ``template.toml`` in ``folder``."""
    path = folder / MANIFEST
    where = Location(str(path))
    try:
        data = loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TemplateError(
            Phrase("в папке шаблона нет {file}", "the template folder has no {file}").format(
                file=MANIFEST
            ),
            where,
        ) from None
    except TOMLDecodeError as exc:
        raise TemplateError(
            Phrase("ошибка в {file}: {detail}", "error in {file}: {detail}").format(
                file=MANIFEST, detail=exc
            ),
            where,
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(
            Phrase("не удалось прочитать {file}: {detail}", "cannot read {file}: {detail}").format(
                file=MANIFEST, detail=exc
            ),
            where,
        ) from None
    template = data.get("template", data)
    unknown = set(template) - {
        "name",
        "level",
        "kind",
        "version",
        "title",
        "description",
        "extends",
        "settings",
    }
    if unknown:
        raise TemplateError(
            Phrase(
                "неизвестные поля в {file}: {fields}", "unknown fields in {file}: {fields}"
            ).format(file=MANIFEST, fields=", ".join(sorted(unknown))),
            where,
        )
    name = template.get("name", default_name)
    if not isinstance(name, str) or not _NAME.match(name):
        raise TemplateError(
            Phrase(
                "в {file} не указано или неверно имя (name = «уровень/документ»)",
                "{file} gives no name or a wrong one (name = «level/document»)",
            ).format(file=MANIFEST),
            where,
        )
    level = template.get("level", name.split("/")[0])
    kind = template.get("kind")
    if level not in LEVELS:
        raise TemplateError(
            Phrase(
                "уровень «{level}» не из {levels}", "level «{level}» is not one of {levels}"
            ).format(level=level, levels=", ".join(LEVELS)),
            where,
        )
    known = kinds.names()
    if kind not in known:
        raise TemplateError(
            Phrase(
                "вид документа kind = «{kind}» не из {kinds}",
                "kind = «{kind}» is not one of the document kinds {kinds}",
            ).format(kind=kind, kinds=", ".join(known)),
            where,
        )
    settings = data.get("settings", template.get("settings", {}))
    if not isinstance(settings, dict):
        raise TemplateError(
            Phrase("[settings] должна быть таблицей", "[settings] must be a table"), where
        )
    extends = template.get("extends")
    if extends is not None and (not isinstance(extends, str) or not _NAME.match(extends)):
        raise TemplateError(
            Phrase("неверное имя в extends: «{name}»", "wrong name in extends: «{name}»").format(
                name=extends
            ),
            where,
        )
    return Manifest(
        name=name,
        level=level,
        kind=kind,
        version=str(template.get("version", "1")),
        title=str(template.get("title", "")),
        description=str(template.get("description", "")),
        extends=extends,
        settings=settings,
    )


def _builtin_root() -> Path:
    try:
        return Path(str(resources.files("roadmapdocs.builtin_templates")))
    except ModuleNotFoundError:  # a source tree used without installing
        return Path(__file__).resolve().parents[2] / "templates"


def _scan(source: Source) -> dict[str, Path]:
    """Template folders of a source by name: ``root/level/doc/template.toml``, or the root itself."""
    found: dict[str, Path] = {}
    if (source.root / MANIFEST).is_file():
        manifest = read_manifest(source.root)
        found[manifest.name] = source.root
        return found
    for path in sorted(source.root.glob(f"*/*/{MANIFEST}")):
        folder = path.parent
        default = f"{folder.parent.name}/{folder.name}"
        found[read_manifest(folder, default).name] = folder
    return found


def _pack_sources() -> list[Source]:
    sources: list[Source] = []
    for entry in metadata.entry_points(group=ENTRY_POINT_GROUP):
        label = f"{entry.dist.name if entry.dist else '?'} ({entry.name} = {entry.value})"
        try:
            target = entry.load()
        except Exception as exc:
            raise TemplateError(
                Phrase(
                    "не удалось загрузить пакет шаблонов {label}: {detail}",
                    "cannot load the template pack {label}: {detail}",
                ).format(label=label, detail=exc)
            ) from None
        if callable(target):
            target = target()
        if hasattr(target, "__path__"):
            root = Path(next(iter(target.__path__)))
        else:
            root = Path(os.fspath(target))
        sources.append(Source("pack", label, root, precedence=1_000))
    return sources


class Registry:
    """All templates visible from the given folders, the installed packs and the built-ins."""

    def __init__(
        self,
        folders: Sequence[str | os.PathLike[str]] = (),
        *,
        use_env: bool = True,
        packs: bool = True,
        builtins: bool = True,
    ) -> None:
        listed = [Path(f) for f in folders]
        if use_env and os.environ.get(ENV_VAR):
            listed += [Path(p) for p in os.environ[ENV_VAR].split(os.pathsep) if p]
        self.sources: list[Source] = []
        for i, folder in enumerate(listed):
            if not folder.is_dir():
                raise TemplateError(
                    Phrase(
                        "папка шаблонов «{folder}» не найдена",
                        "template folder «{folder}» not found",
                    ).format(folder=folder),
                    Location(str(folder)),
                )
            self.sources.append(Source("folder", str(folder), folder, precedence=i))
        if packs:
            self.sources += _pack_sources()
        if builtins:
            self.sources.append(Source("builtin", "roadmapdocs", _builtin_root(), precedence=2_000))
        self._found: dict[str, list[tuple[Source, Path]]] = {}
        for source in self.sources:
            for name, folder in _scan(source).items():
                self._found.setdefault(name, []).append((source, folder))
        # Every adjacent pair is checked, not only the winner and the next: a folder above two
        # clashing packs would hide the clash, yet a fork there extends "the next one down".
        for name, places in self._found.items():
            for (first, _), (second, _) in pairwise(places):
                if first.precedence == second.precedence:
                    raise TemplateError(
                        Phrase(
                            "шаблон «{name}» есть в двух местах одного приоритета: {first} и "
                            "{second}; удалите один из пакетов или укажите нужную папку через "
                            "--templates",
                            "template «{name}» is in two places of the same precedence: {first} "
                            "and {second}; remove one of the packs or give the folder you want "
                            "with --templates",
                        ).format(name=name, first=first, second=second)
                    )

    def names(self) -> list[str]:
        return sorted(self._found)

    def places(self, name: str) -> list[tuple[Source, Path]]:
        """Every place a template of that name is found, the winner first."""
        return list(self._found.get(name, []))

    def get(self, name: str) -> Template:
        """The template that wins for ``name``, with the templates it extends."""
        return self._get(name, None, ())

    def extended(self, manifest: Manifest, precedence: int) -> Template | None:
        """The template that ``manifest``, standing at ``precedence``, extends (None: none).

        A fork that keeps its original's name extends the next template of that name further
        down the search order; any other name is looked up as usual.
        """
        if not manifest.extends:
            return None
        below = precedence if manifest.extends == manifest.name else None
        return self._get(manifest.extends, below, (manifest.name,))

    def _get(self, name: str, below: int | None, seen: tuple[str, ...]) -> Template:
        """``get``, only among sources after precedence ``below``; ``seen`` guards a cycle."""
        for root in {s.root for s in self.sources}:
            safe_join(root, name)
        places = [
            (s, f) for s, f in self._found.get(name, []) if below is None or s.precedence > below
        ]
        if not places:
            looked = "\n".join(f"  - {s} ({s.root})" for s in self.sources)
            close = [n for n in self.names() if n.split("/")[-1] == name.split("/")[-1]]
            message = Phrase(
                "шаблон «{name}» не найден. Где искали:\n{looked}",
                "template «{name}» not found. Looked in:\n{looked}",
            ).format(name=name, looked=looked)
            if close:
                message += Phrase("\nЕсть похожие: {names}.", "\nSimilar names: {names}.").format(
                    names=", ".join(close)
                )
            raise TemplateNotFound(message)
        source, folder = places[0]
        manifest = read_manifest(folder, name)
        parent = None
        if manifest.extends:
            if manifest.extends in (*seen, name) and manifest.extends != name:
                raise TemplateError(
                    Phrase(
                        "шаблоны расширяют друг друга по кругу: {chain}",
                        "templates extend each other in a circle: {chain}",
                    ).format(chain=" → ".join((*seen, name)))
                )
            # A fork usually keeps the original's name: it then extends the next one down.
            lower = source.precedence if manifest.extends == name else None
            parent = self._get(manifest.extends, lower, (*seen, name))
        return Template(manifest, folder, source, parent)

    def default_for(self, kind: str, level: str) -> Template:
        """The template a document of this kind and level renders with by default."""
        return self.get(kinds.spec(kind).template_for(level))


def _toml_string(text: str) -> str:
    """A TOML basic string: titles hold quotes («"Точка роста"») and Windows paths hold
    backslashes, either of which would break a manifest written by plain interpolation."""
    return json.dumps(text, ensure_ascii=False)


def fork(registry: Registry, name: str, destination: str | os.PathLike[str]) -> Path:
    """Copy template ``name`` to ``destination``, with a manifest that ``extends`` the original.

    The copy keeps the original's .docx (ready to edit in Word or LibreOffice) and name, so that
    once its folder is on the search path it wins over the original.
    """
    template = registry.get(name)
    original = template.docx  # checked before anything is made: a refused file leaves no folder
    target = Path(destination)
    if target.exists() and any(target.iterdir()):
        raise TemplateError(
            Phrase(
                "папка «{folder}» уже существует и не пуста",
                "folder «{folder}» already exists and is not empty",
            ).format(folder=target),
            Location(str(target)),
        )
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(original, target / DOCX)
    manifest = template.manifest
    # The manifest is the template's own text, in the language of its documents: Russian.
    description = f"Копия шаблона {manifest.name} ({template.source.describe('ru')})."
    lines = [
        "[template]",
        f"name = {_toml_string(manifest.name)}",
        f"level = {_toml_string(manifest.level)}",
        f"kind = {_toml_string(manifest.kind)}",
        f"version = {_toml_string(manifest.version)}",
        f"title = {_toml_string(manifest.title + ' (копия)')}",
        f"description = {_toml_string(description)}",
        f"extends = {_toml_string(manifest.name)}",
        "",
        "# Настройки, которые копия меняет; остальные берутся из исходного шаблона.",
        "[settings]",
        "",
    ]
    (target / MANIFEST).write_text("\n".join(lines), encoding="utf-8")
    return target


def template_listing(registry: Registry) -> Iterable[tuple[str, Source, list[Source]]]:
    """Each name with the source that wins and the sources it shadows."""
    for name in registry.names():
        places = registry.places(name)
        yield name, places[0][0], [s for s, _ in places[1:]]
