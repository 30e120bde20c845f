"""Template settings: what a fork may change without touching the .docx (fonts, margins, …)."""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from roadmapdocs.messages import Phrase

Standard = Literal["ГОСТ Р 7.0.97-2016", "ГОСТ Р 7.0.97-2025"]
"""The edition of ГОСТ Р 7.0.97 a document is drawn up by."""
GOST_2016: Standard = "ГОСТ Р 7.0.97-2016"
GOST_2025: Standard = "ГОСТ Р 7.0.97-2025"
STANDARDS: tuple[Standard, ...] = get_args(Standard)
DEFAULT_STANDARD: Standard = GOST_2016
"""The edition most regional instructions on record keeping still name, so the default."""


def edition(value: object) -> object:
    """``value`` as the name of an edition when it is one, or its year alone (``2025``,
    ``"2025"``); anything else as it is, for the caller to refuse."""
    year = str(value).strip() if isinstance(value, (int, str)) else None
    for name in STANDARDS:
        if year is not None and year in (name, name[-4:]):
            return name
    return value


FONTS_2016 = ("Times New Roman", "Arial", "Verdana", "Calibri")
"""The fonts the 2016 edition names for documents; the 2025 edition names none."""

_FONT_OUTSIDE_2016 = Phrase(
    "шрифт «{font}» не из тех, что называет ГОСТ Р 7.0.97-2016 ({fonts}); выберите один из "
    "них или, если документы оформляются по редакции 2025 года, где шрифт не задан, "
    'поставьте standard = "ГОСТ Р 7.0.97-2025"',
    "the font «{font}» is not one ГОСТ Р 7.0.97-2016 names ({fonts}); choose one of them or, "
    "if documents follow the 2025 edition, which fixes no font, set "
    'standard = "ГОСТ Р 7.0.97-2025"',
)


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
    standard: Annotated[Standard, BeforeValidator(edition)] = DEFAULT_STANDARD
    """Редакция ГОСТ Р 7.0.97, по которой оформляется документ: «ГОСТ Р 7.0.97-2016» или
    «ГОСТ Р 7.0.97-2025» (можно и одним годом: 2025); в редакции 2025 года заголовок к тексту
    обязателен для любого документа, а шрифт не задан (docs/templates.md)."""
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


def font_outside_standard(settings: Settings) -> Phrase | None:
    """What to say when ``settings`` ask for a font their edition does not name: under the
    2016 edition a font outside :data:`FONTS_2016`; the 2025 edition leaves the font free."""
    if settings.standard != GOST_2016:
        return None
    if settings.font.strip().casefold() in {font.casefold() for font in FONTS_2016}:
        return None
    return _FONT_OUTSIDE_2016.format(font=settings.font, fonts=", ".join(FONTS_2016))


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
