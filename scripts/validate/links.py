"""LINK: relative links lead to existing pages and anchors of the same language, images exist and have alt text,
and no link uses http://, javascript: or data:."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

from scripts.pagemodel import Page
from scripts.validate import Problem
from scripts.doctree import Site

UNSAFE_SCHEMES = {"javascript", "data", "vbscript", "file"}
ALLOWED_SCHEMES = {"https", "mailto"}


def check(site: Site) -> Iterator[Problem]:
    for page in site.all_pages():
        for link in page.links:
            yield from _link(site, page, link.url, link.line)
        for image in page.images:
            yield from _image(site, page, image.src, image.alt, image.line)


def _scheme_problem(page: Page, url: str, line: int) -> Problem | None:
    scheme = urlsplit(url).scheme.lower()
    if scheme in UNSAFE_SCHEMES:
        return Problem(page.path, line, "LINK006", f"`{scheme}:` URL `{url[:60]}`",
                       "link to a page or an https:// address instead")
    if scheme == "http":
        return Problem(page.path, line, "LINK005", f"`{url}` uses http://", "use https://")
    if scheme and scheme not in ALLOWED_SCHEMES:
        return Problem(page.path, line, "LINK006", f"`{scheme}:` URL `{url[:60]}` is not allowed",
                       "use an https:// address or a relative link")
    return None


def _resolve(site: Site, page: Page, path: str) -> str | None:
    """The target's path relative to the language's docs folder; None when it leaves that folder."""
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page.rel), unquote(path)))
    return None if joined == ".." or joined.startswith("../") else joined


def _link(site: Site, page: Page, url: str, line: int) -> Iterator[Problem]:
    if not url:
        yield Problem(page.path, line, "LINK001", "the link has no target", "write the target in ( )")
        return
    problem = _scheme_problem(page, url, line)
    if problem or urlsplit(url).scheme:
        if problem:
            yield problem
        return
    parts = urlsplit(url)
    if url.startswith("/"):
        yield Problem(page.path, line, "LINK009", f"`{url}` is an absolute path: it breaks under the published path",
                      "use a relative link to the .md file")
        return
    fragment = unquote(parts.fragment)
    if not parts.path:
        if fragment and fragment not in page.anchors:
            yield Problem(page.path, line, "LINK002", f"`#{fragment}` is not an anchor on this page",
                          "use an existing heading id")
        return
    target = _resolve(site, page, parts.path)
    if target is None:
        yield Problem(page.path, line, "LINK007",
                      f"`{url}` leaves this language's docs folder (links go to pages of the same language)",
                      "link to the page in this language: the same relative path inside this folder")
        return
    docs_dir = site.configs[page.language].docs_dir
    target_page = site.pages[page.language].get(target)
    if target.endswith(".md"):
        if target_page is None:
            yield Problem(page.path, line, "LINK001", f"`{url}` leads to a page that does not exist",
                          "fix the path or create the page")
        elif fragment and fragment not in target_page.anchors:
            yield Problem(page.path, line, "LINK002", f"`#{fragment}` is not an anchor of {target}",
                          "use a heading id that exists on that page")
        return
    if (docs_dir / target).is_dir():
        hint = posixpath.relpath(f"{target}/index.md", posixpath.dirname(page.rel) or ".")
        yield Problem(page.path, line, "LINK008", f"`{url}` points at a folder, not at a page's .md file",
                      f"link to `{hint}`")
    elif not (docs_dir / target).exists():
        yield Problem(page.path, line, "LINK001", f"`{url}` leads to a file that does not exist",
                      "fix the path or add the file")


def _image(site: Site, page: Page, src: str, alt: str, line: int) -> Iterator[Problem]:
    if not alt.strip():
        yield Problem(page.path, line, "LINK004", f"the image `{src}` has no alt text",
                      "describe the image in ![…](…)")
    scheme = urlsplit(src).scheme.lower()
    if scheme in ("http", "https"):
        yield Problem(page.path, line, "LINK010",
                      f"the image `{src}` is loaded from another site (a third-party request)",
                      "save the image under docs/ and link it relatively")
        return
    problem = _scheme_problem(page, src, line)
    if problem:
        yield problem
        return
    target = _resolve(site, page, urlsplit(src).path)
    docs_dir = site.configs[page.language].docs_dir
    if target is None or not (docs_dir / target).is_file():
        yield Problem(page.path, line, "LINK003", f"the image `{src}` does not exist",
                      "fix the path or add the image file")
