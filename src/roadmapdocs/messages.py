"""Human messages in Russian (the default) and English, for load errors and the command line."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

Lang = Literal["ru", "en"]
DEFAULT_LANG: Lang = "ru"

# Pydantic error types a user can cause, worded for a methodologist. Placeholders are filled from
# the error's context; a type not listed here falls back to pydantic's English message.
_PYDANTIC: dict[str, tuple[str, str]] = {
    "missing": ("обязательное поле не заполнено", "required field is missing"),
    "extra_forbidden": (
        "неизвестное поле «{field}»{hint}",
        "unknown field «{field}»{hint}",
    ),
    "string_type": ("ожидается текст", "text expected"),
    "int_type": ("ожидается целое число", "whole number expected"),
    "int_parsing": ("ожидается целое число", "whole number expected"),
    "float_type": ("ожидается число", "number expected"),
    "float_parsing": ("ожидается число", "number expected"),
    "bool_type": ("ожидается да/нет (true/false)", "true or false expected"),
    "list_type": ("ожидается список", "list expected"),
    "dict_type": ("ожидается набор полей (словарь)", "mapping expected"),
    "model_type": ("ожидается набор полей (словарь)", "mapping expected"),
    "model_attributes_type": ("ожидается набор полей (словарь)", "mapping expected"),
    "date_type": ("ожидается дата ДД.ММ.ГГГГ", "date expected (DD.MM.YYYY)"),
    "date_parsing": ("ожидается дата ДД.ММ.ГГГГ", "date expected (DD.MM.YYYY)"),
    "date_from_datetime_parsing": ("ожидается дата ДД.ММ.ГГГГ", "date expected (DD.MM.YYYY)"),
    "date_invalid": ("нет такой даты: {text}", "there is no such date: {text}"),
    "date_from_datetime_inexact": ("ожидается дата без времени", "a date without time expected"),
    "literal_error": ("допустимо: {expected}", "expected one of: {expected}"),
    "enum": ("допустимо: {expected}", "expected one of: {expected}"),
    "greater_than_equal": ("значение должно быть не меньше {ge}", "must be at least {ge}"),
    "greater_than": ("значение должно быть больше {gt}", "must be greater than {gt}"),
    "union_tag_invalid": (
        "неизвестный вид документа «{tag}»; допустимо: {expected_tags}",
        "unknown document kind «{tag}»; expected one of: {expected_tags}",
    ),
    "union_tag_not_found": (
        "не указан вид документа (kind): roadmap, passport, order или project",
        "document kind (kind) is missing: roadmap, passport, order or project",
    ),
    "xml_char": (
        "символ U+{code} (позиция {position}) недопустим в документе Word",
        "character U+{code} at position {position} cannot appear in a Word document",
    ),
    "deadline": ("{message}", "invalid deadline: {message}"),
    "person_name": (
        "не удалось прочитать «{text}» как ФИО: напишите «Фамилия И.О.» или «Фамилия Имя "
        "Отчество» либо задайте surname, first_name, patronymic отдельно",
        "cannot read «{text}» as a name: write «Фамилия И.О.» or «Фамилия Имя Отчество», "
        "or give surname, first_name and patronymic separately",
    ),
}

_TEXTS: dict[str, tuple[str, str]] = {
    "yaml_syntax": ("ошибка синтаксиса YAML: {detail}", "YAML syntax error: {detail}"),
    "json_syntax": ("ошибка синтаксиса JSON: {detail}", "JSON syntax error: {detail}"),
    "duplicate_key": (
        "поле «{key}» указано дважды (первый раз — строка {first})",
        "field «{key}» is given twice (first on line {first})",
    ),
    "not_mapping": (
        "документ должен быть набором полей (kind: …, title: …), а не {found}",
        "a document must be a mapping (kind: …, title: …), not {found}",
    ),
    "empty": ("файл пуст", "the file is empty"),
    "unreadable": ("не удалось прочитать файл: {detail}", "cannot read the file: {detail}"),
    "not_utf8": (
        "файл не в кодировке UTF-8 (байт {position}); сохраните его как UTF-8",
        "the file is not UTF-8 (byte {position}); save it as UTF-8",
    ),
    "unknown_suffix": (
        "неизвестный тип файла «{suffix}»: ожидается .yaml, .yml или .json",
        "unknown file type «{suffix}»: expected .yaml, .yml or .json",
    ),
    "not_found": ("файл не найден", "file not found"),
    "did_you_mean": ("; возможно, имелось в виду «{suggestion}»", "; did you mean «{suggestion}»"),
}


def text(key: str, lang: Lang = DEFAULT_LANG, /, **values: Any) -> str:
    """The message ``key`` in ``lang`` with ``values`` filled in."""
    ru, en = _TEXTS[key]
    return (ru if lang == "ru" else en).format(**values)


def pydantic_message(
    error_type: str, context: Mapping[str, Any], fallback: str, lang: Lang = DEFAULT_LANG
) -> str:
    """A pydantic validation error worded for people, in ``lang``."""
    pair = _PYDANTIC.get(error_type)
    if pair is None:
        return fallback
    template = pair[0] if lang == "ru" else pair[1]
    try:
        return template.format(**context)
    except (KeyError, IndexError):
        return fallback
