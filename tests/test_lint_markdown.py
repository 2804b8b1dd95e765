"""`make lint-markdown` at its own layer: markdownlint with the project's settings (.markdownlint-cli2.yaml), run as
the Makefile runs it, on a fixture. The settings tuned for Material must let its Markdown through (4-space nested
lists, indented admonition bodies, `{ #id }` after Japanese punctuation, allowed HTML) and still catch what they
are kept for. It also covers README.md, CONTRIBUTING.md and .github/, which `make validate` does not read."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from scripts.project import ROOT

GOOD = """# Good

- item
    - nested item

!!! note "Note"
    The body of an admonition, indented four spaces.

## 見出し。 { #heading }

Press <kbd>Enter</kbd>.

```text
code
```
"""

BAD = """# Bad

- item
  - nested by two spaces

<iframe src="https://example.com/"></iframe>

```
no language
```
"""


def test_material_markdown_passes_and_what_the_settings_keep_fails(tmp_path: Path) -> None:
    shutil.copy(ROOT / ".markdownlint-cli2.yaml", tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "docs" / "bad.md").write_text(BAD, encoding="utf-8")
    result = subprocess.run(
        [str(ROOT / "node_modules" / ".bin" / "markdownlint-cli2")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    found = re.findall(r"^(docs/\w+\.md):(\d+)\S* error (MD\d+)", result.stdout + result.stderr, re.M)
    assert result.returncode == 1
    assert found == [("docs/bad.md", "4", "MD007"), ("docs/bad.md", "6", "MD033"), ("docs/bad.md", "8", "MD040")]
