"""Each ```mermaid block is shown as the SVG `make diagrams` drew and stored in docs/diagrams/, inline in the page,
so a reader's browser runs no diagram JavaScript and never downloads mermaid (about 960 KB gzip). Why this design and
its figures: decisions/0004-diagrams-drawn-once.md; the key: scripts/diagram_store.py.

A pymdownx.superfences custom fence formatter (mkdocs.yml, `custom_fences`), so MkDocs and Zensical both run it:
Zensical runs Markdown extensions but no MkDocs hooks (this replaced the page hook scripts/hooks/
prerendered_diagrams.py, which did the same swap on the finished HTML).

The SVG carries Material's diagram styles as CSS variables, so it follows the light and dark colour schemes like
the text around it; everything else done to it (its name for screen readers, its own id, fewer style rules) was done
once, by `make diagrams`. A block with no stored SVG (a diagram just added or edited) is logged as a warning naming the
file, the line and the fix, which fails MkDocs' strict build (and `make zensical-check`, which counts drawings);
`make serve` is not strict, and there the block stays a plain ```mermaid block that the browser draws with the
npm-pinned mermaid (added to the preview only, by scripts/diagram_preview) until `make diagrams` has been run.

Search indexes the drawing's labels (its text); its <style> is skipped by Material's and Zensical's indexers.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from pymdownx.superfences import fence_code_format

from scripts import diagram_store as store
from scripts.extensions.page_context import current_page

# Under "mkdocs." so that MkDocs counts the warning (strict mode fails on it); Zensical prints it.
log = logging.getLogger("mkdocs.extensions.prerendered_diagrams")
# A ```mermaid fence's opening line in the Markdown file, to name the line in a warning.
FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})\s*mermaid\b")


def project_root(docs_dir: Path) -> Path:
    """docs/<lang> is the docs_dir of either language; the project is two levels up."""
    return docs_dir.parent.parent


def fence_line(markdown_file: Path, key: str, version: str) -> int:
    """The line of the ```mermaid fence whose block has this key (1 when it cannot be found)."""
    lines = markdown_file.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        opening = FENCE.match(line)
        if not opening:
            continue
        closing = re.compile(r"^\s*" + re.escape(opening["fence"][0]) + "{" + str(len(opening["fence"])) + r",}\s*$")
        body = []
        for following in lines[number + 1 :]:
            if closing.match(following):
                break
            body.append(following)
        if store.diagram_key("\n".join(body), version) == key:
            return number + 1
    return 1


def fence_format(source: str, language: str, class_name: str, options: dict, md: Any, **kwargs: Any) -> str:
    page = current_page(md)
    root = project_root(page.docs_dir) if page else Path.cwd()
    version = store.mermaid_version(root)
    key = store.diagram_key(source, version)
    svg = store.svg_path(root, key)
    if svg.is_file():
        # Finished by `make diagrams` (named, slimmed, its own id): inlined as it is.
        return f'<div class="mermaid" data-diagram="{key}">{svg.read_text(encoding="utf-8").strip()}</div>'

    where = "a page"
    if page:
        source_file = page.source.relative_to(root) if page.source.is_relative_to(root) else page.source
        where = f"{source_file.as_posix()}:{fence_line(page.source, key, version)}"
    log.warning(
        f"{where}: this diagram has no drawing in {store.STORE}/ (expected {key}.svg), so readers would "
        f"need mermaid's JavaScript to see it. Fix: run `make diagrams` and commit {store.STORE}/."
    )
    return fence_code_format(source, language, class_name, options, md, **kwargs)
