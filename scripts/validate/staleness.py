"""TR: each translated page records, as `translation_of`, the hash of the original's text it was translated from; an
edit of the original without the matching update of a translation makes the two differ."""

from __future__ import annotations

from collections.abc import Iterator

from scripts.doctree import Site, Status, pair_status
from scripts.validate import Problem

REPORTS = {  # status: code, message, fix ({} is the original)
    Status.UNMARKED: ("TR001", "the page does not record which version of {} it translates", "review it against {}"),
    Status.STALE: ("TR002", "{} has changed since this translation was last brought up to date", "update it from {}"),
}


def check(site: Site) -> Iterator[Problem]:
    for language in site.translations:
        for original in site.pages[site.original].values():
            translation = site.counterpart(original, language)
            if translation is None or not isinstance(translation.front_matter.data, dict):
                continue  # PAIR001 or the FM checks report it: until the front matter reads, there is no mark
            if (status := pair_status(original, translation)) in REPORTS:
                code, message, fix = REPORTS[status]
                shown = site.shown(site.original, original.rel)
                fm = translation.front_matter
                line = fm.key_lines.get("translation_of", fm.start_line)
                fix = f"{fix.format(shown)}, then run `make translations MARK={site.shown(language, original.rel)}`"
                yield Problem(translation.path, line, code, message.format(shown), fix)
