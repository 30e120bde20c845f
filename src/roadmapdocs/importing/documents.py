"""A whole document read from Word or Excel recognised as a roadmap, a passport or a project
plan (an order is read by :mod:`roadmapdocs.importing.order`).

The kind, when not given, is told by the text: «ПРИКАЗ» (in any spacing, «П Р И К А З») near
the top is an order; «ПАСПОРТ» in a heading a passport; a title that speaks of a project with
«Цель Проекта» or «Индикаторы проекта» a project plan; anything else a roadmap. The document is
then read part by part: a heading paragraph («Цель …», «Задачи», «Контрольные точки …»,
«Индикаторы проекта:», «Принятые сокращения») starts a part, and the paragraphs and tables after
it are its content until the next heading. Tables are known by their header: a plan, control
points, risk groups, indicators with values per period («№ п/п | Показатель | Единица измерения
| 2020/2021 | …», the paragraph above titling the group), the passport's form. A blank signature
form (a line of underscores, the captions in brackets under it) is the signature's captions. A
paragraph or table no part takes is left unplaced, with its place; nothing is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from roadmapdocs.errors import KindError
from roadmapdocs.importing.columns import DEFAULT, ColumnMap, normalise
from roadmapdocs.importing.outcome import Guess, Imported, Unplaced
from roadmapdocs.importing.period import period_in
from roadmapdocs.importing.plans import find_header, read_plan
from roadmapdocs.importing.raw import Block, Place, RawDocument, RawParagraph, RawRow, RawTable
from roadmapdocs.messages import Phrase
from roadmapdocs.model import Passport, Project, Roadmap
from roadmapdocs.model.activity import ActivityField
from roadmapdocs.model.document import DocumentBase

KINDS = ("roadmap", "passport", "project", "order")
"""The kinds :func:`recognise` reads."""

KIND_NAMES = {
    "roadmap": "дорожная карта",
    "passport": "паспорт дорожной карты",
    "project": "план проекта",
    "order": "приказ",
}

Path = tuple[str | int, ...]

_MODELS: dict[str, type[DocumentBase]] = {
    "roadmap": Roadmap,
    "passport": Passport,
    "project": Project,
}

CONTROL_POINT_COLUMNS = ColumnMap.of(
    {
        "№": ActivityField.NUMBER,
        "№ п/п": ActivityField.NUMBER,
        "Контрольная точка": ActivityField.TEXT,
        "Контрольные точки": ActivityField.TEXT,
        "Ответственный": ActivityField.RESPONSIBLE,
        "Ответственные": ActivityField.RESPONSIBLE,
        "Сроки": ActivityField.DEADLINE,
        "Срок": ActivityField.DEADLINE,
        "Результат": ActivityField.RESULT,
    }
)
"""The header of a control-points table: «№ | Контрольная точка | Ответственный | Сроки»."""

PASSPORT_FORM: dict[str, tuple[str, bool]] = {
    "состав рабочей группы": ("working_group", True),
    "ответственный разработчик": ("developer", False),
    "цель": ("goal", False),
    "этапы и сроки реализации": ("stages", True),
    "направления": ("directions", True),
    "значимые контрольные результаты": ("control_results", True),
    "объем финансовой поддержки": ("financing", False),
    "перечень целевых показателей": ("indicator_list", True),
}
"""The passport's form: a field's name as the form words it (its start, normalised) → the
field, and whether it is a list (one item a line)."""

# A heading paragraph → the part it starts; compared with the normalised text's start.
_HEADINGS: tuple[tuple[str, str], ...] = (
    ("цель", "goal"),
    ("задачи", "tasks"),
    ("целевые показатели", "target_indicators"),
    ("показатели реализации", "target_indicators"),
    ("индикаторы проекта", "indicators"),
    ("определение основных направлений", "directions"),
    ("основные направления", "directions"),
    ("направления деятельности", "directions"),
    ("контрольные точки", "control_points"),
    ("механизмы реализации", "mechanisms"),
    ("1 описание проблемы", "problem"),
    ("описание проблемы", "problem"),
    ("принятые сокращения", "abbreviations"),
    ("целевые ориентиры", "risk_groups"),
)
_HEADING_LENGTH = 200
_ORDER_WORD = re.compile(r"^\s*п\s*р\s*и\s*к\s*а\s*з\s*[.:]?\s*$", re.IGNORECASE)
_LIST_MARK = re.compile(r"^\s*(?:[-–—•·*]\s*|\d+[.)]\s*(?=\D))")
_NUMBERED = re.compile(r"^\s*(?:[-–—•]\s*)?(\d+(?:\.\d+)*)\.?\s*(.+)$", re.DOTALL)
_NUMBER_AS_WRITTEN = re.compile(r"^\s*(\d+(?:\.\d+)*\.?)\s*(\S.*)$", re.DOTALL)
_PROJECT_NAME = re.compile(r"проект\w*\s*[«\"“„]([^»\"”“]+)[»\"”“]", re.IGNORECASE)
_PERIOD = re.compile(r"^\d{4}(?:\s*[/-]\s*\d{2,4})?(?:\s*(?:г\.?|год|уч\.?\s*г(?:од)?\.?))?$")
_ABBREVIATION = re.compile(
    r"^(?P<short>\S.{0,40}?)(?:\s+[–-]\s+|\s*—\s*)(?P<full>\S.*)$", re.DOTALL
)
_FORM_LINE = re.compile(r"^[_\s]*_{3,}[_\s]*$")
_CAPTIONS = re.compile(r"^\s*(?:\([^()]+\)\s*)+$")
_NOTE_LINE = re.compile(r"^\([^()]+\)$")


def recognise(raw: RawDocument, kind: str | None = None, columns: ColumnMap = DEFAULT) -> Imported:
    """The document ``raw`` holds, as data :func:`roadmapdocs.load` reads: a roadmap, a
    passport, a project plan or an order (``kind``, or told by the text — a guess then).
    Plan tables' headers are read with ``columns``."""
    guesses: list[Guess] = []
    if kind is None:
        kind, why = detect_kind(raw)
        guesses.append(
            Guess(_first_place(raw), f"вид документа — {KIND_NAMES[kind]} (kind: {kind}): {why}")
        )
    elif kind not in KINDS:
        known = ", ".join(KINDS)
        raise KindError(
            Phrase(
                f"неизвестный вид документа «{kind}»; можно: {known}",
                f"unknown document kind {kind!r}; known: {known}",
            )
        )
    result = _read_order(raw, columns) if kind == "order" else _Reader(raw, kind, columns).read()
    result.guesses[:0] = guesses
    return result


def detect_kind(raw: RawDocument) -> tuple[str, str]:
    """The kind the text tells, and why («абзац «ПРИКАЗ» в начале»)."""
    paragraphs = [p for p in raw.paragraphs if p.text.strip()]
    for paragraph in paragraphs[:15]:
        if _ORDER_WORD.match(paragraph.text):
            return "order", f"«{paragraph.text.strip()}» в начале документа"
    for paragraph in paragraphs:
        if _passport_heading(paragraph):
            return "passport", f"заголовок «{_short(paragraph.text)}»"
    title = " ".join(p.text for p in _title_paragraphs(raw))
    if "проект" in title.lower():
        for paragraph in paragraphs:
            key = normalise(paragraph.text)
            if key.startswith(("цель проекта", "индикаторы проекта")):
                return "project", f"в заголовке — проект, в тексте — «{_short(paragraph.text)}»"
    return "roadmap", "не найдено ни «ПРИКАЗ», ни «ПАСПОРТ», ни цели проекта"


def _read_order(raw: RawDocument, columns: ColumnMap = DEFAULT) -> Imported:
    from roadmapdocs.importing.order import read_order

    result: Imported = read_order(raw, lambda table: read_plan(table, columns))
    return result


@dataclass
class _Reader:
    raw: RawDocument
    kind: str
    columns: ColumnMap
    result: Imported = field(default_factory=lambda: Imported({}))
    part: str | None = None
    part_place: Place | None = None
    pending: list[RawParagraph] = field(default_factory=list)
    last_direction: int | None = None
    captions: set[int] = field(default_factory=set)
    """The paragraphs (by ``id``) that caption a table of indicators."""

    @property
    def data(self) -> dict[str, Any]:
        return self.result.data

    def at(self, place: Place, *path: str | int) -> None:
        key: Path = path
        self.result.places[key] = place

    def has(self, name: str) -> bool:
        """Whether a document of this kind has the field."""
        return name in _MODELS[self.kind].model_fields

    def guess(self, place: Place, text: str) -> None:
        self.result.guesses.append(Guess(place, text))

    def leave(self, block: Block) -> None:
        if isinstance(block, RawParagraph):
            if block.text.strip():
                self.result.unplaced.append(Unplaced(block.place, block.text))
            return
        for row in block.rows:
            texts = [c.text for c in row.cells if c.text.strip()]
            if texts:
                self.result.unplaced.append(Unplaced(row.place, " | ".join(texts)))

    def flush(self) -> None:
        for paragraph in self.pending:
            self.leave(paragraph)
        self.pending = []

    # The whole document ----------------------------------------------------------------------

    def read(self) -> Imported:
        self.data["kind"] = self.kind
        blocks = list(self.raw.blocks)
        title = _title_paragraphs(self.raw)
        if title:
            self.data["title"] = "\n".join(p.text.strip() for p in title)
            self.at(title[0].place, "title")
            taken = {id(p) for p in title}
            blocks = [b for b in blocks if id(b) not in taken]
            if self.kind == "project":
                self.project_name(title)
            found = period_in(self.data["title"])
            if found is not None:
                # The template prints no period line under a title that names its years.
                self.data["period"] = found
                self.at(title[0].place, "period")
                self.result.guesses.append(
                    Guess(title[0].place, f"период «{found}» — по заголовку")
                )
        self.level()
        if self.has("indicator_groups"):
            self.captions = _captions(blocks)
        for block in blocks:
            if isinstance(block, RawParagraph):
                self.paragraph(block)
            else:
                self.table(block)
        self.flush()
        return self.result

    def level(self) -> None:
        text = self.data.get("title", "")
        lower = text.lower()
        found: tuple[str, str] | None = None
        if re.search(r"\b(?:мбоу|моу|мкоу|маоу|гбоу|сош|оош|сш)\b|школ[аеуы]? №|в школе", lower):
            found = ("school", "в заголовке названа школа")
        elif re.search(r"муниципальн|округ|район|город", lower):
            found = ("municipal", "в заголовке — муниципалитет")
        elif re.search(r"краев|региональн|област|республик", lower):
            found = ("regional", "в заголовке — край или регион")
        elif self.kind == "roadmap":
            found = ("school", "уровень в заголовке не назван, по умолчанию — школа")
        if found is None:
            return
        self.data["level"] = found[0]
        self.guess(_first_place(self.raw), f"уровень — {found[0]}: {found[1]}")

    def project_name(self, title: list[RawParagraph]) -> None:
        for paragraph in title:
            found = _PROJECT_NAME.search(paragraph.text)
            if found:
                self.data["name"] = found.group(1).strip()
                self.at(paragraph.place, "name")
                self.guess(paragraph.place, f"название проекта — «{self.data['name']}»")
                return

    # Paragraphs ----------------------------------------------------------------------------

    def paragraph(self, paragraph: RawParagraph) -> None:
        text = paragraph.text.strip()
        if not text:
            return
        if id(paragraph) in self.captions:
            # «1.2. Кадровая поддержка» right above a table of indicators: the group's title.
            self.flush()
            self.part = None
            self.pending.append(paragraph)
            return
        heading = self.heading(paragraph)
        if heading is not None:
            self.flush()
            self.part, self.part_place = heading, paragraph.place
            self.start_part(heading, paragraph)
            return
        if self.signature_captions(paragraph):
            return
        take = self.takers().get(self.part or "")
        if take is None or not take(paragraph):
            self.pending.append(paragraph)

    def heading(self, paragraph: RawParagraph) -> str | None:
        text = paragraph.text.strip()
        if len(text) > _HEADING_LENGTH and ":" not in text[:_HEADING_LENGTH]:
            return None
        key = normalise(text)
        if self.kind == "passport" and "heading" not in self.data and _passport_heading(paragraph):
            return "heading"
        for start, part in _HEADINGS:
            if key.startswith(start):
                if part == "goal" and self.kind == "passport":
                    continue
                if part == "target_indicators" and self.kind == "project":
                    continue
                if part == "indicators" and self.kind != "project":
                    continue
                if part == "problem" and self.kind != "passport":
                    continue
                if part in ("tasks", "target_indicators", "directions") and self.kind != "roadmap":
                    continue
                if part == "risk_groups" and not self.has("risk_groups"):
                    continue
                return part
        return None

    def start_part(self, part: str, paragraph: RawParagraph) -> None:
        text = paragraph.text.strip()
        rest = text.split(":", 1)[1].strip() if ":" in text else ""
        if part == "heading":
            self.data["heading"] = text
            self.at(paragraph.place, "heading")
        elif part == "problem":
            if "problem" in self.data:
                self.leave(paragraph)
            else:
                self.data["problem"] = {"title": text}
                self.at(paragraph.place, "problem", "title")
        elif part == "goal" and "goal" in self.data:
            # A second goal: the first stands, this one is left for the user to see.
            self.part = None
            self.leave(paragraph)
        elif part == "goal" and rest:
            self.data["goal"] = rest
            self.at(paragraph.place, "goal")
        elif part == "mechanisms":
            self.pending.append(paragraph)
        elif rest:
            # «Задачи: провести анализ …» — the heading holds the first item.
            take = self.takers().get(part)
            if take is not None:
                take(RawParagraph(rest, paragraph.place))

    def takers(self) -> dict[str, Callable[[RawParagraph], bool]]:
        return {
            "goal": self.take_goal,
            "tasks": lambda p: self.take_items(p, "tasks"),
            "indicators": lambda p: self.take_items(p, "indicators"),
            "target_indicators": self.take_indicator,
            "directions": self.take_direction,
            "problem": self.take_problem,
            "abbreviations": self.take_abbreviation,
        }

    def take_goal(self, paragraph: RawParagraph) -> bool:
        """The goal: the paragraphs after its heading until one ends a sentence."""
        text = paragraph.text.strip()
        if "goal" in self.data:
            if self.data["goal"].endswith((".", "!", "?")):
                self.part = None
                return False
            self.data["goal"] += "\n" + text
        else:
            self.data["goal"] = text
            self.at(paragraph.place, "goal")
        return True

    def take_items(self, paragraph: RawParagraph, name: str) -> bool:
        items = self.data.setdefault(name, [])
        for line in paragraph.text.split("\n"):
            item = _LIST_MARK.sub("", line, count=1).strip()
            if item:
                self.at(paragraph.place, name, len(items))
                items.append(item)
        return True

    def take_indicator(self, paragraph: RawParagraph) -> bool:
        items = self.data.setdefault("target_indicators", [])
        for line in paragraph.text.split("\n"):
            line = line.strip()
            if not line:
                continue
            found = _NUMBERED.match(line)
            if found:
                indicator = {"number": found.group(1), "name": found.group(2).strip()}
            else:
                indicator = {"name": _LIST_MARK.sub("", line, count=1).strip()}
            self.at(paragraph.place, "target_indicators", len(items))
            items.append(indicator)
        return True

    def take_direction(self, paragraph: RawParagraph) -> bool:
        directions = self.data.setdefault("directions", [])
        text = paragraph.text.strip()
        found = _NUMBERED.match(text)
        if found and len(text) <= _HEADING_LENGTH:
            self.last_direction = len(directions)
            self.at(paragraph.place, "directions", len(directions))
            directions.append({"number": found.group(1), "title": found.group(2).strip()})
            return True
        if self.last_direction is None:
            return False
        narrative = directions[self.last_direction].setdefault("narrative", [])
        self.at(paragraph.place, "directions", self.last_direction, "narrative", len(narrative))
        narrative.append(text)
        return True

    def take_problem(self, paragraph: RawParagraph) -> bool:
        texts = self.data["problem"].setdefault("text", [])
        self.at(paragraph.place, "problem", "text", len(texts))
        texts.append(paragraph.text.strip())
        return True

    def take_abbreviation(self, paragraph: RawParagraph) -> bool:
        """«ШНОР – школы с низкими результатами обучения»: a line a short form, then a dash and
        its full form; the first paragraph of another shape ends the list."""
        lines = [" ".join(line.split()) for line in paragraph.text.split("\n") if line.strip()]
        found = [_ABBREVIATION.match(line) for line in lines]
        if not lines or not all(m is not None and _short_form(m.group("short")) for m in found):
            self.part = None
            return False
        entries = self.data.setdefault("abbreviations", [])
        for match in found:
            assert match is not None
            self.at(paragraph.place, "abbreviations", len(entries))
            entries.append({"short": match.group("short"), "full": match.group("full")})
        if len(entries) == len(found):
            self.guess(paragraph.place, "строки «сокращение – полная форма» — принятые сокращения")
        return True

    def signature_captions(self, paragraph: RawParagraph) -> bool:
        """A blank signature form: a line of underscores, and under it the captions
        «(наименование должности руководителя)  (подпись)  (ФИО)»."""
        text = paragraph.text.strip()
        if (
            not self.has("signature")
            or "signature" in self.data
            or not self.pending
            or not _FORM_LINE.match(self.pending[-1].text)
            or not _CAPTIONS.match(text)
        ):
            return False
        line = self.pending.pop()
        self.flush()
        captions = re.findall(r"\([^()]+\)", text)
        self.data["signature"] = {"captions": captions}
        self.at(line.place, "signature")
        for index in range(len(captions)):
            self.at(paragraph.place, "signature", "captions", index)
        self.guess(paragraph.place, "строка подчёркиваний с подписями в скобках — бланк подписи")
        return True

    # Tables --------------------------------------------------------------------------------

    def table(self, table: RawTable) -> None:
        first = [normalise(c.text) for c in table.rows[0].cells] if table.rows else []
        if self.has("risk_groups") and any(t.startswith("групп") and "риск" in t for t in first):
            self.flush()
            self.risk_groups(table)
        elif (
            self.has("control_points")
            and find_header(table, CONTROL_POINT_COLUMNS) is not None
            and (
                any(t.startswith("контрольн") for t in first)
                or (self.part == "control_points" and find_header(table, self.columns) is None)
            )
        ):
            self.flush()
            self.control_points(table)
        elif self.kind == "passport" and self.passport_form(table):
            self.part = None
        elif find_header(table, self.columns) is not None:
            self.plan(table)
        elif self.has("indicator_groups") and self.indicator_group(table):
            pass
        elif self.kind == "passport" and self.part == "problem":
            self.flush()
            self.problem_table(table)
        else:
            self.flush()
            self.leave(table)

    def risk_groups(self, table: RawTable) -> None:
        groups = self.data.setdefault("risk_groups", [])
        for row in table.rows[1:]:
            texts = [c for c in row.cells if c.text.strip()]
            if not texts:
                continue
            risk = row.cells[0]
            rest = row.cells[1:]
            group: dict[str, Any] = {"risk": risk.text.strip()}
            lines = [line for cell in rest for line in cell.lines]
            if lines:
                group["orientations"] = [line.strip() for line in lines]
            self.at(row.place, "risk_groups", len(groups))
            self.at(risk.place, "risk_groups", len(groups), "risk")
            if rest:
                self.at(rest[0].place, "risk_groups", len(groups), "orientations")
            groups.append(group)
        self.guess(table.place, "таблица «Группы рисков | Целевые ориентиры» — группы рисков")

    def control_points(self, table: RawTable) -> None:
        read = read_plan(table, CONTROL_POINT_COLUMNS)
        points = self.data.setdefault("control_points", [])
        base = len(points)
        self.result.unplaced.extend(read.unplaced)
        self.result.guesses.extend(read.guesses)
        if "title" in read.data:
            self.result.unplaced.append(Unplaced(read.places[("title",)], read.data["title"]))
        index = 0
        containers: list[tuple[Path, list[dict[str, Any]]]] = [
            (("activities",), read.data["activities"])
        ]
        for number, section in enumerate(read.data["sections"]):
            place = read.places.get(("sections", number), table.place)
            title = " ".join(p for p in (section.get("number"), section.get("title")) if p)
            self.result.unplaced.append(Unplaced(place, title))
            containers.append((("sections", number, "activities"), section["activities"]))
        for prefix, activities in containers:
            for path, activity in _flatten(prefix, activities):
                point = {k: v for k, v in activity.items() if k != "activities"}
                for key, place in read.places.items():
                    if key[: len(path)] == path and len(key) == len(path) + 1:
                        self.at(place, "control_points", base + index, key[-1])
                points.append(point)
                index += 1
        self.guess(table.place, "таблица «№ | Контрольная точка | …» — контрольные точки")

    def plan(self, table: RawTable) -> None:
        name = "mechanisms" if self.part == "mechanisms" else "plan"
        if self.kind != "roadmap":
            name = "plan"
        read = read_plan(table, self.columns)
        title_paragraphs = self.pending
        self.pending = []
        existing = self.data.get(name)
        if existing is not None and _fields(existing) == _fields(read.data):
            # A table broken in two (by a page, by a paragraph between): the rest of one plan.
            self.continue_plan(name, existing, read)
            for paragraph in title_paragraphs:
                self.leave(paragraph)
            return
        if existing is not None:
            for paragraph in title_paragraphs:
                self.leave(paragraph)
            self.leave(table)
            self.guess(table.place, "вторая таблица плана с другими столбцами — не разнесена")
            return
        data = read.data
        self.result.merge(read, (name,))
        if title_paragraphs:
            # The paragraphs above the table, then any title typed into its first rows.
            lines = [p.text.strip() for p in title_paragraphs]
            if "title" in data:
                lines.append(data["title"])
            data = {**data, "title": "\n".join(lines)}
            self.at(title_paragraphs[0].place, name, "title")
            self.guess(title_paragraphs[0].place, "абзацы над таблицей — заголовок плана")
        self.data[name] = data
        self.guess(table.place, f"таблица — {_PLAN_NAMES[name]}")

    def continue_plan(self, name: str, existing: dict[str, Any], read: Imported) -> None:
        offsets = {"sections": len(existing["sections"]), "activities": len(existing["activities"])}
        existing["sections"].extend(read.data["sections"])
        existing["activities"].extend(read.data["activities"])
        self.result.unplaced.extend(read.unplaced)
        if "title" in read.data:
            self.result.unplaced.append(Unplaced(read.places[("title",)], read.data["title"]))
        for path, place in read.places.items():
            if path and path[0] in offsets and len(path) > 1 and isinstance(path[1], int):
                shifted: Path = (name, path[0], path[1] + offsets[str(path[0])], *path[2:])
                self.result.places[shifted] = place
        self.guess(
            read.places.get(("sections", 0)) or read.places.get(("activities", 0)) or Place(),
            "таблица с теми же столбцами — продолжение плана",
        )

    def passport_form(self, table: RawTable) -> bool:
        rows = [r for r in table.rows if any(c.text.strip() for c in r.cells)]
        found: list[tuple[str, bool, RawRow]] = []
        others: list[RawRow] = []
        for row in rows:
            key = normalise(row.cells[0].text) if row.cells else ""
            match = next(
                ((f, many) for start, (f, many) in PASSPORT_FORM.items() if key.startswith(start)),
                None,
            )
            if match is None or len(row.cells) < 2:
                others.append(row)
            else:
                found.append((*match, row))
        if len(found) < 2 or len(found) < len(others):
            return False
        self.flush()
        self.leave(RawTable(tuple(others), table.place, table.columns))
        for name, many, row in found:
            cells = row.cells[1:]
            lines = [line.strip() for c in cells for line in c.lines]
            if not lines:
                continue
            place = cells[0].place
            if many:
                items = [_LIST_MARK.sub("", line, count=1).strip() or line for line in lines]
                self.data[name] = items
                for index in range(len(items)):
                    self.at(place, name, index)
            else:
                self.data[name] = "\n".join(lines)
                self.at(place, name)
        self.guess(table.place, "таблица из двух столбцов — форма паспорта")
        return True

    def indicator_group(self, table: RawTable) -> bool:
        """A table «№ п/п | Показатель | Единица измерения | Базовое значение | 2020/2021 | …»
        (or «Наименование целевого показателя | …»): a group of indicators, the paragraph
        above it («1.2. Кадровая поддержка») its number and title. A value cell left empty
        stays an empty value, so that the period is seen to lack it."""
        roles = _indicator_roles(table)
        if roles is None:
            return False
        groups = self.data.setdefault("indicator_groups", [])
        at = len(groups)
        group: dict[str, Any] = {}
        if self.pending and id(self.pending[-1]) in self.captions:
            caption = self.pending.pop()
            found = _NUMBER_AS_WRITTEN.match(caption.text.strip())
            if found:
                group = {"number": found.group(1), "title": found.group(2).strip()}
            else:
                group = {"title": caption.text.strip()}
            for name in group:
                self.at(caption.place, "indicator_groups", at, name)
        self.flush()
        header = table.rows[0]
        periods = {i: header.cells[i].text.strip() for i, role in roles.items() if role == "period"}
        group["periods"] = list(periods.values())
        self.at(header.place, "indicator_groups", at, "periods")
        for i, cell in enumerate(header.cells):
            if roles.get(i) is None and cell.text.strip():
                self.result.unplaced.append(Unplaced(cell.place, cell.text))
        keys = [normalise(c.text) for c in header.cells]
        indicators: list[dict[str, Any]] = []
        for row in table.rows[1:]:
            cells = row.cells
            if row.header or [normalise(c.text) for c in cells] == keys:
                continue  # the header repeated on a later page
            if len(cells) != len(header.cells):
                self.leave(RawTable((row,), row.place, table.columns))
                continue
            path: Path = ("indicator_groups", at, "indicators", len(indicators))
            indicator: dict[str, Any] = {}
            values: dict[str, str] = {}
            for i, cell in enumerate(cells):
                text = cell.text.strip()
                role = roles.get(i)
                if role == "period":
                    values[periods[i]] = text
                    self.at(cell.place, *path, "values", periods[i])
                elif not text:
                    continue
                elif role is None:
                    self.result.unplaced.append(Unplaced(cell.place, cell.text))
                elif role == "name":
                    lines = text.split("\n")
                    note = None
                    if len(lines) > 1 and _NOTE_LINE.match(lines[-1].strip()):
                        # «(по итогам года)» on a line of its own under the name: its note.
                        note = lines[-1].strip()[1:-1].strip()
                        text = "\n".join(lines[:-1]).strip()
                    indicator["name"] = text
                    self.at(cell.place, *path, "name")
                    if note:
                        indicator["note"] = note
                        self.at(cell.place, *path, "note")
                elif role in indicator:
                    indicator[role] += "\n" + text
                else:
                    indicator[role] = text
                    self.at(cell.place, *path, role)
            if values:
                indicator["values"] = values
            self.at(row.place, *path)
            indicators.append(indicator)
        group["indicators"] = indicators
        self.at(table.place, "indicator_groups", at)
        groups.append(group)
        self.guess(table.place, "таблица «Показатель | Единица измерения | периоды …» — показатели")
        return True

    def problem_table(self, table: RawTable) -> None:
        tables = self.data["problem"].setdefault("tables", [])
        rows: list[list[Any]] = []
        header_rows = sum(1 for row in table.rows if row.header) or 1
        for row in table.rows:
            cells: list[Any] = []
            for cell in row.cells:
                if cell.colspan > 1 or cell.rowspan > 1:
                    cells.append(
                        {"text": cell.text, "colspan": cell.colspan, "rowspan": cell.rowspan}
                    )
                else:
                    cells.append(cell.text)
            rows.append(cells)
        self.at(table.place, "problem", "tables", len(tables))
        tables.append({"header": rows[:header_rows], "rows": rows[header_rows:]})
        self.guess(table.place, "таблица в описании проблемы — таблица данных")


_PLAN_NAMES = {"plan": "план мероприятий", "mechanisms": "механизмы реализации"}


def _flatten(prefix: Path, activities: list[dict[str, Any]]) -> list[tuple[Path, dict[str, Any]]]:
    found: list[tuple[Path, dict[str, Any]]] = []
    for index, activity in enumerate(activities):
        path: Path = (*prefix, index)
        found.append((path, activity))
        found.extend(_flatten((*path, "activities"), activity.get("activities", [])))
    return found


def _fields(plan: dict[str, Any]) -> list[str]:
    return [c if isinstance(c, str) else c["field"] for c in plan.get("columns", [])]


def _title_paragraphs(raw: RawDocument) -> list[RawParagraph]:
    """The paragraphs at the top that are bold or centred: the document's title."""
    found: list[RawParagraph] = []
    for block in raw.blocks:
        if not isinstance(block, RawParagraph):
            break
        text = block.text.strip()
        if not text:
            continue
        if not (block.bold or block.centered) or _ORDER_WORD.match(text):
            break
        key = normalise(text)
        if any(key.startswith(start) for start, _ in _HEADINGS) or key.startswith("паспорт"):
            break
        found.append(block)
    return found


def _indicator_roles(table: RawTable) -> dict[int, str | None] | None:
    """What each column of a table of indicators holds — «number», «name», «unit»,
    «baseline», «note», «period», or ``None`` for a column no header names; ``None`` when the
    table has no column of names or no column of a period."""
    if not table.rows:
        return None
    roles: dict[int, str | None] = {}
    for index, cell in enumerate(table.rows[0].cells):
        key = normalise(cell.text)
        if _PERIOD.match(cell.text.strip()):
            roles[index] = "period"
        elif key.startswith("№"):
            roles[index] = "number"
        elif key.startswith(("наименование", "показател", "целевой показател")):
            roles[index] = "name"
        elif key.startswith(("единиц", "ед изм")):
            roles[index] = "unit"
        elif key.startswith("базов"):
            roles[index] = "baseline"
        elif key.startswith("примечани"):
            roles[index] = "note"
        else:
            roles[index] = None
    found = set(roles.values())
    if "name" not in found or "period" not in found:
        return None
    return roles


def _short_form(text: str) -> bool:
    """Whether ``text`` reads as an abbreviation («ШНОР», «ФГОС ООО», «Минпросвещения России»):
    a few words with two capitals or more — not the start of a sentence that has a dash."""
    return len(text.split()) <= 4 and sum(c.isupper() for c in text) >= 2


def _captions(blocks: list[Block]) -> set[int]:
    """The paragraphs (by ``id``) right above a table of indicators, empty ones aside, that
    are no part's heading: the titles of the indicator groups."""
    found: set[int] = set()
    last: RawParagraph | None = None
    for block in blocks:
        if isinstance(block, RawParagraph):
            if block.text.strip():
                last = block
            continue
        if last is not None and _indicator_roles(block) is not None:
            text = last.text.strip()
            key = normalise(text)
            heading = any(key.startswith(start) for start, _ in _HEADINGS)
            if len(text) <= _HEADING_LENGTH and not heading and not key.startswith("паспорт"):
                found.add(id(last))
        last = None
    return found


def _passport_heading(paragraph: RawParagraph) -> bool:
    """«ПАСПОРТ ДОРОЖНОЙ КАРТЫ»: the word in capitals, or a bold, centred or heading paragraph
    that starts with it."""
    text = paragraph.text.strip()
    if len(text) >= _HEADING_LENGTH or not re.match(r"^паспорт\b", text, re.IGNORECASE):
        return False
    styled = (
        paragraph.bold
        or paragraph.centered
        or paragraph.style.lower().startswith(("heading", "заголовок", "title"))
    )
    return text.startswith("ПАСПОРТ") or styled


def _first_place(raw: RawDocument) -> Place:
    return raw.blocks[0].place if raw.blocks else Place()


def _short(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= 60 else line[:59] + "…"
