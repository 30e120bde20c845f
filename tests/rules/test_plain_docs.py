"""`roadmapdocs rules` prints the rules' documentation as plain text, with no reStructuredText."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from roadmapdocs.cli import main
from roadmapdocs.rules import Rule, Severity
from roadmapdocs.rules.builtin import RULES
from roadmapdocs.rules.docs import page, plain

# What reStructuredText markup leaves on a page when it is not taken off.
_MARKUP = re.compile(
    r"`"  # literals, roles, references, interpreted text
    r"|\*\*"  # strong
    r"|(?<![\w*])\*\S[^*\n]*\S\*(?!\w)"  # emphasis
    r"|::\s*$"  # a literal block's introduction
    r"|^\s*\.\.(?:\s|$)"  # a directive or a comment
    r"|^\s*([=\-~^])\1{2,}\s*$"  # a section title's underline
    r"|\[(?:#\w*|\d+)\]_",  # a footnote mark
    re.MULTILINE,
)


def _rules(*args: str) -> str:
    result = CliRunner().invoke(main, ["rules", *args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_list_of_rules_has_no_markup(lang: str) -> None:
    listed = _rules("--lang", lang)
    assert _MARKUP.search(listed) is None, _MARKUP.search(listed)
    assert len(listed.splitlines()) == len(RULES)
    # What a literal said is still said, without its marks.
    assert "HTML-разметка в тексте: <p>, <ul style=" in listed


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_the_page_of_every_rule_has_no_markup(rule: Rule) -> None:
    for selector in (rule.code, rule.name):
        shown = _rules(selector)
        assert _MARKUP.search(shown) is None, _MARKUP.search(shown)
        assert shown.startswith(f"{rule.code} {rule.name} (")
        assert rule.summary.replace("``", "") in shown


def test_a_code_prefix_shows_each_rule_it_names_once() -> None:
    shown = _rules("RD3", "RD301")
    assert [line.split()[0] for line in shown.splitlines() if line.startswith("RD")] == [
        "RD301",
        "RD302",
    ]


def test_an_unknown_rule_is_one_message_in_russian() -> None:
    result = CliRunner().invoke(main, ["rules", "no-such-rule"])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "ошибка: нет правила «no-such-rule»; список правил: roadmapdocs rules"
    )
    assert "Traceback" not in result.output


_PLUGIN_DOC = """\
Правило из пакета региона, описанное по-своему.

Замена
======

Работает вместе с :rule:`missing-requisite`, :func:`~region.rules.check` и
:doc:`справкой <rules>`; см. `ГОСТ Р 7.0.97-2016 <https://example.org/gost>`_ и `ссылку`_.
Поле ``organisation.short_name`` *обязательно*, **всегда** [#]_, |год| — текущий.

Настройка::

    [severity]
    region-rule = "error"

.. note:: Не *путать* с RD205.
.. code-block:: toml

   x = 1

.. комментарий для авторов
\\*звёздочки\\* остаются, ``appendices.*.plan`` и ``sections.*.title`` тоже.
"""

_PLUGIN_PLAIN = """\
Правило из пакета региона, описанное по-своему.

Замена

Работает вместе с missing-requisite, check и
справкой; см. ГОСТ Р 7.0.97-2016 (https://example.org/gost) и ссылку.
Поле organisation.short_name обязательно, всегда, год — текущий.

Настройка:

    [severity]
    region-rule = "error"

Примечание. Не путать с RD205.

   x = 1

*звёздочки* остаются, appendices.*.plan и sections.*.title тоже."""


def test_a_plugin_rule_s_docstring_comes_out_plain() -> None:
    assert plain(_PLUGIN_DOC) == _PLUGIN_PLAIN
    assert plain(".. note:: Важно", "en") == "Note. Важно"


def test_a_page_names_the_rule_and_its_severity_in_the_language_asked() -> None:
    rule = Rule("RD999", "region-rule", Severity.ERROR, lambda _: (), _PLUGIN_DOC, "region")
    assert page(rule).startswith("RD999 region-rule (ошибка)\n\nПравило из пакета")
    assert page(rule, "en").startswith("RD999 region-rule (error)\n\n")


# Text that uses none of reStructuredText's marks: letters, digits, spaces, Russian punctuation.
_UNMARKED = st.text(
    alphabet=st.sampled_from("абвгдежзийклмнопрстуфхцчшщыэюяАБВГДЕЖЗ0123456789 «»—–,;()№%"),
    max_size=40,
)


@given(_UNMARKED)
def test_text_without_markup_is_left_as_it_is(text: str) -> None:
    assert plain(text) == text.strip()


@given(
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="`"
        ),
        min_size=1,
        max_size=30,
    ).filter(lambda t: not t[0].isspace() and not t[-1].isspace())
)
def test_a_literal_is_its_text_whatever_it_holds(text: str) -> None:
    assert plain(f"Поле ``{text}`` задаётся.") == f"Поле {text} задаётся."


@pytest.mark.parametrize(
    ("doc", "shown"),
    [
        ("Настройка::\n\n    x = 1", "Настройка:\n\n    x = 1"),
        ("Настройка ::\n\n    x = 1", "Настройка\n\n    x = 1"),
        ("Текст.\n\n::\n\n    x = 1", "Текст.\n\n    x = 1"),
        ("Пример: «…».", "Пример: «…»."),
        ("Многоточие\n...\nостаётся", "Многоточие\n...\nостаётся"),
    ],
)
def test_a_literal_block_is_introduced_as_plain_text_would(doc: str, shown: str) -> None:
    assert plain(doc) == shown
