"""The command line: a thin skin over the pipeline (every command is a few lines over it).

Only what ``--version`` and ``--help`` need is imported here; each command imports the parts of
roadmapdocs it uses, so that checking a document does not load the rendering libraries.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

import roadmapdocs
from roadmapdocs.errors import (
    FontSubstituted,
    LoadError,
    Location,
    OutputError,
    Problem,
    RoadmapdocsError,
)
from roadmapdocs.messages import DEFAULT_LANG, Lang, Phrase, language, text

if TYPE_CHECKING:
    from roadmapdocs.pipeline import Checks
    from roadmapdocs.rules import Finding
    from roadmapdocs.templates import Template

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # the shell's code for a command ended by Ctrl-C
EXIT_TERMINATED = 143  # the shell's code for a command ended by SIGTERM

_LANG = click.option(
    "--lang",
    type=click.Choice(["ru", "en"]),
    default="ru",
    show_default=True,
    is_eager=True,  # known before the other options are checked, so their errors use it
    help="Язык сообщений / message language.",
)

_BAD_DATE = Phrase(
    "ожидается дата ДД.ММ.ГГГГ или ГГГГ-ММ-ДД, а не «{value}»",
    "a date DD.MM.YYYY or YYYY-MM-DD expected, not «{value}»",
)
_BAD_SETTING = Phrase(
    "ожидается КЛЮЧ=ЗНАЧЕНИЕ, получено «{item}»", "KEY=VALUE expected, got «{item}»"
)
_SELECTION_NEEDS_ANNOTATE = Phrase(
    "--select, --ignore и --as-of выбирают правила для --annotate",
    "--select, --ignore and --as-of choose the rules of --annotate",
)
_COMMENTS = Phrase("Замечаний в документе: {count}.", "Findings in the document: {count}.")
_UNKNOWN_SETTING = Phrase(
    "у шаблона «{template}» нет настройки «{key}»{hint}. Настройки шаблона: {known}",
    "the template «{template}» has no setting «{key}»{hint}. Its settings: {known}",
)
_DID_YOU_MEAN = Phrase(" (может быть, «{close}»?)", " (did you mean «{close}»?)")


def _fail(error: RoadmapdocsError, lang: Lang = DEFAULT_LANG) -> NoReturn:
    """Print a user error as one located message (no traceback) and exit 1."""
    message = (
        str(error) if isinstance(error, LoadError) else text("error_line", lang, message=error)
    )
    click.echo(message, err=True)
    sys.exit(EXIT_PROBLEMS)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(roadmapdocs.__version__, "--version", "-V", prog_name="roadmapdocs")
def main() -> None:
    """roadmapdocs — дорожные карты, паспорта, приказы и планы проектов из данных в Word и PDF."""


def _selectors(values: Sequence[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


_SELECT = click.option(
    "--select",
    multiple=True,
    metavar="ПРАВИЛА",
    help="Проверять только эти правила: коды (RD101), начала кодов (RD1) или имена; через запятую.",
)
_IGNORE = click.option(
    "--ignore", multiple=True, metavar="ПРАВИЛА", help="Не проверять эти правила."
)


def _checks(
    select: Sequence[str],
    ignore: Sequence[str],
    as_of: dt.date | None,
    *,
    beside: str | None = None,
) -> Checks:
    """The checks the command line asks for: the settings file nearest to ``beside`` (by
    default to each document's own file), then ``--select`` and ``--ignore`` over it."""
    from roadmapdocs import pipeline

    config = pipeline.settings_beside(beside) if beside is not None else None
    return pipeline.Checks.of(
        config=config, select=_selectors(select) or None, ignore=_selectors(ignore), as_of=as_of
    )


def _as_of(context: click.Context, _: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise click.BadParameter(_BAD_DATE.format(value=value).in_(context.params.get("lang")))


_AS_OF = click.option(
    "--as-of",
    callback=_as_of,
    metavar="ДАТА",
    help="Дата проверки сроков (ДД.ММ.ГГГГ): включает правило overdue.",
)


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
@_SELECT
@_IGNORE
@_AS_OF
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
    from roadmapdocs import pipeline
    from roadmapdocs.rules import output

    results: list[output.FileResult] = []
    with language(lang):
        try:
            for name in files:
                checks = _checks(select, ignore, as_of, beside=name)
                try:
                    document = pipeline.load(name, lang)
                except LoadError as error:
                    results.append(output.FileResult(name, output.load_report(error)))
                    continue
                results.append(output.FileResult(name, pipeline.check(document, checks, lang)))
        except RoadmapdocsError as error:
            _fail(error, lang)
    click.echo(output.records(results) if output_format == "json" else output.text(results, lang))
    failed = any(r.report.failed(strict=strict) for r in results)
    sys.exit(EXIT_PROBLEMS if failed else EXIT_OK)


_NOT_PLACED = Phrase(
    "{file}: {where}не нашлось поля, текст перенесён в notes: {text}",
    "{file}: {where}no field for it, the text went to notes: {text}",
)
_ONLY_DOCX = Phrase(
    "примечания вставляются в файл Word (.docx)", "comments go into a Word file (.docx)"
)
_UNWRITABLE = Phrase("не удалось записать файл: {detail}", "cannot write the file: {detail}")


def _save(output: str, write: Callable[[Path], object]) -> None:
    """Make ``output`` with ``write`` (given the temporary path beside it), atomically; a file
    that cannot be written is one located error."""
    from roadmapdocs.fileio import atomic_path

    try:
        with atomic_path(Path(output)) as temporary:
            write(temporary)
    except OSError as exc:
        detail = exc.strerror or str(exc)
        raise OutputError(_UNWRITABLE.format(detail=detail), Location(output)) from None


_IMPORTED = Phrase(
    "{file}: документ «{kind}» записан в {target}; проверьте догадки в комментариях в начале",
    "{file}: a «{kind}» document written to {target}; check the guesses in the comments on top",
)


@main.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Куда записать YAML (иначе — на экран)."
)
@click.option(
    "--kind",
    type=click.Choice(["order", "roadmap", "passport", "project"]),
    help="Вид документа, если его не узнать по тексту.",
)
@_LANG
def import_(file: str, output: str | None, kind: str | None, lang: Lang) -> None:
    """Превратить документ Word (.docx) или Excel (.xlsx) в YAML roadmapdocs, один раз.

    Вид документа узнаётся по тексту (ПРИКАЗ, ПАСПОРТ, проект, дорожная карта), столбцы
    таблиц — по заголовкам. Что угадано, написано комментариями в начале YAML; текст, которому
    не нашлось поля, — в stderr и в поле notes документа: ничего не теряется.
    """
    from roadmapdocs.importing import import_file, to_yaml

    with language(lang):
        try:
            imported = import_file(file, kind=kind)
            written = to_yaml(imported, file)
            if output:
                _save(output, lambda target: target.write_bytes(written.encode("utf-8")))
        except RoadmapdocsError as error:
            _fail(error, lang)
    for item in imported.unplaced:
        described = item.place.describe()
        flat = " ".join(item.text.split())
        click.echo(
            _NOT_PLACED.format(
                file=file, where=f"{described}: " if described else "", text=flat[:200]
            ).in_(lang),
            err=True,
        )
    if output:
        found = imported.data.get("kind", "")
        click.echo(_IMPORTED.format(file=file, kind=found, target=output).in_(lang), err=True)
    else:
        click.echo(written, nl=False)


_STATUSES_MERGED = Phrase(
    "{target}: обновлено мероприятий — {updated} (строк таблицы со статусами — {rows})",
    "{target}: activities updated — {updated} (rows of the table with statuses — {rows})",
)
_STATUSES_REWRITTEN = Phrase(
    "документ записан заново из данных: комментарии и оформление {file} в {target} не перенесены",
    "the document is written anew from its data: the comments and layout of {file} are not in "
    "{target}",
)


@main.command("status")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--data",
    "table",
    required=True,
    type=click.Path(dir_okay=False),
    help="Таблица статусов .csv/.xlsx: №, статус, дата выполнения, что сделано.",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help="Куда записать YAML со статусами (не сам FILE).",
)
@_LANG
def status(file: str, table: str, output: str, lang: Lang) -> None:
    """Перенести статусы мероприятий из таблицы (--data) в документ FILE и записать копию.

    Строки таблицы находят мероприятия по номеру; пустая ячейка оставляет поле как было.
    Код выхода 1 и ни одного файла, если в таблице есть ошибки: каждая — с файлом, строкой и
    столбцом.
    """
    from roadmapdocs import pipeline
    from roadmapdocs.monitoring import statuses

    with language(lang):
        try:
            statuses.check_output(file, output)
            document = pipeline.load(file, lang)
            merged = statuses.merge_statuses(document, table)
            written = statuses.to_yaml(merged.document, table)
            _save(output, lambda target: target.write_bytes(written.encode("utf-8")))
        except RoadmapdocsError as error:
            _fail(error, lang)
    for warning in merged.warnings:
        click.echo(f"{text('severity_warning', lang)}: {warning.in_(lang)}", err=True)
    click.echo(_STATUSES_REWRITTEN.format(file=file, target=output).in_(lang), err=True)
    click.echo(
        _STATUSES_MERGED.format(target=output, updated=merged.updated, rows=merged.rows).in_(lang)
    )


_ANNOTATED = Phrase(
    "{file}: {count} замечаний вставлено примечаниями в {target}",
    "{file}: {count} findings put as comments into {target}",
)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="Куда записать копию."
)
@_SELECT
@_IGNORE
@_AS_OF
@_LANG
def annotate(
    file: str,
    output: str,
    select: Sequence[str],
    ignore: Sequence[str],
    as_of: dt.date | None,
    lang: Lang,
) -> None:
    """Вставить замечания проверки примечаниями Word в свой же файл FILE (.docx).

    Копия OUTPUT — тот же документ, с его оформлением и словами, только с примечаниями у строк
    и абзацев, о которых замечания. Код выхода 1, если найдены ошибки.
    """
    import docx

    from roadmapdocs import archive, importing, pipeline
    from roadmapdocs.rendering.annotate import annotate as put_comments

    with language(lang):
        try:
            if Path(file).suffix.lower() != ".docx":
                raise LoadError([Problem(Location(file), "unknown_suffix", _ONLY_DOCX.in_(lang))])
            document = importing.load_file(file)
            report = pipeline.check(document, _checks(select, ignore, as_of, beside=file), lang)
            archive.check_docx(file, broken=archive.as_load_error)
            word = docx.Document(file)
            put_comments(word, document, list(report), lang=lang)
            _save(output, lambda target: word.save(str(target)))
        except RoadmapdocsError as error:
            _fail(error, lang)
    click.echo(_ANNOTATED.format(file=file, count=len(list(report)), target=output).in_(lang))
    sys.exit(EXIT_PROBLEMS if report.failed() else EXIT_OK)


_CALENDAR_MADE = Phrase(
    "{target}: сроков в календаре — {placed} (записей — {entries}); без своей даты, не вошли — "
    "{undated}",
    "{target}: terms in the calendar — {placed} ({entries} entries); with no date of their own, "
    "left out — {undated}",
)
_CALENDAR_UNANCHORED = Phrase(
    "; повторяющихся без периода документа, не вошли — {count}",
    "; recurring with no period of the document, left out — {count}",
)
_CALENDAR_NOT_MADE = Phrase(
    "календарь не сделан: исправьте ошибки выше", "the calendar was not made: fix the errors above"
)
_CALENDAR_EMPTY = Phrase(
    "ни у одного срока нет своей даты: календарь не записан",
    "no term has a date of its own: the calendar is not written",
)


@main.command()
@click.argument("inputs", metavar="FILE...", nargs=-1, required=True)
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="Куда записать (.ics)."
)
@click.option(
    "--todo",
    is_flag=True,
    help="Сроки «до …» — задачами (VTODO), а не событиями: для Thunderbird и Apple; Google "
    "Календарь и Outlook задачи из файла не переносят.",
)
@click.option("--name", help="Название календаря вместо «Сроки мероприятий — <организация>».")
@_LANG
def calendar(inputs: Sequence[str], output: str, todo: bool, name: str | None, lang: Lang) -> None:
    """Сроки мероприятий и контрольных точек FILE (файлы или папки) — в календарь .ics для
    Outlook, Google Календаря, Thunderbird.

    Срок с датами — событие на весь день или на все дни срока, «ежеквартально» — повторяющееся
    событие в пределах периода документа. Повторный импорт обновляет записи, а не удваивает их.
    Код выхода 1 и ни одного файла, если документ не загрузился.
    """
    from roadmapdocs.monitoring import calendar as terms

    with language(lang):
        try:
            terms.check_output(output)
            files = terms.sources(inputs)
        except RoadmapdocsError as error:
            _fail(error, lang)
        loaded, failed = terms.load_all(files, lang)
        for problem in failed:
            click.echo(str(problem), err=True)
        if failed:
            click.echo(_CALENDAR_NOT_MADE.in_(lang), err=True)
            sys.exit(EXIT_PROBLEMS)
        try:
            made = terms.build(loaded, stamp=terms.stamp_of(files), todo=todo, name=name, lang=lang)
            if not made.entries:
                raise RoadmapdocsError(_CALENDAR_EMPTY, Location(", ".join(inputs)))
            _save(output, lambda target: target.write_bytes(made.data))
        except RoadmapdocsError as error:
            _fail(error, lang)
    said = _CALENDAR_MADE.format(
        target=output, placed=made.placed, entries=made.entries, undated=made.undated
    )
    if made.unanchored:
        said += _CALENDAR_UNANCHORED.format(count=made.unanchored)
    click.echo(said.in_(lang))


@main.command()
@click.argument("selectors", metavar="[RULE]...", nargs=-1)
@_LANG
def rules(selectors: Sequence[str], lang: Lang) -> None:
    """Перечислить правила проверки: код, имя, важность и краткое описание.

    С RULE (код RD301, начало кода RD3 или имя undefined-abbreviation) — описание этих правил
    целиком.
    """
    from roadmapdocs.rules.config import resolve
    from roadmapdocs.rules.discovery import registry
    from roadmapdocs.rules.docs import page, plain

    try:
        known = registry()
        if selectors:
            chosen = {r.code: r for selector in selectors for r in resolve(selector, known)}
            click.echo("\n\n\n".join(page(item, lang) for item in chosen.values()))
            return
        for item in known.values():
            origin = "" if item.origin == "roadmapdocs" else f"  [{item.origin}]"
            severity = item.severity.label(lang)
            summary = plain(item.summary, lang)
            click.echo(f"{item.code}  {item.name:<28} {severity:<15} {summary}{origin}")
    except RoadmapdocsError as error:
        _fail(error, lang)


@main.command()
@click.argument("kind", required=False)
def schema(kind: str | None) -> None:
    """Напечатать JSON Schema документа (всех видов или одного вида KIND: roadmap, passport,
    order, project или вида из установленного пакета)."""
    from roadmapdocs.model import kinds
    from roadmapdocs.schema import json_schema

    if kind is not None:
        try:
            kinds.spec(kind)  # the kinds of installed plugins count too
        except RoadmapdocsError as error:
            raise click.BadParameter(error.message, param_hint="KIND") from None
    click.echo(json.dumps(json_schema(kind), ensure_ascii=False, indent=2))


_TEMPLATES = click.option(
    "--templates",
    "template_dirs",
    multiple=True,
    type=click.Path(file_okay=False),
    help="Папка с шаблонами; важнее пакетов и встроенных шаблонов (можно указать несколько).",
)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-t", "--template", "template_name", help="Имя шаблона, например school/order.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Куда записать результат.")
@click.option("--pdf", is_flag=True, help="Сделать PDF (нужен LibreOffice).")
@click.option(
    "--set",
    "overrides",
    multiple=True,
    metavar="KEY=VALUE",
    help="Изменить настройку шаблона, например --set font_size=13.",
)
@click.option(
    "--annotate",
    is_flag=True,
    help="Вставить замечания проверки в документ как примечания Word, у строк, к которым они "
    "относятся (правила — как у validate: файл настроек, --select, --ignore).",
)
@_SELECT
@_IGNORE
@_AS_OF
@_TEMPLATES
@_LANG
def render(
    file: str,
    template_name: str | None,
    output: str | None,
    pdf: bool,
    overrides: Sequence[str],
    annotate: bool,
    select: Sequence[str],
    ignore: Sequence[str],
    as_of: dt.date | None,
    template_dirs: Sequence[str],
    lang: Lang,
) -> None:
    """Сделать документ из FILE: Word, PDF или ODT — по расширению файла -o (или --pdf)."""
    from roadmapdocs import pipeline
    from roadmapdocs.templates import Registry

    target = Path(output) if output else Path(file).with_suffix(".pdf" if pdf else ".docx")
    settings = dict(_parse_setting(item, lang) for item in overrides)
    annotate = annotate or settings.get("annotate") is True
    if (select or ignore or as_of) and not annotate:
        raise click.UsageError(_SELECTION_NEEDS_ANNOTATE.in_(lang))
    findings: list[Finding] = []
    with language(lang), warnings.catch_warnings(record=True) as substituted:
        warnings.simplefilter("always", FontSubstituted)
        try:
            made = pipeline.output_format(target, "pdf" if pdf else None)
            document = pipeline.load(file, lang)
            rendering = pipeline.Rendering(template_name, Registry(template_dirs), settings)
            _known_settings(settings, rendering.resolve(document))
            checks = _checks(select, ignore, as_of)
            if annotate:
                findings = list(
                    pipeline.check(document, rendering.checking(document, checks), lang)
                )
            marks = findings if annotate else False
            rendering.write(document, target, made, annotate=marks, checks=checks, lang=lang)
        except RoadmapdocsError as error:
            _fail(error, lang)
    for warning in substituted:
        if issubclass(warning.category, FontSubstituted):  # a line of its own, as errors are
            click.echo(f"{text('severity_warning', lang)}: {warning.message}", err=True)
        else:
            warnings.showwarning(
                warning.message, warning.category, warning.filename, warning.lineno
            )
    click.echo(str(target))
    if annotate:
        click.echo(_COMMENTS.format(count=len(findings)).in_(lang), err=True)


def _known_settings(settings: dict[str, Any], template: Template) -> None:
    """Refuse a ``--set`` key that neither roadmapdocs nor the template (or one it extends)
    declares: a typo would otherwise be kept silently and change nothing."""
    import difflib

    from roadmapdocs.settings import Settings

    known = set(Settings.model_fields)
    node: Template | None = template
    while node is not None:
        known.update(node.manifest.settings)
        node = node.parent
    for key in settings:
        if key in known:
            continue
        close = difflib.get_close_matches(key, sorted(known), n=1)
        hint = _DID_YOU_MEAN.format(close=close[0]) if close else Phrase("", "")
        raise RoadmapdocsError(
            _UNKNOWN_SETTING.format(
                key=key, template=template.name, hint=hint, known=", ".join(sorted(known))
            ),
            Location(f"--set {key}"),
        )


def _parse_setting(item: str, lang: Lang) -> tuple[str, Any]:
    key, sep, value = item.partition("=")
    if not sep or not key:
        raise click.BadParameter(_BAD_SETTING.format(item=item).in_(lang))
    lowered = value.lower()
    if lowered in ("true", "false"):
        return key, lowered == "true"
    try:
        return key, float(value) if "." in value else int(value)
    except ValueError:
        return key, value


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False))
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Сколько процессов (по числу ядер).")
@click.option("-t", "--template", "template_name", help="Имя шаблона, например school/order.")
@click.option("--pdf", is_flag=True, help="Сделать PDF (нужен LibreOffice).")
@click.option("--data", type=click.Path(dir_okay=False, exists=True), help="Таблица .csv/.xlsx.")
@click.option("--name", "pattern", help="Имя файла по строке таблицы: «{organisation.short_name}».")
@click.option("--fail-fast", is_flag=True, help="Остановиться на первой ошибке.")
@click.option("--skip-existing", is_flag=True, help="Не делать заново уже готовые файлы.")
@click.option("--quiet", "-q", is_flag=True, help="Не печатать ход работы, только итог.")
@click.option("--annotate", is_flag=True, help="Вставить замечания проверки как примечания Word.")
@_SELECT
@_IGNORE
@_AS_OF
@_TEMPLATES
@_LANG
def batch(
    inputs: Sequence[str],
    out_dir: str,
    jobs: int | None,
    template_name: str | None,
    pdf: bool,
    data: str | None,
    pattern: str | None,
    fail_fast: bool,
    skip_existing: bool,
    quiet: bool,
    annotate: bool,
    select: Sequence[str],
    ignore: Sequence[str],
    as_of: dt.date | None,
    template_dirs: Sequence[str],
    lang: Lang,
) -> None:
    """Сделать много документов: INPUTS — файлы, папки, шаблоны имён (*.yaml).

    С --data: INPUTS — один документ-основа, каждая строка таблицы даёт свой документ; заголовки
    столбцов — пути полей (number, date, organisation.short_name). Код выхода 1, если хоть один
    документ не получился.
    """
    from roadmapdocs.batch import command

    request = command.Request(
        inputs=inputs,
        out_dir=out_dir,
        jobs=jobs,
        template=template_name,
        pdf=pdf,
        data=data,
        pattern=pattern,
        fail_fast=fail_fast,
        skip_existing=skip_existing,
        quiet=quiet,
        annotate=annotate,
        select=_selectors(select) or None,
        ignore=_selectors(ignore),
        as_of=as_of,
        template_dirs=template_dirs,
        lang=lang,
    )
    try:
        with language(lang), command.sigterm_as_interrupt():
            summary = command.run(request)
    except RoadmapdocsError as error:
        _fail(error, lang)
    except KeyboardInterrupt as interrupt:
        # Documents already started were finished (workers ignore Ctrl-C and SIGTERM), the rest
        # cancelled; every write is atomic, so the folder holds whole files only.
        terminated = isinstance(interrupt, command.Terminated)
        click.echo((command.TERMINATED if terminated else command.INTERRUPTED).in_(lang), err=True)
        sys.exit(EXIT_TERMINATED if terminated else EXIT_INTERRUPTED)
    click.echo(summary.line(lang), err=True)
    sys.exit(EXIT_PROBLEMS if summary.failed else EXIT_OK)


_REPORT_SUFFIXES = (".docx", ".pdf", ".odt", ".xlsx", ".yaml", ".yml")
_REPORT_OUTPUT = Phrase(
    "отчёт записывается в .docx, .pdf, .odt, .xlsx (сводная таблица) или .yaml, а не «{name}»",
    "a report is written to .docx, .pdf, .odt, .xlsx (the summary table) or .yaml, not «{name}»",
)
_REPORT_MADE = Phrase(
    "{target}: выполнено {done} из {total} ({percent}), просрочено {overdue}",
    "{target}: {done} of {total} done ({percent}), {overdue} overdue",
)
_REPORT_FAILED = Phrase(
    "отчёт не сделан: исправьте ошибки выше", "the report was not made: fix the errors above"
)


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--as-of", "as_of", required=True, callback=_as_of, help="Дата отчёта: ДД.ММ.ГГГГ.")
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="Куда записать."
)
@click.option("-t", "--template", "template_name", help="Шаблон, например municipal/report.")
@click.option("--org", "organisation", help="Чья сводка: «Управление образования …».")
@click.option("--title", help="Заголовок сводки вместо обычного.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Сколько процессов (по числу ядер).")
@_TEMPLATES
@_LANG
def report(
    files: Sequence[str],
    as_of: dt.date,
    output: str,
    template_name: str | None,
    organisation: str | None,
    title: str | None,
    jobs: int | None,
    template_dirs: Sequence[str],
    lang: Lang,
) -> None:
    """Отчёт о ходе реализации по состоянию на дату: FILE — один документ со статусами; много
    файлов или папка — сводка по организациям (.docx, .pdf, .xlsx — таблица, .yaml — данные
    сводки, которые можно свести ещё раз).

    Код выхода 1 и ни одного файла, если во входных документах есть ошибки: непонятный статус,
    неверная дата выполнения, доля вне 0–100 %.
    """
    from roadmapdocs import pipeline
    from roadmapdocs.monitoring import rollup
    from roadmapdocs.rules import output as findings_output
    from roadmapdocs.templates import Registry

    target = Path(output)
    with language(lang):
        try:
            if target.suffix.lower() not in _REPORT_SUFFIXES:
                raise OutputError(_REPORT_OUTPUT.format(name=target.name), Location(output))
            sources = rollup.inputs(files)
            reported = rollup.report_all(sources, as_of, jobs=jobs, lang=lang)
        except RoadmapdocsError as error:
            _fail(error, lang)
        checked = [
            findings_output.FileResult(r.source, r.checked)
            for r in reported
            if r.checked is not None and r.checked.findings
        ]
        if checked:
            click.echo(findings_output.text(checked, lang), err=True)
        for failed in (r for r in reported if r.error is not None):
            click.echo(failed.error, err=True)
        if any(r.failed for r in reported):
            click.echo(_REPORT_FAILED.in_(lang), err=True)
            sys.exit(EXIT_PROBLEMS)
        made = [(r.source, r.report) for r in reported if r.report is not None]
        single = len(made) == 1 and not made[0][1].organisations and organisation is None
        if single:
            document = made[0][1]
        else:
            summary = rollup.summarise(made, as_of, organisation=organisation, title=title)
            for warning in summary.warnings:
                click.echo(f"{text('severity_warning', lang)}: {warning}", err=True)
            document = summary.report
        try:
            suffix = target.suffix.lower()
            if suffix in (".yaml", ".yml"):
                from roadmapdocs.loader import dump

                _save(output, lambda path: dump(document, path))
            elif suffix == ".xlsx":
                from roadmapdocs.monitoring import xlsx

                _save(output, lambda path: xlsx.write(document, path))
            else:
                made_as = pipeline.output_format(target, None)
                rendering = pipeline.Rendering(template_name, Registry(template_dirs), {})
                rendering.write(document, target, made_as, lang=lang)
        except RoadmapdocsError as error:
            _fail(error, lang)
    tally = document.tally
    from roadmapdocs.rendering.context import percent

    click.echo(
        _REPORT_MADE.format(
            target=target,
            done=tally.done,
            total=tally.total,
            percent=percent(tally.share),
            overdue=tally.overdue,
        ).in_(lang)
    )


@main.group()
def templates() -> None:
    """Шаблоны: список, описание, копия для правки, проверка."""


_SEARCH_ORDER = Phrase(
    "Порядок поиска (первый найденный важнее):", "Search order (the first found wins):"
)
_SHADOWS = Phrase("  (заслоняет: {shadowed})", "  (shadows: {shadowed})")
_SHOW_SOURCE = Phrase("  источник: {source} ({folder})", "  source: {source} ({folder})")
_SHOW_KIND = Phrase(
    "  вид документа: {kind}; уровень: {level}; версия: {version}",
    "  document kind: {kind}; level: {level}; version: {version}",
)
_SHOW_EXTENDS = Phrase("  расширяет: {extends}", "  extends: {extends}")
_SHOW_FILE = Phrase("  файл: {docx}", "  file: {docx}")
_SHOW_SETTINGS = Phrase("Настройки:", "Settings:")
_SHOW_VARIABLES = Phrase("Переменные: {variables}", "Variables: {variables}")
_FORKED = Phrase("Копия шаблона {name}: {folder}", "Copy of the template {name}: {folder}")
_FORK_NEXT = Phrase(
    "Правьте {folder}/template.docx в Word; подключайте: --templates {folder}",
    "Edit {folder}/template.docx in Word; use it with: --templates {folder}",
)
_LINT_PROBLEMS = Phrase("Замечаний: {count}.", "Problems: {count}.")
_LINT_CLEAN = Phrase("Шаблон в порядке.", "The template is fine.")


@templates.command("list")
@_TEMPLATES
@_LANG
def templates_list(template_dirs: Sequence[str], lang: Lang) -> None:
    """Показать все шаблоны, откуда каждый и что он заслоняет."""
    from roadmapdocs.templates import Registry, template_listing

    with language(lang):
        try:
            registry = Registry(template_dirs)
        except RoadmapdocsError as error:
            _fail(error, lang)
        click.echo(_SEARCH_ORDER.in_(lang))
        for source in registry.sources:
            click.echo(f"  {source}: {source.root}")
        click.echo("")
        for name, winner, shadowed in template_listing(registry):
            line = f"{name:24} {winner}"
            if shadowed:
                line += _SHADOWS.format(shadowed="; ".join(str(s) for s in shadowed)).in_(lang)
            click.echo(line)


@templates.command("show")
@click.argument("name")
@_TEMPLATES
@_LANG
def templates_show(name: str, template_dirs: Sequence[str], lang: Lang) -> None:
    """Показать манифест, настройки и переменные шаблона NAME."""
    from roadmapdocs.lint import template_variables
    from roadmapdocs.templates import Registry

    with language(lang):
        try:
            template = Registry(template_dirs).get(name)
            variables = template_variables(template)
            settings = template.settings()
        except RoadmapdocsError as error:
            _fail(error, lang)
    manifest = template.manifest
    click.echo(f"{manifest.name} — {manifest.title}")
    click.echo(_SHOW_SOURCE.format(source=template.source, folder=template.folder).in_(lang))
    kind = _SHOW_KIND.format(kind=manifest.kind, level=manifest.level, version=manifest.version)
    click.echo(kind.in_(lang))
    if manifest.extends:
        click.echo(_SHOW_EXTENDS.format(extends=manifest.extends).in_(lang))
    click.echo(_SHOW_FILE.format(docx=template.docx).in_(lang))
    if manifest.description:
        click.echo(f"  {manifest.description}")
    click.echo(_SHOW_SETTINGS.in_(lang))
    for key, value in settings.model_dump().items():
        click.echo(f"  {key} = {value!r}")
    click.echo(_SHOW_VARIABLES.format(variables=", ".join(sorted(variables))).in_(lang))


@templates.command("fork")
@click.argument("name")
@click.argument("destination", type=click.Path(file_okay=False))
@_TEMPLATES
@_LANG
def templates_fork(name: str, destination: str, template_dirs: Sequence[str], lang: Lang) -> None:
    """Скопировать шаблон NAME в папку DESTINATION для правки в Word."""
    from roadmapdocs.templates import Registry, fork

    with language(lang):
        try:
            folder = fork(Registry(template_dirs), name, destination)
        except RoadmapdocsError as error:
            _fail(error, lang)
    click.echo(_FORKED.format(name=name, folder=folder).in_(lang))
    click.echo(_FORK_NEXT.format(folder=folder).in_(lang))


@templates.command("lint")
@click.argument("path", type=click.Path(exists=True, file_okay=False))
@_TEMPLATES
@_LANG
def templates_lint(path: str, template_dirs: Sequence[str], lang: Lang) -> None:
    """Проверить шаблон в папке PATH: манифест, синтаксис Jinja, переменные, пробная отрисовка."""
    from roadmapdocs.lint import folder_notes, lint_folder

    with language(lang):
        problems = lint_folder(path, template_dirs)
        notes = [] if problems else folder_notes(path, template_dirs)
    for problem in problems:
        click.echo(str(problem))
    if problems:
        click.echo(_LINT_PROBLEMS.format(count=len(problems)).in_(lang), err=True)
        sys.exit(EXIT_PROBLEMS)
    for note in notes:
        click.echo(note, err=True)
    click.echo(_LINT_CLEAN.in_(lang), err=True)


if __name__ == "__main__":
    main()
