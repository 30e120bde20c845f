"""Elements named as the document numbers them, for every kind, in both languages."""

from __future__ import annotations

from typing import Any

import pytest

import roadmapdocs
from roadmapdocs.rules.elements import element
from roadmapdocs.sourcemap import PathKey

_PLAN = {"sections": [{"number": "1.", "title": "Раздел", "activities": [{"text": "а"}, {}]}]}
_ROADMAP: dict[str, Any] = {
    "kind": "roadmap",
    "level": "school",
    "plan": _PLAN,
    "mechanisms": _PLAN,
    "control_points": [{"number": "14", "text": "т"}],
    "indicator_groups": [{"number": "2", "indicators": [{"number": "3", "name": "Доля"}]}],
    "risk_groups": [{"risk": "р"}],
}
_ORDER: dict[str, Any] = {
    "kind": "order",
    "appendices": [{"number": "1", "plan": _PLAN}, {"number": "2", "plan": _PLAN}],
    "clauses": [{"text": "Утвердить"}],
}


@pytest.mark.parametrize(
    ("document", "path", "ru", "en"),
    [
        (_ROADMAP, ("plan", "sections", 0), "раздел 1", "section 1"),
        (
            _ROADMAP,
            ("plan", "sections", 0, "activities", 1, "text"),
            "мероприятие 1.2",
            "activity 1.2",
        ),
        (
            _ROADMAP,
            ("mechanisms", "sections", 0, "activities", 0),
            "механизмы реализации, мероприятие 1.1",
            "implementation mechanisms, activity 1.1",
        ),
        (_ROADMAP, ("control_points", 0, "text"), "контрольная точка 14", "control point 14"),
        (_ROADMAP, ("indicator_groups", 0, "indicators", 0), "показатель 2/3", "indicator 2/3"),
        (_ROADMAP, ("indicator_groups", 0), "группа показателей 2", "indicator group 2"),
        (_ROADMAP, ("risk_groups", 0, "risk"), "группа рисков 1", "risk group 1"),
        (_ROADMAP, ("risk_groups",), "группы рисков", "risk groups"),
        (_ROADMAP, ("title",), "заголовок", "title"),
        (_ROADMAP, ("plan", "sections", 5), "", ""),
        (_ROADMAP, (), "", ""),
        (
            _ORDER,
            ("appendices", 1, "plan", "sections", 0, "activities", 0),
            "приложение 2, мероприятие 1.1",
            "appendix 2, activity 1.1",
        ),
        (_ORDER, ("appendices", 0), "приложение 1", "appendix 1"),
        (_ORDER, ("clauses", 0, "text"), "пункт 1", "clause 1"),
        (_ORDER, ("number",), "номер приказа", "order number"),
        ({"kind": "project", "indicators": [{}]}, ("indicators", 0), "показатель 1", "indicator 1"),
    ],
)
def test_element_names(document: dict[str, Any], path: PathKey, ru: str, en: str) -> None:
    loaded = roadmapdocs.load({"level": "school", **document})
    assert element(loaded, path, "ru") == ru
    assert element(loaded, path, "en") == en


def test_one_appendix_needs_no_name() -> None:
    loaded = roadmapdocs.load({"kind": "order", "appendices": [{"plan": _PLAN}]})
    assert element(loaded, ("appendices", 0, "plan", "sections", 0), "ru") == "раздел 1"
    assert element(loaded, ("appendices", 0, "plan"), "ru") == "приложение 1, план"
