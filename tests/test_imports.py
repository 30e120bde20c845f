"""What importing roadmapdocs costs: checking a document must not load Word, PDF or
declension libraries, which editors and CI would pay for on every save."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = (
    "docxtpl",
    "docx",
    "jinja2",
    "pymorphy3",
    "pytrovich",
    "openpyxl",
    "rich",
    "matplotlib",
    "icalendar",
)


def _loaded_after(code: str) -> set[str]:
    probe = f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    return set(out.split())


@pytest.mark.parametrize(
    "code",
    [
        "import roadmapdocs",
        "import roadmapdocs.model",
        "import roadmapdocs.lang",
        "import roadmapdocs; roadmapdocs.load; roadmapdocs.Order; roadmapdocs.parse_deadline",
        "import roadmapdocs; roadmapdocs.load('kind: order\\nlevel: school\\ntitle: Об утверждении')",
    ],
)
def test_heavy_libraries_wait_until_they_are_needed(code: str) -> None:
    loaded = _loaded_after(code)
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_every_public_name_resolves_and_dir_lists_it() -> None:
    import roadmapdocs

    for name in roadmapdocs.__all__:
        assert getattr(roadmapdocs, name) is not None, name
    assert set(roadmapdocs.__all__) <= set(dir(roadmapdocs))
    with pytest.raises(AttributeError, match="no_such_name"):
        roadmapdocs.no_such_name  # noqa: B018


def test_rendering_loads_them_when_asked(tmp_path: Path) -> None:
    out = tmp_path / "order.docx"
    code = (
        "import roadmapdocs\n"
        "doc = roadmapdocs.load('kind: order\\nlevel: school\\ntitle: Об утверждении')\n"
        f"roadmapdocs.render(doc, {str(out)!r})"
    )
    loaded = _loaded_after(code)
    assert {"docxtpl", "docx", "jinja2"} <= loaded
    assert out.is_file()
