"""TR: each English page records, as `translation_of`, the hash of the Japanese text it was translated from; a
Japanese edit without the matching English update makes the two differ."""

from __future__ import annotations

from collections.abc import Iterator

from scripts.doctree import Status, pair_status
from scripts.validate import Problem
from scripts.doctree import Site


def check(site: Site) -> Iterator[Problem]:
    for ja in site.pages["ja"].values():
        en = site.counterpart(ja)
        if en is None or not isinstance(en.front_matter.data, dict):
            continue  # PAIR001 or the FM checks report it: until the front matter reads, there is no mark to compare
        status = pair_status(ja, en)
        ja_shown = ja.path.relative_to(site.root).as_posix()
        line = en.front_matter.key_lines.get("translation_of", en.front_matter.start_line)
        if status is Status.UNMARKED:
            yield Problem(en.path, line, "TR001",
                          f"the page does not record which version of {ja_shown} it translates",
                          f"review it against {ja_shown}, then run `make translations MARK={en.rel}`")
        elif status is Status.STALE:
            yield Problem(en.path, line, "TR002",
                          f"{ja_shown} has changed since this translation was last brought up to date",
                          f"update this page from {ja_shown}, then run `make translations MARK={en.rel}`")
