"""Each ```mermaid block is shown as the SVG `make diagrams` drew and stored in docs/diagrams/, inline in the page,
so a reader's browser runs no diagram JavaScript and never downloads mermaid (about 960 KB gzip). Why this design and
its figures: README, "Budgets"; the key: scripts/diagram_store.py.

A pymdownx.superfences custom fence formatter (mkdocs.yml, `custom_fences`), so MkDocs and Zensical both run it:
Zensical runs Markdown extensions but no MkDocs hooks (this replaced the page hook scripts/hooks/
prerendered_diagrams.py, which did the same swap on the finished HTML).

The SVG carries Material's diagram styles as CSS variables, so it follows the light and dark colour schemes like
the text around it. A block with no stored SVG (a diagram just added or edited) is logged as a warning naming the
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
        for following in lines[number + 1:]:
            if closing.match(following):
                break
            body.append(following)
        if store.diagram_key("\n".join(body), version) == key:
            return number + 1
    return 1


# Each drawing is an image for screen readers (its labels are not read out one by one), named so that it points to
# the text alternative the page gives right after it (content guide: every diagram has the same content in words).
ACCESSIBLE_NAME = {
    "ja": "流れ図。同じ内容を、図のすぐ後に文章で示しています。",
    "en": "Flow chart. The same content is given in words right after it.",
}
SVG_ROLE = re.compile(r'(<svg id="[^"]*"[^>]*?) role="[^"]*"')
SVG_ROLE_DESCRIPTION = re.compile(r'(<svg id="[^"]*"[^>]*?) aria-roledescription="[^"]*"')
SVG_MAX_WIDTH = re.compile(r'(<svg id="[^"]*"[^>]*? style=")max-width: (?P<width>[0-9.]+)px;')


def accessible(svg: str, language: str) -> str:
    """role="img" with a name in the page's language, and the drawing's natural width as --diagram-width (site.css
    keeps a phone from shrinking it below 80 % of that, so labels stay legible; the box scrolls sideways instead)."""
    name = ACCESSIBLE_NAME.get(language, ACCESSIBLE_NAME["en"])
    svg = SVG_ROLE_DESCRIPTION.sub(r"\1", svg, count=1)  # "flowchart-v2" would be read out as the image's kind
    svg = SVG_ROLE.sub(rf'\1 role="img" aria-label="{name}"', svg, count=1)
    return SVG_MAX_WIDTH.sub(r'\1max-width: \g<width>px; --diagram-width: \g<width>px;', svg, count=1)


STYLE_BLOCK = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.DOTALL)
ATTRIBUTE_SELECTOR = re.compile(r'\[([\w-]+)(\^?=)"([^"]*)"\]')
LONG_DECIMAL = re.compile(r"(\d\.\d{2})\d+")
TAG = re.compile(r"<[^>]+>")


def css_rules(css: str) -> list[tuple[str, str]]:
    """The top-level rules of a style sheet as (selectors, {block}), a nested block (@keyframes) kept whole."""
    rules, start = [], 0
    while (opening := css.find("{", start)) >= 0:
        depth, end = 1, opening + 1
        while depth and end < len(css):
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            end += 1
        rules.append((css[start:opening].strip(), css[opening:end]))
        start = end
    return rules


def matches_something(selector: str, classes: set[str], ids: set[str], tags: set[str], markup: str) -> bool:
    """False when the selector names a class, id, element or attribute value the drawing does not have (it can then
    match nothing in it: the drawing is static, no script changes it)."""
    if ":root" in selector:
        return False  # mermaid's variables for its own page; :root is never inside a drawing
    for name, operator, value in ATTRIBUTE_SELECTOR.findall(selector):
        if (f'{name}="{value}"' if operator == "=" else f'{name}="{value}') not in markup:
            return False
    bare = re.sub(r"\[[^\]]*\]", "", selector)
    wanted_ids = re.findall(r"#([\w-]+)", bare)[1:]  # the first is the drawing's own id
    wanted_tags = {tag.lower() for tag in re.findall(r"(?:^|[\s>+~])([a-zA-Z][\w-]*)", bare)}
    return (set(re.findall(r"\.([\w-]+)", bare)) <= classes and set(wanted_ids) <= ids and wanted_tags <= tags)


def slimmed(svg: str) -> str:
    """The same drawing in fewer bytes and rules: mermaid writes its whole theme into every drawing (about 14 KB of
    CSS, for sequence, class, state and ER diagrams too); only the rules that can match something in this drawing
    are kept, with coordinates rounded to 1/100 px. The page then weighs less and the browser has fewer rules to
    match each time Material's script restyles the page while it loads."""
    found = STYLE_BLOCK.search(svg)
    if found:
        markup = svg[:found.start()] + svg[found.end():]
        classes = {name for value in re.findall(r'class="([^"]*)"', markup) for name in value.split()}
        ids = set(re.findall(r'id="([^"]*)"', markup))
        tags = {tag.lower() for tag in re.findall(r"<([a-zA-Z][\w-]*)", markup)}
        kept = []
        for selectors, block in css_rules(found[2]):
            if not selectors.startswith("@"):
                selectors = ",".join(selector for selector in selectors.split(",")
                                     if matches_something(selector, classes, ids, tags, markup))
            if selectors:
                kept.append((selectors, block))
        plain = "".join(selectors + block for selectors, block in kept if not selectors.startswith("@"))
        kept = [(selectors, block) for selectors, block in kept if not selectors.startswith("@keyframes")
                or re.search(r"animation(-name)?:[^;}]*\b" + re.escape(selectors.split()[-1]) + r"\b", plain)]
        svg = svg[:found.start()] + found[1] + "".join(s + b for s, b in kept) + found[3] + svg[found.end():]
    # Only inside tags (paths, positions, sizes): a label's text keeps every digit it has.
    return TAG.sub(lambda tag: LONG_DECIMAL.sub(r"\1", tag[0]), svg)


def inline(svg: str, key: str, language: str = "en") -> str:
    drawing = accessible(slimmed(svg.strip()), language)
    return f'<div class="mermaid" data-diagram="{key}">{drawing}</div>'


def fence_format(source: str, language: str, class_name: str, options: dict, md: Any, **kwargs: Any) -> str:
    page = current_page(md)
    root = project_root(page.docs_dir) if page else Path.cwd()
    version = store.mermaid_version(root)
    key = store.diagram_key(source, version)
    svg = store.svg_path(root, key)
    if svg.is_file():
        return inline(svg.read_text(encoding="utf-8"), key, page.docs_dir.name if page else "en")
    where = "a page"
    if page:
        source_file = page.source.relative_to(root) if page.source.is_relative_to(root) else page.source
        where = f"{source_file.as_posix()}:{fence_line(page.source, key, version)}"
    log.warning(f"{where}: this diagram has no drawing in {store.STORE}/ (expected {key}.svg), so readers would "
                f"need mermaid's JavaScript to see it. Fix: run `make diagrams` and commit {store.STORE}/.")
    return fence_code_format(source, language, class_name, options, md, **kwargs)
