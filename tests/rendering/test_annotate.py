"""Findings as Word comments: one per finding, on the row or paragraph of its element."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import roadmapdocs
from roadmapdocs import Activity, Appendix, Finding, Order, Organisation, Plan, Severity
from roadmapdocs.errors import Location, RoadmapdocsError
from roadmapdocs.loader import PathKey
from roadmapdocs.model import walk
from roadmapdocs.model.activity import ControlPoint
from roadmapdocs.model.document import DocumentBase
from roadmapdocs.rendering.annotate import annotate, comment_text
from roadmapdocs.rendering.context import plan_rows
from roadmapdocs.settings import Settings
from tests.rendering.conftest import EXAMPLE_NAMES, load_example, make_template, normalise
from tests.rendering.test_pdf import needs_soffice
from tests.strategies import documents
from tests.wording import is_english

# The examples with real defects, and the two corrected ones.
DEFECTIVE = EXAMPLE_NAMES
CLEAN = ("school-order-clean", "school-roadmap-clean")


def _comments(path: Path) -> dict[int, str]:
    return {c.comment_id: c.text for c in docx.Document(str(path)).comments}


def _markers(path: Path) -> dict[str, list[Any]]:
    """The comment markers of the body, by kind, as XML elements."""
    body = docx.Document(str(path)).element.body
    return {
        tag: list(body.iter(qn(f"w:{tag}")))
        for tag in ("commentRangeStart", "commentRangeEnd", "commentReference")
    }


def _starts(path: Path) -> dict[int, Any]:
    return {int(e.get(qn("w:id"))): e for e in _markers(path)["commentRangeStart"]}


def _row(element: Any) -> Any:
    return next(element.iterancestors(qn("w:tr")), None)


def _text(element: Any) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _render(name: str, out: Path, **options: Any) -> tuple[DocumentBase, list[Finding]]:
    document = load_example(name)
    findings = list(roadmapdocs.validate(document))
    roadmapdocs.render(document, out, **options)
    return document, findings


@pytest.fixture(scope="module")
def annotated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Every example rendered with ``annotate=True``: its document, findings and the file."""
    folder = tmp_path_factory.mktemp("annotated")
    made: dict[str, Any] = {}
    for name in (*DEFECTIVE, *CLEAN):
        out = folder / f"{name}.docx"
        document, findings = _render(name, out, annotate=True)
        made[name] = (document, findings, out)
    return made


@pytest.mark.parametrize("name", DEFECTIVE)
def test_every_finding_becomes_exactly_one_comment(name: str, annotated: dict[str, Any]) -> None:
    _, findings, out = annotated[name]
    assert findings, "the example keeps its real defects"
    comments = _comments(out)
    assert len(comments) == len(findings)
    # Each comment has its range and its reference mark in the body, once.
    for kind, elements in _markers(out).items():
        assert sorted(int(e.get(qn("w:id"))) for e in elements) == sorted(comments), kind
    expected = sorted(comment_text(f) for f in findings)
    assert sorted(comments.values()) == sorted(t for t in expected)


def _plan_order(plan: Plan, base: PathKey) -> list[PathKey]:
    """The paths of a plan's rows in the order plan tables print them."""
    order: list[PathKey] = []

    def add(items: list[Activity], where: PathKey) -> None:
        for index, activity in enumerate(items):
            order.append((*where, index))
            add(activity.activities, (*where, index, "activities"))

    add(plan.activities, (*base, "activities"))
    for index, section in enumerate(plan.sections):
        order.append((*base, "sections", index))
        add(section.activities, (*base, "sections", index, "activities"))
    return order


def _expected_plan_row(document: DocumentBase, path: PathKey) -> tuple[int, int] | None:
    """For a finding inside a plan: (index of its row among the plan's rows, number of rows)."""
    for base, plan in walk.plans(document):
        if path[: len(base)] != base:
            continue
        order = _plan_order(plan, base)
        assert len(order) == len(plan_rows(plan))
        for end in range(len(path), len(base), -1):
            if path[:end] in order:
                return order.index(path[:end]), len(order)
    return None


@pytest.mark.parametrize("name", DEFECTIVE)
def test_plan_findings_sit_on_their_own_row_even_when_rows_repeat(
    name: str, annotated: dict[str, Any]
) -> None:
    document, findings, out = annotated[name]
    starts = _starts(out)
    by_text: dict[str, list[int]] = {}
    for comment, text in _comments(out).items():
        by_text.setdefault(text, []).append(comment)
    checked = 0
    for finding in findings:
        comment = by_text[comment_text(finding)].pop()
        expected = _expected_plan_row(document, finding.path)
        if expected is None:
            continue
        index, count = expected
        row = _row(starts[comment])
        assert row is not None, f"{finding}: not on a table row"
        rows = row.getparent().findall(qn("w:tr"))
        assert rows.index(row) == len(rows) - count + index, str(finding)
        checked += 1
    assert checked, "every example has findings inside its plan"


def _element_at(document: DocumentBase, path: PathKey) -> Activity | ControlPoint:
    """The deepest activity or control point on ``path``."""
    node: Any = document
    found = None
    for key in path:
        node = node[key] if isinstance(key, int) else getattr(node, str(key))
        if isinstance(node, (Activity, ControlPoint)):
            found = node
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("name", "rule", "element"),
    [
        # No number column: found by the text of activity 3.7.
        ("school-roadmap", "missing-responsible", "мероприятие 3.7"),
        ("school-roadmap", "missing-responsible", "контрольная точка 3"),
        # Same text as activity 1: told apart by the printed number.
        ("school-order", "duplicate-activity", "мероприятие 1.1"),
        # No text at all: found by its number between the rows of 2.8 and 3.1.
        ("school-order", "missing-text", "мероприятие 3"),
    ],
)
def test_known_findings_are_on_the_rows_that_show_them(
    name: str, rule: str, element: str, annotated: dict[str, Any]
) -> None:
    document, findings, out = annotated[name]
    (finding,) = [f for f in findings if f.name == rule and f.element == element]
    comment = next(i for i, t in _comments(out).items() if t == comment_text(finding))
    row = _row(_starts(out)[comment])
    assert row is not None
    cells = [_squeezed(normalise(_text(cell))) for cell in row.findall(qn("w:tc"))]
    target = _element_at(document, finding.path)
    text = _squeezed(normalise(target.text))
    if text:
        assert any(text in cell for cell in cells), element
    else:
        empty = Settings().empty_cell
        assert all(cell in ("", empty) for cell in cells[1:]), "the row without text is empty"
    if target.number:
        assert target.number.rstrip(".") in [cell.rstrip(".") for cell in cells], element


def test_a_template_of_its_own_with_paragraphs_and_capitals(tmp_path: Path) -> None:
    """No table, no number column, text in capitals: each plan row is still its own paragraph."""
    template = make_template(
        tmp_path / "own",
        "{{ doc.title }}",
        "{%p for row in doc.appendices[0].plan.rows %}",
        "{{ (row.cells or [row.title]) | join(' / ') | upper }}",
        "{%p endfor %}",
    )
    order = load_example("school-order")
    findings = list(roadmapdocs.validate(order))
    out = roadmapdocs.render(order, tmp_path / "own.docx", template=template, annotate=findings)
    body = docx.Document(str(out)).element.body
    paragraphs = list(body.iter(qn("w:p")))
    starts = {int(e.get(qn("w:id"))): e for e in body.iter(qn("w:commentRangeStart"))}
    by_text: dict[str, list[int]] = {}
    for comment, text in _comments(out).items():
        by_text.setdefault(text, []).append(comment)
    placed = 0
    for finding in findings:
        expected = _expected_plan_row(order, finding.path)
        if expected is None:  # the appendix's title is not printed: it goes on the fallback
            assert comment_text(finding, located=False) in by_text
            continue
        start = starts[by_text[comment_text(finding)].pop()]
        # The title is the first paragraph, the plan's rows follow one per paragraph.
        assert paragraphs.index(start.getparent()) == 1 + expected[0], str(finding)
        placed += 1
    assert placed == len([f for f in findings if "plan" in f.path])


@pytest.mark.parametrize("name", CLEAN)
def test_a_clean_document_is_left_exactly_as_without_annotate(
    name: str, annotated: dict[str, Any], tmp_path: Path
) -> None:
    _, findings, out = annotated[name]
    assert findings == []
    plain = tmp_path / "plain.docx"
    roadmapdocs.render(load_example(name), plain)
    with zipfile.ZipFile(out) as left, zipfile.ZipFile(plain) as right:
        assert left.namelist() == right.namelist()
        assert not [n for n in left.namelist() if "comments" in n]
        for part in ("[Content_Types].xml", "word/_rels/document.xml.rels", "word/document.xml"):
            assert left.read(part) == right.read(part), part


def test_without_annotate_there_are_no_comments(tmp_path: Path) -> None:
    out = tmp_path / "plain.docx"
    _render("school-roadmap", out)
    with zipfile.ZipFile(out) as package:
        assert not [n for n in package.namelist() if "comments" in n]
    assert not any(_markers(out).values())


def test_the_annotate_setting_turns_comments_on(tmp_path: Path) -> None:
    out = tmp_path / "set.docx"
    _, findings = _render("school-roadmap", out, settings={"annotate": True})
    assert len(_comments(out)) == len(findings) > 0


def test_given_findings_are_used_as_they_are(tmp_path: Path) -> None:
    document = load_example("school-order")
    report = roadmapdocs.validate(document, select=["RD1"])
    assert report.findings and all(f.code.startswith("RD1") for f in report)
    out = roadmapdocs.render(document, tmp_path / "order.docx", annotate=report)
    assert sorted(_comments(out).values()) == sorted(comment_text(f) for f in report)


def test_a_comment_says_severity_rule_element_message_and_how_to_fix() -> None:
    finding = Finding(
        code="RD101",
        name="missing-responsible",
        severity=Severity.ERROR,
        message="не указан ответственный",
        element="мероприятие 2.3",
        path=("plan", "sections", 1, "activities", 2, "responsible"),
        location=Location(None, None, None, "plan.sections[1].activities[2].responsible"),
        suggestion="впишите исполнителя",
    )
    assert comment_text(finding) == (
        "Ошибка. RD101 missing-responsible: мероприятие 2.3: не указан ответственный\n"
        "Как исправить: впишите исполнителя"
    )
    assert comment_text(finding, "en").startswith("Error. RD101 missing-responsible: ")
    lost = comment_text(finding, located=False)
    assert lost.endswith(
        "Место в документе не найдено; поле: plan.sections[1].activities[2].responsible"
    )


def test_an_english_comment_has_no_russian_label() -> None:
    finding = Finding(
        code="RD101",
        name="missing-responsible",
        severity=Severity.ERROR,
        message="no one is responsible",
        element="activity 2.3",
        path=("plan", "sections", 1, "activities", 2, "responsible"),
        location=Location(None, None, None, "plan.sections[1].activities[2].responsible"),
        suggestion="name who does it",
    )
    assert comment_text(finding, "en") == (
        "Error. RD101 missing-responsible: activity 2.3: no one is responsible\n"
        "Suggestion: name who does it"
    )
    assert comment_text(finding, "en", located=False).endswith(
        "\nNot found in the document; field: plan.sections[1].activities[2].responsible"
    )
    whole = replace(finding, element="", path=(), location=Location())
    assert comment_text(whole, "en", located=False).endswith("\nAbout the document.")
    for located in (True, False):
        for each in (finding, whole):
            assert is_english(comment_text(each, "en", located=located))
    assert comment_text(whole, located=False).endswith("\nЗамечание ко всему документу.")


def test_what_has_no_place_goes_on_the_title_and_names_its_field(tmp_path: Path) -> None:
    order = load_example("school-order")
    assert isinstance(order, Order)
    undated = order.model_copy(update={"date": None})
    findings = [f for f in roadmapdocs.validate(undated) if f.name == "missing-requisite"]
    whole = Finding(
        code="RD000",
        name="internal-error",
        severity=Severity.ERROR,
        message="сбой",
        element="",
        path=(),
        location=Location(None),
    )
    assert [f.path for f in findings] == [("date",)]
    out = tmp_path / "undated.docx"
    roadmapdocs.render(undated, out, annotate=[*findings, whole])
    comments = _comments(out)
    assert len(comments) == 2
    starts = _starts(out)
    for comment in comments:
        start = starts[comment]
        assert _row(start) is None
        assert normalise(_text(start.getparent())) == normalise(order.title)
    texts = sorted(comments.values())
    assert texts[0].endswith("Замечание ко всему документу.")
    assert texts[1].endswith("Место в документе не найдено; поле: date")


@st.composite
def _repetitive_orders(draw: st.DrawFn) -> Order:
    """Orders whose plan rows repeat and contain each other's text, numbered or not."""
    words = st.sampled_from(["Анализ", "Анализ результатов", "Совещание", "анализ  РЕЗУЛЬТАТОВ"])
    count = draw(st.integers(1, 8))
    numbered = draw(st.booleans())
    activities = [
        Activity(number=str(index + 1) if numbered else None, text=draw(words))
        for index in range(count)
    ]
    plan = Plan(columns=["number", "text", "result"], activities=activities)
    school = Organisation(full_name="Средняя школа № 5", short_name="СШ № 5")
    return Order(
        title="О плане", organisation=school, appendices=[Appendix(title="План", plan=plan)]
    )


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(order=_repetitive_orders())
def test_each_row_gets_its_own_activity_whatever_the_repeats(
    order: Order, tmp_path_factory: pytest.TempPathFactory
) -> None:
    out = tmp_path_factory.mktemp("repeats") / "order.docx"
    findings = [f for f in roadmapdocs.validate(order) if f.name == "missing-result"]
    roadmapdocs.render(order, out, annotate=findings)
    starts = _starts(out)
    by_text = {text: comment for comment, text in _comments(out).items()}
    for finding in findings:
        index = int(finding.path[4])
        row = _row(starts[by_text[comment_text(finding)]])
        rows = row.getparent().findall(qn("w:tr"))
        assert rows.index(row) == len(rows) - len(order.appendices[0].plan.activities) + index


def _documents_that_render(tmp: Path, document: DocumentBase) -> Iterator[Path]:
    try:
        yield roadmapdocs.render(document, tmp / "any.docx")
    except RoadmapdocsError:
        return


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=documents())
def test_annotating_any_document_never_fails_and_drops_nothing(
    document: DocumentBase, tmp_path_factory: pytest.TempPathFactory
) -> None:
    rendered = list(_documents_that_render(tmp_path_factory.mktemp("any"), document))
    assume(rendered)
    findings = list(roadmapdocs.validate(document))  # type: ignore[arg-type]
    word = docx.Document(str(rendered[0]))
    placements = annotate(word, document, findings)
    assert [p.finding for p in placements] == findings
    buffer = io.BytesIO()
    word.save(buffer)
    buffer.seek(0)
    again = docx.Document(buffer)
    assert len(list(again.comments)) == len(findings)
    starts = list(again.element.body.iter(qn("w:commentRangeStart")))
    ends = list(again.element.body.iter(qn("w:commentReference")))
    assert len(starts) == len(ends) == len(findings)


@needs_soffice
def test_an_annotated_pdf_is_still_made(tmp_path: Path) -> None:
    out = tmp_path / "roadmap.pdf"
    roadmapdocs.render(load_example("school-roadmap"), out, annotate=True)
    assert out.read_bytes().startswith(b"%PDF")


def test_comments_are_stamped_with_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = load_example("school-roadmap")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1725494400")  # 2024-09-05 00:00 UTC
    first = roadmapdocs.render(document, tmp_path / "1.docx", annotate=True)
    second = roadmapdocs.render(document, tmp_path / "2.docx", annotate=True)
    assert first.read_bytes() == second.read_bytes()
    comments = docx.Document(str(first)).comments
    assert len(comments) > 0
    assert {c.timestamp.isoformat() for c in comments} == {"2024-09-05T00:00:00+00:00"}


def test_every_part_is_dated_by_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The archive's own headers carry a date too: the clock's, two renders a second apart
    differed in them."""
    import zipfile

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1725494400")  # 2024-09-05 00:00 UTC
    made = roadmapdocs.render(load_example("school-roadmap"), tmp_path / "1.docx")
    with zipfile.ZipFile(made) as package:
        assert {info.date_time for info in package.infolist()} == {(2024, 9, 5, 0, 0, 0)}
        assert package.testzip() is None
