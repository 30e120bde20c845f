"""The command line: a thin skin over the public API (every command is a few lines over it)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

import roadmapdocs
from roadmapdocs.errors import LoadError, RoadmapdocsError
from roadmapdocs.messages import Lang
from roadmapdocs.rules import output
from roadmapdocs.rules.base import Config, registry

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2

_LANG = click.option(
    "--lang",
    type=click.Choice(["ru", "en"]),
    default="ru",
    show_default=True,
    help="Язык сообщений / message language.",
)


def _fail(error: RoadmapdocsError) -> None:
    """Print a user error as one located message (no traceback) and exit 1."""
    click.echo(f"ошибка: {error}" if not isinstance(error, LoadError) else str(error), err=True)
    sys.exit(EXIT_PROBLEMS)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(roadmapdocs.__version__, "--version", "-V", prog_name="roadmapdocs")
def main() -> None:
    """roadmapdocs — дорожные карты, паспорта, приказы и планы проектов из данных в Word и PDF."""


def _selectors(values: Sequence[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _as_of(_: click.Context, __: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise click.BadParameter(f"ожидается дата ДД.ММ.ГГГГ или ГГГГ-ММ-ДД, а не «{value}»")


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Вид отчёта.",
)
@click.option("--strict", is_flag=True, help="Считать предупреждения ошибками (код выхода 1).")
@click.option(
    "--select",
    multiple=True,
    metavar="ПРАВИЛА",
    help="Проверять только эти правила: коды (RD101), начала кодов (RD1) или имена; через запятую.",
)
@click.option("--ignore", multiple=True, metavar="ПРАВИЛА", help="Не проверять эти правила.")
@click.option(
    "--as-of",
    callback=_as_of,
    metavar="ДАТА",
    help="Дата проверки сроков (ДД.ММ.ГГГГ): включает правило overdue.",
)
@_LANG
def validate(
    files: Sequence[str],
    output_format: str,
    strict: bool,
    select: Sequence[str],
    ignore: Sequence[str],
    as_of: dt.date | None,
    lang: Lang,
) -> None:
    """Проверить документы FILES (YAML или JSON): полноту, нумерацию, сокращения, сроки.

    Код выхода 1, если найдены ошибки (с --strict — и предупреждения). Настройки берутся из
    roadmapdocs.toml или [tool.roadmapdocs] в pyproject.toml рядом с документом или выше.
    """
    results: list[output.FileResult] = []
    try:
        for name in files:
            config = Config.discover(Path(name).parent).override(
                select=_selectors(select) or None, ignore=_selectors(ignore)
            )
            try:
                document = roadmapdocs.load(name, lang=lang)
            except LoadError as error:
                results.append(output.FileResult(name, output.load_report(error)))
                continue
            report = roadmapdocs.validate(document, as_of=as_of, lang=lang, config=config)
            results.append(output.FileResult(name, report))
    except RoadmapdocsError as error:
        _fail(error)
    if output_format == "json":
        click.echo(output.records(results))
    else:
        click.echo(output.text(results, lang))
    failed = any(r.report.failed(strict=strict) for r in results)
    sys.exit(EXIT_PROBLEMS if failed else EXIT_OK)


@main.command()
@_LANG
def rules(lang: Lang) -> None:
    """Перечислить правила проверки: код, имя, важность и краткое описание."""
    try:
        for item in registry().values():
            origin = "" if item.origin == "roadmapdocs" else f"  [{item.origin}]"
            severity = item.severity.label(lang)
            click.echo(f"{item.code}  {item.name:<28} {severity:<15} {item.summary}{origin}")
    except RoadmapdocsError as error:
        _fail(error)


@main.command()
@click.argument("kind", required=False, type=click.Choice(["roadmap", "passport", "order", "project"]))
def schema(kind: str | None) -> None:
    """Напечатать JSON Schema документа (всех видов или одного вида KIND)."""
    click.echo(json.dumps(roadmapdocs.json_schema(kind), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
