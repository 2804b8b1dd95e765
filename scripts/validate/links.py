"""LINK: links and images, in Markdown or raw HTML, use https: or mailto: (or are relative), and images are served
by the site itself. Whether an internal link, image or anchor exists is MkDocs' own `validation:` in the strict build
(LINK001, LINK002, LINK008, LINK009 via scripts/hooks/link_messages.py); an image without alt text is MD045."""

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
                message = f"the image `{image.src}` is loaded from another site (a third-party request)"
                fix = "save the image under docs/ and link it relatively"
                yield Problem(page.path, image.line, "LINK010", message, fix)
            else:
                urls.append((image.src, image.line))
        for url, line in urls:
            scheme = urlsplit(url).scheme.lower()
            if scheme == "http":
                yield Problem(page.path, line, "LINK005", f"`{url}` uses http://", "use https://")
            elif scheme and scheme not in ALLOWED_SCHEMES:
                message, fix = f"`{scheme}:` URL `{url[:60]}` is not allowed", "link to a page or an https:// address"
                yield Problem(page.path, line, "LINK006", message, fix)
