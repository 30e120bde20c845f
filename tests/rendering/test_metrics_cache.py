"""A font's advance widths are kept in the cache folder and read back as the font gives them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roadmapdocs.rendering import metrics

WIDTHS = {"о": 500, "W": 944, "Ж": 889, " ": 250}


def make_font(path: Path, widths: dict[str, int] = WIDTHS) -> Path:
    """A small TrueType font whose characters have ``widths`` (in units of 1000 per em)."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    names = [".notdef"] + [f"g{i}" for i in range(len(widths))]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(c): f"g{i}" for i, c in enumerate(widths)})
    empty = TTGlyphPen(None).glyph()
    builder.setupGlyf({name: empty for name in names})
    advances = [600, *widths.values()]
    builder.setupHorizontalMetrics({n: (a, 0) for n, a in zip(names, advances, strict=True)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Test", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    builder.save(str(path))
    return path


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(metrics, "cache_folder", lambda: tmp_path / "cache")
    return tmp_path / "cache"


def read_count(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The font files read from now on (rather than taken from the cache)."""
    read: list[Path] = []
    original = metrics._Advances.read

    def counted(path: Path) -> metrics._Advances:
        read.append(path)
        return original(path)

    monkeypatch.setattr(metrics._Advances, "read", staticmethod(counted))
    return read


def kept_files(cache: Path) -> list[Path]:
    return sorted(cache.rglob("metrics/*.json"))


def test_advances_are_read_once_and_then_come_from_the_cache(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    font = make_font(tmp_path / "t.ttf")
    read = read_count(monkeypatch)
    first = metrics.Metrics(font)
    assert read == [font]
    assert len(kept_files(cache)) == 1
    again = metrics.Metrics(font)
    assert read == [font]  # not read again
    assert again._advances == first._advances and again._missing == first._missing
    assert first.em("оW") == 0.5 + 0.944
    assert first.em("Q") == 0.6  # not in the font: «.notdef»'s advance


def test_a_changed_font_file_is_read_again(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    font = make_font(tmp_path / "t.ttf")
    assert metrics.Metrics(font).em("о") == 0.5
    make_font(font, {**WIDTHS, "о": 700})
    os.utime(font, ns=(1, 1))  # a different time stamp whatever the clock's resolution
    read = read_count(monkeypatch)
    assert metrics.Metrics(font).em("о") == 0.7
    assert read == [font]


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\xff\xfe not text",
        b"[1, 2]",
        b'{"key": "another font"}',
        b"{",
        "advances as floats",
        "a code beyond Unicode",
        "a pair of three",
        "a boolean",
    ],
)
def test_a_spoilt_cache_file_is_passed_over_and_written_again(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch, content: bytes | str
) -> None:
    font = make_font(tmp_path / "t.ttf")
    expected = metrics.Metrics(font)._advances
    (kept,) = kept_files(cache)
    data = json.loads(kept.read_text(encoding="utf-8"))
    spoilt = {
        "advances as floats": {**data, "advances": [[c, a + 0.5] for c, a in data["advances"]]},
        "a code beyond Unicode": {**data, "advances": [[0x110000, 500]]},
        "a pair of three": {**data, "advances": [[1, 2, 3]]},
        "a boolean": {**data, "per_em": True},
    }
    if isinstance(content, str):
        content = json.dumps(spoilt[content]).encode()
    kept.write_bytes(content)
    read = read_count(monkeypatch)
    assert metrics.Metrics(font)._advances == expected
    assert read == [font]
    assert json.loads(kept.read_text(encoding="utf-8")) == data  # written again, whole


def test_an_unwritable_cache_folder_costs_only_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    font = make_font(tmp_path / "t.ttf")
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    monkeypatch.setattr(metrics, "cache_folder", lambda: blocked / "roadmapdocs")
    assert metrics.Metrics(font).em("W") == 0.944


@given(
    st.one_of(
        st.text(),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=4),
            lambda inner: (
                st.lists(inner, max_size=4)
                | st.dictionaries(
                    st.sampled_from(["key", "per_em", "advances", "missing", "x"]),
                    inner,
                    max_size=5,
                )
            ),
            max_leaves=12,
        ).map(json.dumps),
    )
)
def test_reading_a_cache_file_never_raises(text: str) -> None:
    found = metrics._Advances.parse(text, "k")
    if found is not None:  # only what could have been written for the key
        assert found.per_em > 0 and all(0 <= code <= sys.maxunicode for code, _ in found.advances)


@pytest.mark.skipif(sys.platform == "darwin", reason="the cache folder is not XDG's on macOS")
def test_a_new_process_with_a_warm_cache_renders_without_reading_the_font(tmp_path: Path) -> None:
    # fontTools, its 40 ms and 5 MiB, only when a font is not in the cache yet.
    if metrics.font_file("Times New Roman") is None:
        pytest.skip("no serif font installed: nothing to read or keep")
    example = Path(__file__).resolve().parents[2] / "examples" / "school-order.yaml"
    script = (
        "import sys, roadmapdocs\n"
        f"roadmapdocs.render(roadmapdocs.load({str(example)!r}), {str(tmp_path / 'o.docx')!r})\n"
        "print('fontTools' in sys.modules)\n"
    )
    environment = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    environment["LOCALAPPDATA"] = environment["XDG_CACHE_HOME"]
    runs = [
        subprocess.run(
            [sys.executable, "-c", script], env=environment, capture_output=True, text=True
        )
        for _ in range(2)
    ]
    assert [run.returncode for run in runs] == [0, 0], runs[0].stderr + runs[1].stderr
    assert [run.stdout.split()[-1] for run in runs] == ["True", "False"]


# The hyphenation dictionary's patterns ------------------------------------------------------


def _russian() -> tuple[object, object]:
    import pyphen

    return pyphen, pyphen.LANGUAGES[pyphen.language_fallback("ru_RU")]


def _parses(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The dictionary files pyphen parses from now on (rather than the cache giving them)."""
    pyphen, _ = _russian()
    parsed: list[object] = []
    original = pyphen.HyphDict  # type: ignore[attr-defined]

    class Counted(original):  # type: ignore[misc, valid-type]
        def __init__(self, path: object) -> None:
            parsed.append(path)
            super().__init__(path)

    monkeypatch.setattr(pyphen, "HyphDict", Counted)
    return parsed


WORDS = ["организация", "общеобразовательная", "мероприятие", "профессиональных", "семинар"]


def test_hyphenation_patterns_are_parsed_once_and_then_come_from_the_cache(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pyphen, path = _russian()
    parsed = _parses(monkeypatch)
    first = metrics._hyphenation(pyphen, path)
    assert parsed == [path]
    assert len(sorted(cache.rglob("hyphenation/*.json"))) == 1
    again = metrics._hyphenation(pyphen, path)
    assert parsed == [path]  # not parsed again
    assert again.patterns == first.patterns and again.maxlen == first.maxlen
    assert [again.positions(w) for w in WORDS] == [first.positions(w) for w in WORDS]
    # A new version of pyphen may parse otherwise: its patterns are its own.
    monkeypatch.setattr(pyphen, "__version__", "0.0.1")
    metrics._hyphenation(pyphen, path)
    assert parsed == [path, path]


@given(st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюя", min_size=1, max_size=20))
def test_patterns_from_the_cache_hyphenate_as_pyphen_does(word: str) -> None:
    pyphen, path = _russian()
    parsed = pyphen.HyphDict(path)  # type: ignore[attr-defined]
    kept = metrics._Patterns.parse(
        json.dumps({"key": "k", **(metrics._Patterns.data(metrics._Patterns.of(parsed)) or {})}),
        "k",
    )
    assert kept is not None
    restored = pyphen.HyphDict.__new__(pyphen.HyphDict)  # type: ignore[attr-defined]
    restored.patterns, restored.maxlen, restored.cache = kept.patterns, kept.maxlen, {}
    assert restored.positions(word) == parsed.positions(word)


@pytest.mark.parametrize(
    "spoil",
    [
        lambda data: "",
        lambda data: "{",
        lambda data: json.dumps({**data, "key": "another file"}),
        lambda data: json.dumps({**data, "maxlen": data["maxlen"] + 1}),
        lambda data: json.dumps({**data, "patterns": {"аб": [0, [1.5]]}, "maxlen": 2}),
        lambda data: json.dumps({**data, "patterns": {"аб": [-1, [1]]}, "maxlen": 2}),
        lambda data: json.dumps({**data, "patterns": {}}),
        lambda data: json.dumps({**data, "patterns": {"аб": [0, []]}, "maxlen": 2}),
    ],
    ids=["empty", "cut", "key", "maxlen", "float", "negative", "none", "no values"],
)
def test_a_spoilt_patterns_file_is_passed_over_and_written_again(
    cache: Path, monkeypatch: pytest.MonkeyPatch, spoil: object
) -> None:
    pyphen, path = _russian()
    expected = metrics._hyphenation(pyphen, path).patterns
    (kept,) = sorted(cache.rglob("hyphenation/*.json"))
    data = json.loads(kept.read_text(encoding="utf-8"))
    kept.write_text(spoil(data), encoding="utf-8")  # type: ignore[operator]
    parsed = _parses(monkeypatch)
    assert metrics._hyphenation(pyphen, path).patterns == expected
    assert parsed == [path]
    assert json.loads(kept.read_text(encoding="utf-8")) == data


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=4),
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(
                st.sampled_from(["key", "maxlen", "patterns", "аб", "x"]), inner, max_size=5
            )
        ),
        max_leaves=12,
    ).map(json.dumps)
)
def test_reading_a_patterns_file_never_raises(text: str) -> None:
    found = metrics._Patterns.parse(text, "k")
    if found is not None:
        assert found.maxlen == max(len(p) for p in found.patterns)


def test_a_pyphen_that_needs_more_than_the_patterns_parses_its_file(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache holds what pyphen's dictionary is made of today; a pyphen whose dictionary also
    needs something else (its inner workings are no interface) gets its own parse, not a
    dictionary that fails in the middle of a render."""
    pyphen, path = _russian()
    metrics._hyphenation(pyphen, path)  # the cache is written
    original = pyphen.HyphDict  # type: ignore[attr-defined]

    class Richer(original):  # type: ignore[misc, valid-type]
        def __init__(self, path: object) -> None:
            super().__init__(path)
            self.extra = True

        def positions(self, word: str) -> object:
            assert self.extra  # an attribute the cache knows nothing of
            return super().positions(word)

    monkeypatch.setattr(pyphen, "HyphDict", Richer)
    found = metrics._hyphenation(pyphen, path)
    assert found.extra is True
    assert found.positions("организация") == original(path).positions("организация")
