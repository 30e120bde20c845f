"""Summaries: a row per organisation with its share done, in Word and in Excel; summaries of
summaries; inputs given twice; and the command's messages and exit codes."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import roadmapdocs
from roadmapdocs.cli import main
from roadmapdocs.model.report import Report
from roadmapdocs.monitoring import rollup
from roadmapdocs.monitoring.progress import report
from tests.conftest import EXAMPLES
from tests.rendering.conftest import docx_paragraphs, normalise

AS_OF = dt.date(2024, 10, 1)
SCHOOLS = EXAMPLES / "monitoring" / "schools"
NAMES = ("МБОУ СОШ № 8", "МБОУ «Гимназия № 2»", "МАОУ «Лицей № 4»")


def _reports() -> list[tuple[str, Report]]:
    return [(str(p), report(roadmapdocs.load(p), AS_OF)) for p in sorted(SCHOOLS.glob("*.yaml"))]


def test_a_summary_has_a_row_per_school_most_overdue_first() -> None:
    summary = rollup.summarise(_reports(), AS_OF).report
    rows = summary.organisations
    assert sorted(r.name for r in rows) == sorted(NAMES)
    overdue = [r.tally.overdue for r in rows]
    assert overdue == sorted(overdue, reverse=True)
    assert summary.tally.total == sum(r.tally.total for r in rows)
    assert summary.level == "municipal"
    late = {g.organisation: len(g.rows) for g in summary.overdue}
    assert late == {r.name: r.tally.overdue for r in rows if r.tally.overdue}


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_the_summary_of_three_schools_in_word_and_excel(tmp_path: Path) -> None:
    code, said = _run(
        "report", str(SCHOOLS), "--as-of", "01.10.2024", "-o", str(tmp_path / "s.docx")
    )
    assert code == 0, said
    body = normalise("\n".join(docx_paragraphs(tmp_path / "s.docx")))
    summary = rollup.summarise(_reports(), AS_OF).report
    for row in summary.organisations:
        assert normalise(row.name) in body
        share = f"{row.tally.share * 100:.1f}".removesuffix(".0").replace(".", ",")  # type: ignore[operator]
        assert normalise(f"{share}\u00a0%") in body
    code, said = _run(
        "report", str(SCHOOLS), "--as-of", "01.10.2024", "-o", str(tmp_path / "s.xlsx")
    )
    assert code == 0, said
    sheet = openpyxl.load_workbook(tmp_path / "s.xlsx")["Сводка"]
    rows = {r[1]: r for r in sheet.iter_rows(values_only=True) if r and r[1] in NAMES}
    assert set(rows) == set(NAMES)
    for row in summary.organisations:
        got = rows[row.name]
        assert got[2] == row.tally.total and isinstance(got[2], int)
        assert got[-1] == pytest.approx(row.tally.share)
    shares = next(iter(sheet.iter_cols(min_col=sheet.max_column, values_only=False)))
    assert any(c.number_format == "0.0%" for c in shares)


def test_a_region_sums_up_its_municipalities_summaries(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    for folder in (first, second):
        shutil.copytree(SCHOOLS, folder)
    for name, folder in (("УО района А", first), ("УО района Б", second)):
        code, said = _run(
            "report", str(folder), "--as-of", "01.10.2024", "--org", name,
            "-o", str(tmp_path / f"{folder.name}.yaml"),
        )  # fmt: skip
        assert code == 0, said
    code, said = _run(
        "report", str(tmp_path / "one.yaml"), str(tmp_path / "two.yaml"),
        "--as-of", "01.10.2024", "-o", str(tmp_path / "region.yaml"),
    )  # fmt: skip
    assert code == 0, said
    region = roadmapdocs.load(tmp_path / "region.yaml")
    assert isinstance(region, Report) and region.level == "regional"
    assert sorted(r.name for r in region.organisations) == ["УО района А", "УО района Б"]
    schools = rollup.summarise(_reports(), AS_OF).report.tally
    assert region.tally.total == 2 * schools.total and region.tally.done == 2 * schools.done
    assert any(g.organisation.endswith("(УО района А)") for g in region.overdue)


def test_the_same_report_given_twice_counts_once_and_is_said(tmp_path: Path) -> None:
    one = sorted(SCHOOLS.glob("*.yaml"))[0]
    copy = tmp_path / "again.yaml"
    shutil.copy(one, copy)
    code, said = _run(
        "report", str(one), str(copy), "--as-of", "01.10.2024", "-o", str(tmp_path / "s.yaml")
    )
    assert code == 0
    assert "отмечено выполненным и в" in said and "об одном документе" in said
    summary = roadmapdocs.load(tmp_path / "s.yaml")
    assert isinstance(summary, Report) and len(summary.organisations) == 1


def test_a_wrong_status_stops_the_report_and_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "plan.yaml"
    text = (SCHOOLS / "school-1.yaml").read_text(encoding="utf-8")
    source.write_text(text.replace("status: выполнено", "status: почти", 1), encoding="utf-8")
    target = tmp_path / "report.docx"
    code, said = _run("report", str(source), "--as-of", "01.10.2024", "-o", str(target))
    assert code == 1
    assert "plan.yaml:" in said and "почти" in said
    assert not target.exists()


def test_an_unknown_output_suffix_is_refused(tmp_path: Path) -> None:
    code, said = _run(
        "report", str(SCHOOLS), "--as-of", "01.10.2024", "-o", str(tmp_path / "s.txt")
    )
    assert code == 1 and ".xlsx" in said
    assert not (tmp_path / "s.txt").exists()


def test_the_report_date_is_required_and_read_in_russian(tmp_path: Path) -> None:
    code, _ = _run("report", str(SCHOOLS), "-o", str(tmp_path / "s.docx"))
    assert code == 2
    code, said = _run(
        "report", str(SCHOOLS), "--as-of", "31.02.2024", "-o", str(tmp_path / "s.docx")
    )
    assert code == 2 and "31.02.2024" in said


def test_summaries_go_through_the_batch_pool() -> None:
    sources = sorted(SCHOOLS.glob("*.yaml"))
    pooled = rollup.report_all(sources, AS_OF, jobs=2)
    assert [Path(r.source) for r in pooled] == sources
    alone = [rollup.report_all([s], AS_OF)[0] for s in sources]
    assert [r.report for r in pooled] == [r.report for r in alone]


def test_a_long_summary_charts_its_most_overdue_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from roadmapdocs.model.report import OrganisationProgress, Tally
    from roadmapdocs.rendering import charts

    drawn: list[tuple[list[str], str]] = []
    monkeypatch.setattr(
        charts, "_stacked", lambda plt, labels, tallies, title: drawn.append((labels, title))
    )
    rows = [
        OrganisationProgress(name=f"Школа {i}", tally=Tally(total=10, overdue=60 - i))
        for i in range(60)
    ]
    summary = Report(level="municipal", as_of=AS_OF, organisations=rows)
    charts.organisations(summary, None)
    ((labels, title),) = drawn
    assert labels == [f"Школа {i}" for i in range(charts.MOST_BARS)]
    assert "всего организаций: 60" in title
