"""REND: Markdown the build would drop or show as typed. The page model's parser (markdown-it) is more lenient than
the build's (Python-Markdown) in these places, so what it sees there is what the build gets wrong: a footnote
reference without a definition (REND002), an admonition whose body is not indented by four spaces (REND004), a table
or an admonition marker that does not start a block of its own (REND005). Code spans and blocks are not examined:
Markdown shown there is meant literally. (A table row with more cells than its header is MD056, an unused footnote
definition MD053.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from scripts.doctree import Site
from scripts.pagemodel import Page
from scripts.validate import Problem

REFERENCE = re.compile(r"\[\^([^\]\s]+)\](?!:)")
MARKER = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s+[\w-]+")
TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
# A line after which a table starts a block of its own in the build too.
STARTS_BLOCK = re.compile(r"^\s*(?:$|#|!!!|\?\?\?)")


NOT_RECOGNISED = {  # what the build shows as text, and how to make it recognise it
    "table": "leave a blank line before the table, and give it a header row and a `| --- |` separator",
    "admonition": "put the marker on a line of its own, after a blank line, and indent its body by four spaces",
}


def check(site: Site) -> Iterator[Problem]:
    for page in site.all_pages():
        yield from page_problems(page)


def page_problems(page: Page) -> Iterator[Problem]:
    lines, body = page.lines, page.front_matter.end_line
    shown_as_text = [  # (line, the line's text, what it was meant to be)
        (table.line, lines[table.line - 1], "table")
        for table in page.tables
        if table.line - 1 > body + 1 and not STARTS_BLOCK.match(lines[table.line - 2])
    ]
    for box in page.admonitions:
        if box.end_line <= box.line:
            what = "collapsible block" if box.collapsible else "admonition"
            title = f' "{box.title}"' if box.title else ""
            message = f"the {what} `{box.kind}`{title} has an empty body in the build"
            fix = "indent every line of its body by four spaces under the marker line"
            yield Problem(page.path, box.line, "REND004", message, fix)
    for block in page.blocks:
        for match in REFERENCE.finditer(block.prose):
            line = block.line + block.prose[: match.start()].count("\n")
            message = f"the footnote reference `{match[0]}` is shown as typed: it has no definition"
            fix = f"add `[^{match[1]}]: …` below the paragraph, or remove the reference"
            yield Problem(page.path, line, "REND002", message, fix)
        in_table = False
        for offset, row in enumerate(block.prose.split("\n")):
            if MARKER.match(row):
                shown_as_text.append((block.line + offset, row, "admonition"))
            if TABLE_ROW.match(row) and not in_table:  # one report for the rows of one table, at its first row
                shown_as_text.append((block.line + offset, row, "table"))
            in_table = bool(TABLE_ROW.match(row))
    for line, row, what in shown_as_text:
        message = f"`{' '.join(row.split())[:60]}` is shown as text: the {what} was not recognised"
        yield Problem(page.path, line, "REND005", message, NOT_RECOGNISED[what])
