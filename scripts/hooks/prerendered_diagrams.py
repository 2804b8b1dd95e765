"""MkDocs hook (both languages, `hooks:` in mkdocs.yml): each ```mermaid block is shown as the SVG `make diagrams`
drew and stored in docs/diagrams/, inline in the page, so a reader's browser runs no diagram JavaScript and never
downloads mermaid (about 960 KB gzip). Why this design and its figures: README, "Budgets"; the key: diagram_store.py.

The SVG carries Material's diagram styles as CSS variables, so it follows the light and dark colour schemes like
the text around it. A block with no stored SVG (a diagram just added or edited) is a warning, which fails the strict
build with the fix; `make serve` is not strict, and there the block stays as it is and the browser draws it with the
self-hosted mermaid (assets/javascripts/mermaid-loader.js) until `make diagrams` has been run.

The swap happens on the finished HTML (on_post_page), after the search plugin has read the page: drawings are not
indexed, the block's text is, as before.
"""

from __future__ import annotations

import html
import importlib.util
import itertools
import logging
import re
from pathlib import Path
from typing import Any

_STORE_MODULE = Path(__file__).resolve().parent.parent / "diagram_store.py"
log = logging.getLogger("mkdocs.hooks.prerendered_diagrams")

# What pymdownx.superfences writes for a ```mermaid fence (custom_fences in mkdocs.yml).
BLOCK = re.compile(r'<pre class="mermaid"><code>(?P<source>.*?)</code></pre>', re.DOTALL)
# Its opening line in the Markdown file, to name the line in a warning.
FENCE = re.compile(r"^\s*(`{3,}|~{3,})\s*mermaid\b")


def _load_store():
    # Loaded by path: MkDocs imports hooks as loose files, so the `scripts` package may not be importable.
    spec = importlib.util.spec_from_file_location("guide_diagram_store", _STORE_MODULE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


store = _load_store()


def project_root(config: Any) -> Path:
    """docs/<lang> is the docs_dir of either language; the project is two levels up."""
    return Path(config["docs_dir"]).resolve().parent.parent


def fence_line(markdown_file: Path, index: int) -> int:
    """The line of the page's index-th (0-based) ```mermaid fence: blocks appear in the HTML in source order."""
    lines = [number for number, line in enumerate(markdown_file.read_text(encoding="utf-8").splitlines(), 1)
             if FENCE.match(line)]
    return lines[index] if index < len(lines) else 1


def inline(svg: str, key: str) -> str:
    return f'<div class="mermaid" data-diagram="{key}">{svg.strip()}</div>'


def on_post_page(output: str, page: Any, config: Any) -> str:
    root = project_root(config)
    version = store.mermaid_version(root)
    blocks = itertools.count()

    def swap(match: re.Match[str]) -> str:
        index = next(blocks)
        source = html.unescape(match.group("source"))
        key = store.diagram_key(source, version)
        svg = store.svg_path(root, key)
        if svg.is_file():
            return inline(svg.read_text(encoding="utf-8"), key)
        markdown_file = Path(page.file.abs_src_path)
        where = f"{markdown_file.relative_to(root)}:{fence_line(markdown_file, index)}"
        log.warning(f"{where}: this diagram has no drawing in {store.STORE}/ (expected {key}.svg), so readers would "
                    f"need mermaid's JavaScript to see it. Fix: run `make diagrams` and commit {store.STORE}/.")
        return match.group(0)

    return BLOCK.sub(swap, output)
