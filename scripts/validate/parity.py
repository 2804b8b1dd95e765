"""PAR: a page of the original language and each of its translations have the same structure: heading tree
(levels and ids), admonitions, tables (column counts), diagrams, images, code blocks, footnotes and lists, in the same
order; and below the section level, each table has as many body rows and each list as many items as its counterpart
(PAR008, PAR009): a row or a step dropped from one language is reported at the shorter side, with the line of the
longer one. Cells per row need no check of their own: a row with fewer cells than its header is markdownlint's MD056
(scripts/validate/markdownlint.py), and equal headers are PAR003."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from scripts.doctree import Site
from scripts.pagemodel import ListBlock, Page
from scripts.validate import Problem


@dataclass(frozen=True)
class Kind:
    code: str
    name: str
    items: Callable[[Page], Sequence[Any]]
    signature: Callable[[Any], Any]  # what must be equal between the languages (an image may differ: screenshots)
    describe: Callable[[Any], str]


KINDS = (
    Kind(
        "PAR001",
        "heading",
        lambda p: [h for h in p.headings if h.level >= 2],
        lambda h: (h.level, h.id),
        lambda h: f"{'#' * h.level} … {{ #{h.id} }}",
    ),
    Kind(
        "PAR002",
        "admonition",
        lambda p: p.admonitions,
        lambda a: (a.kind, a.collapsible),
        lambda a: f"{'???' if a.collapsible else '!!!'} {a.kind}",
    ),
    Kind("PAR003", "table", lambda p: p.tables, lambda t: t.columns, lambda t: f"a table of {t.columns} columns"),
    Kind(
        "PAR004",
        "diagram",
        lambda p: [f for f in p.fences if f.lang == "mermaid"],
        lambda f: "mermaid",
        lambda f: "a mermaid diagram",
    ),
    Kind(
        "PAR005",
        "code block",
        lambda p: [f for f in p.fences if f.lang != "mermaid"],
        lambda f: f.lang,
        lambda f: f"a code block ({f.lang or 'no language'})",
    ),
    Kind("PAR006", "image", lambda p: p.images, lambda i: "image", lambda i: f"the image {i.src}"),
    Kind("PAR007", "footnote", lambda p: p.footnotes, lambda f: f.label, lambda f: f"the footnote [^{f.label}]"),
    Kind(
        "PAR009",
        "list",
        lambda p: p.lists,
        lambda item: (item.ordered, item.depth, item.start),
        lambda item: _list_name(item),
    ),
)


def _list_name(item: ListBlock) -> str:
    nested = " nested" if item.depth else ""
    if item.ordered:
        start = f" from {item.start}" if item.start != 1 else ""
        return f"a{nested} numbered list{start}"
    return f"a{nested} bullet list"


@dataclass(frozen=True)
class Count:
    """Paired elements (matched as for Kind) whose sizes must be equal: body rows of a table, items of a list."""

    code: str
    items: Callable[[Page], Sequence[Any]]
    signature: Callable[[Any], Any]
    size: Callable[[Any], int]
    describe: Callable[[Any, int], str]  # the element with a size: "this table has 3 body rows"
    unit: str  # what is missing: "row", "item"


COUNTS = (
    Count(
        "PAR008",
        lambda p: p.tables,
        lambda t: t.columns,
        lambda t: t.rows,
        lambda t, n: f"this table has {n} body row{'s' * (n != 1)}",
        "row",
    ),
    Count(
        "PAR009",
        lambda p: p.lists,
        KINDS[-1].signature,
        lambda item: item.items,
        lambda item, n: f"this {_list_name(item)[2:]} has {n} item{'s' * (n != 1)}",
        "item",
    ),
)


def check(site: Site) -> Iterator[Problem]:
    for orig in site.pages[site.original].values():
        for language in site.translations:
            tr = site.counterpart(orig, language)
            if tr is not None:
                for kind in KINDS:
                    yield from _compare(site, kind, orig, tr)
                for count in COUNTS:
                    yield from _sizes(site, count, orig, tr)


def _section_line(page: Page, heading_id: str | None) -> int:
    """The line of the heading with this id on the page; the H1 (or line 1) for the page's introduction."""
    for heading in page.headings:
        if (heading_id is None and heading.level == 1) or (heading_id and heading.id == heading_id):
            return heading.line
    return 1


def _section_of(page: Page, line: int) -> str | None:
    """The id of the level-2+ heading that the element on this line sits under (None: before the first H2)."""
    current = None
    for heading in page.headings:
        if heading.line >= line:
            break
        if heading.level >= 2:
            current = heading.id
    return current


def _missing(site: Site, kind: Kind, item: Any, has: Page, lacks: Page) -> Problem:
    section = _section_of(has, item.line)
    where = f"section #{section}" if section else "the introduction"
    shown = has.path.relative_to(site.root).as_posix()
    return Problem(
        lacks.path,
        _section_line(lacks, section),
        kind.code,
        f"{kind.describe(item)} in {where} of {shown}:{item.line} has no counterpart on this page",
        f"add it here, or remove it from {shown}",
    )


def _compare(site: Site, kind: Kind, orig: Page, tr: Page) -> Iterator[Problem]:
    orig_items, tr_items = kind.items(orig), kind.items(tr)
    matcher = difflib.SequenceMatcher(
        a=[kind.signature(i) for i in orig_items], b=[kind.signature(i) for i in tr_items], autojunk=False
    )
    orig_shown = orig.path.relative_to(site.root).as_posix()
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        paired = min(a2 - a1, b2 - b1) if tag == "replace" else 0
        for offset in range(paired):
            orig_item, tr_item = orig_items[a1 + offset], tr_items[b1 + offset]
            yield Problem(
                tr.path,
                tr_item.line,
                kind.code,
                f"{kind.describe(tr_item)} here is {kind.describe(orig_item)} in {orig_shown}:{orig_item.line}",
                "make both languages the same",
            )
        for orig_item in orig_items[a1 + paired : a2]:
            yield _missing(site, kind, orig_item, orig, tr)
        for tr_item in tr_items[b1 + paired : b2]:
            yield _missing(site, kind, tr_item, tr, orig)


def _sizes(site: Site, count: Count, orig: Page, tr: Page) -> Iterator[Problem]:
    """Elements paired the way _compare pairs them (equal signatures, in order) whose sizes differ: reported at the
    smaller one, naming the larger one's file and line. Unpaired elements are _compare's to report."""
    orig_items, tr_items = count.items(orig), count.items(tr)
    matcher = difflib.SequenceMatcher(
        a=[count.signature(i) for i in orig_items], b=[count.signature(i) for i in tr_items], autojunk=False
    )
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag != "equal":
            continue
        for orig_item, tr_item in zip(orig_items[a1:a2], tr_items[b1:b2], strict=True):
            orig_size, tr_size = count.size(orig_item), count.size(tr_item)
            if orig_size == tr_size:
                continue
            (short_page, short), (long_page, long) = sorted(
                [(orig, orig_item), (tr, tr_item)], key=lambda pair: count.size(pair[1])
            )
            long_shown = long_page.path.relative_to(site.root).as_posix()
            missing = count.size(long) - count.size(short)
            yield Problem(
                short_page.path,
                short.line,
                count.code,
                f"{count.describe(short, count.size(short))}; its counterpart {long_shown}:{long.line} has "
                f"{count.size(long)}",
                f"add the missing {count.unit}{'s' * (missing != 1)} here, or remove "
                f"{'it' if missing == 1 else 'them'} from {long_shown}",
            )
