"""PAIR and NAV: every page exists in every language and is in the navigation of every config, in the same order."""

from __future__ import annotations

from collections.abc import Iterator

from scripts.doctree import Site
from scripts.validate import Problem


def check(site: Site) -> Iterator[Problem]:
    yield from _pairs(site)
    yield from _navigation(site)


def _pairs(site: Site) -> Iterator[Problem]:
    """Each page of the original has its page in every translation, and each translated page has its original."""
    for page in site.pages[site.original].values():
        for language in site.translations:
            if site.counterpart(page, language) is None:
                target = site.shown(language, page.rel)
                yield Problem(
                    page.path,
                    1,
                    "PAIR001",
                    f"this page has no translation ({target} does not exist)",
                    f"add {target}, or remove this page from every language",
                )
    for language in site.translations:
        for page in site.pages[language].values():
            if site.counterpart(page, site.original) is None:
                target = site.shown(site.original, page.rel)
                yield Problem(
                    page.path,
                    1,
                    "PAIR002",
                    f"this page has no original ({target} does not exist)",
                    f"add {target}, or remove this page from every language",
                )


def _navigation(site: Site) -> Iterator[Problem]:
    navs = {}
    for language in site.languages:
        config = site.configs[language]
        if config.nav is None:
            # Without a nav MkDocs lists every page itself, so nothing can be left out; the order is alphabetical.
            continue
        navs[language] = config.nav
        listed: dict[str, int] = {}
        for entry in config.nav:
            if entry.file in listed:
                yield Problem(
                    config.nav_path,
                    entry.line,
                    "NAV004",
                    f"`{entry.file}` is in the navigation twice (first on line {listed[entry.file]})",
                    "keep one entry",
                )
            listed.setdefault(entry.file, entry.line)
            if entry.file not in site.pages[language]:
                yield Problem(
                    config.nav_path,
                    entry.line,
                    "NAV002",
                    f"navigation entry `{entry.file}` has no page in "
                    f"{config.docs_dir.relative_to(site.root).as_posix()}/",
                    "fix the path or add the page",
                )
        for rel, page in site.pages[language].items():
            if rel not in listed and rel not in config.not_in_nav:  # MkDocs' own reading of `not_in_nav`
                yield Problem(
                    page.path,
                    1,
                    "NAV001",
                    f"the page is not in the navigation of {config.nav_path.name}",
                    f"add `{rel}` to nav in {config.nav_path.name}",
                )
    for language in site.translations:
        if (
            site.original in navs
            and language in navs
            and site.configs[site.original].nav_path != site.configs[language].nav_path
        ):
            yield from _same_order(site, navs[site.original], navs[language], language)


def _same_order(site: Site, ja: list, en: list, language: str) -> Iterator[Problem]:
    """A translation's nav lists the original's files in the same order (the reader switching language keeps their
    place). `ja` is the original's nav, `en` the translation's."""
    en_path, ja_path = site.configs[language].nav_path, site.configs[site.original].nav_path
    for position in range(max(len(ja), len(en))):
        ja_entry = ja[position] if position < len(ja) else None
        en_entry = en[position] if position < len(en) else None
        if ja_entry and en_entry and ja_entry.file == en_entry.file:
            continue
        line = en_entry.line if en_entry else (en[-1].line if en else 1)
        shown_en = f"`{en_entry.file}`" if en_entry else "nothing"
        shown_ja = f"`{ja_entry.file}` ({ja_path.name}:{ja_entry.line})" if ja_entry else "nothing"
        yield Problem(
            en_path,
            line,
            "NAV003",
            f"navigation entry {position + 1} is {shown_en} here but {shown_ja} in the original's nav",
            f"list the same files in the same order in {ja_path.name} and {en_path.name}",
        )
        return  # one report: every later entry would differ too
