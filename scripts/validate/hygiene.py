"""Markdown hygiene. HEAD: the H1 equal to the title, explicit kebab-case ids on every heading of level 2 and below,
unique on the page (no H1 first is markdownlint's MD041, a second H1 its MD025, a skipped level its MD001).
ADM: admonitions of the allowed types, with a title. DIAG: mermaid blocks that are not empty, name a known diagram
type and keep to the conventions (no click or styling lines). (DIAG005-DIAG006, the stored drawings of the blocks:
scripts/validate/drawings.py.)"""

from __future__ import annotations

import re
from collections.abc import Iterator

from scripts.doctree import Site
from scripts.pagemodel import Fence, Page
from scripts.validate import Problem

ADMONITION_TYPES = ("danger", "warning", "tip", "note", "info")
KEBAB_CASE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# The diagram keywords mermaid 11 recognises (its diagram detectors); the first statement of a block names one.
MERMAID_TYPES = {
    "architecture-beta",
    "block-beta",
    "c4component",
    "c4container",
    "c4context",
    "c4deployment",
    "c4dynamic",
    "classdiagram",
    "classdiagram-v2",
    "erdiagram",
    "flowchart",
    "flowchart-elk",
    "gantt",
    "gitgraph",
    "graph",
    "info",
    "journey",
    "kanban",
    "mindmap",
    "packet-beta",
    "pie",
    "quadrantchart",
    "radar-beta",
    "requirementdiagram",
    "sankey-beta",
    "sequencediagram",
    "statediagram",
    "statediagram-v2",
    "timeline",
    "treemap-beta",
    "xychart-beta",
    "zenuml",
}
# The style guide (docs/*/contributing/style-guide/): no styling, no click lines (they can run scripts or open
# links), no init directives.
MERMAID_FORBIDDEN = ("click", "style", "classdef", "linkstyle", "class", "%%{")
OPENING = {"[": "]", "(": ")", "{": "}"}


def check(site: Site) -> Iterator[Problem]:
    for page in site.all_pages():
        yield from _headings(page)
        yield from _admonitions(page)
        for fence in page.fences:
            if fence.lang == "mermaid":
                yield from mermaid_problems(page, fence)


def _headings(page: Page) -> Iterator[Problem]:
    h1 = [h for h in page.headings if h.level == 1]
    if h1 and page.title is not None and h1[0].text != page.title.strip():
        yield Problem(
            page.path,
            h1[0].line,
            "HEAD003",
            f"the H1 `{h1[0].text}` differs from the title `{page.title}`",
            "make the H1 and the front matter title the same",
        )
    seen: dict[str, int] = {}
    for heading in page.headings:
        if heading.level >= 2 and not heading.explicit:
            yield Problem(
                page.path,
                heading.line,
                "HEAD005",
                f"heading `{heading.text}` has no explicit id",
                "add ` { #english-kebab-case-id }` (the same id in both languages)",
            )
        elif heading.level >= 2 and not KEBAB_CASE.fullmatch(heading.id):
            yield Problem(
                page.path,
                heading.line,
                "HEAD006",
                f"heading id `{heading.id}` is not English kebab-case",
                "use lower-case letters, digits and hyphens: `{ #like-this }`",
            )
        if heading.id in seen:
            yield Problem(
                page.path,
                heading.line,
                "HEAD007",
                f"heading id `{heading.id}` is used twice (also on line {seen[heading.id]})",
                "give each heading its own id",
            )
        seen.setdefault(heading.id, heading.line)


def _admonitions(page: Page) -> Iterator[Problem]:
    for admonition in page.admonitions:
        if admonition.kind not in ADMONITION_TYPES:
            yield Problem(
                page.path,
                admonition.line,
                "ADM001",
                f"admonition type `{admonition.kind}` is not allowed",
                f"use one of {', '.join(ADMONITION_TYPES)}",
            )
        if admonition.title is None:
            yield Problem(
                page.path,
                admonition.line,
                "ADM002",
                "the admonition has no quoted title",
                f'write `!!! {admonition.kind} "…"` with the agreed title',
            )


def _statements(fence: Fence) -> Iterator[tuple[int, str]]:
    """(line, text) of each statement of a mermaid block, without comments and its --- config header."""
    lines = fence.content.split("\n")
    in_header = False
    for number, raw in enumerate(lines, start=fence.line + 1):
        text = raw.strip()
        if text == "---" and (in_header or number == fence.line + 1):
            in_header = not in_header
            continue
        if in_header or not text or (text.startswith("%%") and not text.startswith("%%{")):
            continue
        yield number, text


def _balanced(text: str) -> bool:
    """Quotes paired and brackets closed in order, outside quoted labels."""
    stack: list[str] = []
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif char in OPENING:
            stack.append(OPENING[char])
        elif char in OPENING.values() and (not stack or stack.pop() != char):
            return False
    return not quoted and not stack


def mermaid_problems(page: Page, fence: Fence) -> Iterator[Problem]:
    statements = list(_statements(fence))
    if not statements:
        yield Problem(
            page.path, fence.line, "DIAG001", "the mermaid block is empty", "write the diagram or remove the block"
        )
        return
    first_line, first = statements[0]
    keyword = first.split()[0].rstrip(";").lower()
    if keyword not in MERMAID_TYPES:
        yield Problem(
            page.path,
            first_line,
            "DIAG002",
            f"`{first.split()[0]}` is not a mermaid diagram type",
            "start with `flowchart TD`",
        )
        return
    for line, text in statements[1:]:
        word = text.split()[0].lower()
        styling_class = word == "class" and keyword in ("flowchart", "graph")
        if (word in MERMAID_FORBIDDEN and word != "class") or styling_class or text.startswith("%%{"):
            yield Problem(
                page.path,
                line,
                "DIAG003",
                f"`{text.split()[0]}` lines are not allowed in diagrams",
                "remove it: no styling, click or init lines",
            )
        elif keyword in ("flowchart", "graph") and not _balanced(text):
            yield Problem(
                page.path,
                line,
                "DIAG004",
                "unbalanced quotes or brackets: mermaid cannot draw this line",
                'close each label: A["…"]',
            )
