"""Browser settings and the pages the browser tests visit, shared by the tests and their conftest (a plain module:
a conftest is never imported)."""

from __future__ import annotations

from scripts.pagemodel import parse_page
from scripts.project import PROJECT

LANGUAGES = PROJECT.codes

# The flags this project's machines need: no GPU, no sandbox (containers run as root), and none of Chromium's own
# background traffic, which would otherwise show up as requests to other hosts.
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
# A page shows the dark scheme when its background's red, green and blue add up to at most DARK_BACKGROUND_MAX, and
# the light scheme at LIGHT_BACKGROUND_MIN or more: judged by what a reader sees, not by a class or attribute.
DARK_BACKGROUND_MAX = 3 * 80
LIGHT_BACKGROUND_MIN = 3 * 200


def page_id(value: tuple[str, str]) -> str:
    language, path = value
    return f"{language}/{path}"


def all_pages() -> list[tuple[str, str]]:
    return [(language, page.url) for language in LANGUAGES for page in PROJECT.pages(language)]


def diagram_pages() -> list[tuple[str, str]]:
    """The pages whose source has a ```mermaid block (as the page model parses it: not an example inside another
    code block): only they get the diagram checks."""
    return [
        (language, page.url)
        for language in LANGUAGES
        for page in PROJECT.pages(language)
        if any(fence.lang == "mermaid" for fence in parse_page(page.source, page.source.parent, language).fences)
    ]


def representative_pages() -> list[tuple[str, str]]:
    """The header (skip link, search, language switcher) is the same template on every page: each language's home
    page, its deepest page (relative links climb furthest) and its first diagram page stand for all of them."""
    chosen = []
    for language in LANGUAGES:
        urls = [page.url for page in PROJECT.pages(language)]
        deepest = max(urls, key=lambda url: (url.count("/"), url))
        with_diagram = [path for code, path in diagram_pages() if code == language][:1]
        chosen += [(language, path) for path in dict.fromkeys(["", deepest, *with_diagram])]
    return chosen
