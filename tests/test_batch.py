"""Batch rendering and mail-merge: results per input, skipping, tables, safe names, the CLI."""

from __future__ import annotations

import csv
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import roadmapdocs
from roadmapdocs.batch import collect_inputs, merge, read_table, render_many, safe_filename
from roadmapdocs.cli import main
from roadmapdocs.errors import RoadmapdocsError

from .conftest import EXAMPLES

ORDER = EXAMPLES / "school-order.yaml"
ROADMAP = EXAMPLES / "school-roadmap.yaml"
BROKEN = "kind: order\nlevel: school\nnumber: [unclosed\n"


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(ORDER, folder)
    shutil.copy(ROADMAP, folder)
    (folder / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    (folder / "notes.txt").write_text("не документ", encoding="utf-8")
    return folder


def test_a_broken_file_is_reported_with_its_line_and_the_others_render(
    inputs: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with ThreadPoolExecutor(2) as pool:
        results = list(render_many(collect_inputs([str(inputs)]), out, executor=pool))
    by_name = {Path(r.source).name: r for r in results}
    assert sorted(by_name) == ["broken.yaml", "school-order.yaml", "school-roadmap.yaml"]
    broken = by_name["broken.yaml"]
    assert broken.path is None and broken.error is not None
    assert "broken.yaml:4:1" in broken.error
    order = by_name["school-order.yaml"]
    assert order.ok and order.path == out / "school-order.docx"
    assert order.findings, "the order example keeps its real defects, so rules must find them"
    assert sorted(p.name for p in out.iterdir()) == ["school-order.docx", "school-roadmap.docx"]


def test_the_default_process_pool_renders_the_same_text_as_render(tmp_path: Path) -> None:
    (result,) = render_many([ORDER], tmp_path)
    roadmapdocs.render(roadmapdocs.load(ORDER), tmp_path / "single.docx")
    assert _text(result.path) == _text(tmp_path / "single.docx")


def test_skip_existing_renders_only_what_is_missing(tmp_path: Path) -> None:
    (tmp_path / "school-order.docx").write_bytes(b"kept")
    with ThreadPoolExecutor(1) as pool:
        results = list(render_many([ORDER, ROADMAP], tmp_path, executor=pool, skip_existing=True))
    skipped = {Path(r.source).name: r.skipped for r in results}
    assert skipped == {"school-order.yaml": True, "school-roadmap.yaml": False}
    assert (tmp_path / "school-order.docx").read_bytes() == b"kept"


def test_two_inputs_with_one_output_name_are_refused_before_any_work(tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(ORDER, other)
    with pytest.raises(RoadmapdocsError, match="один результат"):
        list(render_many([ORDER, other / "school-order.yaml"], tmp_path))
    assert not list(tmp_path.glob("*.docx"))


def test_globs_and_folders_are_expanded_once_each(inputs: Path) -> None:
    found = collect_inputs([str(inputs / "*.yaml"), str(inputs), str(inputs / "broken.yaml")])
    assert [p.name for p in found] == ["broken.yaml", "school-order.yaml", "school-roadmap.yaml"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("МБОУ «СШ № 5» — приказ 226/1-г.docx", "МБОУ «СШ № 5» — приказ 226_1-г.docx"),
        ('a<b>c:d"e|f?g*h\\i.docx', "a_b_c_d_e_f_g_h_i.docx"),
        ("CON.docx", "_CON.docx"),
        ("lpt1", "_lpt1"),
        ("точка в конце. ", "точка в конце"),
        ("", "_"),
        ("табуляция\tи\nперевод.docx", "табуляция_и_перевод.docx"),
    ],
)
def test_safe_filename(name: str, expected: str) -> None:
    assert safe_filename(name) == expected


@given(st.text(min_size=1, max_size=400))
def test_safe_filenames_are_valid_everywhere_and_stable(name: str) -> None:
    safe = safe_filename(name)
    assert safe and len(safe.encode()) <= 255
    assert not set(safe) & set('<>:"/\\|?*') and all(ord(c) >= 32 for c in safe)
    assert not safe.endswith((".", " "))
    assert safe_filename(safe) == safe


def _rows(count: int) -> list[dict[str, str]]:
    return [
        {
            "organisation.short_name": f"МБОУ «Школа {100 + i}»",
            "number": f"{500 + i}/к",
            "place": "Вязьма" if i % 2 else "Ельня",
        }
        for i in range(count)
    ]


def _write_csv(path: Path, rows: list[dict[str, str]], *, delimiter: str, bom: bool) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)
    return path


def _write_xlsx(path: Path, rows: list[dict[str, str]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(rows[0]))
    for row in rows:
        sheet.append(list(row.values()))
    book.save(path)
    return path


@pytest.mark.parametrize(
    ("delimiter", "bom"), [(";", True), (";", False), (",", True), (",", False)]
)
def test_csv_tables_read_the_same_whatever_the_delimiter_and_bom(
    tmp_path: Path, delimiter: str, bom: bool
) -> None:
    rows = _rows(5)
    assert read_table(_write_csv(tmp_path / "t.csv", rows, delimiter=delimiter, bom=bom)) == rows


def test_an_unknown_column_lists_the_valid_paths() -> None:
    base = roadmapdocs.load(ORDER)
    with pytest.raises(RoadmapdocsError) as caught:
        list(merge(base, [{"organisation.shortname": "x"}], "{number}.docx"))
    message = str(caught.value)
    assert "organisation.shortname" in message
    assert "organisation.short_name" in message and "signer.person" in message


def _text(path: Path | None) -> str:
    assert path is not None
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells).replace("\xa0", " ")


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_mail_merge_gives_one_order_per_row_differing_only_where_rows_differ(
    tmp_path: Path, kind: str
) -> None:
    rows = _rows(40)
    table = (
        _write_xlsx(tmp_path / "t.xlsx", rows)
        if kind == "xlsx"
        else _write_csv(tmp_path / "t.csv", rows, delimiter=";", bom=True)
    )
    items = list(
        merge(
            roadmapdocs.load(ORDER),
            read_table(table),
            "{organisation.short_name} — приказ {number}.docx",
        )
    )
    out = tmp_path / "out"
    out.mkdir()
    with ThreadPoolExecutor(2) as pool:
        results = list(render_many(items, out, executor=pool))
    assert len(results) == 40 and all(r.ok for r in results)
    first = _text(out / "МБОУ «Школа 100» — приказ 500_к.docx")
    second = _text(out / "МБОУ «Школа 101» — приказ 501_к.docx")
    assert first != second
    expected = first
    for column in rows[0]:
        expected = expected.replace(rows[0][column], rows[1][column])
    assert expected == second


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_cli_mail_merge_and_a_wrong_column(tmp_path: Path, suffix: str) -> None:
    rows = [{"number": "1/к", "bad.path": "x"}]
    table = tmp_path / f"t{suffix}"
    if suffix == ".csv":
        _write_csv(table, rows, delimiter=",", bom=False)
    else:
        _write_xlsx(table, rows)
    result = CliRunner().invoke(
        main,
        ["batch", str(ORDER), "--data", str(table), "--name", "{number}", "-o", str(tmp_path)],
    )
    assert result.exit_code == 1
    assert "bad.path" in result.output and "organisation.short_name" in result.output


def test_cli_batch_reports_the_broken_file_and_exits_1(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(inputs), "-o", str(out), "-j", "2"])
    assert result.exit_code == 1
    assert "broken.yaml:4:1" in result.output
    assert "Готово: 2, с замечаниями: 2, ошибок: 1." in result.output
    assert sorted(p.name for p in out.iterdir()) == ["school-order.docx", "school-roadmap.docx"]


def test_cli_batch_quiet_prints_only_the_summary(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["batch", str(ORDER), "-o", str(tmp_path), "-q"])
    assert result.exit_code == 0
    assert result.output.strip() == "Готово: 1, с замечаниями: 1, ошибок: 0."


def test_a_dask_cluster_is_just_another_executor(inputs: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    out = tmp_path / "out"
    out.mkdir()
    # Worker processes of a local cluster: every call and argument crosses a process boundary,
    # as on a real cluster.
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        results = list(
            render_many(collect_inputs([str(inputs)]), out, executor=client.get_executor())
        )
    by_name = {Path(r.source).name: r for r in results}
    assert sorted(by_name) == ["broken.yaml", "school-order.yaml", "school-roadmap.yaml"]
    assert "broken.yaml:4:1: ошибка синтаксиса YAML" in str(by_name["broken.yaml"].error)
    assert by_name["school-roadmap.yaml"].findings
    assert sorted(p.name for p in out.iterdir()) == ["school-order.docx", "school-roadmap.docx"]


def test_render_many_is_part_of_the_public_api(tmp_path: Path) -> None:
    assert "render_many" in roadmapdocs.__all__
    assert "BatchResult" in roadmapdocs.__all__
    document = roadmapdocs.load(ORDER)
    with ThreadPoolExecutor(1) as pool:
        (result,) = roadmapdocs.render_many([(document, "o")], tmp_path, executor=pool)
    assert isinstance(result, roadmapdocs.BatchResult)
    assert result.path == tmp_path / "o.docx"
    assert result.path.is_file()


def _finding_names(results: list[roadmapdocs.BatchResult]) -> set[str]:
    return {f.name for r in results for f in r.findings}


def test_batch_validates_with_the_settings_file_next_to_each_input(tmp_path: Path) -> None:
    plain, configured = tmp_path / "plain", tmp_path / "configured"
    for folder in (plain, configured):
        folder.mkdir()
        shutil.copy(ROADMAP, folder)
    (configured / "roadmapdocs.toml").write_text('ignore = ["missing-responsible"]\n', "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    with ThreadPoolExecutor(1) as pool:
        (first,) = render_many([plain / ROADMAP.name], out, executor=pool)
        (second,) = render_many(
            [(configured / ROADMAP.name)], out, executor=pool, skip_existing=False
        )
    assert "missing-responsible" in _finding_names([first])
    assert "missing-responsible" not in _finding_names([second])
    assert _finding_names([second]) == _finding_names([first]) - {"missing-responsible"}


def test_batch_select_and_ignore_on_the_command_line(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "out"
    result = runner.invoke(
        main, ["batch", str(ROADMAP), "-o", str(out), "-j", "1", "--select", "RD1"]
    )
    assert result.exit_code == 0, result.output
    only_rd1 = result.output
    result = runner.invoke(
        main, ["batch", str(ROADMAP), "-o", str(out), "-j", "1", "--ignore", "ALL"]
    )
    assert result.exit_code == 0, result.output
    assert "с замечаниями: 0" in result.output
    assert "с замечаниями: 1" in only_rd1


def test_mail_merge_follows_the_base_document_s_settings(tmp_path: Path) -> None:
    base = tmp_path / "base"
    base.mkdir()
    shutil.copy(ORDER, base)
    (base / "roadmapdocs.toml").write_text('ignore = ["ALL"]\n', "utf-8")
    table = tmp_path / "t.csv"
    table.write_text("number\n1\n2\n", encoding="utf-8")
    result = CliRunner().invoke(
        main,
        [
            "batch",
            str(base / ORDER.name),
            "--data",
            str(table),
            "--name",
            "{number}.docx",
            "-o",
            str(tmp_path / "out"),
            "-j",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Готово: 2, с замечаниями: 0" in result.output


class _CountingPool(ThreadPoolExecutor):
    """A thread pool that counts the calls handed to it."""

    calls = 0

    def submit(self, *args: Any, **kwargs: Any) -> Any:
        type(self).calls += 1
        return super().submit(*args, **kwargs)


def test_many_documents_go_to_workers_in_few_calls_and_each_gets_its_result(
    tmp_path: Path,
) -> None:
    document = roadmapdocs.load(ORDER)
    items = [(document.model_copy(update={"number": str(i)}), f"{i:03d}") for i in range(100)]
    _CountingPool.calls = 0
    with _CountingPool(1) as pool:
        results = list(render_many(items, tmp_path, executor=pool))
    assert sorted(r.source for r in results) == [f"{i:03d}" for i in range(100)]
    assert all(r.ok for r in results)
    assert len(list(tmp_path.glob("*.docx"))) == 100
    assert 100 / 16 <= _CountingPool.calls <= 100 / 4  # chunks, yet enough to balance


def test_settings_that_cannot_be_read_fail_each_document_of_their_folder(tmp_path: Path) -> None:
    broken, fine = tmp_path / "broken", tmp_path / "fine"
    for folder in (broken, fine):
        folder.mkdir()
        shutil.copy(ROADMAP, folder)
    (broken / "roadmapdocs.toml").write_text("ignore = [unclosed\n", "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    with ThreadPoolExecutor(1) as pool:
        (bad,) = render_many([broken / ROADMAP.name], out, executor=pool)
        (good,) = render_many([fine / ROADMAP.name], out, executor=pool)
    assert bad.error is not None and "roadmapdocs.toml" in bad.error
    assert good.ok and good.findings


def test_a_merged_order_is_not_told_its_appendix_quotes_the_base_order() -> None:
    clean = roadmapdocs.load(EXAMPLES / "school-order-clean.yaml")
    assert clean.appendices[0].reference is not None  # quotes the order's own requisites
    rows = [{"number": "101/1-г", "date": "02.09.2024"}]
    ((merged, _),) = merge(clean, rows, "{number}.docx")
    assert merged.number == "101/1-г"
    assert [f.name for f in roadmapdocs.validate(merged)] == []
    # A quote that disagreed with the base already is a defect and stays to be found.
    seed = roadmapdocs.load(ORDER)
    ((copied, _),) = merge(seed, rows, "{number}.docx")
    assert "order-appendix-mismatch" in [f.name for f in roadmapdocs.validate(copied)]
