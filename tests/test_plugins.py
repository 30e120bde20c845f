"""Entry points of plugins: what they give is checked, and a broken one is named, not a crash."""

from __future__ import annotations

from importlib.metadata import EntryPoint

import pytest

from roadmapdocs import plugins
from roadmapdocs.errors import KindError, RuleConflict
from roadmapdocs.messages import Phrase, language
from roadmapdocs.model import kinds
from roadmapdocs.rules import discovery

_GROUP = "roadmapdocs.test"


def _offer(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    point = EntryPoint("local", value, _GROUP)
    monkeypatch.setattr(plugins, "entry_points", lambda group: [point] if group == _GROUP else [])


@pytest.mark.parametrize(
    ("value", "given"),
    [("builtins:len", [len]), ("math:pi", None), ("roadmapdocs.model.kinds:BUILTIN", None)],
)
def test_what_an_entry_point_gives(
    monkeypatch: pytest.MonkeyPatch, value: str, given: list[object] | None
) -> None:
    _offer(monkeypatch, value)
    wanted = Phrase("функция", "a function")
    found = plugins.provided(_GROUP, type(len), wanted, KindError)
    if given is not None:
        assert [item for item, _ in found] == given
    else:
        with (
            language("en"),
            pytest.raises(KindError, match=r"gives (float|KindSpec), not a function"),
        ):
            list(found)


def test_an_entry_point_that_fails_to_load_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    _offer(monkeypatch, "no_such_module_anywhere:thing")
    with pytest.raises(RuleConflict, match=r"«local».*no_such_module_anywhere"):
        list(plugins.provided(_GROUP, object, Phrase("правило", "a rule"), RuleConflict))


def test_a_kind_whose_model_is_not_a_document_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    fake = replace(kinds.ORDER, name="fake", model=dict)  # type: ignore[arg-type]
    monkeypatch.setattr(kinds, "provided", lambda *args: iter([(fake, "fake-dist")]))
    with pytest.raises(KindError, match="fake-dist"):
        list(kinds._plugin_kinds())


def test_rules_and_kinds_read_the_same_entry_points(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    monkeypatch.setattr(plugins, "entry_points", lambda group: seen.append(group) or [])
    assert list(kinds._plugin_kinds()) == [] and list(discovery._plugin_rules()) == []
    assert seen == [kinds.ENTRY_POINT_GROUP, discovery.ENTRY_POINT_GROUP]
