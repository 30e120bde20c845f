"""Makes the pack's template.docx from the installed roadmapdocs' school/order.

The pack starts as an exact copy, so that the regional office edits a file that is known to
render; run this again after upgrading roadmapdocs to take up changes of the built-in.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from roadmapdocs.templates import Registry

TARGET = Path(__file__).parent / "src" / "smolensk_templates" / "school" / "order" / "template.docx"


def build(target: Path = TARGET) -> Path:
    # Built-ins only: an installed copy of this pack must not become its own source.
    original = Registry(use_env=False, packs=False).get("school/order")
    shutil.copyfile(original.docx, target)
    return target


if __name__ == "__main__":
    print(build())
