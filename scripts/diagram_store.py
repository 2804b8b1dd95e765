"""Where the drawings of the ```mermaid blocks live (docs/diagrams/<key>.svg, drawn by `make diagrams`, inlined by
scripts/extensions/prerendered_diagrams.py), and the key each is stored under: a hash of the block's text and the
mermaid version, so a changed label or a mermaid upgrade asks for `make diagrams` again. Free of third-party imports:
the Markdown extension imports it under MkDocs and Zensical alike.
"""

from __future__ import annotations

import hashlib
import json
import re
import textwrap
import unicodedata
from pathlib import Path

STORE = "docs/diagrams"
# A diagram in a built page: a drawing the build inlined, or a ```mermaid block left for the browser to draw.
DIAGRAM_HTML = re.compile(r'<pre class="mermaid"|<div class="mermaid" data-diagram=')
# The mark `make diagrams` puts on each drawing it finished (scripts/render_diagrams.py, FINISH): raise the number
# when it finishes drawings differently, and every drawing without the new mark is drawn again.
FORMAT = "data-finished-2"


def mermaid_version(root: Path) -> str:
    """The mermaid that draws the diagrams, as package.json pins it."""
    return json.loads((root / "package.json").read_text(encoding="utf-8"))["dependencies"]["mermaid"]


def diagram_key(source: str, version: str) -> str:
    """The stored name of a block. Indentation inside an admonition, trailing spaces, CRLF line ends and NFD
    characters from a Mac editor are not part of the drawing, so they do not change the key."""
    text = unicodedata.normalize("NFC", source).replace("\r\n", "\n").replace("\r", "\n")
    body = textwrap.dedent("\n".join(line.rstrip() for line in text.strip("\n").split("\n")))
    return hashlib.sha256(f"mermaid {version}\n{body}\n".encode()).hexdigest()[:16]


def svg_path(root: Path, key: str) -> Path:
    return root / STORE / f"{key}.svg"
