"""What ``roadmapdocs batch`` does: the inputs (or a mail-merge of one base and a table), a pool
of workers, each result reported as it comes, and a summary of what became of them."""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import click

from roadmapdocs import pipeline
from roadmapdocs.batch.inputs import collect_inputs
from roadmapdocs.batch.merge import merge
from roadmapdocs.batch.runner import BatchResult, render_many
from roadmapdocs.batch.tables import read_table
from roadmapdocs.errors import Location, OutputError, RoadmapdocsError
from roadmapdocs.messages import DEFAULT_LANG, Lang, Phrase, phrase, text
from roadmapdocs.rules import Config

INTERRUPTED = Phrase(
    "прервано: готовые файлы сохранены, недоделанных нет; чтобы доделать остальные, "
    "повторите команду с --skip-existing",
    "interrupted: the finished files are kept and there are no half-made ones; to make the "
    "rest, run the command again with --skip-existing",
)
TERMINATED = Phrase(
    "остановлено сигналом SIGTERM: готовые файлы сохранены, недоделанных и временных нет; "
    "чтобы доделать остальные, повторите команду с --skip-existing",
    "stopped by SIGTERM: the finished files are kept, there are no half-made or temporary "
    "ones; to make the rest, run the command again with --skip-existing",
)
_MERGE_USAGE = Phrase(
    "с --data нужны ровно один документ-основа и --name",
    "--data needs exactly one base document and --name",
)
_DONE = Phrase(
    "Готово: {rendered}, с замечаниями: {with_findings}, ошибок: {failed}",
    "Done: {rendered}, with findings: {with_findings}, errors: {failed}",
)
_SKIPPED = Phrase(", пропущено: {skipped}.", ", skipped: {skipped}.")
_FINDINGS = Phrase(" (замечаний: {count})", " (findings: {count})")
_BAR = Phrase("Документы", "Documents")


@dataclass(frozen=True)
class Request:
    """The options of ``roadmapdocs batch``, as the command line gives them."""

    inputs: Sequence[str]
    out_dir: str
    jobs: int | None = None
    template: str | None = None
    pdf: bool = False
    data: str | None = None
    pattern: str | None = None
    fail_fast: bool = False
    skip_existing: bool = False
    quiet: bool = False
    annotate: bool = False
    select: Sequence[str] | None = None
    ignore: Sequence[str] = ()
    as_of: date | None = None
    template_dirs: Sequence[str] = ()
    lang: Lang = DEFAULT_LANG


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled as Ctrl-C is: what was started is finished, the rest cancelled, every
    temporary file and folder removed."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


@contextlib.contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """While inside, SIGTERM raises :class:`Terminated` (in the main thread only)."""
    try:
        previous = signal.signal(signal.SIGTERM, _terminate)
    except ValueError:  # not the main thread: signals are not ours to handle
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@dataclass
class Summary:
    """What became of the documents of a batch."""

    rendered: int = 0
    with_findings: int = 0
    skipped: int = 0
    failed: list[BatchResult] = field(default_factory=list)

    def line(self, lang: Lang) -> str:
        done = _DONE.format(
            rendered=self.rendered, with_findings=self.with_findings, failed=len(self.failed)
        )
        end = _SKIPPED.format(skipped=self.skipped) if self.skipped else Phrase(".", ".")
        return (done + end).in_(lang)


def run(request: Request) -> Summary:
    """Make every document of ``request``, reporting each as it comes (see :func:`_report`).

    User errors (:class:`~roadmapdocs.RoadmapdocsError`) and Ctrl-C reach the caller; by then
    the documents already started are finished and every write was atomic.
    """
    summary = Summary()
    items: list[Any] = list(collect_inputs(request.inputs))
    rules: Config | None = None
    if request.data is not None:
        if len(items) != 1 or not request.pattern:
            raise click.UsageError(_MERGE_USAGE.in_(request.lang))
        # A mail-merge follows its base document's settings file, as the base itself would.
        rules = pipeline.settings_beside(items[0])
        base = pipeline.load(items[0], request.lang)
        rows = read_table(request.data)
        merged = merge(base, rows, request.pattern, table=request.data, lang=request.lang)
        items = []
        for entry in merged:
            if isinstance(entry, BatchResult):
                summary.failed.append(entry)
            else:
                items.append(entry)
    try:
        Path(request.out_dir).mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(
            phrase("write_failed", detail=error.strerror or error), Location(request.out_dir)
        ) from None
    if request.pdf:
        _tell_font(request)
    # The pool is render_many's own, so that it can rebuild it when a worker dies.
    results = render_many(
        items,
        request.out_dir,
        jobs=request.jobs,
        template=request.template,
        pdf=request.pdf,
        skip_existing=request.skip_existing,
        registry_folders=request.template_dirs,
        annotate=request.annotate,
        rules=rules,
        select=request.select,
        ignore=request.ignore,
        as_of=request.as_of,
        lang=request.lang,
    )
    try:
        _report(results, summary, len(items), request)
    finally:
        results.close()
    return summary


def _tell_font(request: Request) -> None:
    """Say once, before the workers start, in which font LibreOffice will print the batch: that
    of the template named, else of the built-in ones (the settings' default)."""
    from roadmapdocs.settings import Settings
    from roadmapdocs.templates import Registry

    try:
        template = (
            Registry(request.template_dirs).get(request.template) if request.template else None
        )
    except RoadmapdocsError:
        return  # each document reports the template it cannot find
    font = template.settings().font if template is not None else Settings().font
    message = pipeline.font_substitute(font)
    if message is not None:
        click.echo(
            f"{text('severity_warning', request.lang)}: {message.in_(request.lang)}", err=True
        )


def _report(results: Any, summary: Summary, total: int, request: Request) -> None:
    """Report each result as it comes; count what became of them in ``summary``.

    On a terminal, stderr shows a progress bar, with errors printed above it; stdout lists the
    files made when it is not a terminal (a log, a pipe, a file), or when there is no bar.
    ``quiet`` leaves only errors and the summary.
    """
    from rich.console import Console
    from rich.progress import Progress

    lang = request.lang
    live = not request.quiet and sys.stderr.isatty()
    listing = not request.quiet and (not live or not sys.stdout.isatty())
    bar = Console(stderr=True, highlight=False, markup=False)

    def error(result: BatchResult) -> None:
        message = text("error_line", lang, message=result.error)
        if live:
            bar.print(message, soft_wrap=True)  # above the bar, which redraws below it
        else:
            click.echo(message, err=True)

    def made(result: BatchResult) -> None:
        summary.skipped += result.skipped
        summary.rendered += not result.skipped
        summary.with_findings += bool(result.findings)
        if listing:
            count = len(result.findings)
            note = _FINDINGS.format(count=count).in_(lang) if count else ""
            click.echo(f"{result.path}{note}")

    with Progress(console=bar, transient=True, disable=not live) as progress:
        for earlier in summary.failed:
            error(earlier)
        task = progress.add_task(_BAR.in_(lang), total=total)
        try:
            for result in results:
                progress.advance(task)
                if result.error is not None:
                    summary.failed.append(result)
                    error(result)
                    if request.fail_fast:
                        results.close()
                        break
                    continue
                made(result)
        except KeyboardInterrupt:
            # The documents the workers finish after the interrupt are written: list them too,
            # so that the list printed is the list of files made.
            for result in _finish(results):
                if result.error is not None:
                    summary.failed.append(result)
                    error(result)
                else:
                    made(result)
            raise


def _finish(results: Any) -> Iterator[BatchResult]:
    """What ``results`` (a :func:`render_many` iterator) still yields once told to stop."""
    throw = getattr(results, "throw", None)
    if throw is None:
        return
    try:
        result = throw(KeyboardInterrupt())
        while True:
            yield result
            result = next(results)
    except (KeyboardInterrupt, StopIteration):
        return
