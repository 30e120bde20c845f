"""The built-in template files are what their build scripts make, byte for byte."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tests.conftest import ROOT

BUILD_SCRIPTS = sorted((ROOT / "templates").glob("*/*/build.py"))


@pytest.mark.parametrize(
    "script",
    BUILD_SCRIPTS,
    ids=[str(s.parent.relative_to(ROOT / "templates")) for s in BUILD_SCRIPTS],
)
def test_committed_template_is_what_its_build_script_makes(script: Path, tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location(f"build_{script.parent.name}", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.build(tmp_path / "template.docx")
    committed = (script.parent / "template.docx").read_bytes()
    assert (tmp_path / "template.docx").read_bytes() == committed, (
        f"{script.parent.name}: template.docx устарел — запустите build.py"
    )


def test_there_is_a_build_script_for_the_school_order() -> None:
    assert ROOT / "templates" / "school" / "order" / "build.py" in BUILD_SCRIPTS


@pytest.mark.parametrize("docx_path", sorted((ROOT / "templates").glob("*/*/template.docx")))
def test_templates_carry_only_the_table_styles_they_use(docx_path: Path) -> None:
    import re
    import zipfile

    with zipfile.ZipFile(docx_path) as package:
        names = package.namelist()
        styles = package.read("word/styles.xml").decode()
        used = {
            match
            for name in names
            if name.startswith("word/") and name.endswith(".xml") and "styles" not in name
            for match in re.findall(r'<w:tblStyle w:val="([^"]+)"', package.read(name).decode())
        }
    assert not [n for n in names if "stylesWithEffects" in n or "thumbnail" in n]
    table_styles = set(re.findall(r'<w:style w:type="table"[^>]*w:styleId="([^"]+)"', styles))
    assert used <= table_styles
    # Besides those used: what they are based on and the default table style, nothing more.
    assert len(table_styles) <= len(used) + 2
    assert len(styles) < 60_000


@pytest.mark.parametrize("docx_path", sorted((ROOT / "templates").glob("*/*/template.docx")))
def test_templates_are_in_russian(docx_path: Path) -> None:
    import re
    import zipfile

    styles = zipfile.ZipFile(docx_path).read("word/styles.xml").decode()
    assert set(re.findall(r'<w:lang w:val="([^"]+)"', styles)) == {"ru-RU"}
