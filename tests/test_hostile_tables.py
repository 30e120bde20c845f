"""Hostile and broken mail-merge tables: bounded, located, and nothing silently lost.

A cell too long, a quote left open, a row with more values than columns, a column named twice,
an oversized file or an .xlsx bomb is one located message (file and line) and exit code 1.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from roadmapdocs import limits
from roadmapdocs.batch import read_table
from roadmapdocs.cli import main
from roadmapdocs.errors import LimitExceeded, RoadmapdocsError
from tests.batch.conftest import ORDER, table_rows, write_xlsx
from tests.test_archives import (
    assert_refused,
    forged_package,
    members_of,
    padded_stream,
    run_capped,
    write_package,
)

SHEET = "xl/worksheets/sheet1.xml"


def csv_file(tmp_path: Path, text: str, name: str = "t.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def merge_cli(tmp_path: Path, table: Path) -> tuple[int, str, BaseException | None]:
    out = tmp_path / "out"
    args = ["batch", str(ORDER), "--data", str(table), "--name", "{number}.docx", "-o", str(out)]
    result = CliRunner().invoke(main, [*args, "-j", "1"])
    return result.exit_code, result.output, result.exception


def assert_located(error: RoadmapdocsError, path: Path, line: int | None, *fragments: str) -> None:
    place = f"{path}:{line}: " if line is not None else f"{path}: "
    assert str(error).startswith(place), str(error)
    for fragment in fragments:
        assert fragment in str(error), str(error)


# --- csv -----------------------------------------------------------------------------------------


def test_a_cell_over_the_csv_modules_own_bound_reads(tmp_path: Path) -> None:
    """Python's csv refuses a field over 128 KiB with a traceback; the documented bound is 1e6."""
    path = csv_file(tmp_path, "number;place\n1;" + "я" * 200_000 + "\n")
    assert read_table(path) == [{"number": "1", "place": "я" * 200_000}]


def test_a_cell_over_the_limit_is_a_located_limit_error(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "number;place\n1;Вязьма\n2;" + "я" * 2_000 + "\n")
    with limits.override(csv_cell_chars=1_000), pytest.raises(LimitExceeded) as caught:
        read_table(path)
    assert caught.value.limit == "csv_cell_chars"
    assert_located(
        caught.value,
        path,
        3,
        "слишком много знаков (больше 1 000)",
        "ROADMAPDOCS_LIMIT_CSV_CELL_CHARS",
    )


def test_a_cell_over_the_default_limit_stops_the_merge(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "number;place\n1;" + "я" * 1_000_001 + "\n")
    code, output, exception = merge_cli(tmp_path, path)
    assert code == 1
    assert isinstance(exception, SystemExit)
    assert f"{path}:2: " in output
    assert "csv_cell_chars = 1 000 000" in output


def test_the_csv_modules_bound_is_left_as_it_was(tmp_path: Path) -> None:
    import csv

    before = csv.field_size_limit()
    read_table(csv_file(tmp_path, "number;place\n1;Вязьма\n"))
    assert csv.field_size_limit() == before


def test_a_quote_left_open_to_the_end_of_the_file_is_an_error_where_it_opens(
    tmp_path: Path,
) -> None:
    """It used to merge every later row into one cell, and the merge made one document."""
    path = csv_file(tmp_path, 'number;place;x\n1;"Вязьма;a\n2;Ельня;b\n3;Смоленск;c\n')
    with pytest.raises(RoadmapdocsError) as caught:
        read_table(path)
    assert_located(caught.value, path, 2, "кавычка, открытая в этой строке, не закрыта")
    code, output, _ = merge_cli(tmp_path, path)
    assert code == 1
    assert f"{path}:2: " in output


def test_a_quote_that_swallows_a_whole_row_is_an_error(tmp_path: Path) -> None:
    path = csv_file(tmp_path, 'number;place;x\n1;"Вязьма\n2;Ельня;b"\n3;Смоленск;c\n')
    with pytest.raises(RoadmapdocsError) as caught:
        read_table(path)
    assert_located(caught.value, path, 2, "захватывает строку 3 таблицы целиком", "2;Ельня;b")


def test_a_genuine_cell_of_two_lines_still_reads(tmp_path: Path) -> None:
    path = csv_file(tmp_path, 'number;place;x\n1;"ул. Ленина, 5\nкаб. 3";a\n2;Ельня;b\n')
    assert read_table(path) == [
        {"number": "1", "place": "ул. Ленина, 5\nкаб. 3", "x": "a"},
        {"number": "2", "place": "Ельня", "x": "b"},
    ]


def test_a_misplaced_quote_is_an_error_on_its_line(tmp_path: Path) -> None:
    path = csv_file(tmp_path, 'number;place\n1;Вязьма\n2;"Ельня" 5\n')
    with pytest.raises(RoadmapdocsError) as caught:
        read_table(path)
    assert_located(caught.value, path, 3, "кавычки расставлены неверно")


def test_quotes_inside_an_unquoted_cell_are_kept(tmp_path: Path) -> None:
    path = csv_file(tmp_path, 'number;place\n1;Школа "Ромашка" №5\n')
    assert read_table(path) == [{"number": "1", "place": 'Школа "Ромашка" №5'}]


def test_a_value_beyond_the_headed_columns_is_an_error_not_dropped(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "number;place\n1;Вязьма\n2;Ельня;лишнее\n")
    with pytest.raises(RoadmapdocsError) as caught:
        read_table(path)
    assert_located(caught.value, path, 3, "«лишнее» пропало бы")


def test_empty_cells_beyond_the_headed_columns_lose_nothing(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "number;place\n1;Вязьма;;\n")
    assert read_table(path) == [{"number": "1", "place": "Вязьма"}]


def test_a_column_named_twice_is_an_error(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "number;place;number\n1;Вязьма;2\n")
    with pytest.raises(RoadmapdocsError) as caught:
        read_table(path)
    assert_located(caught.value, path, 1, "столбец «number» назван дважды (столбцы 1 и 3)")


def test_the_delimiter_comes_from_the_header_line(tmp_path: Path) -> None:
    path = csv_file(tmp_path, 'number,place\n1,"Вязьма; Смоленская обл."\n')
    assert read_table(path) == [{"number": "1", "place": "Вязьма; Смоленская обл."}]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_table_over_the_file_limit_is_refused_before_it_is_read(
    tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"t{suffix}"
    if suffix == ".csv":
        path.write_text("number;place\n" + "1;Вязьма\n" * 200, encoding="utf-8")
    else:
        write_xlsx(path, table_rows(50))
    with limits.override(file_bytes=1_000), pytest.raises(LimitExceeded) as caught:
        read_table(path)
    assert caught.value.limit == "file_bytes"
    assert_located(caught.value, path, None, "файл занимает", "ROADMAPDOCS_LIMIT_FILE_BYTES")


def test_a_folder_named_like_a_table_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.mkdir()
    with pytest.raises(RoadmapdocsError) as caught:
        read_table(path)
    assert_located(caught.value, path, None, "таблица — не файл")


# --- xlsx ----------------------------------------------------------------------------------------


def test_an_xlsx_bomb_is_refused_from_its_directory(tmp_path: Path) -> None:
    """The reported case: the merge «succeeded» after taking 3.25 GB."""
    book = write_xlsx(tmp_path / "real.xlsx", table_rows(3))
    real = members_of(book)
    stream = padded_stream(real[SHEET], 3 * 1024)
    bomb = forged_package(
        tmp_path / "bomb.xlsx", real, SHEET, stream, len(real[SHEET]) + 3 * 1024 * (1 << 20), 0
    )
    out = tmp_path / "out"
    done = run_capped(
        "batch", str(ORDER), "--data", str(bomb), "--name", "{number}.docx", "-o", str(out)
    )
    assert_refused(done, bomb, f"часть {SHEET}", "archive_member_bytes")
    assert not out.exists() or not any(out.iterdir())


def test_an_xlsx_with_lying_headers_is_stopped(tmp_path: Path) -> None:
    book = write_xlsx(tmp_path / "real.xlsx", table_rows(3))
    real = members_of(book)
    head = real[SHEET]
    bomb = forged_package(
        tmp_path / "liar.xlsx",
        real,
        SHEET,
        padded_stream(head, 3 * 1024),
        len(head),
        zlib.crc32(head),
    )
    done = run_capped(
        "batch",
        str(ORDER),
        "--data",
        str(bomb),
        "--name",
        "{number}.docx",
        "-o",
        str(tmp_path / "o"),
    )
    assert_refused(done, bomb, f"часть {SHEET}", "заголовки архива подделаны")


def _with_sheet(tmp_path: Path, change: bytes) -> Path:
    book = write_xlsx(tmp_path / "real.xlsx", table_rows(3))
    members = members_of(book)
    sheet = members[SHEET]
    members[SHEET] = change + (sheet.split(b"?>", 1)[1] if sheet.startswith(b"<?xml") else sheet)
    return write_package(tmp_path / "t.xlsx", members)


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("text", "файл не открывается как таблица Excel (.xlsx): это не архив ZIP"),
        ("old", "старого формата Excel (.xls)"),
        ("doctype", f"часть {SHEET}: XML содержит объявление DOCTYPE"),
        ("empty", "файл пуст (0 байт); ожидается таблица Excel (.xlsx)"),
    ],
)
def test_a_broken_xlsx_is_one_located_message(tmp_path: Path, case: str, expected: str) -> None:
    path = tmp_path / "t.xlsx"
    if case == "text":
        path.write_text("number;place\n1;Вязьма\n", encoding="utf-8")
    elif case == "old":
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    elif case == "doctype":
        doctype = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
        path = _with_sheet(tmp_path, doctype)
    else:
        path.write_bytes(b"")
    with pytest.raises(RoadmapdocsError) as caught:
        read_table(path)
    assert_located(caught.value, path, None, expected)
    code, output, exception = merge_cli(tmp_path, path)
    assert code == 1 and isinstance(exception, SystemExit)
    assert f"{path}: " in output and expected in output


def test_an_xlsx_cell_over_the_limit_names_the_cell(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["number", "place"])
    sheet.append(["1", "Вязьма"])
    sheet.append(["2", "я" * 2_000])
    path = tmp_path / "t.xlsx"
    book.save(path)
    with limits.override(csv_cell_chars=1_000), pytest.raises(LimitExceeded) as caught:
        read_table(path)
    assert_located(caught.value, path, 3, "в ячейке B3 слишком много знаков (больше 1 000)")


def test_a_sound_xlsx_still_reads(tmp_path: Path) -> None:
    rows = table_rows(4)
    assert read_table(write_xlsx(tmp_path / "t.xlsx", rows)) == rows
