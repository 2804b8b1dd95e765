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


def check(site: Site) -> Iterator[Problem]:
    for page in site.all_pages():
        for tag in page.html:
            for name, _ in tag.attrs:
                if name not in GLOBAL_ATTRIBUTES | TAG_ATTRIBUTES.get(tag.name, set()) and not name.startswith("aria-"):
                    message = f"attribute `{name}` on <{tag.name}> is not allowed"
                    fix = "remove it (event handlers and inline styles are never allowed)"
                    yield Problem(page.path, tag.line, "HTML002", message, fix)
