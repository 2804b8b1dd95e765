"""TR: each translated page (English here) records, as `translation_of`, the hash of the original's text (Japanese
here) it was translated from; an edit of the original without the matching update of a translation makes the two
differ. Every translation language is checked against the original."""

from __future__ import annotations

from collections.abc import Iterator

from scripts.doctree import Site, Status, pair_status
from scripts.validate import Problem


def check(site: Site) -> Iterator[Problem]:
    for language in site.translations:
        for original in site.pages[site.original].values():
            translation = site.counterpart(original, language)
            if translation is None or not isinstance(translation.front_matter.data, dict):
                continue  # PAIR001 or the FM checks report it: until the front matter reads, there is no mark
            yield from _compare(site, original, translation)


def _compare(site: Site, original, translation) -> Iterator[Problem]:
    status = pair_status(original, translation)
    shown = original.path.relative_to(site.root).as_posix()
    mark = translation.path.relative_to(site.root).as_posix()
    line = translation.front_matter.key_lines.get("translation_of", translation.front_matter.start_line)
    if status is Status.UNMARKED:
        yield Problem(
            translation.path,
            line,
            "TR001",
            f"the page does not record which version of {shown} it translates",
            f"review it against {shown}, then run `make translations MARK={mark}`",
        )
    elif status is Status.STALE:
        yield Problem(
            translation.path,
            line,
            "TR002",
            f"{shown} has changed since this translation was last brought up to date",
            f"update this page from {shown}, then run `make translations MARK={mark}`",
        )
