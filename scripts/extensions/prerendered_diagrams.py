"""Each ```mermaid block shown as the SVG `make diagrams` stored in docs/diagrams/, inline, so readers run no diagram
JavaScript and never download mermaid (decisions/0004-diagrams-drawn-once.md; the key: scripts/diagram_store.py).

A pymdownx.superfences fence formatter (mkdocs.yml, `custom_fences`), so MkDocs and Zensical both run it. A block
with no stored SVG is a warning naming the file, the line and the fix, which fails the strict build (and `make
zensical-check`, which counts drawings); in `make serve` (not strict) it stays a block the browser draws with the
npm-pinned mermaid (scripts/diagram_preview). Search indexes the drawing's labels; indexers skip its <style>.
"""

from __future__ import annotations

import itertools
import logging
import re
from pathlib import Path
from typing import Any

from pymdownx.superfences import fence_code_format

from scripts import diagram_store as store
from scripts.extensions.page_context import current_page

log = logging.getLogger("mkdocs.extensions.prerendered_diagrams")  # under "mkdocs.": the strict build counts it
FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,})\s*mermaid\b")


def fence_line(markdown_file: Path, key: str, version: str) -> int:
    """The line of the ```mermaid fence whose block has this key (1 when none has)."""
    lines = markdown_file.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        if opening := FENCE.match(line):
            body = itertools.takewhile(lambda text: not text.strip().startswith(opening["fence"]), lines[number + 1 :])
            if store.diagram_key("\n".join(body), version) == key:
                return number + 1
    return 1


def fence_format(source: str, language: str, class_name: str, options: dict, md: Any, **kwargs: Any) -> str:
    page = current_page(md)
    root = page.docs_dir.parent.parent if page else Path.cwd()  # docs/<lang>: the project is two levels up
    version = store.mermaid_version(root)
    key = store.diagram_key(source, version)
    svg = store.svg_path(root, key)
    if svg.is_file():  # finished by `make diagrams` (named, slimmed, its own id): inlined as it is
        return f'<div class="mermaid" data-diagram="{key}">{svg.read_text(encoding="utf-8").strip()}</div>'
    where = f"{page.source.relative_to(root).as_posix()}:{fence_line(page.source, key, version)}" if page else "a page"
    log.warning(
        f"{where}: this diagram has no drawing in {store.STORE}/ (expected {key}.svg), so readers would "
        f"need mermaid's JavaScript to see it. Fix: run `make diagrams` and commit {store.STORE}/."
    )
    return fence_code_format(source, language, class_name, options, md, **kwargs)
