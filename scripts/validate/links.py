"""LINK: what a link or an image, in Markdown or in raw HTML (`<a href>`, `<img src>`), may point at outside the
site: images are served by the site itself, and no link uses http://, javascript:, data: or another scheme than
https: and mailto:. An image without alt text is markdownlint's MD045 (scripts/validate/markdownlint.py).

Whether an internal link leads to a page, an image or an anchor that exists is not checked here: MkDocs' own
`validation:` does it in the strict build (LINK001, LINK002, LINK008, LINK009 come from scripts/hooks/link_messages.py)
and `make linkcheck` crawls the built site once more over HTTP.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from scripts.doctree import Site
from scripts.validate import Problem

ALLOWED_SCHEMES = {"https", "mailto"}  # and relative links, which have none


def check(site: Site) -> Iterator[Problem]:
    for page in site.all_pages():
        urls = [(link.url, link.line) for link in page.links]
        for image in page.images:
            if urlsplit(image.src).scheme.lower() in ("http", "https") or image.src.startswith("//"):
                yield Problem(
                    page.path,
                    image.line,
                    "LINK010",
                    f"the image `{image.src}` is loaded from another site (a third-party request)",
                    "save the image under docs/ and link it relatively",
                )
            else:
                urls.append((image.src, image.line))
        for url, line in urls:
            scheme = urlsplit(url).scheme.lower()
            if scheme == "http":
                yield Problem(page.path, line, "LINK005", f"`{url}` uses http://", "use https://")
            elif scheme and scheme not in ALLOWED_SCHEMES:
                yield Problem(
                    page.path,
                    line,
                    "LINK006",
                    f"`{scheme}:` URL `{url[:60]}` is not allowed",
                    "link to a page or an https:// address instead",
                )
