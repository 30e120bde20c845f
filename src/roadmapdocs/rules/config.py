"""Which rules run: the settings file found up the tree, and the selection it makes.

Settings come from a ``roadmapdocs.toml`` or the ``[tool.roadmapdocs]`` table of a
``pyproject.toml``, the nearest up the tree from the document; a selection (``select``,
``ignore``) names rules by code, code prefix or name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from roadmapdocs import limits as bounds
from roadmapdocs.errors import ConfigError, Location
from roadmapdocs.messages import Phrase
from roadmapdocs.rules.base import Rule, Severity
from roadmapdocs.settings import DEFAULT_STANDARD, STANDARDS, Standard, edition
from roadmapdocs.tomlfile import TOMLDecodeError, read_toml


def resolve(selector: str, rules: Mapping[str, Rule]) -> list[Rule]:
    """The rules a selector names: a code, a code prefix («RD1»), a name, or ``ALL``."""
    wanted = selector.strip()
    if wanted.upper() == "ALL":
        return list(rules.values())
    chosen = [r for r in rules.values() if r.name == wanted or r.code.startswith(wanted.upper())]
    if not chosen:
        raise ConfigError(
            Phrase(
                "нет правила «{name}»; список правил: roadmapdocs rules",
                "there is no rule «{name}»; the list of rules: roadmapdocs rules",
            ).format(name=wanted)
        )
    return chosen


@dataclass(frozen=True)
class Config:
    """Which rules run, at what severity, and what the rules take as known.

    Read from a ``roadmapdocs.toml`` or the ``[tool.roadmapdocs]`` table of a ``pyproject.toml``::

        select = ["RD1", "placeholder"]
        ignore = ["unparsed-deadline"]
        known-abbreviations = ["СКИРО ПК и ПРО", "ХК ИРО"]
        standard = "ГОСТ Р 7.0.97-2025"

        [severity]          # in pyproject.toml: [tool.roadmapdocs.severity]
        missing-result = "error"

        [limits]            # in pyproject.toml: [tool.roadmapdocs.limits]; docs/security.md
        file-bytes = 50_000_000
    """

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    known_abbreviations: frozenset[str] = frozenset()
    limits: Mapping[str, Any] = field(default_factory=dict)
    """The ``[limits]`` table: bounds on input for the documents of this folder
    (:func:`roadmapdocs.limits.in_settings` applies them)."""
    standard: Standard | None = None
    """The edition of ГОСТ Р 7.0.97 documents are checked against; None when nothing says it,
    which means :data:`~roadmapdocs.settings.DEFAULT_STANDARD` (see :attr:`edition`)."""
    source: str | None = None
    """The file the configuration came from, for error messages."""

    @property
    def edition(self) -> Standard:
        """The edition of ГОСТ Р 7.0.97 the rules check against."""
        return self.standard if self.standard is not None else DEFAULT_STANDARD

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], source: str | None = None) -> Config:
        """Read the validation keys of a configuration table.

        Other keys are left alone: the same table configures the other parts of roadmapdocs.
        """
        # Imported here: the rule contract re-exports this module, so this one loads first.
        severities: dict[str, Severity] = {}
        for key, value in dict(data.get("severity", {})).items():
            try:
                severities[str(key)] = Severity(str(value))
            except ValueError:
                message = Phrase(
                    "важность «{value}» для «{key}»: допустимо error, warning, info",
                    "severity «{value}» for «{key}»: expected error, warning or info",
                ).format(value=value, key=key)
                raise ConfigError(message, Location(source)) from None
        select = data.get("select")
        return cls(
            select=tuple(_strings(select)) if select is not None else None,
            ignore=tuple(_strings(data.get("ignore", ()))),
            severity=severities,
            known_abbreviations=frozenset(_strings(data.get("known-abbreviations", ()))),
            limits=limits_table(data, source),
            standard=standard_key(data, source),
            source=source,
        )

    @classmethod
    def discover(cls, start: Path) -> Config:
        """The configuration for a document in folder ``start``: the nearest file up the tree.

        In each folder ``roadmapdocs.toml`` wins over ``pyproject.toml``; a ``pyproject.toml``
        without a ``[tool.roadmapdocs]`` table does not count.
        """
        found = settings_table(start)
        return cls.from_mapping(*found) if found is not None else cls()

    def override(
        self, *, select: Sequence[str] | None = None, ignore: Sequence[str] | None = None
    ) -> Config:
        """This configuration with a selection given on the command line or in a call.

        An explicit ``select`` replaces the file's; ``ignore`` adds to it.
        """
        return replace(
            self,
            select=tuple(select) if select is not None else self.select,
            ignore=(*self.ignore, *(ignore or ())),
        )

    def active(self, rules: Mapping[str, Rule]) -> list[Rule]:
        """The rules this configuration runs, each at its configured severity."""
        chosen: dict[str, Rule] = {}
        for selector in self.select if self.select is not None else ("ALL",):
            chosen.update((r.code, r) for r in resolve(selector, rules))
        for selector in self.ignore:
            for dropped in resolve(selector, rules):
                chosen.pop(dropped.code, None)
        for key, level in self.severity.items():
            for target in resolve(key, rules):
                if target.code in chosen:
                    chosen[target.code] = replace(target, severity=level)
        return [chosen[code] for code in sorted(chosen)]


def settings_table(start: Path) -> tuple[Mapping[str, Any], str] | None:
    """The settings table for a document in folder ``start`` and the file it is in: that of
    the nearest ``roadmapdocs.toml``, or ``[tool.roadmapdocs]`` of a ``pyproject.toml``, up the
    tree; None when there is none."""
    for folder in [start.resolve(), *start.resolve().parents]:
        own = folder / "roadmapdocs.toml"
        if own.is_file():
            return _read_toml(own), str(own)
        project = folder / "pyproject.toml"
        if project.is_file():
            table = _read_toml(project).get("tool", {}).get("roadmapdocs")
            if isinstance(table, Mapping):
                return table, str(project)
    return None


def limits_beside(start: Path) -> Mapping[str, Any]:
    """The ``[limits]`` table that holds for documents in folder ``start`` (checked), without
    reading the rest of the settings: rendering needs the bounds, not the rule selection."""
    found = settings_table(start)
    return limits_table(*found) if found is not None else {}


_WRONG_STANDARD = Phrase(
    "standard = «{value}»: допустимо {allowed} (или год: 2016, 2025)",
    "standard = «{value}»: expected {allowed} (or the year: 2016, 2025)",
)


def standard_key(data: Mapping[str, Any], source: str | None = None) -> Standard | None:
    """The ``standard`` key of a settings table, checked (the year alone names its edition);
    a wrong one is a :class:`ConfigError` at its line of ``source``."""
    value = data.get("standard")
    if value is None:
        return None
    named = edition(value)
    for known in STANDARDS:
        if named == known:
            return known
    quoted = [f"«{known}»" for known in STANDARDS]
    allowed = Phrase(" или ".join(quoted), " or ".join(quoted))
    message = _WRONG_STANDARD.format(value=value, allowed=allowed)
    raise ConfigError(message, _place(source, "standard"))


_NOT_A_TABLE = Phrase(
    "limits должен быть таблицей [limits], а не «{value}»",
    "limits must be a table [limits], not «{value}»",
)


def limits_table(data: Mapping[str, Any], source: str | None = None) -> dict[str, Any]:
    """The ``limits`` table of a settings table, each key and value checked; a wrong one is a
    :class:`ConfigError` at its line of ``source``."""
    table = data.get("limits", {})
    if not isinstance(table, Mapping):
        raise ConfigError(_NOT_A_TABLE.format(value=table), _place(source, "limits"))
    for key, value in table.items():
        wrong = bounds.problem(str(key), value)
        if wrong is not None:
            raise ConfigError(wrong, _place(source, str(key)))
    return dict(table)


def _place(source: str | None, key: str) -> Location:
    """Where ``key = …`` is written in the settings file ``source`` (its first line if the
    file does not say it plainly)."""
    if source is None:
        return Location(None)
    try:
        lines = Path(source).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return Location(source)
    pattern = re.compile(r"^(\s*)[\"']?" + re.escape(key) + r"[\"']?\s*=")
    for number, line in enumerate(lines, 1):
        found = pattern.match(line)
        if found:
            return Location(source, number, len(found.group(1)) + 1)
    return Location(source, 1, 1)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [part for part in (p.strip() for p in value.split(",")) if part]
    return [str(item) for item in value]


_READ: dict[tuple[str, bytes], dict[str, Any]] = {}
"""Settings files parsed, by path and content: loading a document looks its folder's settings
up for the bounds, checking it for the rules, and a ``pyproject.toml`` on the way up is parsed
each time though it has no table of ours. Reading a small file costs little; parsing it, a
millisecond."""


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        key: tuple[str, bytes] | None = (str(path), path.read_bytes())
    except OSError:
        key = None  # read_toml says what is wrong
    if key is not None and key in _READ:
        return _READ[key]
    try:
        table = read_toml(path)
    except TOMLDecodeError as exc:
        raise ConfigError(
            Phrase(
                "ошибка в файле настроек: {detail}", "error in the settings file: {detail}"
            ).format(detail=exc),
            Location(str(path)),
        ) from None
    if key is not None:
        if len(_READ) >= 64:
            _READ.clear()
        _READ[key] = table
    return table
