"""PAIR and NAV: every page exists in both languages and is in the navigation of both configs, in the same order."""

from __future__ import annotations

from collections.abc import Iterator

from scripts.validate import Problem
from scripts.doctree import Site


def check(site: Site) -> Iterator[Problem]:
    yield from _pairs(site)
    yield from _navigation(site)


def _pairs(site: Site) -> Iterator[Problem]:
    for language in site.languages:
        other = "en" if language == "ja" else "ja"
        other_dir = site.configs[other].docs_dir
        for page in site.pages[language].values():
            if site.counterpart(page) is None:
                code, what = ("PAIR001", "English translation") if language == "ja" else ("PAIR002", "Japanese original")
                target = (other_dir / page.rel).relative_to(site.root).as_posix()
                yield Problem(page.path, 1, code, f"this page has no {what} ({target} does not exist)",
                              f"add {target}, or remove this page from both languages")


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
                yield Problem(config.nav_path, entry.line, "NAV004",
                              f"`{entry.file}` is in the navigation twice (first on line {listed[entry.file]})",
                              "keep one entry")
            listed.setdefault(entry.file, entry.line)
            if entry.file not in site.pages[language]:
                yield Problem(config.nav_path, entry.line, "NAV002",
                              f"navigation entry `{entry.file}` has no page in "
                              f"{config.docs_dir.relative_to(site.root).as_posix()}/",
                              "fix the path or add the page")
        for rel, page in site.pages[language].items():
            if rel not in listed and rel not in config.not_in_nav:  # MkDocs' own reading of `not_in_nav`
                yield Problem(page.path, 1, "NAV001",
                              f"the page is not in the navigation of {config.nav_path.name}",
                              f"add `{rel}` to nav in {config.nav_path.name}")
    if len(navs) == 2 and site.configs["ja"].nav_path != site.configs["en"].nav_path:
        yield from _same_order(site, navs["ja"], navs["en"])


def _same_order(site: Site, ja: list, en: list) -> Iterator[Problem]:
    """Both navs list the same files in the same order (the reader switching language keeps their place)."""
    en_path, ja_path = site.configs["en"].nav_path, site.configs["ja"].nav_path
    for position in range(max(len(ja), len(en))):
        ja_entry = ja[position] if position < len(ja) else None
        en_entry = en[position] if position < len(en) else None
        if ja_entry and en_entry and ja_entry.file == en_entry.file:
            continue
        line = en_entry.line if en_entry else (en[-1].line if en else 1)
        shown_en = f"`{en_entry.file}`" if en_entry else "nothing"
        shown_ja = f"`{ja_entry.file}` ({ja_path.name}:{ja_entry.line})" if ja_entry else "nothing"
        yield Problem(en_path, line, "NAV003",
                      f"navigation entry {position + 1} is {shown_en} here but {shown_ja} in the Japanese nav",
                      f"list the same files in the same order in {ja_path.name} and {en_path.name}")
        return  # one report: every later entry would differ too
