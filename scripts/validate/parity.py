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


def _list_name(item: ListBlock) -> str:
    nested = " nested" if item.depth else ""
    start = f" from {item.start}" if item.start != 1 else ""
    return f"a{nested} numbered list{start}" if item.ordered else f"a{nested} bullet list"


def _fences(page: Page, mermaid: bool) -> list[Any]:
    return [fence for fence in page.fences if (fence.lang == "mermaid") == mermaid]


@dataclass(frozen=True)
class Kind:
    code: str
    items: Callable[[Page], Sequence[Any]]
    signature: Callable[[Any], Any]  # what must be equal between the languages (an image may differ: screenshots)
    describe: Callable[[Any], str]
    # Paired elements (equal signatures, in order) whose sizes must be equal too: a table's body rows, a list's items.
    size: Callable[[Any], int] | None = None
    size_code: str = ""
    unit: str = ""  # what is missing: "body row", "item"


KINDS = (
    Kind(
        "PAR001",
        lambda p: [h for h in p.headings if h.level >= 2],
        lambda h: (h.level, h.id),
        lambda h: f"{'#' * h.level} … {{ #{h.id} }}",
    ),
    Kind(
        "PAR002",
        lambda p: p.admonitions,
        lambda a: (a.kind, a.collapsible),
        lambda a: f"{'???' if a.collapsible else '!!!'} {a.kind}",
    ),
    Kind(
        "PAR003",
        lambda p: p.tables,
        lambda t: t.columns,
        lambda t: f"a table of {t.columns} columns",
        lambda t: t.rows,
        "PAR008",
        "body row",
    ),
    Kind("PAR004", lambda p: _fences(p, True), lambda f: "mermaid", lambda f: "a mermaid diagram"),
    Kind(
        "PAR005", lambda p: _fences(p, False), lambda f: f.lang, lambda f: f"a code block ({f.lang or 'no language'})"
    ),
    Kind("PAR006", lambda p: p.images, lambda i: "image", lambda i: f"the image {i.src}"),
    Kind("PAR007", lambda p: p.footnotes, lambda f: f.label, lambda f: f"the footnote [^{f.label}]"),
    Kind(
        "PAR009",
        lambda p: p.lists,
        lambda i: (i.ordered, i.depth, i.start),
        _list_name,
        lambda i: i.items,
        "PAR009",
        "item",
    ),
)


def check(site: Site) -> Iterator[Problem]:
    for orig in site.pages[site.original].values():
        for language in site.translations:
            tr = site.counterpart(orig, language)
            for kind in KINDS if tr is not None else ():
                yield from _compare(site, kind, orig, tr)


def _section_of(page: Page, line: int) -> str | None:
    """The id of the level-2+ heading that the element on this line sits under (None: before the first H2)."""
    return next((h.id for h in reversed(page.headings) if h.line < line and h.level >= 2), None)


def _missing(site: Site, kind: Kind, item: Any, has: Page, lacks: Page) -> Problem:
    """Reported at the lacking page's heading of the same section (its H1, or line 1, for the introduction)."""
    section = _section_of(has, item.line)
    at = next((h.line for h in lacks.headings if (h.id == section if section else h.level == 1)), 1)
    shown = has.path.relative_to(site.root).as_posix()
    return Problem(
        lacks.path,
        at,
        kind.code,
        f"{kind.describe(item)} in {f'section #{section}' if section else 'the introduction'} of {shown}:{item.line} "
        "has no counterpart on this page",
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
            yield from _sizes(site, kind, zip(orig_items[a1:a2], tr_items[b1:b2], strict=True), orig, tr)
            continue
        paired = min(a2 - a1, b2 - b1) if tag == "replace" else 0
        for orig_item, tr_item in zip(orig_items[a1 : a1 + paired], tr_items[b1 : b1 + paired], strict=True):
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


def _sizes(site: Site, kind: Kind, pairs: Iterator[tuple[Any, Any]], orig: Page, tr: Page) -> Iterator[Problem]:
    """Paired elements whose sizes differ: reported at the smaller one, naming the larger one's file and line."""
    for pair in pairs if kind.size else ():
        (short_page, short), (long_page, long) = sorted(
            zip((orig, tr), pair, strict=True), key=lambda side: kind.size(side[1])
        )
        small, large = kind.size(short), kind.size(long)
        if small == large:
            continue
        shown, missing = long_page.path.relative_to(site.root).as_posix(), large - small
        yield Problem(
            short_page.path,
            short.line,
            kind.size_code,
            f"this {kind.describe(short)[2:]} has {small} {kind.unit}{'s' * (small != 1)}; its counterpart "
            f"{shown}:{long.line} has {large}",
            f"add the missing {kind.unit}{'s' * (missing != 1)} here, or remove {'it' if missing == 1 else 'them'} "
            f"from {shown}",
        )
