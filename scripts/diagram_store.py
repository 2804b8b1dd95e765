"""Where the pre-rendered diagrams live, and the name each one is stored under.

Every ```mermaid block of the docs is drawn once, by `make diagrams` (scripts/render_diagrams.py, in Chromium with
the site's own mermaid and Material's diagram styles), and committed as docs/diagrams/<key>.svg. The build inlines
that SVG (scripts/extensions/prerendered_diagrams.py), so readers download no diagram JavaScript; `make validate`
reports a block with no SVG and an SVG no block uses. decisions/0004-diagrams-drawn-once.md has the measurements.

The key is a hash of the block's text and of the mermaid version: change a label, or upgrade mermaid, and the
stored drawing no longer matches, so the checks ask for `make diagrams`.

Kept free of third-party imports: the Markdown extension imports it under MkDocs and under Zensical alike.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from pathlib import Path

STORE = "docs/diagrams"
# A diagram in a built page: a drawing the build inlined, or a ```mermaid block left for the browser to draw.
DIAGRAM_HTML = re.compile(r'<pre class="mermaid"|<div class="mermaid" data-diagram=')
DIGITS = 16
# The mark `make diagrams` puts on each drawing it finished (scripts/render_diagrams.py, FINISH): raise the number
# when it finishes drawings differently, and every drawing without the new mark is drawn again.
FORMAT = "data-finished-2"


def mermaid_version(root: Path) -> str:
    """The mermaid that draws the diagrams, as pinned in package.json (scripts/diagram_preview uses that package)."""
    return json.loads((root / "package.json").read_text(encoding="utf-8"))["dependencies"]["mermaid"]


def diagram_key(source: str, version: str) -> str:
    """The stored name of a mermaid block. Indentation inside an admonition, trailing spaces, CRLF line ends and NFD
    characters from a Mac editor are not part of the drawing, so they do not change the key."""
    text = unicodedata.normalize("NFC", source).replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.strip("\n").split("\n")]
    indent = min((len(line) - len(line.lstrip()) for line in lines if line), default=0)
    body = "\n".join(line[indent:] for line in lines)
    return hashlib.sha256(f"mermaid {version}\n{body}\n".encode()).hexdigest()[:DIGITS]


def svg_path(root: Path, key: str) -> Path:
    return root / STORE / f"{key}.svg"
