"""The one message catalogue: every text a user reads, in Russian (the default) and English.

A text in two languages is a :class:`Phrase`. Shared texts live in the catalogue below, keyed by
a code (``text("not_found", lang)``); a rule keeps its own phrases beside its check, as a rule's
documentation does. Which language a message takes is the caller's ``lang``, or, for errors
raised deep inside a call, the language of the call that is running (:func:`language`): a
:class:`~roadmapdocs.errors.RoadmapdocsError` made from a phrase is worded in it.
"""

from __future__ import annotations

import contextlib
import difflib
from collections.abc import Iterable, Iterator, Mapping
from contextvars import ContextVar
from typing import Any, Literal, NamedTuple

Lang = Literal["ru", "en"]
DEFAULT_LANG: Lang = "ru"

_CURRENT: ContextVar[Lang] = ContextVar("roadmapdocs_lang", default=DEFAULT_LANG)


class Phrase(NamedTuple):
    """One message in both languages of the tool; ``{name}`` placeholders are filled by
    :meth:`format`."""

    ru: str
    en: str

    def in_(self, lang: Lang | None = None) -> str:
        """The message in ``lang``; by default in the language of the running call."""
        return self.en if (lang or _CURRENT.get()) == "en" else self.ru

    def format(self, **values: Any) -> Phrase:
        """The phrase with its placeholders filled, in both languages; a value that is itself
        a phrase fills each language with its own wording."""
        ru = {k: v.ru if isinstance(v, Phrase) else v for k, v in values.items()}
        en = {k: v.en if isinstance(v, Phrase) else v for k, v in values.items()}
        return Phrase(self.ru.format(**ru), self.en.format(**en))

    def __add__(self, other: object) -> Phrase:
        """Phrases join language by language; plain text joins both as it is."""
        if isinstance(other, Phrase):
            return Phrase(self.ru + other.ru, self.en + other.en)
        if isinstance(other, str):
            return Phrase(self.ru + other, self.en + other)
        return NotImplemented


def current() -> Lang:
    """The language of the running call (Russian unless a call asked for another)."""
    return _CURRENT.get()


@contextlib.contextmanager
def language(lang: Lang) -> Iterator[None]:
    """Word the messages of errors raised inside this block in ``lang``."""
    token = _CURRENT.set(lang)
    try:
        yield
    finally:
        _CURRENT.reset(token)


# Pydantic error types a user can cause, worded for a methodologist. Placeholders are filled from
# the error's context; a type not listed here falls back to pydantic's English message.
_PYDANTIC: dict[str, Phrase] = {
    "missing": Phrase("обязательное поле не заполнено", "required field is missing"),
    "extra_forbidden": Phrase(
        "неизвестное поле «{field}»{hint}",
        "unknown field «{field}»{hint}",
    ),
    "string_type": Phrase("ожидается текст", "text expected"),
    "int_type": Phrase("ожидается целое число", "whole number expected"),
    "int_parsing": Phrase("ожидается целое число", "whole number expected"),
    "float_type": Phrase("ожидается число", "number expected"),
    "float_parsing": Phrase("ожидается число", "number expected"),
    "bool_type": Phrase("ожидается да/нет (true/false)", "true or false expected"),
    "list_type": Phrase("ожидается список", "list expected"),
    "dict_type": Phrase("ожидается набор полей (словарь)", "mapping expected"),
    "model_type": Phrase("ожидается набор полей (словарь)", "mapping expected"),
    "model_attributes_type": Phrase("ожидается набор полей (словарь)", "mapping expected"),
    "date_type": Phrase(
        "ожидается дата: 05.09.2024 или 5 сентября 2024 г.",
        "date expected: 05.09.2024 or 5 сентября 2024 г.",
    ),
    "date_parsing": Phrase(
        "ожидается дата: 05.09.2024 или 5 сентября 2024 г.",
        "date expected: 05.09.2024 or 5 сентября 2024 г.",
    ),
    "date_from_datetime_parsing": Phrase(
        "ожидается дата: 05.09.2024 или 5 сентября 2024 г.",
        "date expected: 05.09.2024 or 5 сентября 2024 г.",
    ),
    "date_invalid": Phrase("нет такой даты: {text}", "there is no such date: {text}"),
    "date_from_datetime_inexact": Phrase(
        "ожидается дата без времени", "a date without time expected"
    ),
    "literal_error": Phrase("допустимо: {expected}", "expected one of: {expected}"),
    "enum": Phrase("допустимо: {expected}", "expected one of: {expected}"),
    "greater_than_equal": Phrase("значение должно быть не меньше {ge}", "must be at least {ge}"),
    "greater_than": Phrase("значение должно быть больше {gt}", "must be greater than {gt}"),
    "union_tag_invalid": Phrase(
        "неизвестный вид документа «{tag}»; допустимо: {expected_tags}",
        "unknown document kind «{tag}»; expected one of: {expected_tags}",
    ),
    "union_tag_not_found": Phrase(
        "не указан вид документа (kind): {expected_tags}",
        "document kind (kind) is missing: {expected_tags}",
    ),
    "xml_char": Phrase(
        "символ U+{code} (позиция {position}) недопустим в документе Word",
        "character U+{code} at position {position} cannot appear in a Word document",
    ),
    "deadline": Phrase("{message}", "invalid deadline: {message}"),
    "status": Phrase(
        "не понятно, что значит «{text}»; состояние мероприятия: {expected}",
        "«{text}» is not a state of an activity; expected one of: {expected}",
    ),
    "person_name": Phrase(
        "не удалось прочитать «{text}» как ФИО: напишите «Фамилия И.О.» или «Фамилия Имя "
        "Отчество» либо задайте surname, first_name, patronymic отдельно",
        "cannot read «{text}» as a name: write «Фамилия И.О.» or «Фамилия Имя Отчество», "
        "or give surname, first_name and patronymic separately",
    ),
}

_TEXTS: dict[str, Phrase] = {
    "yaml_syntax": Phrase("ошибка синтаксиса YAML: {detail}", "YAML syntax error: {detail}"),
    "json_syntax": Phrase("ошибка синтаксиса JSON: {detail}", "JSON syntax error: {detail}"),
    "duplicate_key": Phrase(
        "поле «{key}» указано дважды (первый раз — строка {first})",
        "field «{key}» is given twice (first on line {first})",
    ),
    "not_mapping": Phrase(
        "документ должен быть набором полей (kind: …, title: …), а не {found}",
        "a document must be a mapping (kind: …, title: …), not {found}",
    ),
    "empty": Phrase("файл пуст", "the file is empty"),
    "unreadable": Phrase("не удалось прочитать файл: {detail}", "cannot read the file: {detail}"),
    "not_utf8": Phrase(
        "файл не в кодировке UTF-8 (байт {position}); сохраните его как UTF-8",
        "the file is not UTF-8 (byte {position}); save it as UTF-8",
    ),
    "unknown_suffix": Phrase(
        "неизвестный тип файла «{suffix}»: ожидается .yaml, .yml или .json",
        "unknown file type «{suffix}»: expected .yaml, .yml or .json",
    ),
    "not_found": Phrase("файл не найден", "file not found"),
    "did_you_mean": Phrase(
        "; возможно, имелось в виду «{suggestion}»", "; did you mean «{suggestion}»"
    ),
    "error_line": Phrase("ошибка: {message}", "error: {message}"),
    "severity_error": Phrase("ошибка", "error"),
    "severity_warning": Phrase("предупреждение", "warning"),
    "severity_info": Phrase("сведение", "info"),
}


def phrase(key: str, /, **values: Any) -> Phrase:
    """The catalogue's message ``key`` in both languages, with ``values`` filled in."""
    return _TEXTS[key].format(**values)


def text(key: str, lang: Lang | None = None, /, **values: Any) -> str:
    """The message ``key`` in ``lang`` (by default the running call's) with ``values`` filled in."""
    return phrase(key, **values).in_(lang)


def did_you_mean(word: str, choices: Iterable[str], lang: Lang | None = None) -> str:
    """«; возможно, имелось в виду «…»» for the choice closest to ``word``, or nothing."""
    close = difflib.get_close_matches(word, list(choices), n=1)
    return text("did_you_mean", lang, suggestion=close[0]) if close else ""


def pydantic_message(
    error_type: str, context: Mapping[str, Any], fallback: str, lang: Lang = DEFAULT_LANG
) -> str:
    """A pydantic validation error worded for people, in ``lang``."""
    pair = _PYDANTIC.get(error_type)
    if pair is None:
        return fallback
    try:
        return pair.in_(lang).format(**context)
    except (KeyError, IndexError):
        return fallback


def pydantic_template(error_type: str) -> str:
    """The message template a model gives its own pydantic error of ``error_type``: the
    catalogue's English wording, pydantic's language, for whoever reads the error from pydantic
    itself (the loader words it from the catalogue in the caller's language)."""
    return _PYDANTIC[error_type].en


# Texts of template settings, rendering and the writing of output files ------------------------

_PYDANTIC.update(
    {
        "less_than_equal": Phrase("значение должно быть не больше {le}", "must be at most {le}"),
        "bool_parsing": Phrase("ожидается да/нет (true/false)", "true or false expected"),
    }
)
_TEXTS.update(
    {
        "write_failed": Phrase(
            "не удалось записать файл: {detail}", "cannot write the file: {detail}"
        ),
    }
)
