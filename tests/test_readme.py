"""The README's Python example runs as written."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import EXAMPLES, ROOT


def test_the_python_example_runs(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (code,) = re.findall(r"```python\n(.*?)```", readme, re.DOTALL)
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    script = tmp_path / "example.py"
    # The main-module guard a process pool needs where workers are spawned (Windows, macOS).
    script.write_text(
        "def main():\n"
        + "".join(f"    {line}\n" for line in code.splitlines())
        + "\n\nif __name__ == '__main__':\n    main()\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert "period 2025-04-01 2025-09-30" in done.stdout
    assert "Лаврушкиной Е.А." in done.stdout
    assert (tmp_path / "order.docx").is_file() and (tmp_path / "order-checked.docx").is_file()
    assert len(list((tmp_path / "out").glob("*.docx"))) == len(list(EXAMPLES.glob("*.yaml")))
