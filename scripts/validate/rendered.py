"""REND: what the build's Markdown did with each page, compared with the source.

Each page is converted by Python-Markdown with the site's own `markdown_extensions` and their settings, from the
MkDocs configuration of its language as MkDocs loads it (scripts/project.py, via the docs tree's Config.values),
the way `mkdocs build` converts it. The
output is then read back, and what the renderer silently dropped or left as text is reported at the source line:

- REND001  a table row with more cells than the header: the renderer drops the extra cells (found by the
           renderer's own table processor, which splits each row and keeps as many cells as the header has);
- REND002  a footnote reference left in the output as the literal text `[^label]`: it has no definition (or the
           site does not enable the `footnotes` extension, in which case every footnote stays literal);
- REND003  a footnote definition that nothing refers to (with `footnotes` enabled: a note without a reference in
           the text; without it: a `[^label]: …` paragraph shown as typed);
- REND004  an admonition (`!!!`) or collapsible block (`???`) whose body came out empty, usually because the
           body is not indented by four spaces and so follows the box as an ordinary paragraph;
- REND005  Markdown left as literal text in the output: an admonition marker (`!!! note`, `??? tip`) or a table
           row (`| a | b |`) that did not become a table, usually for want of a blank line before it.

Text inside code spans and code blocks is never examined: Markdown shown as an example there is meant literally.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import markdown
from bs4 import BeautifulSoup, NavigableString, Tag

from scripts.pagemodel import Page
from scripts.validate import Problem
from scripts.doctree import Site

# Where a block's text begins and ends in Python-Markdown's output: text is examined per block.
BLOCKS = {"p", "li", "td", "th", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "summary", "blockquote", "div",
          "details", "table", "ul", "ol", "body"}
CODE = {"code", "pre", "script", "style", "svg"}
FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")
MARKER = re.compile(r"^[ \t]*(!!!|\?\?\?\+?)[ \t]+([\w-]+)(?:[ \t]+\"([^\"]*)\")?[ \t]*$")
LITERAL_MARKER = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s+[\w-]+")
SUSPECT = re.compile(r"\[\^|!!!|\?\?\?|\|")
PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$")


@dataclass
class Rendered:
    """What the checks need from one conversion: facts about the output, in document order."""

    extra_cells: list[tuple[str, int, int]] = field(default_factory=list)  # (row text, cells, header cells)
    empty_boxes: list[int] = field(default_factory=list)  # the order (0, 1, …) of each empty admonition/details
    boxes: list[tuple[str, str]] = field(default_factory=list)  # (kind, title) of every box, in document order
    # The text (outside code) of each block that may hold literal Markdown; blocks without `[^`, `!!!`, `???` or
    # `|` cannot, and are not kept.
    texts: list[str] = field(default_factory=list)
    footnote_refs: set[str] = field(default_factory=set)  # labels the output links to (fnref)
    footnote_defs: list[str] = field(default_factory=list)  # labels of the notes the output lists (fn:…)
    footnotes: bool = False  # the site enables the `footnotes` extension


def _is_title(tag: Tag) -> bool:
    return tag.name == "summary" or (tag.name == "p" and "admonition-title" in tag.get("class", []))


def _own_text(block: Tag) -> str:
    """A block's text without its nested blocks' (each is examined on its own), code replaced by a placeholder."""
    parts = []
    for child in block.children:
        if isinstance(child, Tag):
            if child.name in CODE:
                parts.append("\0")
            elif child.name not in BLOCKS and not _is_title(child):
                parts.append(_own_text(child))
        elif type(child) is NavigableString:
            parts.append(str(child))
    return "".join(parts)


def read(html: str, result: Rendered) -> Rendered:
    soup = BeautifulSoup(html, "html.parser")
    for sup in soup.find_all("sup", id=re.compile("^fnref")):
        result.footnote_refs.add(sup["id"].split(":", 1)[-1])
    result.footnote_defs += [li["id"][3:] for li in soup.find_all("li", id=re.compile("^fn:"))]
    boxes = soup.find_all(lambda tag: tag.name == "details" or (tag.name == "div" and "admonition" in
                                                                tag.get("class", [])))
    for order, box in enumerate(boxes):
        title = next((child for child in box.find_all(True, recursive=False) if _is_title(child)), None)
        kind = next((name for name in box.get("class", []) if name != "admonition"), "")
        result.boxes.append((kind, title.get_text().strip() if title else ""))
        if not any(child is not title for child in box.find_all(True, recursive=False)) and \
                not "".join(box.find_all(string=True, recursive=False)).strip():
            result.empty_boxes.append(order)
    for block in [soup, *soup.find_all(lambda tag: tag.name in BLOCKS and not _is_title(tag))]:
        if tag_in_code(block):
            continue
        text = _own_text(block)
        if SUSPECT.search(text):
            result.texts.append(text)
    return result


def tag_in_code(tag: Tag) -> bool:
    return any(parent.name in CODE for parent in tag.parents)


def _find_line(lines: list[str], needle: str, start: int, whole: bool = False) -> int:
    """The 1-based number of the first line at or after `start` (0-based) containing the needle; 0 when none."""
    for index in range(start, len(lines)):
        text = lines[index].strip(" ").lstrip(">").strip() if whole else lines[index]
        if (text == needle) if whole else (needle in text):
            return index + 1
    return 0


@dataclass
class _Renderer:
    md: markdown.Markdown
    footnotes: bool  # the `footnotes` extension is enabled
    rows: list[tuple[str, int, int]] = field(default_factory=list)

    def render(self, text: str) -> Rendered:
        self.md.reset()
        self.rows.clear()
        html = self.md.convert(text)
        return read(html, Rendered(extra_cells=list(self.rows), footnotes=self.footnotes))


def _is_footnotes(extension: Any) -> bool:
    name = extension if isinstance(extension, str) else type(extension).__module__
    return name in ("footnotes", "markdown.extensions.footnotes")


def _renderer(values: dict[str, Any]) -> _Renderer:
    """A Markdown converter with the extensions and settings of a loaded MkDocs config."""
    extensions, configs = list(values["markdown_extensions"]), dict(values["mdx_configs"])
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    renderer = _Renderer(md, any(_is_footnotes(e) for e in extensions))
    table = md.parser.blockprocessors["table"] if "table" in md.parser.blockprocessors else None
    if table is not None:
        build_row = table._build_row

        def counting_build_row(row: str, parent: Any, align: Any) -> None:
            if parent.tag != "thead":
                cells = table._split_row(row)
                if len(cells) > len(align):
                    renderer.rows.append((row, len(cells), len(align)))
            build_row(row, parent, align)

        table._build_row = counting_build_row
    return renderer


def _body(page: Page) -> tuple[str, int]:
    """The Markdown MkDocs converts (the page without its front matter, blank lines in its place, so that line
    numbers stay the page's own) and the line the body starts on."""
    fm = page.front_matter
    if not fm.present or not fm.end_line:
        return page.text, 1
    lines = page.lines
    return "\n" * fm.end_line + "\n".join(lines[fm.end_line :]), fm.end_line + 1


def check(site: Site) -> Iterator[Problem]:
    # Every page is converted on every run (about a second for the whole site): no stored result can go stale.
    # (The site's own extensions run without a page context here: the translation notice adds nothing, a diagram
    # is inlined from docs/diagrams/ or left as its code block; neither changes what these checks read.)
    for language, config in site.configs.items():
        pages = list(site.pages[language].values())
        if not pages or not config.path.is_file():
            continue
        renderer = _renderer(config.values)
        for page in pages:
            text, first = _body(page)
            yield from _problems(page, renderer.render(text), first)


def _problems(page: Page, result: Rendered, first: int) -> Iterator[Problem]:
    lines = page.lines
    start = first - 1
    cursor = start
    for row, cells, header in result.extra_cells:
        line = _find_line(lines, row.strip(), cursor, whole=True) or _find_line(lines, row.strip(), start)
        cursor = line or cursor
        yield Problem(page.path, line, "REND001",
                      f"this table row has {cells} cells but the header has {header}: the build drops the last "
                      f"{cells - header}",
                      "remove the extra cells, or add the column to the header and the separator row (in both "
                      "languages)")
    yield from _boxes(page, result, start)
    yield from _literals(page, result, start)


def _letters(text: str) -> str:
    text = re.sub(r"<[^>]*>|\]\([^)]*\)|`", "", text)
    return "".join(char for char in text if char.isalnum())


def _boxes(page: Page, result: Rendered, start: int) -> Iterator[Problem]:
    markers = []
    fence: str | None = None
    for index, text in enumerate(page.lines[start:], start=start):
        stripped = text.strip()
        if stripped.startswith(("```", "~~~")):
            mark = stripped[:3]
            fence = None if fence == mark else (fence or mark)
            continue
        match = MARKER.match(text)
        if match and fence is None:
            markers.append((index + 1, match.group(2).lower(), match.group(3) or ""))
    used = 0
    lines_of: dict[int, int] = {}
    for order, (kind, title) in enumerate(result.boxes):
        for position in range(used, len(markers)):
            if markers[position][1] == kind and (not title or markers[position][2] == title):
                lines_of[order], used = markers[position][0], position + 1
                break
        else:
            lines_of[order] = markers[used][0] if used < len(markers) else 0
            used += 1
    for order in result.empty_boxes:
        kind, title = result.boxes[order]
        what = "collapsible block" if page.lines[max(lines_of[order] - 1, 0)].lstrip().startswith("?") else \
            "admonition"
        shown = f' "{title}"' if title else ""
        yield Problem(page.path, lines_of[order], "REND004",
                      f"the {what} `{kind}`{shown} has an empty body in the build",
                      "indent every line of its body by four spaces under the marker line")


def _literals(page: Page, result: Rendered, start: int) -> Iterator[Problem]:
    footnotes = result.footnotes
    lines = page.lines
    cursors: dict[str, int] = {}

    def locate(needle: str) -> int:
        line = _find_line(lines, needle, cursors.get(needle, start))
        if line:
            cursors[needle] = line  # the next occurrence of the same text is searched after this one
        return line

    def locate_loosely(needle: str) -> int:
        """For text the output changed (HTML tags, links): compare letters and digits only."""
        wanted = _letters(needle)
        for index in range(start, len(lines)):
            if wanted and wanted in _letters(lines[index]):
                return index + 1
        return 0

    literal_refs = set()
    definitions: list[tuple[str, int]] = []
    for text in result.texts:
        for match in FOOTNOTE.finditer(text):
            label = match.group(1)
            before = text[: match.start()].strip()
            if text[match.end() : match.end() + 1] == ":" and before == "":
                definitions.append((label, locate(f"[^{label}]:")))
            else:
                literal_refs.add(label)
                line = locate(f"[^{label}]")
                reason = ("footnotes are not enabled in the MkDocs configuration" if not footnotes
                          else "it has no definition")
                yield Problem(page.path, line, "REND002",
                              f"the footnote reference `[^{label}]` is shown as typed: {reason}",
                              "link to the references page instead (or define it)" if not footnotes
                              else f"add `[^{label}]: …` below the paragraph, or remove the reference")
        in_table = False
        for row in text.split("\n"):
            if LITERAL_MARKER.match(row):
                marker = " ".join(row.split()[:2])
                yield Problem(page.path, locate(marker), "REND005",
                              f"`{' '.join(row.split())[:60]}` is shown as text: the admonition was not recognised",
                              "put the marker on a line of its own, after a blank line, and indent its body by "
                              "four spaces")
            is_row = bool(PIPE_ROW.match(row) or PIPE_SEPARATOR.match(row))
            if is_row and not in_table:  # one report for the rows of one table, at its first row
                shown = " ".join(row.split())
                yield Problem(page.path, locate(row.strip()) or locate_loosely(shown), "REND005",
                              f"`{shown[:60]}` is shown as text: the table was not recognised",
                              "leave a blank line before the table, and give it a header row and a `| --- |` "
                              "separator")
            in_table = is_row
    if footnotes:
        for label in result.footnote_defs:
            if label not in result.footnote_refs:
                yield Problem(page.path, locate(f"[^{label}]:"), "REND003",
                              f"the footnote `[^{label}]` is defined but nothing refers to it",
                              f"refer to it with `[^{label}]` in the text, or remove the definition")
    for label, line in definitions:
        if label not in literal_refs:
            yield Problem(page.path, line, "REND003",
                          f"the footnote `[^{label}]` is defined but nothing refers to it (it is shown as typed)",
                          "remove the definition" if not footnotes
                          else f"refer to it with `[^{label}]` in the text, or remove the definition")
