"""Recognising an order (приказ) in a document read from Word.

An order is read in the order its parts stand on the page (ГОСТ Р 7.0.97): the letterhead
(parent body, full name, short name in brackets), the word «ПРИКАЗ», the date and number, the
place, the title, the basis, the word of the operative part («ПРИКАЗЫВАЮ:»), the numbered
clauses, the signature, then the appendices, each opened by its mark («Приложение № 1 к
приказу от … № …») or its approval stamp, with a title and a plan table.

A clause that names who is charged with it («Заместителям директора школы Лаврушкиной Е.А.,
Романовой И.Е. обеспечить …») is split back into addressees in the nominative only where
declining them again, as the template will, gives exactly what was written; otherwise it stays
text. Every decision is a :class:`~roadmapdocs.importing.outcome.Guess`, every text no field
took an :class:`~roadmapdocs.importing.outcome.Unplaced`.
"""

from __future__ import annotations

import importlib
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, cast

from pydantic import BaseModel

from roadmapdocs.importing.outcome import Guess, Imported, Unplaced
from roadmapdocs.importing.period import period_in
from roadmapdocs.importing.raw import Place, RawDocument, RawParagraph, RawRow, RawTable
from roadmapdocs.lang.fio import split_name
from roadmapdocs.lang.grammar import Gender
from roadmapdocs.messages import Phrase
from roadmapdocs.model.order import MONTHS, Appendix, Order, ShortYearDate, requisite_date

PlanReader = Callable[[RawTable], Imported]
"""What reads an appendix's table into a plan: ``roadmapdocs.importing.plans.read_plan``."""

Path = tuple[str | int, ...]

_SPACES = re.compile(r"[\s\u00a0]+")
_LETTERS = re.compile(r"[^а-яёa-z]")

# «ПРИКАЗ», «П Р И К А З», «Приказ»; «ПРИКАЗ № 226» keeps its requisites on the line.
_ORDER_WORD = re.compile(r"п\s*р\s*и\s*к\s*а\s*з", re.IGNORECASE)
_ORDER_WORD_LEADING = re.compile(r"(?:П\s+Р\s+И\s+К\s+А\s+З|ПРИКАЗ)(?![А-ЯЁа-яё])\s*(.*)")

_PREAMBLE_WORDS = frozenset(
    (
        "приказываю",
        "приказывает",
        "постановляю",
        "постановляет",
        "постановил",
        "постановили",
        "распоряжаюсь",
        "обязываю",
        "предлагаю",
        "определяю",
        "решил",
        "решила",
        "решили",
        "решает",
    )
)
_INLINE_PREAMBLE = re.compile(
    r"(?P<basis>.*?)[\s,]*\b(?P<word>" + "|".join(sorted(_PREAMBLE_WORDS)) + r")\s*:\s*",
    re.IGNORECASE | re.DOTALL,
)

_DOTTED_DATE = r"\d{1,2}\s?\.\s?\d{1,2}\s?\.\s?(?:\d{4}|\d{2})(?!\d)"
_MONTH = "(?:" + "|".join(MONTHS) + ")"
_WORDED_DATE = rf"[«\"“„']?\s*\d{{1,2}}\s*[»\"”“']?\s+{_MONTH}\s+(?:\d{{4}}|\d{{2}})(?!\d)"
# «г.» after a date is «года» unless a town's name follows it on the same line («05.09.2024
# г. Смоленск» names the place); a tab before it starts another requisite.
_YEAR_WORD = r"(?:[ \u00a0]?г\.(?![ \u00a0]*[А-ЯЁ])|[ \u00a0]года?\b|[ \u00a0]?г\b(?!\.))"
_DATE = re.compile(
    rf"(?:\bот\s+)?(?P<date>(?:{_DOTTED_DATE}|{_WORDED_DATE}){_YEAR_WORD}?)",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"(?:№|N\s|No\.?)\s*(?P<number>[^\s,;()]+)")
_QUOTED = re.compile(r"«[^«»]*»|\"[^\"]*\"|“[^“”]*”|„[^„“]*“")

_LOCALITY = re.compile(r"(?:г|с|п|пос|д|ст|пгт|рп|х|аул)\.\s*[А-ЯЁ]", re.IGNORECASE)
_BASIS_START = re.compile(
    r"(?:руководствуясь|в\s+соответствии|на\s+основании|во\s+исполнение|в\s+целях|с\s+целью|"
    r"согласно|в\s+связи|в\s+рамках|для\s+|учитывая|рассмотрев|заслушав|по\s+итогам|"
    r"в\s+ходе|с\s+учетом|с\s+учётом)",
    re.IGNORECASE,
)

_CLAUSE = re.compile(r"(\d{1,3})\s?[.)](?!\d)\s*(.*)", re.DOTALL)
_SUBCLAUSE = re.compile(r"(\d{1,3})\.(\d{1,3})(?![.]\d)[.)]?\s+(.*)", re.DOTALL)

_APPENDIX = re.compile(
    r"приложение(?:\s*(?:№|N)\s*|\s+)?(?P<number>\d+[а-я]?|[IVX]+)?(?![а-яё])\s*(?P<rest>.*)",
    re.IGNORECASE | re.DOTALL,
)
_TO_ORDER = re.compile(r"к\s+(?:приказу|распоряжению|постановлению|решению)\b", re.IGNORECASE)
_STAMP = re.compile(r"утвержд(?:ен|ён|ена|ено|ены|аю)\b", re.IGNORECASE)
_ABBREVIATIONS = re.compile(r"принятые\s+сокращения\s*:?", re.IGNORECASE)
_ABBREVIATION = re.compile(r"(?P<short>\S.{0,40}?)\s+[–—-]\s+(?P<full>\S.*)", re.DOTALL)

_SURNAME = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)*"
_INITIALS = r"[А-ЯЁ]\.(?:[ \u00a0]?[А-ЯЁ]\.)?"
_PERSON = re.compile(rf"(?P<surname>{_SURNAME})[ \u00a0]+(?P<initials>{_INITIALS})")
_LIST_SEPARATOR = re.compile(r"[ \u00a0]*,[ \u00a0]*|[ \u00a0]+и[ \u00a0]+")
_SIGNED_NAME = re.compile(
    rf"(?P<name>(?:{_INITIALS})[ \u00a0]?{_SURNAME}|{_SURNAME}[ \u00a0]+{_INITIALS})\s*"
)
_SIGNATURE_GAP = re.compile(r"(?:\t|[ \u00a0]{2,}|_{2,}|/)[\s_/]*")
_POSITION_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")

# The first words of an organisation's legal form: the letterhead prints «Муниципальное …» with a
# capital (ГОСТ Р 7.0.97), the name itself is written «муниципальное …».
_LEGAL_FORM = (
    "муниципальн",
    "государственн",
    "федеральн",
    "частн",
    "негосударственн",
    "областн",
    "краев",
    "автономн",
    "бюджетн",
    "казенн",
    "казённ",
    "некоммерческ",
)

_LEGAL_FORM_CAPITAL = tuple(form.capitalize() for form in _LEGAL_FORM)


@dataclass(frozen=True)
class _Line:
    """One line of a paragraph («\\n» inside a paragraph is a line break)."""

    text: str
    paragraph: RawParagraph

    @property
    def place(self) -> Place:
        return self.paragraph.place


_Item = _Line | RawTable


def _squash(text: str) -> str:
    """Every run of white space one plain space: for what is compared or built anew (names,
    positions, requisites)."""
    return _SPACES.sub(" ", text).strip()


def _tidy(text: str) -> str:
    """Runs of spaces and tabs one space, the rest as written (non-breaking spaces kept): for
    the document's own text."""
    return re.sub(r"[ \t]+", " ", text).strip()


def _date_text(written: str) -> str | None:
    """The requisite date as the model reads it: «05.09.2024»; a year written in two digits
    stays as written, so that validation can ask for it in full."""
    squashed = _squash(written)
    dotted = re.sub(r"\s*(?:г\.?|года?)$", "", squashed, flags=re.IGNORECASE)
    found = requisite_date(re.sub(r"\s*\.\s*", ".", dotted))
    if found is None:
        found = requisite_date(squashed)
    if found is None:
        return None
    if isinstance(found, ShortYearDate):
        return found.written
    return found.strftime("%d.%m.%Y")


def _find_date(text: str) -> tuple[re.Match[str], str] | None:
    """The first real date in ``text``, with its match and its text as the model reads it."""
    start = 0
    while (match := _DATE.search(text, start)) is not None:
        found = _date_text(match.group("date"))
        if found is not None:
            return match, found
        start = match.start() + 1
    return None


def _unquoted(text: str) -> str:
    """``text`` with names in quotes blanked out (their «№» is no registration number),
    positions kept."""
    return _QUOTED.sub(lambda m: " " * len(m.group()), text)


def _is_preamble(text: str) -> str | None:
    """The word of the operative part when ``text`` is that word alone, in any spacing and
    case: «ПРИКАЗЫВАЮ:», «п р и к а з ы в а ю:» → «приказываю»."""
    if re.search(r"[^\sА-Яа-яЁё:.]", text):
        return None
    letters = _LETTERS.sub("", text.lower())
    return letters if letters in _PREAMBLE_WORDS else None


def _spaced(text: str) -> bool:
    return bool(re.search(r"[А-Яа-яЁё]\s[А-Яа-яЁё]\s[А-Яа-яЁё]", text))


def _place_like(text: str) -> bool:
    """A short line that names a town: «Смоленск», «г. Смоленск», «с. Новоспасское»."""
    words = text.split()
    if not words or len(words) > 4 or len(text) > 40:
        return False
    if re.search(r"[\d№:;«»\"]", text) or text.endswith(","):
        return False
    if _ORDER_WORD.fullmatch(text) or _is_preamble(text):
        return False
    if words[0].lower() in ("о", "об", "обо"):
        return False
    return bool(_LOCALITY.match(text) or text[0].isupper())


def _all_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _in_brackets(text: str) -> bool:
    return text.startswith("(") and text.endswith(")")


def _first_lower(name: str) -> str:
    """The full name as text writes it: the letterhead's capital taken back from a legal form
    («Муниципальное бюджетное …» → «муниципальное бюджетное …»)."""
    first = name.split(maxsplit=1)[0] if name.split() else ""
    if first[:1].isupper() and first[1:].islower() and first.startswith(_LEGAL_FORM_CAPITAL):
        return name[:1].lower() + name[1:]
    return name


def _signer_name(text: str) -> str:
    """«Т.А. Оловянникова» → «Оловянникова Т.А.», as a person is written in YAML."""
    parts = split_name(text)
    if parts is not None and "initials" in parts:
        return f"{parts['surname']} {parts['initials']}"
    match = re.fullmatch(rf"({_INITIALS})[ \u00a0]?({_SURNAME})", _squash(text))
    if match is not None:
        return f"{match.group(2)} {match.group(1).replace(' ', '')}"
    return _squash(text)


def _row_text(row: RawRow) -> str:
    return " | ".join(cell.text for cell in row.cells if cell.text.strip())


@dataclass(frozen=True)
class _Requisites:
    """What a line of requisites gives: the date as the model reads it, the number without
    «№», and what is left («г. Смоленск», or nothing)."""

    date: str | None
    number: str | None
    rest: str

    @classmethod
    def of(cls, text: str) -> _Requisites:
        rest = text
        date = None
        found = _find_date(text)
        if found is not None:
            match, date = found
            rest = rest[: match.start()] + " " * (match.end() - match.start()) + rest[match.end() :]
        number = _NUMBER.search(_unquoted(rest))
        if number is not None:
            rest = rest[: number.start()] + rest[number.end() :]
        leftover = _squash(re.sub(r"^\W+|\W+$", "", _squash(rest)))
        if leftover.lower() in ("от", "г", "года"):
            leftover = ""
        return cls(date, number.group("number").rstrip(".") if number else None, leftover)


# --- Addressees: the inverse of the template's dative -------------------------------------------


@dataclass(frozen=True)
class _Addressees:
    position: str | None
    people: list[str | dict[str, str]]
    text: str
    guessed_genders: list[str]
    joined_with_and: bool


def _analyzer() -> Any:
    # The dictionary the declension of positions loads: one copy per process.
    from roadmapdocs.lang.positions import _analyzer as shared

    return shared()


def _case_like(written: str, word: str) -> str:
    """``word`` (lower case) spelt with ``written``'s capitals, each half of a hyphenated one."""
    pieces = word.split("-")
    written_pieces = written.split("-")
    if len(pieces) != len(written_pieces):
        return word[:1].upper() + word[1:] if written[:1].isupper() else word
    return "-".join(
        piece[:1].upper() + piece[1:] if source[:1].isupper() else piece
        for piece, source in zip(pieces, written_pieces, strict=True)
    )


# Dative endings of surnames and the nominative endings they come from, most likely first.
_SURNAME_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ому", ("ой", "ый", "ий")),
    ("ему", ("ий", "ей")),
    ("ой", ("а", "ая")),
    ("ей", ("я", "яя", "ья")),
    ("ии", ("ия",)),
    ("у", ("",)),
    ("ю", ("й", "ь")),
    ("е", ("а", "я")),
    ("и", ("ь", "а", "я")),
)


# Endings no nominative has, which taking the dative's ending off leaves where the nominative
# has a fleeting vowel («Льву» is «Лев», «Орлу» is «Орёл»): the rules decline «Льв» to «Льву»
# too, so only this tells the wrong answer.
_FLEETING = re.compile(r"[ьъй][бвгдклмнпрт]$|[бвгдзклмнпрстфхцчшщ]л$", re.IGNORECASE)


def _surname_candidates(written: str) -> list[str]:
    """Nominatives whose dative may be ``written``: the dictionary's surnames first, then the
    endings petrovich declines, then the word as it is (Шевченко, Белых, Кулиш for a woman)."""
    halves = written.split("-")
    if len(halves) > 1:
        options = [_surname_candidates(half) for half in halves]
        return ["-".join(combo) for combo in itertools.islice(itertools.product(*options), 64)]
    found: list[str] = []
    for parse in _analyzer().parse(written.lower()):
        if "Surn" in parse.tag and "datv" in parse.tag:
            nominative = parse.inflect({"nomn"})
            if nominative is not None:
                found.append(_case_like(written, str(nominative.word).replace("ё", "е")))
    lower = written.lower()
    for ending, replacements in _SURNAME_ENDINGS:
        if lower.endswith(ending) and len(written) > len(ending) + 1:
            found += [
                candidate
                for new in replacements
                if not _FLEETING.search(candidate := written[: -len(ending)] + new)
            ]
    # A surname left as it is in the dative does not end as a declined one does: «Льву» is no
    # nominative, whatever the rules make of it.
    if not lower.endswith(("у", "ю", "ой", "ей")):
        found.append(written)
    return list(dict.fromkeys(found))


def _nominative_person(surname: str, initials: str) -> str | dict[str, str] | None:
    """The person whose dative is «``surname`` ``initials``», as YAML writes it: «Фамилия
    И.О.», or a mapping with the gender where the dative depends on one the name does not
    show; None when no nominative declines back to what was written."""
    from roadmapdocs.lang.names import declined_name
    from roadmapdocs.model.person import Person

    written = f"{surname} {initials}"
    genders: tuple[Gender | None, ...] = (None, "female", "male")
    for candidate in _surname_candidates(surname):
        for gender in genders:
            person = Person(surname=candidate, initials=initials, gender=gender)
            if declined_name(person, "dative") == written:
                if gender is None:
                    return f"{candidate} {initials}"
                return {"surname": candidate, "initials": initials, "gender": gender}
    return None


def _printed_position(position: str, plural: bool) -> str:
    from roadmapdocs.lang.positions import inflect_position

    printed = inflect_position(position, "dative", plural=plural)
    return printed[:1].upper() + printed[1:]


def _nominative_forms(word: str, plural: bool) -> list[str]:
    """The nominative singular forms of ``word`` where it is a noun or an agreeing word in the
    dative, singular or plural as asked."""
    forms: list[str] = []
    for parse in _analyzer().parse(word.lower()):
        tag = parse.tag
        if "datv" not in tag or tag.POS not in ("NOUN", "ADJF", "PRTF"):
            continue
        if ("plur" in tag) != plural:
            continue
        wanted = [{"nomn", "sing"}]
        if tag.POS != "NOUN":
            wanted = [{"nomn", "sing", gender} for gender in ("masc", "femn", "neut")]
        for grammemes in wanted:
            inflected = parse.inflect(grammemes)
            if inflected is not None:
                form = str(inflected.word)
                if "ё" not in word.lower():
                    form = form.replace("ё", "е")
                forms.append(form)
    return list(dict.fromkeys(forms))


def _nominative_position(written: str, plural: bool) -> str | None:
    """The position in the nominative singular whose dative the template prints as
    ``written`` («Заместителям директора школы», plural) → «заместитель директора школы»; None
    when no such position declines back to it."""
    matches = list(_POSITION_WORD.finditer(written))
    if not matches or len(matches) > 10 or sum(c.isupper() for c in matches[0].group()) > 1:
        return None
    options: list[list[str]] = []
    for match in matches[:4]:
        forms = _nominative_forms(match.group(), plural)
        if not forms:
            break
        options.append(forms)
    target = _squash(written)
    for count in range(len(options), 0, -1):
        for combo in itertools.islice(itertools.product(*options[:count]), 64):
            pieces: list[str] = []
            end = 0
            for index, (match, form) in enumerate(zip(matches, combo, strict=False)):
                spelt = form if index == 0 else _case_like(match.group(), form)
                pieces += [written[end : match.start()], spelt]
                end = match.end()
            candidate = _squash("".join(pieces) + written[end:])
            if _printed_position(candidate, plural) == target:
                return candidate
    return None


def _split_addressees(text: str) -> _Addressees | None:
    """A clause's addressees and its own text, when it opens with them in the dative and they
    decline back to what was written; None otherwise."""
    first = _PERSON.search(text)
    prefix = text[: first.start()] if first else ""
    if first is None or len(prefix.split()) > 10 or (prefix and not prefix[-1].isspace()):
        return _split_position_only(text)
    found: list[re.Match[str]] = [first]
    end = first.end()
    joined_with_and = False
    while True:
        separator = _LIST_SEPARATOR.match(text, end)
        following = _PERSON.match(text, separator.end()) if separator else None
        if separator is None or following is None:
            break
        joined_with_and = joined_with_and or "," not in separator.group()
        found.append(following)
        end = following.end()
    rest = text[end:]
    if rest and not rest[0].isspace():
        return None
    people: list[str | dict[str, str]] = []
    genders: list[str] = []
    for match in found:
        initials = match.group("initials").replace(" ", "").replace("\u00a0", "")
        person = _nominative_person(match.group("surname"), initials)
        if person is None:
            return None
        people.append(person)
        if isinstance(person, dict):
            genders.append(f"{person['surname']} {initials}")
    position = None
    if prefix.strip():
        position = _nominative_position(prefix.strip(), plural=len(found) > 1)
        if position is None:
            return None
    return _Addressees(position, people, rest.strip(), genders, joined_with_and)


def _split_position_only(text: str) -> _Addressees | None:
    """«Заместителю директора по УВР обеспечить …»: a position alone before the verb."""
    words = list(_POSITION_WORD.finditer(text))
    for index, match in enumerate(words[:11]):
        if any("INFN" in parse.tag for parse in _analyzer().parse(match.group().lower())[:1]):
            if index == 0:
                return None
            prefix = text[: match.start()].strip()
            if not prefix or not prefix[-1].isalpha():
                return None
            position = _nominative_position(prefix, plural=False)
            if position is None:
                return None
            return _Addressees(position, [], text[match.start() :].strip(), [], False)
    return None


def _looks_addressed(text: str) -> bool:
    """Whether a clause seems to open with addressees in the dative (to say so when it could
    not be split)."""
    first = _PERSON.search(text)
    if first is None or len(text[: first.start()].split()) > 10:
        return False
    lead = _POSITION_WORD.match(text)
    if lead is None:
        return False
    return (
        lead.start() == first.start()
        or bool(_nominative_forms(lead.group(), True))
        or bool(_nominative_forms(lead.group(), False))
    )


@dataclass
class _Clause:
    """A clause as it is read: its text (lines without a number go on it), its subclauses."""

    text: str
    place: Place
    subclauses: list[str] = field(default_factory=list)
    subclause_places: list[Place] = field(default_factory=list)

    def go_on(self, text: str) -> None:
        """A paragraph without a number continues the last subclause, or the clause."""
        if self.subclauses:
            self.subclauses[-1] += "\n" + text
        else:
            self.text += "\n" + text


# --- Messages ----------------------------------------------------------------------------------

_G_PARENT = Phrase(
    "строка «{text}» (прописными) → учредитель (organisation.parent_body)",
    "line «{text}» (in capitals) → the parent body (organisation.parent_body)",
)
_G_FULL_NAME = Phrase(
    "«{text}» → полное наименование организации",
    "«{text}» → the organisation's full name",
)
_G_LOWERED = Phrase(
    "полное наименование записано со строчной буквы, как в тексте; бланк печатает его с прописной",
    "the full name is written with a small letter, as in running text; the letterhead prints a capital",
)
_G_SHORT_NAME = Phrase(
    "строка в скобках «{text}» → сокращённое наименование",
    "the line in brackets «{text}» → the short name",
)
_G_PLACE = Phrase(
    "строка «{text}» → место составления",
    "line «{text}» → the place of issue",
)
_G_TITLE = Phrase(
    "«{text}» → заголовок приказа",
    "«{text}» → the order's title",
)
_G_BASIS = Phrase(
    "«{text}» → основание (преамбула)",
    "«{text}» → the basis (preamble)",
)
_G_SPACED = Phrase(
    "слово «{text}» напечатано вразрядку: в данных — «{word}», вразрядку его печатает "
    'настройка preamble_style = "spaced"',
    "the word «{text}» is letter-spaced: the data say «{word}», the setting "
    'preamble_style = "spaced" prints it spaced',
)
_G_INLINE_PREAMBLE = Phrase(
    "слово «{word}» стоит в конце основания: отделено от него",
    "the word «{word}» ends the basis: taken apart from it",
)
_G_ADDRESSEES = Phrase(
    "пункт {number}: «{written}» → адресаты: {position}{people}",
    "clause {number}: «{written}» → addressees: {position}{people}",
)
_G_GENDER = Phrase(
    "пункт {number}: пол «{name}» указан по тому, как имя склонено в документе",
    "clause {number}: the gender of «{name}» is given by how the document declines the name",
)
_G_AND = Phrase(
    "пункт {number}: адресаты перечислены через «и», шаблон перечисляет их через запятую",
    "clause {number}: the addressees are joined with «и», the template joins them with commas",
)
_G_NOT_SPLIT = Phrase(
    "пункт {number} похож на поручение в дательном падеже, но именительный падеж, который "
    "склоняется обратно в написанное, не найден: пункт оставлен текстом",
    "clause {number} looks like a charge in the dative, but no nominative declines back to what "
    "is written: the clause is kept as text",
)
_G_CONTINUED = Phrase(
    "абзац без номера «{text}» → продолжение пункта {number}",
    "the unnumbered paragraph «{text}» → continues clause {number}",
)
_G_UNNUMBERED = Phrase(
    "абзац без номера «{text}» → пункт {number}",
    "the unnumbered paragraph «{text}» → clause {number}",
)
_G_RENUMBERED = Phrase(
    "пункт с номером {written} будет напечатан с номером {number}",
    "the clause numbered {written} will print as number {number}",
)
_G_SUB_ELSEWHERE = Phrase(
    "подпункт {written} стоит под пунктом {number} и будет напечатан как {number}.{index}",
    "subclause {written} stands under clause {number} and will print as {number}.{index}",
)
_G_SIGNER = Phrase(
    "«{position}» и «{name}» → подпись",
    "«{position}» and «{name}» → the signature",
)
_G_APPENDIX = Phrase(
    "«{text}» → отметка о приложении {number}",
    "«{text}» → the mark of appendix {number}",
)
_G_STAMP = Phrase(
    "«{text}» → гриф утверждения приложения {number}",
    "«{text}» → the approval stamp of appendix {number}",
)
_G_APPENDIX_TITLE = Phrase(
    "«{text}» → заголовок приложения {number}",
    "«{text}» → the title of appendix {number}",
)
_G_JOINED_TABLES = Phrase(
    "таблицы {tables} → одна таблица плана приложения {number} (продолжение на следующей странице)",
    "tables {tables} → one plan table of appendix {number} (continued over pages)",
)
_G_REPEATED_HEADER = Phrase(
    "строка повторяет шапку таблицы на новой странице: не строка плана",
    "the row repeats the table's header on a new page: not a row of the plan",
)
_G_ABBREVIATIONS = Phrase(
    "«Принятые сокращения» → сокращения документа ({count})",
    "«Принятые сокращения» → the document's abbreviations ({count})",
)


def _short(text: str, limit: int = 60) -> str:
    text = _squash(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- The reader --------------------------------------------------------------------------------


class _OrderReader:
    def __init__(self, raw: RawDocument, plan_reader: PlanReader) -> None:
        self.items: list[_Item] = list(_items(raw))
        self.used: set[int] = set()
        self.data: dict[str, Any] = {"kind": "order"}
        self.out = Imported(self.data)
        self.plan_reader = plan_reader
        self.abbreviations: list[dict[str, str]] = []

    # Small helpers.

    def line(self, index: int) -> _Line | None:
        if 0 <= index < len(self.items):
            item = self.items[index]
            if isinstance(item, _Line):
                return item
        return None

    def take(self, index: int) -> _Line:
        line = self.line(index)
        assert line is not None
        self.used.add(index)
        return line

    def place(self, path: Path, place: Place) -> None:
        self.out.places[path] = place

    def guess(self, place: Place, phrase: Phrase) -> None:
        self.out.guesses.append(Guess(place, phrase.in_()))

    def set(self, path: Path, value: Any, place: Place) -> None:
        target: Any = self.data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        self.place(path, place)

    def organisation(self) -> dict[str, Any]:
        organisation: dict[str, Any] = self.data.setdefault("organisation", {})
        return organisation

    # The whole order.

    def read(self) -> Imported:
        order_at = self.find_order_word()
        start = 0
        if order_at is not None:
            self.letterhead(order_at)
            start = self.requisites(order_at)
        preamble_at, clauses_at = self.preamble(start)
        self.title_and_basis(start, preamble_at if preamble_at is not None else clauses_at)
        end = self.clauses(clauses_at)
        end = self.signer(end)
        self.appendices(end)
        if self.abbreviations:
            self.data["abbreviations"] = self.abbreviations
        self.period()
        self.leftovers()
        _in_field_order(self.data, Order)
        return self.out

    def period(self) -> None:
        """The period the title names, as the template leaves it there: without it, terms
        written without a year («октябрь») would fall in no year."""
        found = period_in(str(self.data.get("title", "")))
        if found is not None and "period" not in self.data:
            self.data["period"] = found
            where = self.out.places.get(("title",), Place())
            self.out.places[("period",)] = where
            self.out.guesses.append(Guess(where, f"период «{found}» — по заголовку"))

    def find_order_word(self) -> int | None:
        for index, item in enumerate(self.items):
            if not isinstance(item, _Line):
                continue
            text = _squash(item.text)
            if _ORDER_WORD.fullmatch(text) or _ORDER_WORD_LEADING.fullmatch(text):
                return index
        return None

    def letterhead(self, order_at: int) -> None:
        lines = [i for i in range(order_at) if self.line(i) is not None]
        if lines and _STAMP.match(self.take_peek(lines[0])):
            stamp = [lines.pop(0)]
            while (
                lines
                and not _in_brackets(self.take_peek(lines[0]))
                and self.stamp_goes_on(stamp, lines[0])
            ):
                stamp.append(lines.pop(0))
            first = self.take(stamp[0])
            self.set(("approval",), "\n".join(self.take(i).text for i in stamp), first.place)
        bracket = next((i for i in lines if _in_brackets(_squash(self.take_peek(i)))), None)
        name_lines = [i for i in lines if bracket is None or i < bracket]
        # The parent body: the lines in capitals before the name, which starts with its legal
        # form («МУНИЦИПАЛЬНОЕ …», «муниципальное …») or in small letters.
        parent: list[int] = []
        for index in name_lines[:-1]:
            text = _squash(self.take_peek(index))
            if not _all_capitals(text) or text.lower().startswith(_LEGAL_FORM):
                break
            parent.append(index)
        if parent:
            del name_lines[: len(parent)]
            line = self.take(parent[0])
            text = "\n".join(_tidy(self.take(i).text) for i in parent)
            self.organisation()["parent_body"] = text
            self.place(("organisation", "parent_body"), line.place)
            self.guess(line.place, _G_PARENT.format(text=_short(text)))
        if name_lines:
            first = self.take(name_lines[0])
            written = " ".join(_tidy(self.take(i).text) for i in name_lines)
            full_name = _first_lower(written)
            self.organisation()["full_name"] = full_name
            self.place(("organisation", "full_name"), first.place)
            self.guess(first.place, _G_FULL_NAME.format(text=_short(written)))
            if full_name != written:
                self.guess(first.place, _G_LOWERED)
        if bracket is not None:
            line = self.take(bracket)
            self.organisation()["short_name"] = _tidy(line.text)[1:-1].strip()
            self.place(("organisation", "short_name"), line.place)
            self.guess(line.place, _G_SHORT_NAME.format(text=_short(line.text)))
            for index in lines:
                after = self.line(index)
                if (
                    index > bracket
                    and after is not None
                    and "place" not in self.data
                    and _place_like(_squash(after.text))
                ):
                    self.take(index)
                    self.set(("place",), _squash(after.text), after.place)
                    self.guess(after.place, _G_PLACE.format(text=_squash(after.text)))

    def take_peek(self, index: int) -> str:
        line = self.line(index)
        return line.text if line is not None else ""

    def stamp_goes_on(self, taken: list[int], index: int) -> bool:
        """Whether the line at ``index`` continues an approval stamp (or appendix mark) whose
        lines are ``taken``: the same paragraph, the same right-hand block, or a line that
        goes on with a small letter, «от …», «№ …»."""
        joined = " ".join(self.take_peek(i) for i in taken)
        if _find_date(joined) is not None and _NUMBER.search(_unquoted(joined)):
            return False
        line, last = self.line(index), self.line(taken[-1])
        if line is None or last is None or index != taken[-1] + 1 or len(taken) >= 6:
            return False
        if line.paragraph is last.paragraph:
            return True
        text = _squash(line.text)
        if _APPENDIX.match(text) and not _TO_ORDER.match(text):
            return False
        if line.paragraph.right and last.paragraph.right:
            return True
        return bool(
            text[:1].islower()
            or re.match(r"(?:от|№)\s", text, re.IGNORECASE)
            or _TO_ORDER.match(text)
        )

    def requisites(self, order_at: int) -> int:
        """Date, number and place after «ПРИКАЗ»; where the title starts."""
        word = self.take(order_at)
        leading = _ORDER_WORD_LEADING.fullmatch(_squash(word.text))
        index = order_at + 1
        if leading is not None and leading.group(1):
            self.requisite_line(word, _Requisites.of(leading.group(1)))
        while True:
            line = self.line(index)
            if line is None:
                break
            text = _squash(line.text)
            parts = _Requisites.of(line.text)
            wanted = (parts.date is not None and "date" not in self.data) or (
                parts.number is not None and "number" not in self.data
            )
            # A title may quote a number («… № 273-ФЗ»): a line of requisites holds nothing else.
            if wanted and (not parts.rest or _place_like(parts.rest)):
                self.take(index)
                self.requisite_line(line, parts)
                index += 1
                continue
            if "place" not in self.data and _place_like(text) and not line.paragraph.bold:
                self.take(index)
                self.set(("place",), text, line.place)
                self.guess(line.place, _G_PLACE.format(text=text))
                index += 1
                continue
            break
        return index

    def requisite_line(self, line: _Line, parts: _Requisites) -> None:
        """One line of requisites: «05.09.2024\\t\\t№ 226/1-г», «от 05.09.2024», «№ 226/1-г»,
        «“05” сентября 2024 г. № 226/1-г», maybe with the place between them."""
        if parts.date is not None and "date" not in self.data:
            self.set(("date",), parts.date, line.place)
        if parts.number is not None and "number" not in self.data:
            self.set(("number",), parts.number, line.place)
        if not parts.rest:
            return
        if "place" not in self.data and _place_like(parts.rest):
            self.set(("place",), parts.rest, line.place)
            self.guess(line.place, _G_PLACE.format(text=parts.rest))
        else:
            self.out.unplaced.append(Unplaced(line.place, parts.rest))

    def preamble(self, start: int) -> tuple[int | None, int]:
        """Where the word of the operative part stands (None where none does) and where the
        clauses start."""
        for index in range(start, len(self.items)):
            line = self.line(index)
            if line is None:
                continue
            word = _is_preamble(_squash(line.text))
            if word is not None:
                self.take(index)
                self.set(("preamble_word",), word, line.place)
                if _spaced(line.text):
                    self.guess(line.place, _G_SPACED.format(text=_squash(line.text), word=word))
                return index, index + 1
            if _CLAUSE.fullmatch(_squash(line.text)) and index > start:
                break
        # «…, приказываю:» ending the basis, or none at all: the clauses start at «1.».
        for index in range(start, len(self.items)):
            line = self.line(index)
            if line is None:
                continue
            text = _squash(line.text)
            if _CLAUSE.fullmatch(text) and not _SUBCLAUSE.fullmatch(text):
                return None, index
            inline = _INLINE_PREAMBLE.fullmatch(line.text.strip())
            if inline is not None and inline.group("basis").strip():
                word = inline.group("word").lower()
                self.set(("preamble_word",), word, line.place)
                self.guess(line.place, _G_INLINE_PREAMBLE.format(word=inline.group("word")))
                self.items[index] = _Line(inline.group("basis").strip().rstrip(","), line.paragraph)
                return index + 1, index + 1
        return None, len(self.items)

    def title_and_basis(self, start: int, end: int) -> None:
        lines = [i for i in range(start, end) if self.line(i) is not None and i not in self.used]
        if not lines:
            return
        texts = [self.take_peek(i) for i in lines]
        basis_at = next(
            (n for n, text in enumerate(texts) if _BASIS_START.match(text.strip())), None
        )
        if basis_at is None:
            bold = [n for n, i in enumerate(lines) if self.line(i).paragraph.bold]  # type: ignore[union-attr]
            if bold and bold[0] == 0:
                basis_at = next((n for n in range(len(lines)) if n not in bold), len(lines))
            else:
                basis_at = self.title_extent(lines)
        title, basis = lines[:basis_at], lines[basis_at:]
        if title:
            first = self.take(title[0])
            text = "\n".join(_tidy(self.take(i).text) for i in title)
            self.set(("title",), text, first.place)
            self.guess(first.place, _G_TITLE.format(text=_short(text)))
        if basis:
            first = self.take(basis[0])
            text = "\n".join(_tidy(self.take(i).text) for i in basis)
            self.set(("basis",), text, first.place)
            self.guess(first.place, _G_BASIS.format(text=_short(text)))

    def title_extent(self, lines: list[int]) -> int:
        """How many of ``lines`` make the title when neither a basis word nor bold type says:
        the lines of the first paragraph, and the short lines going on from it in small
        letters (a title broken by hand)."""
        first = self.line(lines[0])
        assert first is not None
        count = 1
        while count < len(lines):
            line = self.line(lines[count])
            assert line is not None
            if line.paragraph is first.paragraph:
                count += 1
                continue
            if line.text.strip()[:1].islower() and len(line.text) < 120:
                count += 1
                continue
            break
        return count

    def clauses(self, start: int) -> int:
        """The numbered clauses from ``start``; where they end."""
        clauses: list[_Clause] = []
        index = start
        while index < len(self.items):
            line = self.line(index)
            if line is None or self.is_signature(index) or self.appendix_starts(index):
                break
            text = line.text.strip()
            if _ABBREVIATIONS.fullmatch(_squash(text)):
                index = self.abbreviation_list(index)
                continue
            self.take(index)
            index += 1
            sub = _SUBCLAUSE.fullmatch(text)
            top = None if sub else _CLAUSE.fullmatch(text)
            if sub is not None and clauses:
                clause = clauses[-1]
                clause.subclauses.append(sub.group(3).strip())
                clause.subclause_places.append(line.place)
                written, number = f"{sub.group(1)}.{sub.group(2)}", len(clauses)
                if written != f"{number}.{len(clause.subclauses)}":
                    self.guess(
                        line.place,
                        _G_SUB_ELSEWHERE.format(
                            written=written, number=number, index=len(clause.subclauses)
                        ),
                    )
            elif top is not None:
                clauses.append(_Clause(top.group(2).strip(), line.place))
                if top.group(1) != str(len(clauses)):
                    self.guess(
                        line.place,
                        _G_RENUMBERED.format(written=top.group(1), number=len(clauses)),
                    )
            elif clauses:
                clauses[-1].go_on(text)
                self.guess(
                    line.place, _G_CONTINUED.format(text=_short(text, 40), number=len(clauses))
                )
            else:
                clauses.append(_Clause(text, line.place))
                self.guess(
                    line.place, _G_UNNUMBERED.format(text=_short(text, 40), number=len(clauses))
                )
        if clauses:
            self.data["clauses"] = [
                self.clause_data(number, clause) for number, clause in enumerate(clauses)
            ]
        return index

    def clause_data(self, number: int, clause: _Clause) -> dict[str, Any]:
        """The clause as data, its addressees split off where they decline back."""
        path: Path = ("clauses", number)
        place = clause.place
        self.place(path, place)
        self.place((*path, "text"), place)
        data: dict[str, Any] = {}
        first, newline, others = clause.text.partition("\n")
        text = clause.text
        split = _split_addressees(first)
        if split is not None:
            data["addressees"] = self.addressees(number, split, first, place)
            text = split.text + newline + others
        elif _looks_addressed(first):
            self.guess(place, _G_NOT_SPLIT.format(number=number + 1))
        data["text"] = text
        if clause.subclauses:
            data["subclauses"] = clause.subclauses
            for index, where in enumerate(clause.subclause_places):
                self.place((*path, "subclauses", index), where)
        return data

    def addressees(
        self, number: int, split: _Addressees, written: str, place: Place
    ) -> dict[str, Any]:
        path: Path = ("clauses", number, "addressees")
        self.place(path, place)
        addressees: dict[str, Any] = {}
        if split.position is not None:
            addressees["position"] = split.position
            self.place((*path, "position"), place)
        if split.people:
            addressees["people"] = split.people
            for person in range(len(split.people)):
                self.place((*path, "people", person), place)
        names = ", ".join(
            p if isinstance(p, str) else f"{p['surname']} {p['initials']}" for p in split.people
        )
        self.guess(
            place,
            _G_ADDRESSEES.format(
                number=number + 1,
                written=_short(written[: len(written) - len(split.text)], 80),
                position=split.position or "",
                people=f"; {names}" if names and split.position else names,
            ),
        )
        for name in split.guessed_genders:
            self.guess(place, _G_GENDER.format(number=number + 1, name=name))
        if split.joined_with_and:
            self.guess(place, _G_AND.format(number=number + 1))
        return addressees

    def is_signature(self, index: int) -> bool:
        return self.signature_at(index) is not None

    def signature_at(self, index: int) -> tuple[str | None, str, list[int]] | None:
        """The signature starting at ``index``: «Директор школы\\tТ.А. Оловянникова», or the
        position and the name on lines of their own; (position, name, the lines)."""
        line = self.line(index)
        if line is None:
            return None
        text = line.text.strip()
        if _CLAUSE.fullmatch(_squash(text)) or _APPENDIX.match(text):
            return None
        name = _SIGNED_NAME.search(text)
        if name is not None and name.end() == len(text):
            position = text[: name.start()]
            gap = _SIGNATURE_GAP.search(position)
            if not position.strip():
                return (None, name.group("name"), [index]) if self.lone_name(index) else None
            if gap is not None and gap.end() == len(position) and self.position_like(position):
                return _squash(position[: gap.start()]), name.group("name"), [index]
            if self.position_like(position) and (line.paragraph.right or "\t" in text):
                return _squash(position), name.group("name"), [index]
        if self.position_like(text):
            following = self.line(index + 1)
            if following is not None:
                name = _SIGNED_NAME.fullmatch(following.text.strip())
                if name is not None:
                    return _squash(text), name.group("name"), [index, index + 1]
        return None

    def lone_name(self, index: int) -> bool:
        """Whether a name standing alone on its line signs the order rather than goes on a list
        of names a clause opened («Состав комиссии:», then a name a line)."""
        before, after = self.line(index - 1), self.line(index + 1)
        if before is not None and (
            before.text.rstrip().endswith((":", ",", ";"))
            or _SIGNED_NAME.fullmatch(before.text.strip()) is not None
        ):
            return False
        return after is None or _SIGNED_NAME.fullmatch(after.text.strip()) is None

    @staticmethod
    def position_like(text: str) -> bool:
        text = _squash(text.strip(" _/\t"))
        words = text.split()
        return (
            0 < len(words) <= 10
            and text[:1].isupper()
            and not text.endswith((".", ",", ":", ";"))
            and not re.match(r"\d", text)
        )

    def signer(self, start: int) -> int:
        for index in range(start, min(start + 3, len(self.items))):
            found = self.signature_at(index)
            if found is None:
                continue
            position, name, lines = found
            for taken in lines:
                self.take(taken)
            place = self.take(lines[0]).place
            signer: dict[str, Any] = {}
            if position:
                signer["position"] = position
                self.place(("signer", "position"), place)
            signer["person"] = _signer_name(name)
            name_place = self.take(lines[-1]).place
            self.place(("signer", "person"), name_place)
            self.set(("signer",), signer, place)
            self.guess(place, _G_SIGNER.format(position=position or "", name=_squash(name)))
            return lines[-1] + 1
        return start

    def appendix_starts(self, index: int) -> bool:
        """Whether an appendix starts at ``index``: its mark («Приложение № 1» with «к приказу»
        on it or after it, or set at the right or on a new page) or an approval stamp."""
        line = self.line(index)
        if line is None:
            return False
        text = _squash(line.text)
        if _STAMP.match(text):
            return True
        mark = _APPENDIX.fullmatch(text)
        if mark is None:
            return False
        rest = mark.group("rest")
        if rest and not _TO_ORDER.match(rest):
            return False
        following = self.line(index + 1)
        return bool(
            _TO_ORDER.match(rest)
            or (following is not None and _TO_ORDER.match(_squash(following.text)))
            or line.paragraph.right
            or line.paragraph.page_break_before
        )

    def appendices(self, start: int) -> None:
        starts: list[int] = []
        index = start
        while index < len(self.items):
            if self.appendix_starts(index) and index not in self.used:
                starts.append(index)
                index = self.appendix_head_end(index)
            else:
                index += 1
        if not starts:
            return
        appendices: list[dict[str, Any]] = []
        self.data["appendices"] = appendices
        for number, begin in enumerate(starts):
            end = starts[number + 1] if number + 1 < len(starts) else len(self.items)
            appendix: dict[str, Any] = {}
            appendices.append(appendix)
            self.appendix(number, appendix, begin, end)
            _in_field_order(appendix, Appendix)

    def appendix_head_end(self, index: int) -> int:
        """Past the mark and the stamp that open an appendix at ``index`` (without taking them)."""
        end = index + 1
        taken = [index]
        while self.stamp_goes_on(taken, end):
            taken.append(end)
            end += 1
        line = self.line(end)
        if (
            line is not None
            and _STAMP.match(_squash(line.text))
            and not _STAMP.match(_squash(self.take_peek(index)))
        ):
            return self.appendix_head_end(end)
        return end

    def appendix(self, number: int, appendix: dict[str, Any], begin: int, end: int) -> None:
        prefix: Path = ("appendices", number)
        first = self.line(begin)
        assert first is not None
        self.place(prefix, first.place)
        index = begin
        # The mark, then the stamp (either may be missing; the stamp may come first).
        marked = False
        for _ in range(2):
            line = self.line(index)
            if line is None or index >= end:
                break
            text = _squash(line.text)
            if _STAMP.match(text) and "approval" not in appendix:
                index = self.appendix_stamp(number, appendix, index)
            elif _APPENDIX.fullmatch(text) and "reference" not in appendix and not marked:
                marked = True
                index = self.appendix_mark(number, appendix, index)
        # The title, the abbreviations, the plan's own title, then the table.
        tables = [i for i in range(index, end) if isinstance(self.items[i], RawTable)]
        table_at = tables[0] if tables else end
        title = self.appendix_title_lines(index, table_at)
        if title:
            text = "\n".join(_tidy(self.take(i).text) for i in title)
            place = self.take(title[0]).place
            self.set((*prefix, "title"), text, place)
            self.guess(place, _G_APPENDIX_TITLE.format(text=_short(text), number=number + 1))
            index = title[-1] + 1
        plan_title: list[int] = []
        while index < table_at:
            line = self.line(index)
            if (
                line is not None
                and index not in self.used
                and _ABBREVIATIONS.fullmatch(_squash(line.text))
            ):
                index = self.abbreviation_list(index, table_at)
                plan_title = [
                    i
                    for i in range(index, table_at)
                    if (item := self.line(i)) is not None
                    and item.paragraph.bold
                    and item.paragraph.centered
                ]
                continue
            index += 1
        if tables:
            self.appendix_plan(number, appendix, tables, plan_title)

    def appendix_mark(self, number: int, appendix: dict[str, Any], index: int) -> int:
        prefix: Path = ("appendices", number)
        taken = [index]
        while self.stamp_goes_on(taken, taken[-1] + 1):
            taken.append(taken[-1] + 1)
        lines = [self.take(i) for i in taken]
        mark = _APPENDIX.fullmatch(_squash(lines[0].text))
        assert mark is not None
        if mark.group("number"):
            self.set((*prefix, "number"), mark.group("number"), lines[0].place)
        quoted = " ".join([mark.group("rest"), *(_squash(line.text) for line in lines[1:])])
        self.reference(prefix, appendix, quoted, lines[0].place)
        written = " / ".join(_squash(line.text) for line in lines)
        self.guess(
            lines[0].place,
            _G_APPENDIX.format(text=_short(written, 80), number=number + 1),
        )
        return taken[-1] + 1

    def reference(self, prefix: Path, appendix: dict[str, Any], text: str, place: Place) -> None:
        """The order's date and number as the appendix quotes them."""
        reference: dict[str, str] = {}
        blanked = _unquoted(text)
        found = _find_date(blanked)
        if found is not None:
            reference["date"] = found[1]
            blanked = blanked[: found[0].start()] + blanked[found[0].end() :]
        number = _NUMBER.search(blanked)
        if number is not None:
            reference["number"] = number.group("number").rstrip(".")
        if reference:
            appendix["reference"] = reference
            self.place((*prefix, "reference"), place)
            for key in reference:
                self.place((*prefix, "reference", key), place)

    def appendix_stamp(self, number: int, appendix: dict[str, Any], index: int) -> int:
        taken = [index]
        while self.stamp_goes_on(taken, taken[-1] + 1):
            taken.append(taken[-1] + 1)
        lines = [self.take(i) for i in taken]
        text = "\n".join(_tidy(line.text) for line in lines)
        self.set(("appendices", number, "approval"), text, lines[0].place)
        self.guess(lines[0].place, _G_STAMP.format(text=_short(text, 80), number=number + 1))
        return taken[-1] + 1

    def appendix_title_lines(self, start: int, end: int) -> list[int]:
        lines = [
            i
            for i in range(start, end)
            if self.line(i) is not None
            and i not in self.used
            and not _ABBREVIATIONS.fullmatch(_squash(self.take_peek(i)))
        ]
        heading = next(
            (i for i in range(start, end) if _ABBREVIATIONS.fullmatch(_squash(self.take_peek(i)))),
            end,
        )
        lines = [i for i in lines if i < heading]
        if not lines:
            return []
        formatted = [
            i
            for i in lines
            if (line := self.line(i)) is not None
            and (line.paragraph.bold or line.paragraph.centered)
        ]
        if formatted:
            # Bold or centred lines, and the lines going on from them with a small letter (a
            # title broken into paragraphs, one of them left plain).
            taken: list[int] = []
            for i in lines:
                if i not in formatted and not (taken and self.take_peek(i)[:1].islower()):
                    break
                taken.append(i)
            return taken
        return lines if end < len(self.items) else lines[:1]

    def abbreviation_list(self, index: int, end: int | None = None) -> int:
        """«Принятые сокращения» and its lines «ШПРО – школы с пониженными результатами …»."""
        heading = self.take(index)
        index += 1
        found: list[dict[str, str]] = []
        while index < (end if end is not None else len(self.items)):
            line = self.line(index)
            if line is None:
                break
            match = _ABBREVIATION.fullmatch(_tidy(line.text))
            if match is None or self.is_signature(index):
                break
            self.take(index)
            path = ("abbreviations", len(self.abbreviations) + len(found))
            self.place(path, line.place)
            found.append({"short": match.group("short"), "full": match.group("full")})
            index += 1
        if found:
            self.abbreviations.extend(found)
            self.guess(heading.place, _G_ABBREVIATIONS.format(count=len(found)))
        else:
            self.used.discard(index - 1)
        return index

    def appendix_plan(
        self, number: int, appendix: dict[str, Any], tables: list[int], plan_title: list[int]
    ) -> None:
        prefix: Path = ("appendices", number, "plan")
        raws = [cast(RawTable, self.items[i]) for i in tables]
        self.used.update(tables)
        table = _joined(raws, self)
        if len(raws) > 1:
            numbers = ", ".join(str(t.place.table) for t in raws if t.place.table is not None)
            self.guess(raws[0].place, _G_JOINED_TABLES.format(tables=numbers, number=number + 1))
        plan = self.plan_reader(table)
        data = dict(plan.data)
        if plan_title and "title" not in data:
            first = self.take(plan_title[0])
            data["title"] = "\n".join(_tidy(self.take(i).text) for i in plan_title)
            plan.places[("title",)] = first.place
        appendix["plan"] = data
        self.place(prefix, table.place)
        self.out.merge(plan, prefix)

    def leftovers(self) -> None:
        for index, item in enumerate(self.items):
            if index in self.used:
                continue
            if isinstance(item, _Line):
                self.out.unplaced.append(Unplaced(item.place, item.text.strip()))
            else:
                for row in item.rows:
                    text = _row_text(row)
                    if text:
                        self.out.unplaced.append(Unplaced(row.place, text))


def _in_field_order(data: dict[str, Any], model: type[BaseModel]) -> None:
    """Put the keys of ``data`` in the order ``model`` lists its fields, as a YAML file written
    from the data will show them."""
    fields = list(model.model_fields)
    ordered = sorted(data.items(), key=lambda item: fields.index(item[0]))
    data.clear()
    data.update(ordered)


def _items(raw: RawDocument) -> Iterator[_Item]:
    for block in raw.blocks:
        if isinstance(block, RawTable):
            yield block
            continue
        for text in block.text.split("\n"):
            if text.strip():
                yield _Line(text.strip(), block)


def _same_header(first: RawRow, row: RawRow) -> bool:
    """Whether ``row`` repeats the header row ``first`` (a table continued on a new page)."""
    left = [_squash(cell.text).lower() for cell in first.cells if cell.text.strip()]
    right = [_squash(cell.text).lower() for cell in row.cells if cell.text.strip()]
    if not left or not right or left[0] != right[0]:
        return False
    same = sum(1 for a, b in zip(left, right, strict=False) if a == b)
    return same * 2 >= max(len(left), len(right))


def _joined(tables: list[RawTable], reader: _OrderReader) -> RawTable:
    """One table of the rows of ``tables``: a plan broken over pages, each piece repeating its
    header, is one plan."""
    if len(tables) == 1:
        return tables[0]
    first = tables[0]
    rows = list(first.rows)
    header = first.rows[0] if first.rows else None
    for table in tables[1:]:
        body = list(table.rows)
        if (
            header is not None
            and body
            and ((header.header and body[0].header) or _same_header(header, body[0]))
        ):
            reader.guess(body[0].place, _G_REPEATED_HEADER)
            body = body[1:]
        rows += body
    return RawTable(
        rows=tuple(rows), place=first.place, columns=max(table.columns for table in tables)
    )


def _read_plan(table: RawTable) -> Imported:
    """The plan reader of the package, imported when the first appendix table is read: a
    document without one never needs it."""
    module = importlib.import_module("roadmapdocs.importing.plans")
    return cast(PlanReader, module.read_plan)(table)


def read_order(raw: RawDocument, plan_reader: PlanReader | None = None) -> Imported:
    """Recognise an order in ``raw``: the data :func:`roadmapdocs.load` reads as ``kind:
    order``, the guesses made, the text no field took, and where each field stood.

    ``plan_reader`` reads an appendix's table into a plan's data (by default
    ``roadmapdocs.importing.plans.read_plan``); its guesses, leftovers and places join the
    order's under ``appendices[i].plan``.
    """
    return _OrderReader(raw, plan_reader or _read_plan).read()


__all__ = ["PlanReader", "read_order"]
