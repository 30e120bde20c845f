"""Many documents at once: any executor, one result per input, atomic outputs, Ctrl-C.

The work of one document — the steps of :mod:`roadmapdocs.pipeline`: load, validate, render,
convert — runs in a worker; the caller only plans names and collects results. Workers keep
what is costly to build — the template registry, the compiled template parts, a running
LibreOffice — for their whole life, so a batch pays for each once per worker.
"""

from __future__ import annotations

import atexit
import concurrent.futures as cf
import contextlib
import functools
import multiprocessing.util
import os
import signal
import tempfile
import threading
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from roadmapdocs import pipeline
from roadmapdocs.errors import FontSubstituted, Location, RoadmapdocsError, SofficeNotFound
from roadmapdocs.loader import Document
from roadmapdocs.messages import DEFAULT_LANG, Lang, Phrase, language
from roadmapdocs.rules import Config, Finding

if TYPE_CHECKING:
    from roadmapdocs.rendering.formats import OutputFormat
    from roadmapdocs.rendering.pdf import Converter
    from roadmapdocs.templates import Registry

Item = Union[str, os.PathLike[str], tuple[Document, str]]  # noqa: UP007
"""A path to a YAML/JSON document, or a loaded document with its output file name."""

_NO_FOLDER = Phrase("папка «{folder}» не существует", "folder «{folder}» does not exist")
_CLASH = Phrase(
    "файлы «{first}» и «{second}» дали бы один результат «{name}»",
    "files «{first}» and «{second}» would make one output «{name}»",
)
_NOT_MADE = Phrase("LibreOffice не смог сделать {what}", "LibreOffice could not make {what}")


@dataclass(frozen=True)
class _Job:
    """What every document of a batch shares: the template and where to look for it, the
    format of the outputs, whether findings become comments, how to validate, the language."""

    template: str | None = None
    folders: tuple[str, ...] = ()
    output: str = "docx"
    annotate: bool = False
    checks: pipeline.Checks = field(default_factory=pipeline.Checks)
    lang: Lang = DEFAULT_LANG


@dataclass(frozen=True)
class BatchResult:
    """What became of one input: the file written, the findings on it, or why it failed."""

    source: str
    """The input as given: a path, or the output name of a document given loaded."""
    path: Path | None
    """The output file; for a skipped input, the file already there."""
    findings: tuple[Finding, ...] = field(default=())
    error: str | None = None
    """A located message when the input could not be loaded, rendered or converted."""
    skipped: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None


def ignore_interrupts() -> None:
    """Initializer of worker processes: Ctrl-C is the caller's to handle.

    A terminal sends Ctrl-C to every process of the batch; a worker that took it would die
    half-way through a document and print its own traceback. Workers finish what they hold
    instead, and the caller stops handing out more. Telling which font LibreOffice prints in
    is the caller's too: a worker's warning would print with a file and line, once per worker.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warnings.simplefilter("ignore", FontSubstituted)


@functools.cache
def _registry(folders: tuple[str, ...]) -> Registry:
    # One per worker process: scanning folders and entry points is done once, not per document.
    from roadmapdocs.templates import Registry

    return Registry(folders)


def _format(name: str) -> OutputFormat:
    from roadmapdocs.rendering.formats import named

    return named(name)


def _render_one(
    source: str | Document, name: str, target: Path, job: _Job, output: str = "docx"
) -> BatchResult:
    """The pipeline for one document, into ``target`` in the format ``output``; never raises a
    user error. A LibreOffice format is converted by this worker's own LibreOffice."""
    label = source if isinstance(source, str) else name
    findings: tuple[Finding, ...] = ()
    try:
        with language(job.lang):
            document = pipeline.load(source, job.lang) if isinstance(source, str) else source
            findings = tuple(pipeline.check(document, job.checks, job.lang))
            made = _format(output)
            rendering = pipeline.Rendering(job.template, _registry(job.folders))
            rendering.write(
                document,
                target,
                made,
                annotate=findings if job.annotate else False,
                checks=job.checks,
                lang=job.lang,
                converter=_worker_converter(made),
            )
    except RoadmapdocsError as error:
        return BatchResult(label, None, findings, str(error))
    return BatchResult(label, target, findings)


_local = threading.local()
_converters: list[Converter] = []


def _close_converters() -> None:
    while _converters:
        _converters.pop().close()


def _worker_converter(output: OutputFormat) -> Converter | None:
    """This worker's converter to ``output``: a LibreOffice started on its first document, kept
    for the worker's life and ended when the worker (process or interpreter) ends — or, where
    no Python can drive LibreOffice, one soffice run per document. None for Word."""
    kept: dict[str, Converter] = _local.__dict__.setdefault("converters", {})
    converter = kept.get(output.name)
    if converter is not None:
        return converter
    try:
        made = output.converter(long_lived=True)
    except SofficeNotFound:  # this worker has no UNO: one LibreOffice run per file
        made = output.converter()
    if made is None:
        return None
    if not _converters:
        atexit.register(_close_converters)
        # A pool's worker process ends without running atexit; this runs at its exit.
        multiprocessing.util.Finalize(None, _close_converters, exitpriority=10)
    kept[output.name] = made
    _converters.append(made)
    return made


def _plan(items: Iterable[Item], out_dir: Path, suffix: str) -> Iterator[tuple[Any, str, Path]]:
    """Each input with its label and output path; a clash of output names is a user error."""
    taken: dict[Path, str] = {}
    for item in items:
        if isinstance(item, tuple):
            document, name = item
            source: Any = document
            target = out_dir / Path(name).with_suffix(suffix).name
            label = name
        else:
            source = label = os.fspath(item)
            target = out_dir / (Path(label).stem + suffix)
        if target in taken:
            raise RoadmapdocsError(
                _CLASH.format(first=taken[target], second=label, name=target.name),
                Location(label),
            )
        taken[target] = label
        yield source, label, target


def render_many(
    items: Iterable[Item],
    out_dir: str | os.PathLike[str],
    *,
    executor: cf.Executor | None = None,
    template: str | None = None,
    pdf: bool = False,
    skip_existing: bool = False,
    registry_folders: Sequence[str] = (),
    annotate: bool = False,
    rules: Config | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    as_of: date | None = None,
    lang: Lang = DEFAULT_LANG,
) -> Iterator[BatchResult]:
    """Render every item into ``out_dir`` and yield a result per item as each one finishes.

    ``executor`` is any :class:`concurrent.futures.Executor` (a Dask ``Client.get_executor()``
    spreads the work over a cluster); by default a process pool over all cores is made and shut
    down here. A bad input gives a result with ``error`` and the others go on. Outputs are written
    atomically, so an interrupted batch leaves no half files; with ``skip_existing`` an output
    already present is not made again. Closing the iterator early cancels what has not started.
    With ``annotate`` each document carries its findings as Word comments. ``rules`` configures
    the validation of every item; by default a document follows the settings file nearest to
    the file it was loaded from (as with ``roadmapdocs validate`` and :func:`roadmapdocs.render`)
    and a document built in Python the default rules. ``select``, ``ignore`` and ``as_of`` apply
    on top, as in :func:`roadmapdocs.validate`. ``lang`` is the language of the errors.
    """
    with language(lang):
        folder = Path(out_dir)
        if not folder.is_dir():
            raise RoadmapdocsError(_NO_FOLDER.format(folder=folder), Location(str(folder)))
        output = _format("pdf" if pdf else "docx")
        # A LibreOffice format is converted by each worker in its own long-lived LibreOffice
        # when a Python can drive one over UNO; without one, in a few large runs at the end.
        office = output.converter()  # fails early when LibreOffice cannot be found
        live = office is None or _drives_libreoffice()
        plan = list(_plan(items, folder, output.suffix))
    owned = executor is None
    pool = executor or cf.ProcessPoolExecutor(initializer=ignore_interrupts)
    pending: list[cf.Future[Any]] = []
    try:
        todo: list[tuple[int, Any, str, Path]] = []
        for index, (source, label, target) in enumerate(plan):
            if skip_existing and target.exists():
                yield BatchResult(label, target, skipped=True)
            else:
                todo.append((index, source, label, target))
        checks = pipeline.Checks.of(config=rules, select=select, ignore=ignore, as_of=as_of)
        if rules is None:  # each folder's settings looked up once, not once per document
            files = [s for _, s, _, _ in todo if isinstance(s, str)]
            checks = replace(checks, found=pipeline.folder_settings(files))
        job = _Job(
            template=template,
            folders=tuple(os.fspath(f) for f in registry_folders),
            output=output.name,
            annotate=annotate,
            checks=checks,
            lang=lang,
        )
        if live:
            size = _chunk_size(len(todo), pool, office=office is not None)
            for start in range(0, len(todo), size):
                entries = [(s, label, t) for _, s, label, t in todo[start : start + size]]
                pending.append(pool.submit(_render_chunk, entries, job))
            for future in cf.as_completed(pending):
                yield from future.result()
            return
        assert office is not None
        with tempfile.TemporaryDirectory(prefix="roadmapdocs-batch-") as work:
            rendered: dict[cf.Future[BatchResult], Path] = {}
            for index, source, label, target in todo:
                # The .docx goes to a scratch folder first and is converted in bulk below.
                docx = Path(work) / f"{index:06d}.docx"
                future = pool.submit(_render_one, source, label, docx, job)
                rendered[future] = target
                pending.append(future)
            yield from _conversion_stage(pool, rendered, office, output.name, lang)
    finally:
        for future in pending:
            future.cancel()
        if owned:
            pool.shutdown(wait=True, cancel_futures=True)


def _drives_libreoffice() -> bool:
    from roadmapdocs.rendering.pdf import uno_python

    return uno_python() is not None


def _render_chunk(entries: list[tuple[str | Document, str, Path]], job: _Job) -> list[BatchResult]:
    """Several documents in one call: one round trip to a worker instead of one per document."""
    return [
        _render_one(source, label, target, job, job.output) for source, label, target in entries
    ]


def _chunk_size(count: int, pool: cf.Executor, *, office: bool) -> int:
    """Documents per call: enough that a call's round trip (about a millisecond in a process
    pool, more on a cluster) is small beside its work, few enough that every worker gets some
    eight calls to balance the load and Ctrl-C does not wait long for a call to finish."""
    workers = getattr(pool, "_max_workers", None) or os.cpu_count() or 1
    most = 4 if office else 16
    return max(1, min(most, count // (workers * 8)))


def _convert_share(converter: Converter, sources: list[Path], targets: list[Path]) -> None:
    """A share of the batch converted in one go (one LibreOffice run with its own profile)."""
    with contextlib.suppress(RoadmapdocsError):  # a missing output is reported per document
        converter.convert_many(sources, targets)


def _conversion_stage(
    pool: cf.Executor,
    rendered: dict[cf.Future[BatchResult], Path],
    converter: Converter,
    output: str,
    lang: Lang,
) -> Iterator[BatchResult]:
    """Convert the rendered .docx files in a few large runs, one per share of the batch."""
    done: list[tuple[BatchResult, Path]] = []
    for future in cf.as_completed(rendered):
        result = future.result()
        if result.ok:
            done.append((result, rendered[future]))
        else:
            yield result
    shares = max(1, min(len(done), os.cpu_count() or 1))
    conversions = []
    for start in range(shares):
        part = done[start::shares]
        if part:
            sources = [r.path for r, _ in part if r.path is not None]
            targets = [t for _, t in part]
            conversions.append((pool.submit(_convert_share, converter, sources, targets), part))
    failure = _NOT_MADE.format(what=output.upper()).in_(lang)
    for conversion, part in conversions:
        conversion.result()
        for result, target in part:
            if target.is_file():
                yield BatchResult(result.source, target, result.findings)
            else:
                yield BatchResult(result.source, None, result.findings, failure)
