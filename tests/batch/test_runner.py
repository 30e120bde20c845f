"""render_many: a result per input, skipping, name clashes, any executor, each folder's rules, chunks."""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import roadmapdocs
from roadmapdocs.batch import collect_inputs, render_many
from roadmapdocs.errors import RoadmapdocsError
from tests.batch.conftest import ORDER, ROADMAP, docx_text


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
    assert docx_text(result.path) == docx_text(tmp_path / "single.docx")


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
