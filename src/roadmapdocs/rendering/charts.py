"""Charts of a report on execution, drawn with matplotlib and set where the template asks.

A template marks a chart's place with a paragraph in the style «RD Chart» holding the chart's
name (``authoring.builder.chart``); :func:`embed` draws each from the document's data and puts
the picture there, as wide as the text, or removes the paragraph when there is nothing to
draw. The charts:

- ``statuses`` — activities by state in each section (stacked bars), or the totals when the
  report has no sections;
- ``indicators`` — each indicator's target and actual by period (grouped bars), for the
  indicators whose values are numbers;
- ``organisations`` — a summary's share done by organisation (horizontal bars).

Pictures are PNG at print resolution (200 dpi), labelled in Russian in the document's font
when matplotlib finds it (else its own DejaVu, which has Cyrillic), and made without
timestamps, so that the same report gives the same bytes.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from docx.shared import Emu

from roadmapdocs.errors import Location, RenderError
from roadmapdocs.lang.numbers import number
from roadmapdocs.messages import Phrase
from roadmapdocs.model.document import DocumentBase
from roadmapdocs.model.report import Report, Tally
from roadmapdocs.settings import Settings

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph

DPI = 200
_STATES: tuple[tuple[str, str, str], ...] = (
    ("done", "выполнено", "#2e7d32"),
    ("in_progress", "выполняется", "#1565c0"),
    ("not_due", "срок не наступил", "#9e9e9e"),
    ("postponed", "перенесено", "#f9a825"),
    ("cancelled", "отменено", "#6d4c41"),
    ("overdue", "просрочено", "#c62828"),
)
"""The states a chart shows, in the order of its bars, with their colours (overdue last, in
red, where the eye ends)."""

_UNKNOWN = Phrase(
    "шаблон просит диаграмму «{name}», а такой нет; есть: {known}",
    "the template asks for a chart «{name}», which does not exist; there are: {known}",
)


def _pyplot(settings: Settings) -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    family = []
    # Times New Roman is often missing where LibreOffice prints with Liberation Serif, its
    # metric twin; DejaVu Sans, which matplotlib carries, has Cyrillic in any case.
    for name in (settings.font, "Liberation Serif", "DejaVu Sans"):
        try:
            font_manager.findfont(name, fallback_to_default=False)
        except ValueError:
            continue
        family.append(name)
    plt.rcParams.update(
        {
            "font.family": family,
            "font.size": 10,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "svg.hashsalt": "roadmapdocs",
        }
    )
    return plt


def _png(figure: Any) -> bytes:
    out = io.BytesIO()
    # No metadata: the picture holds no date or version, so a render is reproducible.
    figure.savefig(out, format="png", dpi=DPI, bbox_inches="tight", metadata={"Software": None})
    return out.getvalue()


def _wrap(label: str, width: int = 28, lines: int = 3) -> str:
    return "\n".join(textwrap.wrap(label, width, max_lines=lines, placeholder="…")) or "—"


def _stacked(plt: Any, labels: Sequence[str], tallies: Sequence[Tally], title: str) -> bytes | None:
    height = max(1.6, 0.36 * len(labels) + 0.9)
    figure, axes = plt.subplots(figsize=(9, height))
    left = [0] * len(labels)
    drawn = False
    positions = list(range(len(labels)))[::-1]
    for field, word, colour in _STATES:
        counts = [getattr(t, field) for t in tallies]
        if not any(counts):
            continue
        bars = axes.barh(positions, counts, left=left, color=colour, label=word, height=0.6)
        axes.bar_label(
            bars,
            labels=[str(c) if c else "" for c in counts],
            label_type="center",
            color="white",
            fontsize=8,
        )
        left = [a + b for a, b in zip(left, counts, strict=True)]
        drawn = True
    if not drawn:
        plt.close(figure)
        return None
    axes.set_yticks(positions, [_wrap(label) for label in labels])
    axes.set_title(title, fontsize=10)
    axes.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.18 if len(labels) < 4 else -0.08),
        ncol=len(_STATES),
        frameon=False,
        fontsize=8,
    )
    axes.xaxis.get_major_locator().set_params(integer=True)
    try:
        return _png(figure)
    finally:
        plt.close(figure)


def statuses(report: Report, plt: Any) -> bytes | None:
    """Activities by state in each section, or the totals of a report without sections; none
    for a summary, whose chart is by organisation."""
    if report.organisations:
        return None
    if report.sections:
        labels = [
            " ".join(p for p in (s.number, s.title) if p) or "Мероприятия" for s in report.sections
        ]
        tallies = [s.tally for s in report.sections]
    elif report.tally.total:
        labels, tallies = ["Все мероприятия"], [report.tally]
    else:
        return None
    return _stacked(plt, labels, tallies, "Исполнение мероприятий по разделам")


def indicators(report: Report, plt: Any) -> bytes | None:
    """Each indicator's target and actual by period, for indicators whose values are numbers."""
    drawn = []
    for indicator in report.indicators:
        points = [
            (v.period, number(v.target), number(v.actual))
            for v in indicator.values
            if number(v.target) is not None or number(v.actual) is not None
        ]
        if points:
            drawn.append((indicator, points))
    if not drawn:
        return None
    columns = min(3, len(drawn))
    rows = -(-len(drawn) // columns)
    figure, grid = plt.subplots(rows, columns, figsize=(3.2 * columns, 2.8 * rows), squeeze=False)
    for axes in grid.flat[len(drawn) :]:
        axes.set_visible(False)
    for axes, (indicator, points) in zip(grid.flat, drawn, strict=False):
        spots = range(len(points))
        target = [p[1] or 0 for p in points]
        actual = [p[2] or 0 for p in points]
        axes.bar([x - 0.2 for x in spots], target, width=0.4, color="#90a4ae", label="план")
        axes.bar([x + 0.2 for x in spots], actual, width=0.4, color="#1565c0", label="факт")
        axes.set_xticks(list(spots), [_wrap(p[0], 14, 2) for p in points], fontsize=7)
        name = " ".join(p for p in (indicator.number, indicator.name) if p)
        unit = f", {indicator.unit}" if indicator.unit else ""
        axes.set_title(_wrap(name + unit, 38, 3), fontsize=8)
        axes.legend(fontsize=7, frameon=False)
    figure.tight_layout()
    try:
        return _png(figure)
    finally:
        plt.close(figure)


MOST_BARS = 25
"""The most organisations a summary's chart shows: beyond that bars are too thin to read, so
it shows the first ones of the summary's order — the most overdue."""


def organisations(report: Report, plt: Any) -> bytes | None:
    """A summary's organisations by state, most overdue at the top; the first
    :data:`MOST_BARS` of a longer summary, as its title says."""
    rows = report.organisations
    if not rows:
        return None
    title = "Исполнение мероприятий по организациям"
    if len(rows) > MOST_BARS:
        title = (
            f"{MOST_BARS} организаций с наибольшим числом просроченных мероприятий "
            f"(всего организаций: {len(rows)})"
        )
        rows = rows[:MOST_BARS]
    return _stacked(plt, [o.name or "—" for o in rows], [o.tally for o in rows], title)


CHARTS: dict[str, Callable[[Report, Any], bytes | None]] = {
    "statuses": statuses,
    "indicators": indicators,
    "organisations": organisations,
}
"""Every chart a template may ask for, by name."""


def _size(word: DocxDocument, picture: bytes) -> tuple[int, int]:
    """The width and height (EMU) a picture prints at: as wide as the text, but no taller than
    a third of the text's height, so that a chart fits under the table it follows rather
    than leaving the rest of that page empty."""
    section = word.sections[-1]
    width = (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
    height = (section.page_height or 0) - (section.top_margin or 0) - (section.bottom_margin or 0)
    pixels_wide = int.from_bytes(picture[16:20], "big")  # the PNG header's width and height
    pixels_high = int.from_bytes(picture[20:24], "big")
    scale = min(width / pixels_wide, 0.33 * height / pixels_high)
    return int(pixels_wide * scale), int(pixels_high * scale)


def embed(
    word: DocxDocument, places: list[Paragraph], document: DocumentBase, settings: Settings
) -> None:
    """Replace each chart place of ``word`` (its paragraphs in style ``RD Chart``, see
    :func:`layout.paragraphs_in_style`) with its picture, or remove it."""
    plt = _pyplot(settings) if isinstance(document, Report) else None
    for place in places:
        name = place.text.strip()
        make = CHARTS.get(name)
        if make is None:
            raise RenderError(
                _UNKNOWN.format(name=name, known=", ".join(CHARTS)), Location("template.docx")
            )
        picture = make(document, plt) if isinstance(document, Report) else None
        if picture is None:
            place._p.getparent().remove(place._p)
            continue
        for run in list(place.runs):
            run._r.getparent().remove(run._r)
        wide, high = _size(word, picture)
        place.add_run().add_picture(io.BytesIO(picture), width=Emu(wide), height=Emu(high))
