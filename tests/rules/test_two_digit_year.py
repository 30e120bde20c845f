"""RD207 two-digit-year: a short year loads, and validation asks for it in full, at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

import roadmapdocs
from roadmapdocs.messages import Lang
from tests.printcheck import docx_texts

ORDER = """\
kind: order
title: Об утверждении плана
number: 226/1-г
date: {date}
clauses: [Утвердить план.]
signer: {{position: Директор, person: Оловянникова Т.А.}}
appendices:
  - number: "1"
    reference:
      number: 226/1-г
      date: {quoted}
"""


def _findings(date: str, quoted: str, lang: Lang = "ru") -> list[roadmapdocs.Finding]:
    document = roadmapdocs.load(ORDER.format(date=date, quoted=quoted))
    return list(roadmapdocs.validate(document, lang=lang))


def test_the_warning_stands_at_the_date_and_says_how_to_write_it() -> None:
    order, quoted = _findings("05.09.24", "«05» сентября 24 г.")
    assert (order.code, order.name, order.severity) == (
        "RD207",
        "two-digit-year",
        roadmapdocs.Severity.WARNING,
    )
    assert (order.line, order.dotted_path, order.element) == (4, "date", "дата приказа")
    assert order.message == "год записан двумя цифрами: «05.09.24» читается как 05.09.2024"
    assert order.suggestion == "напишите полностью: 05.09.2024"
    assert (quoted.line, quoted.dotted_path) == (11, "appendices[0].reference.date")
    assert quoted.suggestion == "напишите полностью: «05» сентября 2024 г."


def test_the_warning_in_english() -> None:
    (finding, _) = _findings("05.09.24", "05.09.24", lang="en")
    assert finding.message == "the year is written in two digits: «05.09.24» is read as 05.09.2024"
    assert finding.suggestion == "write it in full: 05.09.2024"


@pytest.mark.parametrize("date", ["05.09.2024", "5 сентября 2024 г.", "2024-09-05"])
def test_a_year_in_full_is_not_reported(date: str) -> None:
    assert _findings(date, date) == []


def test_a_short_year_is_only_a_warning_and_the_page_has_the_year_in_full(
    tmp_path: Path,
) -> None:
    document = roadmapdocs.load(ORDER.format(date="05.09.24", quoted="05.09.2024"))
    report = roadmapdocs.validate(document)
    assert [f.code for f in report] == ["RD207"]
    assert not report.failed()
    page = " ".join(docx_texts(roadmapdocs.render(document, tmp_path / "order.docx")))
    assert "05.09.2024" in page
    assert "05.09.24 " not in f"{page} "
