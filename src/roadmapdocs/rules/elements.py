"""Naming an element the way the document numbers it: «мероприятие 2.3», «показатель 1.2/3».

A methodologist looks for «контрольная точка 14» in her table, not for
``control_points[13]``; so the name uses the number printed in the document where there is one,
and the position only where the document prints none.
"""

from __future__ import annotations

from typing import Any

from roadmapdocs.loader import Document
from roadmapdocs.messages import Lang
from roadmapdocs.sourcemap import PathKey

# Top-level fields, as the parts of the document a reader knows them by.
_FIELDS: dict[str, tuple[str, str]] = {
    "title": ("заголовок", "title"),
    "organisation": ("организация", "organisation"),
    "period": ("период", "period"),
    "approval": ("гриф утверждения", "approval mark"),
    "abbreviations": ("сокращения", "abbreviations"),
    "goal": ("цель", "goal"),
    "tasks": ("задачи", "tasks"),
    "risk_groups": ("группы рисков", "risk groups"),
    "directions": ("направления", "directions"),
    "name": ("название", "name"),
    "date": ("дата приказа", "order date"),
    "number": ("номер приказа", "order number"),
    "place": ("место составления", "place"),
    "basis": ("основание", "legal basis"),
    "signer": ("подпись", "signature"),
    "signature": ("подпись", "signature"),
    "heading": ("заголовок", "heading"),
    "problem": ("описание проблемы", "problem description"),
    "working_group": ("рабочая группа", "working group"),
    "developer": ("ответственный разработчик", "responsible developer"),
    "stages": ("этапы и сроки", "stages and terms"),
    "control_results": ("контрольные результаты", "control results"),
    "financing": ("финансирование", "financing"),
    "indicator_list": ("перечень показателей", "list of indicators"),
    "mechanisms": ("механизмы реализации", "implementation mechanisms"),
}

_WORDS: dict[str, tuple[str, str]] = {
    "activity": ("мероприятие", "activity"),
    "section": ("раздел", "section"),
    "control_point": ("контрольная точка", "control point"),
    "indicator": ("показатель", "indicator"),
    "group": ("группа показателей", "indicator group"),
    "clause": ("пункт", "clause"),
    "appendix": ("приложение", "appendix"),
    "direction": ("направление", "direction"),
    "risk": ("группа рисков", "risk group"),
    "plan": ("план", "plan"),
}


def _word(key: str, lang: Lang) -> str:
    ru, en = _WORDS[key]
    return ru if lang == "ru" else en


def _number(item: Any, position: int) -> str:
    """The number the document prints for ``item``, else its position (1-based)."""
    printed = getattr(item, "number", None)
    if isinstance(printed, str) and printed.strip():
        return printed.strip().rstrip(".")
    return str(position + 1)


def _at(items: Any, index: Any) -> Any:
    if isinstance(items, list) and isinstance(index, int) and 0 <= index < len(items):
        return items[index]
    return None


def _plan_element(plan: Any, path: PathKey, lang: Lang) -> str:
    """Name what ``path`` points at inside a plan."""
    if len(path) >= 2 and path[0] == "sections":
        section = _at(plan.sections, path[1])
        if section is None:
            return ""
        rest = path[2:]
        if rest and rest[0] == "activities" and len(rest) >= 2:
            return _activity_element(
                section.activities, rest[1:], lang, _number(section, int(path[1]))
            )
        return f"{_word('section', lang)} {_number(section, int(path[1]))}"
    if len(path) >= 2 and path[0] == "activities":
        return _activity_element(plan.activities, path[1:], lang, "")
    return _word("plan", lang)


def _activity_element(items: list[Any], path: PathKey, lang: Lang, prefix: str) -> str:
    """The deepest activity on ``path``; an unnumbered one is numbered from its parent."""
    activity = _at(items, path[0])
    if activity is None:
        return ""
    printed = getattr(activity, "number", None)
    if isinstance(printed, str) and printed.strip():
        number = printed.strip().rstrip(".")
    else:
        number = f"{prefix}.{int(path[0]) + 1}" if prefix else str(int(path[0]) + 1)
    rest = path[1:]
    if len(rest) >= 2 and rest[0] == "activities":
        deeper = _activity_element(activity.activities, rest[1:], lang, number)
        if deeper:
            return deeper
    return f"{_word('activity', lang)} {number}"


def element(document: Document, path: PathKey, lang: Lang) -> str:
    """The element at ``path`` as the document numbers it; empty when the path leads nowhere."""
    if not path:
        return ""
    head = path[0]
    if head in ("plan", "mechanisms"):
        plan = getattr(document, str(head), None)
        if plan is None:
            return ""
        inner = _plan_element(plan, path[1:], lang)
        if head == "mechanisms":
            return f"{_FIELDS['mechanisms'][0 if lang == 'ru' else 1]}, {inner}"
        return inner
    if head == "appendices" and len(path) >= 2:
        appendices = getattr(document, "appendices", [])
        appendix = _at(appendices, path[1])
        if appendix is None:
            return ""
        label = f"{_word('appendix', lang)} {_number(appendix, int(path[1]))}"
        if len(path) >= 3 and path[2] == "plan":
            inner = _plan_element(appendix.plan, path[3:], lang)
            # With one appendix there is nothing to tell apart: «мероприятие 1.1» is enough.
            if len(appendices) == 1 and inner != _word("plan", lang):
                return inner
            return f"{label}, {inner}"
        return label
    if head == "indicator_groups" and len(path) >= 2:
        group = _at(getattr(document, "indicator_groups", []), path[1])
        if group is None:
            return ""
        group_number = _number(group, int(path[1]))
        if len(path) >= 4 and path[2] == "indicators":
            indicator = _at(group.indicators, path[3])
            if indicator is not None:
                return (
                    f"{_word('indicator', lang)} {group_number}/{_number(indicator, int(path[3]))}"
                )
        return f"{_word('group', lang)} {group_number}"
    listed = {
        "control_points": "control_point",
        "target_indicators": "indicator",
        "indicators": "indicator",
        "clauses": "clause",
        "risk_groups": "risk",
        "directions": "direction",
    }
    if head in listed and len(path) >= 2:
        item = _at(getattr(document, str(head), []), path[1])
        if item is not None:
            return f"{_word(listed[str(head)], lang)} {_number(item, int(path[1]))}"
    pair = _FIELDS.get(str(head))
    if pair is not None:
        return pair[0] if lang == "ru" else pair[1]
    return str(head)
