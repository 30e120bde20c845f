"""Many documents at once: any executor, one result per input, atomic outputs, Ctrl-C.

The work of one document — the steps of :mod:`roadmapdocs.pipeline`: load, validate, render,
convert — runs in a worker; the caller only plans names and collects results. Workers keep
what is costly to build — the template registry, the compiled template parts, a running
LibreOffice — for their whole life, so a batch pays for each once per worker.
"""

from __future__ import annotations

import atexit
import collections
import concurrent.futures as cf
import contextlib
import ctypes
import functools
import multiprocessing.util
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import warnings
from collections.abc import Generator, Iterable, Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from roadmapdocs import limits, pipeline
from roadmapdocs.errors import FontSubstituted, Location, RoadmapdocsError, SofficeNotFound
from roadmapdocs.fileio import remove_stale_parts
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
_UNEXPECTED = Phrase(
    "документ не сделан из-за внутренней ошибки {kind}: {detail}",
    "the document was not made because of an internal error {kind}: {detail}",
)
_TOO_DEEP = Phrase(
    "документ не сделан: данные вложены слишком глубоко",
    "the document was not made: the data are nested too deep",
)
_NO_MEMORY = Phrase(
    "документ не сделан: не хватило памяти", "the document was not made: out of memory"
)
_WORKER_DIED = Phrase(
    "документ не сделан: рабочий процесс аварийно завершился на нём (нехватка памяти или сбой); "
    "остальные документы делаются дальше",
    "the document was not made: the worker process died on it (out of memory or a crash); the "
    "other documents go on",
)
_POOL_BROKEN = Phrase(
    "документ не сделан: рабочий процесс пула аварийно завершился, пока документ был в работе",
    "the document was not made: a worker of the pool died while the document was in it",
)
_WORKER_FAILED = Phrase(
    "документ не сделан: рабочий процесс не ответил ({detail})",
    "the document was not made: the worker did not answer ({detail})",
)
_DETAIL_CHARS = 300


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
    """Initializer of worker processes: Ctrl-C and SIGTERM are the caller's to handle.

    A terminal sends Ctrl-C to every process of the batch (a service manager may send SIGTERM
    to all of them); a worker that took it would die half-way through a document and print its
    own traceback. Workers finish what they hold instead, and the caller stops handing out more. Telling which font LibreOffice prints in
    is the caller's too: a worker's warning would print with a file and line, once per worker.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    warnings.simplefilter("ignore", FontSubstituted)


def _start_worker(bounds: limits.Limits, parent: int, office: str | None = None) -> None:
    """Initializer of the pools :func:`render_many` makes: interrupts are the caller's, the
    caller's limits hold, and the worker ends with the caller even if the caller is killed.
    With ``office`` (a format LibreOffice makes) the worker starts its LibreOffice at once."""
    ignore_interrupts()
    limits.set_current(bounds)
    end_with_parent(parent)
    _own_worker.append(True)
    if office is not None:
        _start_office(office)


def _start_office(output: str) -> None:
    """Start this worker's (or thread's) LibreOffice for ``output`` without waiting for it: it
    starts while the worker imports, loads and renders, not after the first document is
    rendered. Whatever goes wrong is the first conversion's to report."""
    with contextlib.suppress(Exception):
        converter = _worker_converter(_format(output))
        start = getattr(converter, "start", None)
        if start is not None:
            start()


_PR_SET_PDEATHSIG = 1


def end_with_parent(parent: int) -> None:
    """Make this process end when the process ``parent`` ends, however it ends.

    Linux kills it the moment the parent dies (``prctl(PR_SET_PDEATHSIG)``; the parent here is
    the thread that started the worker, so workers are started by the thread that runs the
    batch). Elsewhere a thread watches for the parent to go away.
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # gone before the request took hold
                    os._exit(1)
                return
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


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
            made = _format(output)
            rendering = pipeline.Rendering(job.template, _registry(job.folders))
            # Checked as its template draws it: the edition of ГОСТ Р 7.0.97 the template names
            # decides, as in `roadmapdocs render`.
            checks = rendering.checking(document, job.checks)
            findings = tuple(pipeline.check(document, checks, job.lang))
            rendering.write(
                document,
                target,
                made,
                annotate=findings if job.annotate else False,
                checks=checks,
                lang=job.lang,
                converter=_worker_converter(made),
            )
    except RoadmapdocsError as error:
        return BatchResult(label, None, findings, _located(error, label, target))
    except Exception as error:  # a bug or a hostile input: this one fails alone
        return BatchResult(label, None, findings, _unexpected(error, label, job.lang))
    return BatchResult(label, target, findings)


def _located(error: RoadmapdocsError, label: str, target: Path) -> str:
    """The message of ``error`` naming the input ``label``: as it is when it names the input,
    else after the input's name (the document's own output and the scratch files of a batch
    are not worth naming)."""
    place = error.location.file if error.location is not None else None
    if place == label:
        return str(error)
    scratch = place is not None and any(
        part.startswith("roadmapdocs-") for part in Path(place).parts[:-1]
    )
    plain = place is None or scratch or place == str(target)
    return f"{label}: {error.message if plain else error}"


def _unexpected(error: BaseException, label: str, lang: Lang) -> str:
    """An exception no step turned into a user error, worded for the input ``label``."""
    if isinstance(error, RecursionError):
        return f"{label}: {_TOO_DEEP.in_(lang)}"
    if isinstance(error, MemoryError):
        return f"{label}: {_NO_MEMORY.in_(lang)}"
    try:
        detail = str(error)
    except Exception:  # even its message is broken
        detail = ""
    if len(detail) > _DETAIL_CHARS:
        detail = detail[:_DETAIL_CHARS] + "…"
    worded = _UNEXPECTED.format(kind=type(error).__name__, detail=detail or "—")
    return f"{label}: {worded.in_(lang)}"


_local = threading.local()
_converters: list[Converter] = []
_own_worker: list[bool] = []
"""Not empty in a worker of a pool :func:`render_many` made (there the process is ours)."""
_closing_in: list[int] = []
"""The processes that registered :func:`_close_converters` to run at their exit."""


def _use_worker_scratch() -> None:
    """Give this worker a temporary folder of its own, for everything it and its LibreOffice
    write (scratch .docx files, the profile, LibreOffice's own temporary files): removed when
    the worker ends, and by its LibreOffice bridge if the worker is killed."""
    from roadmapdocs.rendering.pdf import WORKER_SCRATCH

    if tempfile.gettempdir().rpartition(os.sep)[2].startswith(WORKER_SCRATCH):
        return
    folder = tempfile.mkdtemp(prefix=WORKER_SCRATCH)
    tempfile.tempdir = folder
    os.environ["TMPDIR"] = folder  # LibreOffice, started from here, writes there too
    multiprocessing.util.Finalize(
        None, shutil.rmtree, args=(folder,), kwargs={"ignore_errors": True}, exitpriority=5
    )


def _close_converters() -> None:
    while _converters:
        _converters.pop().close()


def _worker_converter(output: OutputFormat) -> Converter | None:
    """This worker's converter to ``output``: a LibreOffice started when the worker starts (or
    on its first document), kept for the worker's life and ended when the worker (process or
    interpreter) ends — or, where no Python can drive LibreOffice, one soffice run per
    document. None for Word."""
    if _local.__dict__.get("pid") != os.getpid():  # a forked thread keeps its parent's
        _local.pid, _local.converters = os.getpid(), {}
    kept: dict[str, Converter] = _local.converters
    converter = kept.get(output.name)
    if converter is not None:
        return converter
    if _own_worker and output.name != "docx":
        _use_worker_scratch()
    try:
        made = output.converter(long_lived=True)
    except SofficeNotFound:  # this worker has no UNO: one LibreOffice run per file
        made = output.converter()
    if made is None:
        return None
    if _closing_in[-1:] != [os.getpid()]:
        # Once per process: a worker forked from a process that kept converters of its own
        # inherits their list, not the handlers that run in that process only.
        _closing_in.append(os.getpid())
        _converters.clear()  # the parent's: theirs to close
        atexit.register(_close_converters)
        # A pool's worker process ends without running atexit; this runs at its exit.
        multiprocessing.util.Finalize(None, _close_converters, exitpriority=10)
    kept[output.name] = made
    _converters.append(made)
    return made


_OUTPUT_SUFFIXES = (".docx", ".pdf", ".odt")


def output_name(name: str, suffix: str) -> str:
    """``name`` ending in ``suffix``: an output suffix it has is replaced, nothing else is — the
    dots of «Иванов А.Б.» are part of the name, not a suffix."""
    base = Path(name).name
    for known in _OUTPUT_SUFFIXES:
        if base.lower().endswith(known) and len(base) > len(known):
            return base[: -len(known)] + suffix
    return base + suffix


def _plan(items: Iterable[Item], out_dir: Path, suffix: str) -> Iterator[tuple[Any, str, Path]]:
    """Each input with its label and output path; a clash of output names is a user error."""
    taken: dict[Path, str] = {}
    for item in items:
        if isinstance(item, tuple):
            document, name = item
            source: Any = document
            target = out_dir / output_name(name, suffix)
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
    jobs: int | None = None,
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
) -> Generator[BatchResult, None, None]:
    """Render every item into ``out_dir`` and yield a result per item as each one finishes.

    ``executor`` is any :class:`concurrent.futures.Executor` (a Dask ``Client.get_executor()``
    spreads the work over a cluster); by default a process pool of ``jobs`` workers (all cores)
    is made and shut down here. A bad input gives a result with ``error`` and the others go on,
    whatever went wrong with it — an exception, a worker that ran out of memory or died (the
    pool made here is then rebuilt; the documents it held are tried again, alone at last, and
    the one that kills a worker fails). Outputs are written atomically, so an interrupted batch
    leaves no half files, and the temporary files a killed batch left in ``out_dir`` are removed
    (see :func:`roadmapdocs.fileio.remove_stale_parts`); with ``skip_existing`` an output
    already present is not made again. Closing the iterator early cancels what has not started;
    throwing :class:`KeyboardInterrupt` into it (or Ctrl-C while it waits) cancels that too,
    waits for the documents started and yields their results before the interrupt goes on.
    With ``annotate`` each document carries its findings as Word comments. ``rules`` configures
    the validation of every item; by default a document follows the settings file nearest to
    the file it was loaded from (as with ``roadmapdocs validate`` and :func:`roadmapdocs.render`)
    and a document built in Python the default rules. ``select``, ``ignore`` and ``as_of`` apply
    on top, as in :func:`roadmapdocs.validate`. ``lang`` is the language of the errors.
    """
    started = time.time()
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
    bounds = limits.current()
    remove_stale_parts(folder, started - bounds.render_seconds - bounds.pdf_seconds)
    pools = _Pools(
        executor, jobs, bounds, office=output.name if live and office is not None else None
    )
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
            size = _chunk_size(len(todo), pools.main, office=office is not None)
            entries = [(s, label, t) for _, s, label, t in todo]
            yield from _Run(pools, job).results(entries, size)
            return
        assert office is not None
        with tempfile.TemporaryDirectory(prefix="roadmapdocs-batch-") as work:
            rendered: dict[cf.Future[BatchResult], tuple[str, Path]] = {}
            for index, source, label, target in todo:
                # The .docx goes to a scratch folder first and is converted in bulk below.
                docx = Path(work) / f"{index:06d}.docx"
                future = pools.main.submit(_render_one, source, label, docx, job)
                rendered[future] = (label, target)
                pools.pending.append(future)
            yield from _conversion_stage(pools.main, rendered, office, output.name, lang)
    finally:
        pools.close()


_Entry = tuple[Any, str, Path]


def each(
    function: Any,
    items: Sequence[Any],
    *,
    executor: cf.Executor | None = None,
    jobs: int | None = None,
) -> Iterator[Any]:
    """``function(item)`` for every item, in the order of ``items``, in the workers a batch
    uses: a process pool of ``jobs`` made here with the batch's initializer (limits, Ctrl-C,
    ending with the caller), or ``executor`` (a Dask client's). Items go in chunks, one call
    per chunk, as documents do. ``function`` must be picklable and report a bad item in its
    result rather than raise: an exception from it ends the whole run."""
    pools = _Pools(executor, jobs, limits.current())
    try:
        size = _chunk_size(len(items), pools.main, office=False)
        chunks = [list(items[i : i + size]) for i in range(0, len(items), size)]
        futures = [pools.main.submit(_each_chunk, function, chunk) for chunk in chunks]
        pools.pending.extend(futures)
        for future in futures:
            yield from future.result()
    except BrokenProcessPool:
        raise RoadmapdocsError(_POOL_BROKEN) from None
    finally:
        pools.close()


def _each_chunk(function: Any, chunk: list[Any]) -> list[Any]:
    return [function(item) for item in chunk]


class _Pools:
    """The executor of a batch and, when the batch made it, what replaces it when a worker dies:
    a rebuilt pool, and a pool of one worker to try a suspect document alone."""

    def __init__(
        self,
        executor: cf.Executor | None,
        jobs: int | None,
        bounds: limits.Limits,
        *,
        office: str | None = None,
    ):
        self.owned = executor is None
        self.jobs = jobs
        self.bounds = bounds
        self.office = office
        """The format each new worker starts a LibreOffice for, if any."""
        self.main: cf.Executor = executor or self._make(jobs)
        self.alone: cf.Executor | None = None
        self.pending: list[cf.Future[Any]] = []

    def _make(self, jobs: int | None) -> cf.ProcessPoolExecutor:
        return cf.ProcessPoolExecutor(
            max_workers=jobs,
            initializer=_start_worker,
            initargs=(self.bounds, os.getpid(), self.office),
        )

    def rebuild(self, broken: cf.Executor) -> bool:
        """Replace ``broken`` with a new pool; False when the pool is not the batch's own."""
        if not self.owned:
            return False
        broken.shutdown(wait=True, cancel_futures=True)
        if broken is self.main:
            self.main = self._make(self.jobs)
        else:
            self.alone = None
        return True

    def solo(self) -> cf.Executor:
        if self.alone is None:
            self.alone = self._make(1)
        return self.alone

    def close(self, *, wait: bool = True) -> None:
        for future in self.pending:
            future.cancel()
        if self.owned:
            for pool in (self.main, self.alone):
                if pool is not None:
                    pool.shutdown(wait=wait, cancel_futures=True)


class _Run:
    """The documents of a live batch in flight: calls to workers, their results as they come,
    and what to do when a worker dies.

    A call holds a chunk of documents. When a worker of the batch's own pool dies, every call
    in the pool fails with it; the pool is rebuilt and their documents are sent again, one per
    call; a document whose call fails so again is tried alone, in a pool of one worker, and if
    the worker dies on it there, it is the document that kills workers: it alone fails.
    """

    def __init__(self, pools: _Pools, job: _Job) -> None:
        self.pools = pools
        self.job = job
        self.calls: dict[cf.Future[list[BatchResult]], tuple[list[_Entry], int]] = {}
        self.ready: collections.deque[BatchResult] = collections.deque()
        self.suspects: collections.deque[_Entry] = collections.deque()
        self.solo: cf.Future[list[BatchResult]] | None = None

    def results(self, entries: list[_Entry], size: int) -> Iterator[BatchResult]:
        for start in range(0, len(entries), size):
            self._send(entries[start : start + size], 0)
        try:
            while True:
                while self.ready:
                    yield self.ready.popleft()
                self._next_suspect()
                if not self.calls:
                    break
                done, _ = cf.wait(list(self.calls), return_when=cf.FIRST_COMPLETED)
                for future in done:
                    self._settle(future)
        except KeyboardInterrupt:
            # Stop handing out work; let the workers finish what they hold and report it.
            for future in self.calls:
                future.cancel()
            self.pools.close(wait=True)
            for future in list(self.calls):
                if future.done() and not future.cancelled():
                    self._settle(future, retry=False)
            while self.ready:
                yield self.ready.popleft()
            raise
        finally:
            self.pools.pending.extend(self.calls)

    def _send(self, entries: list[_Entry], stage: int) -> None:
        pool = self.pools.solo() if stage == 2 else self.pools.main
        try:
            future = pool.submit(_render_chunk, entries, self.job)
        except BrokenProcessPool:  # broke under an earlier call: that call's settling rebuilds
            if not self.pools.rebuild(pool):
                self._fail(entries, _POOL_BROKEN)
                return
            self._send(entries, stage)
            return
        except RuntimeError as error:  # shut down, or any executor's refusal
            self._fail(entries, _WORKER_FAILED.format(detail=error))
            return
        self.calls[future] = (entries, stage)
        if stage == 2:
            self.solo = future

    def _next_suspect(self) -> None:
        """Send the next suspect to the pool of one, once the one before has come back."""
        if self.suspects and (self.solo is None or self.solo.done()):
            self.solo = None
            self._send([self.suspects.popleft()], 2)

    def _settle(self, future: cf.Future[list[BatchResult]], *, retry: bool = True) -> None:
        entries, stage = self.calls.pop(future)
        try:
            self.ready.extend(future.result())
            return
        except BrokenProcessPool:
            pool = self.pools.alone if stage == 2 else self.pools.main
            if not retry or stage == 2 or not self.pools.owned:
                if pool is not None and stage == 2 and self.pools.owned:
                    self.pools.rebuild(pool)
                self._fail(entries, _WORKER_DIED if stage == 2 else _POOL_BROKEN)
                return
            if self._pool_broken(self.pools.main):
                self.pools.rebuild(self.pools.main)
        except cf.CancelledError:
            return
        except Exception as error:  # a cluster's failure, a result not unpickled
            self._fail(entries, _WORKER_FAILED.format(detail=_brief(error)))
            return
        if stage == 0:
            for entry in entries:
                self._send([entry], 1)
        else:
            self.suspects.extend(entries)

    @staticmethod
    def _pool_broken(pool: cf.Executor) -> bool:
        return bool(getattr(pool, "_broken", True))

    def _fail(self, entries: list[_Entry], why: Phrase) -> None:
        message = why.in_(self.job.lang)
        self.ready.extend(
            BatchResult(label, None, error=f"{label}: {message}") for _, label, _ in entries
        )


def _brief(error: BaseException) -> str:
    detail = f"{type(error).__name__}: {error}"
    return detail if len(detail) <= _DETAIL_CHARS else detail[:_DETAIL_CHARS] + "…"


def _drives_libreoffice() -> bool:
    from roadmapdocs.rendering.pdf import uno_python

    return uno_python() is not None


def _render_chunk(entries: list[tuple[str | Document, str, Path]], job: _Job) -> list[BatchResult]:
    """Several documents in one call: one round trip to a worker instead of one per document.
    A worker that is not the batch's own (a thread, a cluster's) starts its LibreOffice here,
    before it renders."""
    if job.output != "docx":
        _start_office(job.output)
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
    rendered: dict[cf.Future[BatchResult], tuple[str, Path]],
    converter: Converter,
    output: str,
    lang: Lang,
) -> Iterator[BatchResult]:
    """Convert the rendered .docx files in a few large runs, one per share of the batch."""
    done: list[tuple[BatchResult, Path]] = []
    for future in cf.as_completed(rendered):
        label, target = rendered[future]
        try:
            result = future.result()
        except Exception as error:  # a worker died, or the executor failed
            why = _POOL_BROKEN if isinstance(error, BrokenProcessPool) else _WORKER_FAILED
            message = why.format(detail=_brief(error)).in_(lang)
            yield BatchResult(label, None, error=f"{label}: {message}")
            continue
        if result.ok:
            done.append((result, target))
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
        with contextlib.suppress(Exception):
            conversion.result()
        for result, target in part:
            if target.is_file():
                yield BatchResult(result.source, target, result.findings)
            else:
                yield BatchResult(
                    result.source, None, result.findings, f"{result.source}: {failure}"
                )
