"""TRIAGE: every reader page has a row on the start page. A reader who starts from their situation finds each page
through the table in start/index.md under {#situations}; a page that loses its row there (or a new page that never
got one) fails with its own file named. Pages outside the navigation (not_in_nav: the contributor pages), the home
page and the start page itself need no row. A tree without a start page (the small test fixtures) is not checked."""

from __future__ import annotations

from collections.abc import Iterator

from scripts.doctree import Site
from scripts.validate import Problem, resolve, section_end

START = "start/index.md"
SECTION = "situations"
EXEMPT = {"index.md", START}


def check(site: Site) -> Iterator[Problem]:
    for language in site.languages:
        config, start = site.configs[language], site.pages[language].get(START)
        if start is None or config.nav is None:
            continue
        # Without the section (a renamed id) no row counts, so every reader page is reported.
        heading = next((h for h in start.headings if h.id == SECTION), None)
        end = section_end(start, heading) if heading else 0
        linked = {resolve(start, link.url) for link in start.links if heading and heading.line < link.line < end}
        for entry in config.nav:
            page = site.pages[language].get(entry.file)
            if page is not None and entry.file not in EXEMPT | linked:
                message = f"this reader page has no row in the start page's table ({START}#{SECTION})"
                fix = f"add a row that links to `../{entry.file}` (or one of its sections) in both languages"
                yield Problem(page.path, 1, "TRIAGE001", message, fix)
