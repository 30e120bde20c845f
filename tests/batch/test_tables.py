"""read_table: the rows of .csv and .xlsx tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from roadmapdocs.batch import read_table
from tests.batch.conftest import table_rows, write_csv


@pytest.mark.parametrize(
    ("delimiter", "bom"), [(";", True), (";", False), (",", True), (",", False)]
)
def test_csv_tables_read_the_same_whatever_the_delimiter_and_bom(
    tmp_path: Path, delimiter: str, bom: bool
) -> None:
    rows = table_rows(5)
    assert read_table(write_csv(tmp_path / "t.csv", rows, delimiter=delimiter, bom=bom)) == rows
