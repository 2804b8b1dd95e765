"""LINK: what a link or an image, in Markdown or in raw HTML (`<a href>`, `<img src>`), may point at outside the
site: images have alt text and are served by the site itself, and no link uses http://, javascript:, data: or
another scheme than https: and mailto:.

Whether an internal link leads to a page, an image or an anchor that exists is not checked here: MkDocs' own
`validation:` does it in the strict build (LINK001, LINK002, LINK008, LINK009 come from scripts/hooks/link_messages.py)
and `make linkcheck` crawls the built site once more over HTTP.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from scripts.doctree import Site
from scripts.pagemodel import Page
from scripts.validate import Problem

UNSAFE_SCHEMES = {"javascript", "data", "vbscript", "file"}
ALLOWED_SCHEMES = {"https", "mailto"}


def check(site: Site) -> Iterator[Problem]:
    for page in site.all_pages():
        for link in page.links:
            yield from _scheme(page, link.url, link.line)
        for image in page.images:
            if not image.alt.strip():
                yield Problem(
                    page.path,
                    image.line,
                    "LINK004",
                    f"the image `{image.src}` has no alt text",
                    "describe the image in ![…](…)",
                )
            if urlsplit(image.src).scheme.lower() in ("http", "https") or image.src.startswith("//"):
                yield Problem(
                    page.path,
                    image.line,
                    "LINK010",
                    f"the image `{image.src}` is loaded from another site (a third-party request)",
                    "save the image under docs/ and link it relatively",
                )
            else:
                yield from _scheme(page, image.src, image.line)


def _scheme(page: Page, url: str, line: int) -> Iterator[Problem]:
    scheme = urlsplit(url).scheme.lower()
    if scheme in UNSAFE_SCHEMES:
        yield Problem(
            page.path, line, "LINK006", f"`{scheme}:` URL `{url[:60]}`", "link to a page or an https:// address instead"
        )
    elif scheme == "http":
        yield Problem(page.path, line, "LINK005", f"`{url}` uses http://", "use https://")
    elif scheme and scheme not in ALLOWED_SCHEMES:
        yield Problem(
            page.path,
            line,
            "LINK006",
            f"`{scheme}:` URL `{url[:60]}` is not allowed",
            "use an https:// address or a relative link",
        )
