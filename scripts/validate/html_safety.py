"""HTML: raw HTML in a page is limited to an allowlist of tags and attributes, with no scripts, frames, styles,
forms or event handlers. Its links and images are the page model's links and images: LINK rules check their URLs."""

from __future__ import annotations

from collections.abc import Iterator

from scripts.doctree import Site
from scripts.validate import Problem

# Presentational and structural tags a guide needs beyond Markdown (md_in_html blocks, keys, details, figures).
ALLOWED_TAGS = {
    "a", "abbr", "b", "br", "caption", "cite", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "figcaption", "figure", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "q", "s", "section", "small",
    "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u",
    "ul",
}
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
            if tag.name not in ALLOWED_TAGS:
                yield Problem(page.path, tag.line, "HTML001", f"raw HTML tag <{tag.name}> is not allowed",
                              "use Markdown, or an allowed tag (see the checks page)")
                continue
            for name, _ in tag.attrs:
                if not _attribute_allowed(tag.name, name):
                    yield Problem(page.path, tag.line, "HTML002",
                                  f"attribute `{name}` on <{tag.name}> is not allowed",
                                  "remove it (event handlers and inline styles are never allowed)")

