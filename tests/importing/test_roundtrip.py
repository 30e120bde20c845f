"""What a built-in template prints, an import reads back: for generated documents of every kind,
import(render(doc)) equals doc on every printed field of its plans, and an order on its
requisites."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import roadmapdocs
from roadmapdocs.importing import import_file
from tests.importing.expected import facts

_WORD = st.text(alphabet="абвгдежзиклмнопрстуфхцчшщэюя", min_size=2, max_size=9)
_TEXT = st.builds(
    lambda first, rest: " ".join([first.capitalize(), *rest]),
    _WORD,
    st.lists(_WORD, max_size=8),
)
_TERM = st.sampled_from(["сентябрь 2024", "до 20 января 2025", "Ежеквартально", "май 2025"])
_WHO = st.sampled_from(
    ["Управление образования", "Руководители ОУ", "Заместитель директора по УВР", "ММС"]
)


@st.composite
def _plans(draw: st.DrawFn) -> dict[str, Any]:
    sections = []
    for number in range(1, draw(st.integers(1, 3)) + 1):
        activities = [
            {
                "number": f"{number}.{index}",
                "text": draw(_TEXT),
                "deadline": draw(_TERM),
                "responsible": draw(st.lists(_WHO, min_size=1, max_size=2, unique=True)),
                "result": draw(_TEXT),
            }
            for index in range(1, draw(st.integers(1, 4)) + 1)
        ]
        sections.append({"number": str(number), "title": draw(_TEXT), "activities": activities})
    return {"sections": sections}


def _document(kind: str, plan: dict[str, Any]) -> dict[str, Any]:
    base: dict[str, Any] = {
        "kind": kind,
        "title": "Дорожная карта школы",
        "period": "2024-2025 гг.",
    }
    if kind == "order":
        return {
            "kind": "order",
            "level": "school",
            "title": "Об утверждении плана",
            "date": "05.09.2024",
            "number": "226/1-г",
            "organisation": {"full_name": "муниципальное учреждение «Школа № 1»"},
            "clauses": ["Утвердить план (приложение)."],
            "signer": {"position": "Директор школы", "person": "Оловянникова Т.А."},
            "appendices": [{"title": "План мероприятий", "plan": plan}],
        }
    if kind == "passport":
        return {**base, "level": "municipal", "heading": "ПАСПОРТ ДОРОЖНОЙ КАРТЫ", "plan": plan}
    if kind == "project":
        return {**base, "level": "regional", "goal": "повышение качества.", "plan": plan}
    return {**base, "level": "school", "goal": "Повышение качества.", "plan": plan}


@pytest.mark.parametrize("kind", ["roadmap", "passport", "project", "order"])
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(plan=_plans())
def test_a_rendered_document_imports_back_to_what_it_printed(
    kind: str, plan: dict[str, Any], tmp_path: Path
) -> None:
    document = roadmapdocs.load(_document(kind, plan))
    made = roadmapdocs.render(document, tmp_path / f"{kind}.docx")
    back = roadmapdocs.load(import_file(made, kind=kind).data)
    want, got = facts(document), facts(back, shown_only=False)
    assert want.activities
    assert [a.folded() for a in got.activities] == [a.folded() for a in want.activities]
    assert [p.sections for p in got.plans] == [p.sections for p in want.plans]
    if want.order is not None:
        assert got.order is not None
        assert (got.order.number, got.order.date) == (want.order.number, want.order.date)
        assert got.order.signer_surname == want.order.signer_surname
