"""HTML: the attributes of raw HTML are limited to an allowlist (no event handlers, no inline styles). Which tags may
appear at all is markdownlint's MD033 (.markdownlint-cli2.yaml, `allowed_elements`); the links and images of raw
HTML are the page model's links and images, whose URLs the LINK rules check."""

from __future__ import annotations

from collections.abc import Iterator

from scripts.doctree import Site
from scripts.validate import Problem

GLOBAL_ATTRIBUTES = {"id", "class", "lang", "dir", "title", "markdown", "role", "hidden"}
TAG_ATTRIBUTES = {
    "a": {"href", "hreflang", "rel"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start", "reversed"},
    "details": {"open"},
    "time": {"datetime"},
}


def _attribute_allowed(tag: str, name: str) -> bool:
    return name in GLOBAL_ATTRIBUTES or name in TAG_ATTRIBUTES.get(tag, ()) or name.startswith("aria-")


def check(site: Site) -> Iterator[Problem]:
    for page in site.all_pages():
        for tag in page.html:
            for name, _ in tag.attrs:
                if not _attribute_allowed(tag.name, name):
                    yield Problem(
                        page.path,
                        tag.line,
                        "HTML002",
                        f"attribute `{name}` on <{tag.name}> is not allowed",
                        "remove it (event handlers and inline styles are never allowed)",
                    )
