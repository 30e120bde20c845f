"""Mail-merge: a document per row, field paths, safe file names, the base order's own quote."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import roadmapdocs
from roadmapdocs.batch import merge, read_table, render_many, safe_filename
from roadmapdocs.errors import RoadmapdocsError
from tests.batch.conftest import ORDER, docx_text, table_rows, write_csv, write_xlsx
from tests.conftest import EXAMPLES


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
        ("Иванов А.Б..docx", "Иванов А.Б..docx"),
        ("Отчёт v1.2.pdf", "Отчёт v1.2.pdf"),
        ("Иванов А.Б. " + "я" * 200 + ".docx", "Иванов А.Б. " + "я" * 107 + ".docx"),
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


def test_an_unknown_column_lists_the_valid_paths() -> None:
    base = roadmapdocs.load(ORDER)
    with pytest.raises(RoadmapdocsError) as caught:
        list(merge(base, [{"organisation.shortname": "x"}], "{number}.docx"))
    message = str(caught.value)
    assert "organisation.shortname" in message
    assert "organisation.short_name" in message and "signer.person" in message


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_mail_merge_gives_one_order_per_row_differing_only_where_rows_differ(
    tmp_path: Path, kind: str
) -> None:
    rows = table_rows(40)
    table = (
        write_xlsx(tmp_path / "t.xlsx", rows)
        if kind == "xlsx"
        else write_csv(tmp_path / "t.csv", rows, delimiter=";", bom=True)
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
    first = docx_text(out / "МБОУ «Школа 100» — приказ 500_к.docx")
    second = docx_text(out / "МБОУ «Школа 101» — приказ 501_к.docx")
    assert first != second
    expected = first
    for column in rows[0]:
        expected = expected.replace(rows[0][column], rows[1][column])
    assert expected == second


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


def test_names_that_differ_after_the_last_dot_stay_apart(tmp_path: Path) -> None:
    # «Иванов А.Б.» and «Иванов А.В.» were both cut to «Иванов А», and the merge refused.
    base = roadmapdocs.load(ORDER)
    rows = [{"signer.person": "Иванов А.Б."}, {"signer.person": "Иванов А.В."}]
    items = list(merge(base, rows, "{signer.person}"))
    assert [name for _, name in items] == ["Иванов А.Б..docx", "Иванов А.В..docx"]
    out = tmp_path / "out"
    out.mkdir()
    with ThreadPoolExecutor(1) as pool:
        results = list(render_many(items, out, executor=pool, pdf=False))
    assert [r.error for r in results] == [None, None]
    assert sorted(p.name for p in out.iterdir()) == ["Иванов А.Б..docx", "Иванов А.В..docx"]
