"""Template settings: what a fork may change without touching the .docx (fonts, margins, …)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Margins(BaseModel):
    """Page margins in millimetres. ГОСТ Р 7.0.97 asks for at least 20/10/20/20 (top/right/bottom/left)."""

    model_config = ConfigDict(extra="forbid")

    top: float = Field(default=20, ge=20)
    right: float = Field(default=15, ge=10)
    bottom: float = Field(default=20, ge=20)
    left: float = Field(default=30, ge=20)


class Settings(BaseModel):
    """Settings of a template. Unknown keys are kept: a template may use its own (``settings.x``)."""

    model_config = ConfigDict(extra="allow")

    font: str = "Times New Roman"
    """Шрифт текста."""
    font_size: float = Field(default=14, ge=6, le=30)
    """Кегль основного текста, пт."""
    table_font_size: float = Field(default=12, ge=6, le=30)
    """Кегль текста в таблицах, пт."""
    margins: Margins = Field(default_factory=Margins)
    """Поля страницы, мм."""
    date_style: Literal["short", "long"] = "short"
    """Как писать дату документа в реквизитах: «05.09.2024» (short) или «5 сентября 2024 г.» (long)."""
    standard: Literal["ГОСТ Р 7.0.97-2016", "ГОСТ Р 7.0.97-2025"] = "ГОСТ Р 7.0.97-2016"
    """Стандарт оформления реквизитов."""
    parent_body_line: bool = True
    """Печатать ли строку вышестоящего органа над наименованием организации."""
    signer_position: str | None = None
    """Должность подписывающего, если её надо напечатать иначе, чем в документе."""
    annotate: bool = False
    """Вставлять ли замечания проверки в документ как примечания Word."""
    nbsp: bool = True
    """Ставить неразрывные пробелы («№ 5», «5 сентября», «Е.А. Лаврушкина», «Лаврушкиной Е.А.»)."""
    quotes: bool = True
    """Приводить кавычки к «ёлочкам», а вложенные — к „лапкам“: «Проект „Эффективная школа“»."""
    empty_cell: str = "—"
    """Что печатать в пустой ячейке плана мероприятий: по обычаю тире; пустая строка — ничего.
    Пустыми остаются «Уровень управления» (пустая ячейка продолжает уровень, названный выше) и
    «Отметка об исполнении» (её заполняют от руки)."""
    preamble_style: Literal["upper", "spaced"] = "upper"
    """Как печатать распорядительное слово приказа: «ПРИКАЗЫВАЮ:» (upper) или вразрядку
    строчными, «п р и к а з ы в а ю:» (spaced)."""
    number_single_appendix: bool = False
    """Нумеровать ли единственное приложение: «Приложение № 1» вместо «Приложение» (по ГОСТ Р
    7.0.97 номер ставится, только когда приложений несколько)."""
    appendix_orientation: Literal["auto", "portrait", "landscape"] = "auto"
    """Ориентация приложений: auto — альбомная для таблиц из шести и более столбцов."""
    page_numbers: bool = True
    """Нумеровать страницы (вверху по центру, со второй страницы)."""
    column_widths: Literal["measured", "template"] = "measured"
    """Ширина столбцов таблиц плана: measured — по измеренному тексту, template — как в шаблоне
    (если в нём по столбцу на каждый столбец таблицы)."""
    abbreviation_list: Literal["auto", "always", "never"] = "auto"
    """Печатать ли перечень «Принятые сокращения» из ``abbreviations`` документа: auto — только
    те сокращения, которые текст не вводит сам («(далее – УОиМП)»), always — все, never — нет."""
    hyphenation: bool = True
    """Переносить слова в таблицах по слогам (автоматическая расстановка переносов Word и LibreOffice)."""


def merge_settings(*layers: dict[str, Any]) -> dict[str, Any]:
    """Later layers win; nested tables (margins) merge key by key."""
    merged: dict[str, Any] = {}
    for layer in layers:
        for key, value in layer.items():
            if isinstance(value, dict) and isinstance(merged.get(key), dict):
                merged[key] = {**merged[key], **value}
            else:
                merged[key] = value
    return merged
