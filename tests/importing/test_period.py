"""The period a title names, read back as the period field takes it."""

from __future__ import annotations

import pytest

import roadmapdocs
from roadmapdocs.importing.period import period_in
from roadmapdocs.rendering.context import period_line


@pytest.mark.parametrize(
    ("title", "period"),
    [
        ("План в 2024-2025 учебном году МБОУ «СШ № 5»", "2024-2025 учебный год"),
        ("Дорожная карта на 2024/2025 учебный год", "2024/2025 учебный год"),
        ("Дорожная карта на 2024 год", "2024 год"),
        ("… в школах на 2020-2022годы", "2020-2022 гг."),
        ("… Ставропольского края на 2024-2025 гг.", "2024-2025 гг."),
        ("… в неблагоприятных социальных условиях в 2022 году", "2022 год"),
        ("Об утверждении плана", None),
        ("с 2022 по 2024 год и на 2025 год", None),
    ],
)
def test_the_period_a_title_names(title: str, period: str | None) -> None:
    assert period_in(title) == period


@pytest.mark.parametrize(
    "title", ["План в 2024-2025 учебном году", "Карта на 2024 год", "Проект в 2022 году"]
)
def test_a_period_found_in_a_title_is_one_the_title_names(title: str) -> None:
    """What the import reads from a title, the render does not print again under it."""
    found = period_in(title)
    assert found is not None
    document = roadmapdocs.load(
        {"kind": "roadmap", "level": "school", "title": title, "period": found}
    )
    assert document.period is not None and document.period.start is not None
    assert period_line(document) == ""
