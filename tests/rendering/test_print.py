"""The examples as a director holds them: every page of every example printed and read back.

No word broken without a hyphen, no part-empty page inside a table, no section row alone at a
page's foot, every text of the document printed (tests/printcheck.py says how each is found).
"""

from __future__ import annotations

import shutil

import pytest

import roadmapdocs
from roadmapdocs.rendering.pdf import convert_to_pdf
from tests.conftest import EXAMPLES
from tests.printcheck import PrintReport, check

pytestmark = [
    pytest.mark.skipif(
        shutil.which("soffice") is None, reason="LibreOffice (soffice) не установлен"
    ),
    pytest.mark.skipif(
        shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) не установлены"
    ),
]

NAMES = sorted(path.stem for path in EXAMPLES.glob("*.yaml"))


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, PrintReport]:
    folder = tmp_path_factory.mktemp("print")
    documents = {name: roadmapdocs.load(EXAMPLES / f"{name}.yaml") for name in NAMES}
    sources = [roadmapdocs.render(doc, folder / f"{name}.docx") for name, doc in documents.items()]
    pdfs = convert_to_pdf(sources)  # one LibreOffice run for all of them
    return {
        name: check(pdf, source, documents[name])
        for name, source, pdf in zip(NAMES, sources, pdfs, strict=True)
    }


@pytest.mark.parametrize("name", NAMES)
def test_every_page_is_signable(printed: dict[str, PrintReport], name: str) -> None:
    report = printed[name]
    assert report.broken_words == []
    assert report.part_empty_pages == []
    assert report.stranded_sections == []
    assert report.missing_texts == []


@pytest.mark.parametrize("name", ["school-order", "school-order-clean"])
def test_the_order_appendix_fits_in_nine_landscape_pages(
    printed: dict[str, PrintReport], name: str
) -> None:
    # Seed 003's appendix took 13 landscape pages; typed by hand it takes about 8.
    assert 0 < printed[name].landscape_pages <= 9


def test_a_report_and_a_summary_print_signable(tmp_path_factory: pytest.TempPathFactory) -> None:
    import datetime as dt

    from roadmapdocs.monitoring import rollup
    from roadmapdocs.monitoring.progress import report

    folder = tmp_path_factory.mktemp("report")
    as_of = dt.date(2024, 10, 1)
    one = report(roadmapdocs.load(EXAMPLES / "monitoring" / "school-roadmap-status.yaml"), as_of)
    schools = sorted((EXAMPLES / "monitoring" / "schools").glob("*.yaml"))
    summary = rollup.summarise(
        [(str(p), report(roadmapdocs.load(p), as_of)) for p in schools], as_of
    ).report
    sources = [roadmapdocs.render(d, folder / f"{i}.docx") for i, d in enumerate((one, summary))]
    for document, source, pdf in zip((one, summary), sources, convert_to_pdf(sources), strict=True):
        printed = check(pdf, source, document)
        assert printed.broken_words == []
        assert printed.part_empty_pages == []
        assert printed.missing_texts == []
