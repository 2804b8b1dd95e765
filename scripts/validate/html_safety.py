"""HTML: raw HTML in a page is limited to an allowlist of tags and attributes, with no scripts, frames, styles,
forms, event handlers or resources loaded from other sites."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from scripts.validate import Problem
from scripts.doctree import Site
from scripts.validate.links import UNSAFE_SCHEMES

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
URL_ATTRIBUTES = {"href", "src"}


def _attribute_allowed(tag: str, name: str) -> bool:
    return name in GLOBAL_ATTRIBUTES or name in TAG_ATTRIBUTES.get(tag, ()) or name.startswith("aria-")


def check(site: Site) -> Iterator[Problem]:
    for page in site.all_pages():
        for tag in page.html:
            if tag.name not in ALLOWED_TAGS:
                yield Problem(page.path, tag.line, "HTML001", f"raw HTML tag <{tag.name}> is not allowed",
                              "use Markdown, or an allowed tag (see the checks page)")
                continue
            for name, value in tag.attrs:
                if not _attribute_allowed(tag.name, name):
                    yield Problem(page.path, tag.line, "HTML002",
                                  f"attribute `{name}` on <{tag.name}> is not allowed",
                                  "remove it (event handlers and inline styles are never allowed)")
                elif name in URL_ATTRIBUTES and value is not None:
                    yield from _url(page.path, tag.line, tag.name, name, value.strip())


def _url(path, line: int, tag: str, name: str, value: str) -> Iterator[Problem]:
    scheme = urlsplit(value).scheme.lower()
    if scheme in UNSAFE_SCHEMES:
        yield Problem(path, line, "HTML003", f"<{tag} {name}> uses a `{scheme}:` URL",
                      "link to a page or an https:// address instead")
    elif name == "src" and (scheme in ("http", "https") or value.startswith("//")):
        yield Problem(path, line, "HTML004", f"<{tag} src> loads `{value}` from another site",
                      "save the file under docs/ and refer to it relatively")
    elif scheme == "http":
        yield Problem(path, line, "HTML003", f"<{tag} {name}> uses http://", "use https://")
