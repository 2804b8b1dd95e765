"""PAIR and NAV: every page exists in every language and is in the navigation of every config, in the same order.

MkDocs' own nav validation (`validation.nav` in mkdocs.yml) also fails the strict build on a page left out of the
nav or an entry without a page, but names no line and needs a build: NAV001 and NAV002 give the file and line first.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import zip_longest

from scripts.doctree import Config, Site
from scripts.validate import Problem


def check(site: Site) -> Iterator[Problem]:
    for language in site.translations:
        for side, other, code, what in (
            (site.original, language, "PAIR001", "translation"),
            (language, site.original, "PAIR002", "original"),
        ):
            for page in site.pages[side].values():
                if site.counterpart(page, other) is None:
                    target = site.shown(other, page.rel)
                    message = f"this page has no {what} ({target} does not exist)"
                    yield Problem(page.path, 1, code, message, f"add {target}, or remove this page from every language")
    # Without a nav MkDocs lists every page itself, so nothing can be left out; the order is alphabetical.
    navs = {language: config for language, config in site.configs.items() if config.nav is not None}
    for language, config in navs.items():
        first: dict[str, int] = {}
        for entry in config.nav:
            if entry.file in first:
                message = f"`{entry.file}` is in the navigation twice (first on line {first[entry.file]})"
                yield Problem(config.nav_path, entry.line, "NAV004", message, "keep one entry")
            first.setdefault(entry.file, entry.line)
            if entry.file not in site.pages[language]:
                message = f"navigation entry `{entry.file}` has no page in {site.shown(language, '')}/"
                yield Problem(config.nav_path, entry.line, "NAV002", message, "fix the path or add the page")
        for rel, page in site.pages[language].items():
            if rel not in first and rel not in config.not_in_nav:  # MkDocs' own reading of `not_in_nav`
                message = f"the page is not in the navigation of {config.nav_path.name}"
                yield Problem(page.path, 1, "NAV001", message, f"add `{rel}` to nav in {config.nav_path.name}")
    original = navs.get(site.original)
    for language in site.translations:
        if original and language in navs and navs[language].nav_path != original.nav_path:
            yield from _same_order(original, navs[language])


def _same_order(original: Config, translation: Config) -> Iterator[Problem]:
    """A translation's nav lists the original's files in the same order (a reader switching language keeps their
    place). One report, at the first difference: every later entry would differ too."""
    for position, (ja, en) in enumerate(zip_longest(original.nav, translation.nav), 1):
        if ja and en and ja.file == en.file:
            continue
        shown_ja = f"`{ja.file}` ({original.nav_path.name}:{ja.line})" if ja else "nothing"
        shown_en = f"`{en.file}`" if en else "nothing"
        message = f"navigation entry {position} is {shown_en} here but {shown_ja} in the original's nav"
        fix = f"list the same files in the same order in {original.nav_path.name} and {translation.nav_path.name}"
        line = en.line if en else translation.nav[-1].line if translation.nav else 1
        yield Problem(translation.nav_path, line, "NAV003", message, fix)
        return
