"""One parsed model of a Markdown page, shared by every check of `make validate` and by the translation tools.

The page is parsed once with markdown-it-py (CommonMark + tables) and the mdit-py-plugins that match the build's
extensions (front matter, admonitions, footnotes, definition lists); front matter is read with python-frontmatter's
splitter and PyYAML. Every element records the 1-based line of the source it came from, so a check can say
`path:line:` without looking at the text again.

Heading ids are computed the way the build computes them: an explicit attr_list id (`## Title { #some-id }`, using
Python-Markdown's own attr_list pattern and scanner), else toc's slugify (pymdownx.slugs.slugify(case="lower")) of
the heading's plain text, made unique with toc's own `unique()`.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter
import yaml
from bs4 import BeautifulSoup
from markdown.extensions.attr_list import AttrListTreeprocessor, get_attrs_and_remainder
from markdown.extensions.toc import unique
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from pymdownx.slugs import slugify

# The same slugify as mkdocs.yml's toc configuration.
SLUGIFY = slugify(case="lower")
SLUG_SEPARATOR = "-"


@dataclass(frozen=True)
class Heading:
    level: int
    text: str  # plain text, without the { #id } attribute list
    id: str
    explicit: bool  # True when the id comes from `{ #id }`, False when slugified from the text
    line: int


@dataclass(frozen=True)
class Link:
    url: str
    text: str
    line: int


@dataclass(frozen=True)
class Image:
    src: str
    alt: str
    line: int


@dataclass(frozen=True)
class Admonition:
    kind: str  # lower-cased type: note, warning, …
    title: str | None  # None when the marker line gives no quoted title
    collapsible: bool  # ??? / ???+ (pymdownx.details) rather than !!!
    line: int  # the marker line
    end_line: int  # the last line that belongs to the block
    indent: int  # columns by which the marker is indented (nested admonitions, lists)


@dataclass(frozen=True)
class Table:
    columns: int
    line: int
    rows: int = 0  # body rows (the header row is not counted)
    row_lines: tuple[int, ...] = ()  # the line of each body row


@dataclass(frozen=True)
class ListBlock:
    """A bullet or numbered list; a list nested in an item is a ListBlock of its own, with depth + 1."""

    ordered: bool
    items: int
    line: int
    item_lines: tuple[int, ...] = ()
    start: int | None = None  # the first number of a numbered list
    depth: int = 0


@dataclass(frozen=True)
class Span:
    """A run of a text block's inline content: "text" (link text included) or "code" (an inline code span)."""

    kind: str
    text: str
    line: int


@dataclass(frozen=True)
class TextBlock:
    """The inline text of a paragraph, a list item's paragraph or a table cell, with the line of every run.

    Raw HTML, images and link targets are left out; an admonition title is not a block (its marker line is)."""

    kind: str  # "paragraph", "item" (a paragraph in a list item), "cell" or "heading"
    line: int
    spans: tuple[Span, ...]
    column: int = -1  # for a cell: its column, counted from 0
    header: bool = False  # for a cell: in the header row

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)

    @property
    def prose(self) -> str:
        """The text without its inline code spans."""
        return "".join(span.text for span in self.spans if span.kind == "text")


@dataclass(frozen=True)
class Fence:
    lang: str  # first word of the info string: "mermaid", "text", "" …
    content: str
    line: int  # the opening ``` line


@dataclass(frozen=True)
class HtmlTag:
    name: str
    attrs: tuple[tuple[str, str | None], ...]
    line: int


@dataclass(frozen=True)
class Footnote:
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
    links: list[Link] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    admonitions: list[Admonition] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    fences: list[Fence] = field(default_factory=list)
    html: list[HtmlTag] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    lists: list[ListBlock] = field(default_factory=list)  # in the order their first line appears
    blocks: list[TextBlock] = field(default_factory=list)  # paragraphs, list items, table cells, headings

    @property
    def title(self) -> str | None:
        data = self.front_matter.data
        value = data.get("title") if isinstance(data, dict) else None
        return value if isinstance(value, str) else None

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


_MD = MarkdownIt("commonmark").enable("table")
for _plugin in (front_matter_plugin, admon_plugin, footnote_plugin, deflist_plugin):
    _MD.use(_plugin)
# markdown-it drops javascript:, vbscript:, file: and most data: links as a safety measure when rendering; the build
# (Python-Markdown) keeps them. Accept every URL so that the checks see, and report, what the build would publish.
_MD.validateLink = lambda url: True
# Keep URLs as written (markdown-it would percent-encode them): messages then quote what the author typed.
_MD.normalizeLink = lambda url: url


def yaml_error_line(error: yaml.YAMLError) -> int:
    """The line (1-based) to show for a YAML error: where an unclosed quote or bracket opens (PyYAML's context),
    since the problem it notices is only where the text ends or the next key starts; else where the problem is."""
    context = str(getattr(error, "context", None) or "")
    opened = context.startswith(("while scanning a quoted", "while parsing a flow"))
    mark = (opened and getattr(error, "context_mark", None)) or getattr(error, "problem_mark", None)
    return (mark.line if mark else 0) + 1


def read_front_matter(text: str) -> FrontMatter:
    """Split with python-frontmatter's YAML handler; compose with PyYAML to keep each key's line."""
    handler = frontmatter.YAMLHandler()
    fm = FrontMatter()
    if not handler.detect(text):
        return fm
    fm.present = True
    try:
        yaml_text, content = handler.split(text)
    except ValueError:
        fm.error, fm.error_line = "front matter is not closed with a --- line", 1
        return fm
    # split() leaves the body untouched, so everything before it is the front matter with both --- lines.
    head = text[: len(text) - len(content)]
    fm.end_line = head.count("\n") + (0 if head.endswith("\n") else 1)
    try:
        node = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
        fm.data = yaml.load(yaml_text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        fm.error = " ".join(str(getattr(error, "problem", None) or error).split())
        fm.error_line = yaml_error_line(error)  # the YAML text's line 0 is the opening --- line
        return fm
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            key, line = str(key_node.value), key_node.start_mark.line + 1
            if key in fm.key_lines:
                fm.duplicate_keys.append((key, line))
            else:
                fm.key_lines[key] = line
    return fm


def parse_html(fragment: str, line: int) -> list[HtmlTag]:
    """Start tags of a raw HTML fragment, with the line each one starts on."""
    soup = BeautifulSoup(fragment, "html.parser", multi_valued_attributes=None)
    return [
        HtmlTag(tag.name, tuple(tag.attrs.items()), line + (tag.sourceline or 1) - 1) for tag in soup.find_all(True)
    ]


def _plain_text(children: list[Token]) -> str:
    """What toc reads as a heading's name: its text with inline markup and raw HTML removed."""
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())


def _explicit_attrs(source: str) -> tuple[dict[str, str | None], str] | None:
    """attr_list's reading of a trailing `{ … }` on a heading: (attributes, the text before it), or None."""
    match = AttrListTreeprocessor.HEADER_RE.search(source)
    if not match:
        return None
    attrs, remainder = get_attrs_and_remainder(match.group(1))
    if remainder:  # attr_list ignores a list it cannot read completely in headings (strict mode)
        return None
    return {key: value for key, value in attrs}, source[: match.start()]


class _Builder:
    """Walks the token stream once and fills a Page."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.pending_headings: list[tuple[int, int, Token]] = []

    def run(self, tokens: list[Token]) -> None:
        table_line = 0
        table_columns = 0
        in_first_row = False
        body_rows: list[int] = []
        column = -1
        open_lists: list[list[Any]] = []  # [ordered, line, item lines, start] of each list still open
        containers: list[str] = []  # the open block tokens around the current one: "list_item", "th", …
        for index, token in enumerate(tokens):
            line = token.map[0] + 1 if token.map else 0
            if token.type == "heading_open":
                self.pending_headings.append((int(token.tag[1]), line, tokens[index + 1]))
            elif token.type == "inline":
                self._inline(token, line)
                self._block(token, line, containers, column)
            elif token.type == "admonition_open":
                self._admonition(token, line)
            elif token.type == "table_open":
                table_line, table_columns, in_first_row, body_rows = line, 0, True, []
            elif token.type == "tr_open":
                column = -1
                if not in_first_row:
                    body_rows.append(line)
            elif token.type == "tr_close" and in_first_row:
                in_first_row = False
            elif token.type in ("th_open", "td_open"):
                column += 1
                if token.type == "th_open" and in_first_row:
                    table_columns += 1
            elif token.type == "table_close":
                self.page.tables.append(Table(table_columns, table_line, len(body_rows), tuple(body_rows)))
            elif token.type in ("bullet_list_open", "ordered_list_open"):
                start = token.attrGet("start")
                ordered = token.type == "ordered_list_open"
                open_lists.append(
                    [
                        ordered,
                        line,
                        [],
                        (int(start) if start is not None else 1) if ordered else None,
                        len(self.page.lists),
                    ]
                )
                self.page.lists.append(ListBlock(ordered, 0, line))  # a placeholder: keeps document order
            elif token.type == "list_item_open" and open_lists:
                open_lists[-1][2].append(line)
            elif token.type in ("bullet_list_close", "ordered_list_close") and open_lists:
                ordered, list_line, items, start, position = open_lists.pop()
                self.page.lists[position] = ListBlock(
                    ordered, len(items), list_line, tuple(items), start, len(open_lists)
                )
            elif token.type in ("fence", "code_block"):
                lang = token.info.split()[0] if token.info.strip() else ""
                self.page.fences.append(Fence(lang.lower(), token.content, line))
            elif token.type == "html_block":
                self._raw_html(token.content, line)
            if token.nesting == 1:
                containers.append(token.type.removesuffix("_open"))
            elif token.nesting == -1 and containers:
                containers.pop()
        self._headings()

    def _block(self, token: Token, line: int, containers: list[str], column: int) -> None:
        """The inline token's text as a TextBlock, named after the block it sits in."""
        parent = containers[-1] if containers else ""
        if parent in ("th", "td"):
            kind = "cell"
        elif parent == "heading":
            kind = "heading"
        elif parent == "paragraph":
            kind = "item" if len(containers) >= 2 and containers[-2] == "list_item" else "paragraph"
        else:
            return  # an admonition title, a definition term …: not prose of its own
        spans: list[Span] = []
        current = line
        for child in token.children or []:
            if child.type == "text":
                spans.append(Span("text", child.content, current))
                current += child.content.count("\n")
            elif child.type == "code_inline":
                spans.append(Span("code", child.content, current))
            elif child.type in ("softbreak", "hardbreak"):
                spans.append(Span("text", "\n", current))
                current += 1
            elif child.type == "html_inline":
                current += child.content.count("\n")
        self.page.blocks.append(
            TextBlock(kind, line, tuple(spans), column if kind == "cell" else -1, kind == "cell" and parent == "th")
        )

    def _admonition(self, token: Token, line: int) -> None:
        kind, _, rest = token.info.strip().partition(" ")
        rest, source_line = rest.strip(), self.page.lines[line - 1]
        title = rest[1:-1] if len(rest) >= 2 and rest[0] == rest[-1] == '"' else None
        self.page.admonitions.append(
            Admonition(
                kind.lower(),
                title,
                token.markup.startswith("?"),
                line,
                token.map[1],
                len(source_line) - len(source_line.lstrip(" ")),
            )
        )

    def _inline(self, token: Token, line: int) -> None:
        current = line
        children = token.children or []
        for position, child in enumerate(children):
            if child.type == "link_open":
                end = next(
                    (
                        i
                        for i in range(position, len(children))
                        if children[i].type == "link_close" and children[i].level == child.level
                    ),
                    len(children),
                )
                text = _plain_text(children[position + 1 : end])
                self.page.links.append(Link(str(child.attrGet("href") or ""), text, current))
            elif child.type == "image":
                alt = _plain_text(child.children or [])
                self.page.images.append(Image(str(child.attrGet("src") or ""), alt, current))
            elif child.type == "html_inline":
                self._raw_html(child.content, current)
            elif child.type == "footnote_ref":
                self.page.footnotes.append(Footnote(str(child.meta.get("label", "")), current))
            if child.type in ("softbreak", "hardbreak"):
                current += 1
            elif child.type in ("html_inline", "text"):
                current += child.content.count("\n")

    def _raw_html(self, fragment: str, line: int) -> None:
        """Raw HTML's tags; its links and images join the Markdown ones, so one set of link rules reads both."""
        for tag in parse_html(fragment, line):
            self.page.html.append(tag)
            attrs = dict(tag.attrs)
            if tag.name == "a" and attrs.get("href") is not None:
                self.page.links.append(Link(attrs["href"].strip(), "", tag.line))
            elif tag.name == "img" and attrs.get("src") is not None:
                self.page.images.append(Image(attrs["src"].strip(), attrs.get("alt") or "", tag.line))

    def _headings(self) -> None:
        """Explicit ids first, then slugs made unique against them, in document order (as toc does)."""
        read = [(level, line, inline, _explicit_attrs(inline.content)) for level, line, inline in self.pending_headings]
        used_ids = {str(found[0]["id"]) for *_, found in read if found and found[0].get("id")}
        counters: dict[str, int] = {}
        for level, line, inline, found in read:
            if found is None:
                text = _plain_text(inline.children or [])
            else:  # the heading's text is what precedes the attribute list
                text = _plain_text(_MD.parseInline(found[1])[0].children or [])
            heading_id = found[0].get("id") if found else None
            if heading_id:
                self.page.headings.append(Heading(level, text, str(heading_id), True, line))
            else:
                slug = unique(SLUGIFY(html.unescape(text), SLUG_SEPARATOR), used_ids, counters)
                self.page.headings.append(Heading(level, text, slug, False, line))


def parse_page(path: Path, docs_dir: Path, language: str) -> Page:
    text = path.read_text(encoding="utf-8")
    page = Page(
        path=path,
        rel=path.relative_to(docs_dir).as_posix(),
        language=language,
        text=text,
        front_matter=read_front_matter(text),
    )
    _Builder(page).run(_MD.parse(text))
    return page
