"""PAR: a page of the original language and each of its translations have the same structure, in the same order:
headings (levels and ids), admonitions, tables (column counts), diagrams, code blocks, images, footnotes and lists.
Paired tables have as many body rows and paired lists as many items (PAR008, PAR009): a row or a step dropped from one
language is reported at the shorter side, with the line of the longer one. Cells per row are markdownlint's MD056."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from scripts.doctree import Site
from scripts.pagemodel import ListBlock, Page
from scripts.validate import Problem


def _list_name(item: ListBlock) -> str:
    nested = f" nested (depth {item.depth})" if item.depth else ""
    start = f" from {item.start}" if item.start != 1 else ""
    return f"a{nested} numbered list{start}" if item.ordered else f"a{nested} bullet list"


@dataclass(frozen=True)
class Kind:
    code: str
    items: Callable[[Page], Sequence[Any]]
    describe: Callable[[Any], str]
    size: Callable[[Any], int] | None = None  # of paired elements, equal too: a table's body rows, a list's items
    size_code: str = ""
    unit: str = ""  # what is missing: "body row", "item"
    # Elements are paired by how a message names them: the same name is the same element in both languages. An image
    # is paired whatever its file (screenshots differ).
    signature: Callable[[Any], str] | None = None


KINDS = (
    Kind("PAR001", lambda p: [h for h in p.headings if h.level >= 2], lambda h: f"{'#' * h.level} … {{ #{h.id} }}"),
    Kind("PAR002", lambda p: p.admonitions, lambda a: f"{'???' if a.collapsible else '!!!'} {a.kind}"),
    Kind("PAR003", lambda p: p.tables, lambda t: f"a {t.columns}-column table", lambda t: t.rows, "PAR008", "body row"),
    Kind("PAR004", lambda p: [f for f in p.fences if f.lang == "mermaid"], lambda f: "a mermaid diagram"),
    Kind(
        "PAR005", lambda p: [f for f in p.fences if f.lang != "mermaid"], lambda f: f"a {f.lang or 'plain'} code block"
    ),
    Kind("PAR006", lambda p: p.images, lambda i: f"the image {i.src}", signature=lambda i: "an image"),
    Kind("PAR007", lambda p: p.footnotes, lambda f: f"the footnote [^{f.label}]"),
    Kind("PAR009", lambda p: p.lists, _list_name, lambda i: i.items, "PAR009", "item"),
)


def check(site: Site) -> Iterator[Problem]:
    for orig in site.pages[site.original].values():
        for language in site.translations:
            tr = site.counterpart(orig, language)
            for kind in KINDS if tr is not None else ():
                yield from _compare(site, kind, orig, tr)


def _missing(site: Site, kind: Kind, item: Any, has: Page, lacks: Page) -> Problem:
    """Reported at the lacking page's heading of the same section (its H1, or line 1, for the introduction)."""
    section = next((h.id for h in reversed(has.headings) if h.line < item.line and h.level >= 2), None)
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
    signature = kind.signature or kind.describe
    matcher = difflib.SequenceMatcher(a=[*map(signature, orig_items)], b=[*map(signature, tr_items)], autojunk=False)
    orig_shown = orig.path.relative_to(site.root).as_posix()
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        paired = list(zip(orig_items[a1:a2], tr_items[b1:b2], strict=False))  # `replace` pairs as many as it can
        if tag == "equal":  # paired elements whose sizes differ: reported at the smaller one, naming the larger
            for pair in paired if kind.size else ():
                (short_page, short), (long_page, long) = sorted(
                    zip((orig, tr), pair, strict=True), key=lambda side: kind.size(side[1])
                )
                small, large = kind.size(short), kind.size(long)
                if small != large:
                    shown = long_page.path.relative_to(site.root).as_posix()
                    message = (
                        f"this {kind.describe(short)[2:]} has {small} {kind.unit}(s); {shown}:{long.line} has {large}"
                    )
                    fix = f"add the missing {kind.unit}(s) here, or remove them from {shown}"
                    yield Problem(short_page.path, short.line, kind.size_code, message, fix)
            continue
        for orig_item, tr_item in paired:
            message = f"{kind.describe(tr_item)} here is {kind.describe(orig_item)} in {orig_shown}:{orig_item.line}"
            yield Problem(tr.path, tr_item.line, kind.code, message, "make both languages the same")
        for orig_item in orig_items[a1 + len(paired) : a2]:
            yield _missing(site, kind, orig_item, orig, tr)
        for tr_item in tr_items[b1 + len(paired) : b2]:
            yield _missing(site, kind, tr_item, tr, orig)
