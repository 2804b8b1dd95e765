"""HEAD: the H1 equal to the title, explicit kebab-case ids unique on the page (heading order: markdownlint's MD001,
MD025, MD041). ADM: admonitions of the allowed types, with a title. DIAG001-DIAG004: mermaid blocks that are not
empty, name a diagram type and keep to the conventions (their stored drawings: drawings.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from scripts.doctree import Site
from scripts.pagemodel import Fence, Page
from scripts.validate import Problem

ADMONITION_TYPES = ("danger", "warning", "tip", "note", "info")
ALLOWED = ", ".join(ADMONITION_TYPES)
KEBAB_CASE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# The diagram keywords mermaid 11 recognises (its diagram detectors); the first statement of a block names one.
MERMAID_TYPE = re.compile(
    r"architecture-beta|block-beta|c4(?:component|container|context|deployment|dynamic)|classdiagram(?:-v2)?|"
    r"erdiagram|flowchart(?:-elk)?|gantt|gitgraph|graph|info|journey|kanban|mindmap|packet-beta|pie|quadrantchart|"
    r"radar-beta|requirementdiagram|sankey-beta|sequencediagram|statediagram(?:-v2)?|timeline|treemap-beta|"
    r"xychart-beta|zenuml"
)
# The style guide: no styling, no init directives, no click lines (they can run scripts or open links).
MERMAID_FORBIDDEN = ("click", "style", "classdef", "linkstyle")  # and `class` in flowcharts, and `%%{` lines


def check(site: Site) -> Iterator[Problem]:
    for page in site.all_pages():
        h1 = [h for h in page.headings if h.level == 1]
        if h1 and page.title is not None and h1[0].text != page.title.strip():
            message = f"the H1 `{h1[0].text}` differs from the title `{page.title}`"
            yield Problem(page.path, h1[0].line, "HEAD003", message, "make the H1 and the front matter title the same")
        seen: dict[str, int] = {}
        for heading in page.headings:
            if heading.level >= 2 and not heading.explicit:
                message = f"heading `{heading.text}` has no explicit id"
                fix = "add ` { #english-kebab-case-id }` (the same id in both languages)"
                yield Problem(page.path, heading.line, "HEAD005", message, fix)
            elif heading.level >= 2 and not KEBAB_CASE.fullmatch(heading.id):
                message = f"heading id `{heading.id}` is not English kebab-case"
                fix = "use lower-case letters, digits and hyphens: `{ #like-this }`"
                yield Problem(page.path, heading.line, "HEAD006", message, fix)
            if heading.id in seen:
                message = f"heading id `{heading.id}` is used twice (also on line {seen[heading.id]})"
                yield Problem(page.path, heading.line, "HEAD007", message, "give each heading its own id")
            seen.setdefault(heading.id, heading.line)
        for admonition in page.admonitions:
            if admonition.kind not in ADMONITION_TYPES:
                message, fix = f"admonition type `{admonition.kind}` is not allowed", f"use one of {ALLOWED}"
                yield Problem(page.path, admonition.line, "ADM001", message, fix)
            if admonition.title is None:
                fix = f'write `!!! {admonition.kind} "…"` with the agreed title'
                yield Problem(page.path, admonition.line, "ADM002", "the admonition has no quoted title", fix)
        for fence in page.fences:
            if fence.lang == "mermaid":
                yield from mermaid_problems(page, fence)


def _balanced(text: str) -> bool:
    """Quotes paired and brackets closed in order, outside quoted labels."""
    brackets = re.sub(r"[^][(){}]", "", re.sub(r'"[^"]*"', "", text))  # what is left after the quoted labels
    while re.search(r"\[\]|\(\)|\{\}", brackets):  # the innermost pairs, one layer at a time
        brackets = re.sub(r"\[\]|\(\)|\{\}", "", brackets)
    return not brackets and text.count('"') % 2 == 0


def mermaid_problems(page: Page, fence: Fence) -> Iterator[Problem]:
    statements, in_header = [], False  # (line, text) of each statement, without comments and the --- config header
    for number, raw in enumerate(fence.content.split("\n"), start=fence.line + 1):
        text = raw.strip()
        if text == "---" and (in_header or number == fence.line + 1):
            in_header = not in_header
        elif not in_header and text and not (text.startswith("%%") and not text.startswith("%%{")):
            statements.append((number, text))
    if not statements:
        yield Problem(page.path, fence.line, "DIAG001", "the mermaid block is empty", "write the diagram or remove it")
        return
    first_line, first = statements[0]
    keyword = first.split()[0].rstrip(";").lower()
    if not MERMAID_TYPE.fullmatch(keyword):
        message = f"`{first.split()[0]}` is not a mermaid diagram type"
        yield Problem(page.path, first_line, "DIAG002", message, "start with `flowchart TD`")
        return
    flowchart = keyword in ("flowchart", "graph")
    for line, text in statements[1:]:
        word = text.split()[0].lower()
        if word in MERMAID_FORBIDDEN or (word == "class" and flowchart) or text.startswith("%%{"):
            message = f"`{text.split()[0]}` lines are not allowed in diagrams"
            yield Problem(page.path, line, "DIAG003", message, "remove it: no styling, click or init lines")
        elif flowchart and not _balanced(text):
            message = "unbalanced quotes or brackets: mermaid cannot draw this line"
            yield Problem(page.path, line, "DIAG004", message, 'close each label: A["…"]')
