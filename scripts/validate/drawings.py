"""DIAG005: every mermaid block has its current drawing in docs/diagrams/ (made by `make diagrams`, inlined by the
build). DIAG006: a stored drawing holds nothing a page would run or fetch: it is inlined into the HTML as it is, so a
hand-edited or tampered SVG would otherwise reach readers unchecked. A block that breaks a diagram convention
(DIAG001-DIAG004, hygiene.py) is reported for that alone: its fix comes first, `make diagrams` draws it afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from bs4 import BeautifulSoup

from scripts.diagram_store import FORMAT, STORE, diagram_key, mermaid_version, svg_path
from scripts.doctree import Site
from scripts.validate import Problem
from scripts.validate.hygiene import mermaid_problems

ACTIVE_TAGS = {"script", "iframe", "object", "embed", "image", "img", "audio", "video", "use", "animate", "set", "a"}
LINK_ATTRIBUTES = {"href", "xlink:href", "src"}


def check(site: Site) -> Iterator[Problem]:
    version = mermaid_version(site.root)
    fix = f"run `make diagrams` and commit {STORE}/"
    for page in site.all_pages():
        for fence in page.fences:
            if fence.lang != "mermaid" or any(mermaid_problems(page, fence)):
                continue
            key = diagram_key(fence.content, version)
            drawing = svg_path(site.root, key)
            # An older `make diagrams` made drawings without FORMAT: no name for screen readers, not all of the styles.
            if not drawing.is_file() or FORMAT not in drawing.read_text(encoding="utf-8"):
                why = f"the drawing {STORE}/{key}.svg is missing or made by an older `make diagrams`"
                yield Problem(page.path, fence.line, "DIAG005", f"{why}, so the build cannot show this diagram", fix)
    fix = "run `make diagrams` to draw it again (drawings are generated, never edited by hand)"
    for drawing in sorted((site.root / STORE).glob("*.svg")):
        for line, what in unsafe_parts(drawing):
            yield Problem(drawing, line, "DIAG006", f"the drawing contains {what}", fix)


def _fetches(css: str) -> bool:
    """True when CSS would load something: @import, or url() pointing anywhere but an element of the drawing."""
    lowered = css.lower().replace(" ", "")
    if "@import" in lowered:
        return True
    return any(not part.lstrip("'\"").startswith("#") for part in lowered.split("url(")[1:])


def unsafe_parts(drawing: Path) -> list[tuple[int, str]]:
    found = []
    for tag in BeautifulSoup(drawing.read_text(encoding="utf-8"), "html.parser").find_all(True):
        line = tag.sourceline or 1
        if tag.name in ACTIVE_TAGS:
            found.append((line, f"a <{tag.name}> element"))
        for name, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value.strip()
            if name.startswith("on"):
                found.append((line, f"an event handler ({name}=)"))
            elif name in LINK_ATTRIBUTES and not value.startswith("#"):
                found.append((line, f"a link to {value!r} ({name}=)"))
            elif name == "style" and _fetches(value):
                found.append((line, "a style that loads a resource"))
        if tag.name == "style" and _fetches(tag.get_text()):
            found.append((line, "a <style> rule that loads a resource"))
    return found
