"""FM: every page starts with YAML front matter holding a title and a description, and nothing else (a translation
also records which version of its original it translates, written by `make translations`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from scripts.doctree import Site
from scripts.pagemodel import Page
from scripts.validate import Problem

REQUIRED = ("title", "description")
# In characters, per language of extra.languages: the description becomes the meta description, which search engines
# cut at about 120 Japanese or 160 English characters (the style guide); below the minimum it says too little. A
# language without an entry is measured as English, a language written with spaces.
LENGTHS = {"ja": {"title": (2, 40), "description": (20, 120)}, "en": {"title": (2, 70), "description": (50, 160)}}
HASH = re.compile(r"[0-9a-f]{16}")


def check(site: Site) -> Iterator[Problem]:
    for page in site.all_pages():
        allowed = REQUIRED if page.language == site.original else (*REQUIRED, "translation_of")
        for line, code, message, fix in check_page(page, allowed):
            yield Problem(page.path, line, code, message, fix)


def check_page(page: Page, allowed: tuple[str, ...]) -> Iterator[tuple[int, str, str, str]]:
    """(line, code, message, fix) of each problem of the page's front matter."""
    fm = page.front_matter
    if not fm.present:
        yield 1, "FM001", "the page has no front matter", "start the file with ---, title: …, description: …, ---"
    elif fm.error:
        fix = 'quote the value ("…") if it contains a colon or starts with a special character'
        yield fm.error_line, "FM002", f"front matter is not valid YAML: {fm.error}", fix
    elif not isinstance(fm.data, dict):
        yield (
            fm.start_line,
            "FM003",
            "front matter is not a mapping of keys to values",
            "write one `key: value` per line",
        )
    else:
        for key, line in fm.duplicate_keys:
            yield line, "FM008", f"front matter key `{key}` appears twice", "keep one of them"
        for key in REQUIRED:
            if key not in fm.data:
                yield fm.start_line, "FM004", f"front matter has no `{key}`", f"add `{key}: …`"
        for key, value in fm.data.items():
            line = fm.key_lines.get(str(key), fm.start_line)
            if key not in allowed:
                message = f"unknown front matter key `{key}` (allowed here: {', '.join(sorted(allowed))})"
                yield line, "FM007", message, "remove it"
            elif key == "translation_of":
                if not (isinstance(value, str) and HASH.fullmatch(value)):
                    yield line, "FM005", "`translation_of` is not a 16-digit hash", "let `make translations` write it"
            elif not isinstance(value, str) or not value.strip():
                fix = 'write it as text, quoted if needed: `key: "…"`'
                yield line, "FM005", f"`{key}` must be a non-empty text, got {value!r}", fix
            else:
                (low, high), length = LENGTHS.get(page.language, LENGTHS["en"])[key], len(value.strip())
                if not low <= length <= high:
                    message = f"`{key}` is {length} characters long; {low}–{high} are expected here"
                    yield line, "FM006", message, "shorten it" if length > high else "say more"
