"""Many documents at once: any executor, one result per input, atomic outputs, mail-merge.

The work of one document (load, validate, render) runs in a worker; the caller only plans names
and collects results. Workers keep what is costly to build — the template registry and the
compiled template parts — for their whole life, so a batch pays for a template once per worker.
"""

from __future__ import annotations

import atexit
import concurrent.futures as cf
import contextlib
import copy
import csv
import functools
import io
import multiprocessing.util
import os
import re
import signal
import tempfile
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Union

from roadmapdocs.api import render
from roadmapdocs.errors import LoadError, Location, Problem, RoadmapdocsError, SofficeNotFound
from roadmapdocs.loader import SUFFIXES, Document, load, to_data
from roadmapdocs.model import Order
from roadmapdocs.rendering.pdf import PdfConverter, convert_to_pdf, find_soffice, uno_python
from roadmapdocs.rules import Config, Finding, validate
from roadmapdocs.templates import Registry

Item = Union[str, os.PathLike[str], tuple[Document, str]]  # noqa: UP007
"""A path to a YAML/JSON document, or a loaded document with its output file name."""


@dataclass(frozen=True)
class _Job:
    """What every document of a batch shares: the template and where to look for it, whether
    findings become comments, and how to validate — a rule configuration (None: the settings
    file nearest to the input) with a selection on top, as :func:`roadmapdocs.validate` takes
    them."""

    template: str | None = None
    folders: tuple[str, ...] = ()
    annotate: bool = False
    config: Config | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    as_of: date | None = None
    found_configs: Mapping[str, Config] = field(default_factory=dict)
    """Without ``config``: the settings found for each input folder, looked up once per batch."""


@dataclass(frozen=True)
class BatchResult:
    """What became of one input: the file written, the findings on it, or why it failed."""

    source: str
    """The input as given: a path, or the output name of a document given loaded."""
    path: Path | None
    """The output file; for a skipped input, the file already there."""
    findings: tuple[Finding, ...] = field(default=())
    error: str | None = None
    """A located message when the input could not be loaded or rendered."""
    skipped: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None


def ignore_interrupts() -> None:
    """Initializer of worker processes: Ctrl-C is the caller's to handle.

    A terminal sends Ctrl-C to every process of the batch; a worker that took it would die
    half-way through a document and print its own traceback. Workers finish what they hold
    instead, and the caller stops handing out more.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@functools.cache
def _registry(folders: tuple[str, ...]) -> Registry:
    # One per worker process: scanning folders and entry points is done once, not per document.
    return Registry(folders)


def _render_one(source: str | Document, name: str, target: Path, job: _Job) -> BatchResult:
    """Load (when given a path), validate and render one document; never raises a user error."""
    label = source if isinstance(source, str) else name
    try:
        document = load(Path(source)) if isinstance(source, str) else source
        config = job.config
        if config is None and isinstance(source, str):
            folder = str(Path(source).parent)
            config = job.found_configs.get(folder) or Config.discover(Path(folder))
        findings = tuple(
            validate(document, config=config, select=job.select, ignore=job.ignore, as_of=job.as_of)
        )
        render(
            document,
            target,
            template=job.template,
            registry=_registry(job.folders),
            format="docx",
            annotate=findings if job.annotate else False,
        )
    except RoadmapdocsError as error:
        return BatchResult(label, None, error=str(error))
    return BatchResult(label, target, findings)


_local = threading.local()
_converters: list[PdfConverter] = []


def _close_converters() -> None:
    while _converters:
        _converters.pop().close()


def _worker_converter() -> PdfConverter:
    """This worker's LibreOffice: started on its first PDF, kept for the worker's life, ended
    when the worker (process or interpreter) ends."""
    converter: PdfConverter | None = getattr(_local, "converter", None)
    if converter is None:
        if not _converters:
            atexit.register(_close_converters)
            # A pool's worker process ends without running atexit; this runs at its exit.
            multiprocessing.util.Finalize(None, _close_converters, exitpriority=10)
        converter = _local.converter = PdfConverter()
        _converters.append(converter)
    return converter


def _render_pdf(source: str | Document, name: str, target: Path, job: _Job) -> BatchResult:
    """Render one document and turn it into PDF with this worker's long-lived LibreOffice."""
    with tempfile.TemporaryDirectory(prefix="roadmapdocs-") as work:
        docx = Path(work) / "document.docx"
        result = _render_one(source, name, docx, job)
        if not result.ok:
            return result
        try:
            try:
                converter = _worker_converter()
            except SofficeNotFound:  # this worker has no UNO: one LibreOffice run for the file
                convert_to_pdf([docx], [target])
            else:
                converter.convert(docx, target)
        except RoadmapdocsError as error:
            return BatchResult(result.source, None, result.findings, str(error))
    return BatchResult(result.source, target, result.findings)


def _convert(sources: list[Path], targets: list[Path]) -> None:
    """PDF for a share of the batch in one LibreOffice run with its own profile."""
    with contextlib.suppress(RoadmapdocsError):  # a missing PDF is reported per document
        convert_to_pdf(sources, targets)


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
                f"файлы «{taken[target]}» и «{label}» дали бы один результат «{target.name}»",
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
) -> Iterator[BatchResult]:
    """Render every item into ``out_dir`` and yield a result per item as each one finishes.

    ``executor`` is any :class:`concurrent.futures.Executor` (a Dask ``Client.get_executor()``
    spreads the work over a cluster); by default a process pool over all cores is made and shut
    down here. A bad input gives a result with ``error`` and the others go on. Outputs are written
    atomically, so an interrupted batch leaves no half files; with ``skip_existing`` an output
    already present is not made again. Closing the iterator early cancels what has not started.
    With ``annotate`` each document carries its findings as Word comments. ``rules`` configures
    the validation of every item; by default an input file gets the settings file nearest to it
    (as with ``roadmapdocs validate``) and a document given loaded the default rules.
    ``select``, ``ignore`` and ``as_of`` apply on top, as in :func:`roadmapdocs.validate`.
    """
    folder = Path(out_dir)
    if not folder.is_dir():
        raise RoadmapdocsError(f"папка «{folder}» не существует", Location(str(folder)))
    # With a Python that drives LibreOffice over UNO, each worker converts what it renders in
    # its own long-lived LibreOffice; without one, the batch converts in a few large runs.
    live = pdf and uno_python(find_soffice()) is not None  # fails early if PDF cannot be made
    suffix = ".pdf" if pdf else ".docx"
    plan = list(_plan(items, folder, suffix))
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
        job = _Job(
            template=template,
            folders=tuple(os.fspath(f) for f in registry_folders),
            annotate=annotate,
            config=rules,
            select=tuple(select) if select is not None else None,
            ignore=tuple(ignore),
            as_of=as_of,
            found_configs={} if rules is not None else _folder_configs(s for _, s, _, _ in todo),
        )
        if not pdf or live:
            size = _chunk_size(len(todo), pool, pdf=pdf)
            for start in range(0, len(todo), size):
                entries = [(s, label, t) for _, s, label, t in todo[start : start + size]]
                pending.append(pool.submit(_render_chunk, entries, job, live))
            for future in cf.as_completed(pending):
                yield from future.result()
            return
        with tempfile.TemporaryDirectory(prefix="roadmapdocs-batch-") as work:
            rendered: dict[cf.Future[BatchResult], Path] = {}
            for index, source, label, target in todo:
                # The .docx goes to a scratch folder first and is converted in bulk below.
                docx = Path(work) / f"{index:06d}.docx"
                future = pool.submit(_render_one, source, label, docx, job)
                rendered[future] = target
                pending.append(future)
            yield from _pdf_stage(pool, rendered)
    finally:
        for future in pending:
            future.cancel()
        if owned:
            pool.shutdown(wait=True, cancel_futures=True)


def _folder_configs(sources: Iterable[Any]) -> dict[str, Config]:
    """The rule settings for the folder of each input file, each folder looked up once
    (searching up the tree for a settings file costs about half a millisecond). A folder whose
    settings cannot be read is left out: each of its documents then reports the error itself."""
    found: dict[str, Config] = {}
    tried: set[str] = set()
    for source in sources:
        if not isinstance(source, str):
            continue
        folder = str(Path(source).parent)
        if folder in tried:
            continue
        tried.add(folder)
        with contextlib.suppress(RoadmapdocsError):
            found[folder] = Config.discover(Path(folder))
    return found


def _render_chunk(
    entries: list[tuple[str | Document, str, Path]], job: _Job, pdf: bool
) -> list[BatchResult]:
    """Several documents in one call: one round trip to a worker instead of one per document."""
    work = _render_pdf if pdf else _render_one
    return [work(source, label, target, job) for source, label, target in entries]


def _chunk_size(count: int, pool: cf.Executor, *, pdf: bool) -> int:
    """Documents per call: enough that a call's round trip (about a millisecond in a process
    pool, more on a cluster) is small beside its work, few enough that every worker gets some
    eight calls to balance the load and Ctrl-C does not wait long for a call to finish."""
    workers = getattr(pool, "_max_workers", None) or os.cpu_count() or 1
    most = 4 if pdf else 16
    return max(1, min(most, count // (workers * 8)))


def _pdf_stage(
    pool: cf.Executor, rendered: dict[cf.Future[BatchResult], Path]
) -> Iterator[BatchResult]:
    """Convert the rendered .docx files in a few large LibreOffice runs, one per share."""
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
            conversions.append((pool.submit(_convert, sources, [t for _, t in part]), part))
    for conversion, part in conversions:
        conversion.result()
        for result, target in part:
            if target.is_file():
                yield BatchResult(result.source, target, result.findings)
            else:
                yield BatchResult(
                    result.source, None, result.findings, "LibreOffice не смог сделать PDF"
                )


def collect_inputs(inputs: Iterable[str]) -> list[Path]:
    """Files, folders (their YAML/JSON documents, not recursively) and globs, each once, in order."""
    found: dict[Path, None] = {}
    for entry in inputs:
        path = Path(entry)
        if path.is_dir():
            matches = sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES)
        elif any(ch in entry for ch in "*?["):
            anchor = Path(path.anchor or ".")
            pattern = str(path.relative_to(anchor)) if path.anchor else entry
            matches = sorted(p for p in anchor.glob(pattern) if p.is_file())
        else:
            matches = [path]
        for match in matches:
            found.setdefault(match)
    return list(found)


# Mail-merge ------------------------------------------------------------------------------------


def read_table(path: str | os.PathLike[str]) -> list[dict[str, str]]:
    """The rows of a .csv (UTF-8 with or without BOM; «;» or «,») or .xlsx (first sheet) table.

    Headers are stripped; empty cells are empty strings; wholly empty rows are dropped.
    """
    table = Path(path)
    if table.suffix.lower() == ".xlsx":
        rows = _xlsx_rows(table)
    elif table.suffix.lower() == ".csv":
        rows = _csv_rows(table)
    else:
        raise RoadmapdocsError("таблица должна быть в формате .csv или .xlsx", Location(str(table)))
    if not rows:
        raise RoadmapdocsError("в таблице нет заголовков столбцов", Location(str(table)))
    header = [h.strip() for h in rows[0]]
    return [
        dict(zip(header, (c.strip() for c in row), strict=False))
        for row in rows[1:]
        if any(c.strip() for c in row)
    ]


def _csv_rows(table: Path) -> list[list[str]]:
    try:
        text = table.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RoadmapdocsError(
            f"таблица не читается как UTF-8: {exc}", Location(str(table))
        ) from None
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=";,")
    except csv.Error:
        dialect = csv.excel  # one column: no delimiter to find
    return list(csv.reader(io.StringIO(text), dialect))


def _xlsx_rows(table: Path) -> list[list[str]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(table, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many unrelated types for a damaged file
        raise RoadmapdocsError(
            f"таблица Excel не открывается: {exc}", Location(str(table))
        ) from None
    try:
        return [
            [_cell_text(value) for value in row]
            for row in book.worksheets[0].iter_rows(values_only=True)
        ]
    finally:
        book.close()


def _cell_text(value: object) -> str:
    import datetime as dt

    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel keeps «226» as 226.0
    return str(value)


def field_paths(data: Mapping[str, Any], prefix: str = "") -> list[str]:
    """Dotted paths of the named fields in a document's data (lists are not addressable)."""
    paths: list[str] = []
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, Mapping):
            paths.extend(field_paths(value, path + "."))
        elif not isinstance(value, list):
            paths.append(path)
    return paths


def _merged_paths(base: Document) -> list[str]:
    # Paths the base leaves empty are still fillable: take them from the model's own fields.
    data = to_data(base)
    known = set(field_paths(data))
    for name, info in type(base).model_fields.items():
        if name not in data and "list" not in str(info.annotation):
            known.add(name)
    return sorted(known)


def _set(data: dict[str, Any], path: str, value: str) -> None:
    *parents, leaf = path.split(".")
    for part in parents:
        data = data.setdefault(part, {})
    data[leaf] = value


_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$", re.IGNORECASE)
_NAME_BYTES = 240  # below the 255-byte limit of common file systems, with room for a suffix


def safe_filename(name: str) -> str:
    """``name`` made valid on Windows, macOS and Linux, keeping Russian letters as they are."""
    cleaned = _FORBIDDEN.sub("_", unicodedata.normalize("NFC", name)).strip().rstrip(". ")
    if _RESERVED.match(cleaned):
        cleaned = "_" + cleaned
    stem, dot, suffix = cleaned.rpartition(".") if "." in cleaned else (cleaned, "", "")
    budget = _NAME_BYTES - len((dot + suffix).encode())
    while len(stem.encode()) > budget:
        stem = stem[:-1]
    return (stem.rstrip(". ") or "_") + dot + suffix


_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


def merge(
    base: Document, rows: Sequence[Mapping[str, str]], pattern: str, *, table: str = "<таблица>"
) -> Iterator[tuple[Document, str] | BatchResult]:
    """A document per row of ``rows``: ``base`` with the row's columns as field values.

    Column headers and ``{placeholders}`` in ``pattern`` are field paths; an unknown one raises an
    error listing the valid paths. A row whose values do not make a valid document gives a
    failed :class:`BatchResult` naming the row, and the other rows go on.
    """
    valid = _merged_paths(base)
    asked = {key for row in rows[:1] for key in row} | set(_PLACEHOLDER.findall(pattern))
    unknown = sorted(asked - set(valid))
    if unknown:
        raise RoadmapdocsError(
            f"нет таких полей: {', '.join(unknown)}. Допустимые пути: {', '.join(valid)}",
            Location(table),
        )
    data = to_data(base)
    if isinstance(base, Order):
        # An appendix that quotes the base order's own number and date quotes the order itself,
        # which each row renumbers: the quote goes, or every copy would cite the base order.
        # A quote that already disagrees with the base is a defect and stays to be reported.
        for appendix, written in zip(base.appendices, data.get("appendices", []), strict=True):
            quoted = appendix.reference
            if quoted and quoted.number in (None, base.number) and quoted.date in (None, base.date):
                written.pop("reference", None)
    for number, row in enumerate(rows, start=2):  # row 1 holds the headers
        filled = copy.deepcopy(data)
        for key, value in row.items():
            if value:
                _set(filled, key, value)
        name = safe_filename(_fill(pattern, filled))
        try:
            yield load(filled), name
        except LoadError as error:
            problems = [
                Problem(Location(table, number, None, p.location.path), p.type, p.message)
                for p in error.problems
            ]
            yield BatchResult(f"{table}:{number}", None, error=str(LoadError(problems)))


def _fill(pattern: str, data: Mapping[str, Any]) -> str:
    """``pattern`` with each ``{field.path}`` replaced by that field's value in ``data``."""

    def value(match: re.Match[str]) -> str:
        found: Any = data
        for part in match.group(1).split("."):
            found = found.get(part, "") if isinstance(found, Mapping) else ""
        return str(found)

    return _PLACEHOLDER.sub(value, pattern)
