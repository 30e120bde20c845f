"""Every rule grows about as the document does: n and 8n activities, texts and abbreviations.

The abbreviation rules are checked by counting the pairs of spellings they compare; every rule
by the time it takes, the best of several runs, against a bound far above linear growth (a rule
that compares every element with every other takes 64 times longer at 8n, well past it).
"""

from __future__ import annotations

import random
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import roadmapdocs
from roadmapdocs.rules import Config, registry
from roadmapdocs.rules.base import Context
from roadmapdocs.rules.builtin import _abbreviations

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"
SMALL, LARGE = 250, 2000
GROWTH = LARGE / SMALL
AS_OF = date(2024, 6, 1)

_LETTERS = "БВГДЖЗКЛМНПРСТФХЦЧШЩ"


def _made_up(count: int, seed: int) -> list[str]:
    """Distinct made-up abbreviations of four to seven letters; some near one another."""
    rng = random.Random(seed)
    found: dict[str, None] = {}
    while len(found) < count:
        token = "".join(rng.choice(_LETTERS) for _ in range(rng.randint(4, 7)))
        found[token] = None
        if rng.random() < 0.1 and len(found) < count:  # a misspelt variant beside it
            found[token[:-1] + rng.choice(_LETTERS)] = None
    return list(found)


def _activity(number: str, index: int, token: str) -> dict[str, Any]:
    month = ("февраль", "март", "апрель", "май", "сентябрь", "ноябрь")[index % 6]
    activity: dict[str, Any] = {
        "number": number,
        "text": f"Семинар {number} для {token}: обмен опытом школы {index} по теме {index % 97}",
        "deadline": f"{month} 2024",
        "responsible": [f"заместитель директора {index % 13}"],
        "result": f"Протокол заседания {token} № {index}, справка {index * 7}",
    }
    if index % 3 == 0:
        activity.update(status="выполнено", done="20.03.2024", report=f"Протокол № {index}")
    elif index % 3 == 1:
        activity.update(status="в работе")
    return activity


def _sections(activities: int, tokens: list[str]) -> list[dict[str, Any]]:
    sections = []
    for s in range(activities // 10):
        items = [_activity(f"{s + 1}.{i + 1}", s * 10 + i, tokens[s * 10 + i]) for i in range(10)]
        sections.append({"number": str(s + 1), "text": f"Направление {s + 1}", "activities": items})
    return sections


def _introduced(tokens: list[str]) -> list[dict[str, str]]:
    return [
        {"short": token, "full": f"Объединение номер {index}"}
        for index, token in enumerate(tokens)
        if index % 2 == 0
    ]


def _order(activities: int) -> roadmapdocs.Document:
    data = roadmapdocs.to_data(roadmapdocs.load(EXAMPLES / "school-order.yaml"))
    tokens = _made_up(activities, seed=activities)
    data["appendices"][0]["plan"]["activities"] = _sections(activities, tokens)
    data["abbreviations"] = _introduced(tokens)
    return roadmapdocs.load(data)


def _roadmap(activities: int) -> roadmapdocs.Document:
    data = roadmapdocs.to_data(roadmapdocs.load(EXAMPLES / "school-roadmap.yaml"))
    tokens = _made_up(activities, seed=activities + 1)
    sections = _sections(activities, tokens)
    for section in sections:
        section["title"] = section.pop("text")
    data["plan"] = {"sections": sections}
    data["control_points"] = [
        {
            "number": str(i + 1),
            "text": f"Проведён мониторинг {tokens[i]} в школе {i}",
            "responsible": "Директор школы",
            "deadline": "Март 2024",
        }
        for i in range(activities // 5)
    ]
    data["abbreviations"] = _introduced(tokens)
    return roadmapdocs.load(data)


def _passport(activities: int) -> roadmapdocs.Document:
    data = roadmapdocs.to_data(roadmapdocs.load(EXAMPLES / "passport.yaml"))
    periods = ["2020/2021", "2021/2022"]
    data["indicator_groups"] = [
        {
            "number": f"{g + 1}.",
            "title": f"Поддержка {g + 1}",
            "periods": periods,
            "indicators": [
                {
                    "name": f"Доля педагогов группы {g + 1}.{i + 1}, повысивших квалификацию",
                    "unit": "%",
                    "values": {p: f"{(g * 10 + i) % 101}%" for p in periods},
                }
                for i in range(10)
            ],
        }
        for g in range(activities // 10)
    ]
    return roadmapdocs.load(data)


KINDS = {"order": _order, "roadmap": _roadmap, "passport": _passport}


@pytest.fixture(scope="module")
def documents() -> dict[str, tuple[roadmapdocs.Document, roadmapdocs.Document]]:
    return {kind: (make(SMALL), make(LARGE)) for kind, make in KINDS.items()}


def _context(document: roadmapdocs.Document) -> Context:
    return Context(document=document, config=Config(), as_of=AS_OF)


def _best(code: str, document: roadmapdocs.Document, repeat: int = 3) -> float:
    check = registry()[code]
    times = []
    for _ in range(repeat):
        context = _context(document)  # what rules share is computed anew: part of the cost
        start = time.perf_counter()
        list(check(context))
        times.append(time.perf_counter() - start)
    return min(times)


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_rule_grows_about_linearly(
    documents: dict[str, tuple[roadmapdocs.Document, roadmapdocs.Document]], kind: str
) -> None:
    small, large = documents[kind]
    slow = {}
    for code in registry():
        _best(code, small, repeat=1)  # caches warmed (the dictionary, parsed deadlines)
        at_small, at_large = _best(code, small), _best(code, large)
        # A few milliseconds allow for what no size explains (a rule that does next to nothing).
        if at_large > GROWTH * 2.5 * at_small + 0.005:
            again = _best(code, large, repeat=5)  # a busy machine: measured once more
            if again > GROWTH * 2.5 * at_small + 0.005:
                slow[code] = (round(at_small, 4), round(again, 4))
    assert slow == {}


class _Counted:
    """The pairwise comparison of spellings, counting its calls."""

    def __init__(self) -> None:
        self.calls = 0
        self.near = _abbreviations.near

    def __call__(self, a: str, b: str) -> bool:
        self.calls += 1
        return self.near(a, b)


@pytest.mark.parametrize("code", ["RD301", "RD302"])
def test_abbreviations_are_not_compared_pair_by_pair(
    documents: dict[str, tuple[roadmapdocs.Document, roadmapdocs.Document]],
    code: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    counted = _Counted()
    monkeypatch.setattr(_abbreviations, "near", counted)
    for module in ("inconsistent_abbreviation", "undefined_abbreviation"):
        monkeypatch.setattr(f"roadmapdocs.rules.builtin.{module}.near", counted, raising=False)
    calls = []
    for document in documents["roadmap"]:
        counted.calls = 0
        context = _context(document)
        hits = list(registry()[code](context))
        used = _abbreviations.usage(context)
        assert len(used.first) >= SMALL and hits is not None
        calls.append(counted.calls)
    # Comparing every pair made hundreds of thousands of calls at 2,000 spellings.
    assert calls[1] <= GROWTH * 1.5 * max(calls[0], 1) and calls[1] <= 2 * LARGE


def test_all_rules_together_walk_the_document_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The texts, the prose, the dates and the activities the rules read come from one walk
    each per validation, however many rules read them."""
    from roadmapdocs.rules.builtin import _shared

    calls = {"leaves": 0, "activities": 0}

    def counted(name: str) -> Any:
        real = getattr(_shared, name)

        def count(*args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return real(*args, **kwargs)

        return count

    for name in calls:
        monkeypatch.setattr(_shared, name, counted(name))
    document = roadmapdocs.load(EXAMPLES / "school-order.yaml")
    report = roadmapdocs.validate(document, as_of=AS_OF)
    assert len(report.rules) > 20
    assert calls == {"leaves": 1, "activities": 1}
