"""The command line: a thin skin over the public API (every command is a few lines over it)."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

import click

import roadmapdocs
from roadmapdocs.errors import LoadError, RoadmapdocsError
from roadmapdocs.messages import Lang

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


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text",
    show_default=True, help="Вид отчёта.",
)
@_LANG
def validate(files: Sequence[str], output_format: str, lang: Lang) -> None:
    """Проверить документы FILES (YAML или JSON)."""
    records: list[dict[str, Any]] = []
    failed = 0
    for name in files:
        try:
            roadmapdocs.load(name, lang=lang)
        except LoadError as error:
            failed += 1
            for problem in error.problems:
                records.append(
                    {
                        "file": problem.location.file,
                        "line": problem.location.line,
                        "column": problem.location.column,
                        "path": problem.location.path,
                        "type": problem.type,
                        "message": problem.message,
                    }
                )
                if output_format == "text":
                    click.echo(str(problem))
    if output_format == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    elif failed:
        click.echo(f"Документов с ошибками: {failed} из {len(files)}.", err=True)
    else:
        click.echo(f"Проверено документов: {len(files)}, ошибок нет.", err=True)
    sys.exit(EXIT_PROBLEMS if failed else EXIT_OK)


@main.command()
@click.argument("kind", required=False, type=click.Choice(["roadmap", "passport", "order", "project"]))
def schema(kind: str | None) -> None:
    """Напечатать JSON Schema документа (всех видов или одного вида KIND)."""
    click.echo(json.dumps(roadmapdocs.json_schema(kind), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
