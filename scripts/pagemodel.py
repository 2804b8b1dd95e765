"""One parsed model of a Markdown page (markdown-it-py with the plugins that match the build's extensions), shared
by every check of `make validate` and the translation tools. Every element keeps its 1-based line, so that a check
says `path:line:`; heading ids are the build's (attr_list's own scanner, else toc's slugify and `unique()`)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from bs4 import BeautifulSoup
from markdown.extensions import attr_list, toc
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins import admon, deflist, footnote, front_matter
from pymdownx.slugs import slugify

SLUGIFY = slugify(case="lower")  # the same slugify as mkdocs.yml's toc configuration
LISTS = ("bullet_list", "ordered_list")
PLAIN_TEXT = ("text", "code_inline", "softbreak", "hardbreak")


class Heading(NamedTuple):
    level: int
    text: str  # plain text, without the { #id } attribute list
    id: str
    explicit: bool  # True when the id comes from `{ #id }`, False when slugified from the text
    line: int


class Link(NamedTuple):
    url: str
    text: str
    line: int


class Image(NamedTuple):
    src: str
    alt: str
    line: int


class Admonition(NamedTuple):
    kind: str  # lower-cased type: note, warning, …
    title: str | None  # None when the marker line gives no quoted title
    collapsible: bool  # ??? / ???+ (pymdownx.details) rather than !!!
    line: int  # the marker line
    end_line: int  # the last line that belongs to the block
    indent: int  # columns by which the marker is indented (nested admonitions, lists)


class Table(NamedTuple):
    columns: int
    line: int
    rows: int  # body rows (the header row is not counted)


class ListBlock(NamedTuple):  # a list nested in an item is a ListBlock of its own, with depth + 1
    ordered: bool
    items: int
    line: int
    start: int | None  # the first number of a numbered list
    depth: int


class Span(NamedTuple):
    kind: str  # "text" (link text included) or "code" (an inline code span)
    text: str
    line: int


class TextBlock(NamedTuple):  # a block's inline text, each run with its line (no raw HTML, images, link targets)
    kind: str  # "paragraph", "item" (a paragraph in a list item), "cell" or "heading"
    line: int
    spans: tuple[Span, ...]
    column: int = -1  # for a cell: its column, counted from 0
    header: bool = False  # for a cell: in the header row

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)

    @property
    def prose(self) -> str:  # without the inline code spans
        return "".join(span.text for span in self.spans if span.kind == "text")


class Fence(NamedTuple):
    lang: str  # first word of the info string: "mermaid", "text", "" …
    content: str
    line: int  # the opening ``` line


class HtmlTag(NamedTuple):
    name: str
    attrs: tuple[tuple[str, str | None], ...]
    line: int


class Footnote(NamedTuple):
    label: str
    line: int  # the reference's line


@dataclass
class FrontMatter:
    present: bool = False
    data: Any = None  # what the YAML says (a dict for a well-formed page)
    error: str | None = None
    error_line: int = 1
    key_lines: dict[str, int] = field(default_factory=dict)  # top-level key -> its line
    duplicate_keys: list[tuple[str, int]] = field(default_factory=list)
    start_line: int = 1  # the opening ---
    end_line: int = 0  # the closing ---; 0 when absent


@dataclass
class Page:
    path: Path  # absolute path of the file
    rel: str  # path relative to the language's docs folder, POSIX style: "reset/index.md"
    language: str
    text: str
    front_matter: FrontMatter
    headings: list[Heading] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)  # Markdown links and raw HTML <a href>
    images: list[Image] = field(default_factory=list)  # Markdown images and raw HTML <img src>
    admonitions: list[Admonition] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    fences: list[Fence] = field(default_factory=list)
    html: list[HtmlTag] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    lists: list[ListBlock] = field(default_factory=list)  # in the order their first line appears
    blocks: list[TextBlock] = field(default_factory=list)  # paragraphs, list items, table cells, headings

    @property
    def title(self) -> str | None:
        value = self.front_matter.data.get("title") if isinstance(self.front_matter.data, dict) else None
        return value if isinstance(value, str) else None

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


_MD = MarkdownIt("commonmark").enable("table")
for _plugin in (front_matter.front_matter_plugin, admon.admon_plugin, footnote.footnote_plugin, deflist.deflist_plugin):
    _MD.use(_plugin)
# Every URL as written: markdown-it drops javascript: and file: links and percent-encodes the rest; the build keeps
# them, so the checks see (and report) what it would publish, quoting what the author typed.
_MD.validateLink = lambda url: True
_MD.normalizeLink = lambda url: url


def yaml_error_line(error: yaml.YAMLError) -> int:
    """The line of a YAML error: where an unclosed quote or bracket opens, not where PyYAML notices it is missing."""
    context = str(getattr(error, "context", None) or "")
    opened = context.startswith(("while scanning a quoted", "while parsing a flow"))
    mark = (opened and getattr(error, "context_mark", None)) or getattr(error, "problem_mark", None)
    return (mark.line if mark else 0) + 1


def read_front_matter(text: str, tokens: list[Token] | None = None) -> FrontMatter:
    """The front matter as markdown-it's front_matter plugin finds it (closed by --- or ..., as in MkDocs)."""
    fm = FrontMatter(present=re.fullmatch(r"-{3,}[ \t]*", text.partition("\n")[0]) is not None)
    block = next((token for token in tokens or _MD.parse(text) if token.type == "front_matter"), None)
    if fm.present and block is None:
        fm.error = "front matter is not closed with a --- line"
    if block is None:
        return fm
    fm.end_line, yaml_text = block.map[1], "\n" + block.content  # the YAML text's line 0: the opening --- line
    try:
        node = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
        fm.data = yaml.load(yaml_text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        fm.error = " ".join(str(getattr(error, "problem", None) or error).split())
        fm.error_line = yaml_error_line(error)
        return fm
    for key_node, _ in node.value if isinstance(node, yaml.MappingNode) else ():
        key, line = str(key_node.value), key_node.start_mark.line + 1
        if fm.key_lines.setdefault(key, line) != line:
            fm.duplicate_keys.append((key, line))
    return fm


def _plain_text(children: list[Token]) -> str:
    """What toc reads as a heading's name: its text with inline markup and raw HTML removed."""
    words = [c.content if c.type in ("text", "code_inline") else " " for c in children if c.type in PLAIN_TEXT]
    return " ".join("".join(words).split())


def _raw_html(page: Page, fragment: str, line: int) -> None:
    """Raw HTML's start tags; its links and images join the Markdown ones, so one set of link rules reads both."""
    for tag in BeautifulSoup(fragment, "html.parser", multi_valued_attributes=None).find_all(True):
        found = HtmlTag(tag.name, tuple(tag.attrs.items()), line + (tag.sourceline or 1) - 1)
        page.html.append(found)
        if tag.name == "a" and tag.get("href") is not None:
            page.links.append(Link(tag["href"].strip(), "", found.line))
        elif tag.name == "img" and tag.get("src") is not None:
            page.images.append(Image(tag["src"].strip(), tag.get("alt") or "", found.line))


def _inline(page: Page, node: SyntaxTreeNode, line: int) -> None:
    """An inline run's links, images, raw HTML, footnotes, and its text (none for an admonition or definition title)."""
    parent = node.parent
    kind = {"th": "cell", "td": "cell", "heading": "heading", "paragraph": "paragraph"}.get(parent.type)
    if kind == "paragraph" and parent.parent.type == "list_item":
        kind = "item"
    children, spans, opened, current = node.token.children or [], [], [], line
    for index, child in enumerate(children):
        if child.type in ("text", "code_inline"):
            spans.append(Span("text" if child.type == "text" else "code", child.content, current))
        elif child.type in ("softbreak", "hardbreak"):
            spans.append(Span("text", "\n", current))
            current += 1
        elif child.type == "link_open":
            opened.append((str(child.attrGet("href") or ""), current, index))
        elif child.type == "link_close" and opened:
            href, link_line, start = opened.pop()
            page.links.append(Link(href, _plain_text(children[start + 1 : index]), link_line))
        elif child.type == "image":
            page.images.append(Image(str(child.attrGet("src") or ""), _plain_text(child.children or []), current))
        elif child.type == "html_inline":
            _raw_html(page, child.content, current)
        elif child.type == "footnote_ref":
            page.footnotes.append(Footnote(str(child.meta.get("label", "")), current))
        if child.type in ("text", "html_inline"):
            current += child.content.count("\n")
    if kind is not None:
        cell = kind == "cell"
        column = parent.parent.children.index(parent) if cell else -1
        page.blocks.append(TextBlock(kind, line, tuple(spans), column, cell and parent.type == "th"))


def parse_page(path: Path, docs_dir: Path, language: str) -> Page:
    text = path.read_text(encoding="utf-8")
    tokens = _MD.parse(text)
    page = Page(path, path.relative_to(docs_dir).as_posix(), language, text, read_front_matter(text, tokens))
    nodes = list(SyntaxTreeNode(tokens).walk(include_self=False))
    for node in nodes:
        line = node.map[0] + 1 if node.map else 0
        if node.type == "inline":
            _inline(page, node, line)
        elif node.type == "html_block":
            _raw_html(page, node.content, line)
        elif node.type in ("fence", "code_block"):
            page.fences.append(Fence((node.info.split() or [""])[0].lower(), node.content, line))
        elif node.type == "table":
            head, *body = node.children
            page.tables.append(Table(len(head.children[0].children), line, len(body[0].children) if body else 0))
        elif node.type in LISTS:
            depth, parent = 0, node.parent
            while parent is not None:
                depth, parent = depth + (parent.type in LISTS), parent.parent
            start = int(node.attrs.get("start", 1)) if node.type == "ordered_list" else None
            page.lists.append(ListBlock(node.type == "ordered_list", len(node.children), line, start, depth))
        elif node.type == "admonition":
            kind, _, rest = node.info.strip().partition(" ")
            title = re.fullmatch(r'\s*"(.*)"\s*', rest)
            indent = re.match(" *", page.lines[line - 1]).end()
            collapsible = node.markup.startswith("?")
            page.admonitions.append(
                Admonition(kind.lower(), title and title[1], collapsible, line, node.map[1], indent)
            )
    # Heading ids as toc gives them: explicit ids first, then slugs made unique against them, in document order.
    read = []
    for node in [node for node in nodes if node.type == "heading"]:
        inline = node.children[0].token
        match = attr_list.AttrListTreeprocessor.HEADER_RE.search(inline.content)
        attrs, remainder = attr_list.get_attrs_and_remainder(match.group(1)) if match else ([], "")
        if match and not remainder:  # attr_list ignores a list it cannot read completely (strict mode)
            text = _plain_text(_MD.parseInline(inline.content[: match.start()])[0].children or [])
        else:
            attrs, text = [], _plain_text(inline.children or [])
        read.append((int(node.tag[1]), text, dict(attrs).get("id"), node.map[0] + 1))
    used_ids = {str(heading_id) for *_, heading_id, _ in read if heading_id}
    counters: dict[str, int] = {}
    for level, text, heading_id, line in read:
        explicit = bool(heading_id)
        heading_id = str(heading_id) if explicit else toc.unique(SLUGIFY(html.unescape(text), "-"), used_ids, counters)
        page.headings.append(Heading(level, text, heading_id, explicit, line))
    return page
