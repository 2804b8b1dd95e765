"""FM: every page starts with YAML front matter holding a title and a description, and nothing else."""

from __future__ import annotations

import re
from collections.abc import Iterator

from scripts.doctree import Site
from scripts.pagemodel import Page
from scripts.validate import Problem

REQUIRED = ("title", "description")
# A translation also records which version of the original it translates (`make translations`).
TRANSLATION_KEYS = ("translation_of",)
# Per-language data, keyed by the codes of extra.languages (scripts/project.py), in characters (not bytes).
# Descriptions become the meta description: search engines cut Japanese at about 120 characters and English at about
# 160 (the style guide, docs/*/contributing/style-guide/); below the minimum it says too little to be useful. A
# language without an entry is measured as a language written with spaces (DEFAULT_LENGTHS, the English figures).
LENGTHS = {"ja": {"title": (2, 40), "description": (20, 120)}, "en": {"title": (2, 70), "description": (50, 160)}}
DEFAULT_LENGTHS = LENGTHS["en"]
HASH = re.compile(r"[0-9a-f]{16}")


def check(site: Site) -> Iterator[Problem]:
    for page in site.all_pages():
        allowed = REQUIRED if page.language == site.original else REQUIRED + TRANSLATION_KEYS
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
                yield (
                    line,
                    "FM007",
                    f"unknown front matter key `{key}` (allowed here: {', '.join(sorted(allowed))})",
                    "remove it",
                )
            elif key == "translation_of":
                if not (isinstance(value, str) and HASH.fullmatch(value)):
                    fix = "let `make translations MARK=…` write it"
                    yield line, "FM005", "`translation_of` is not a 16-digit hash", fix
            elif not isinstance(value, str) or not value.strip():
                yield (
                    line,
                    "FM005",
                    f"`{key}` must be a non-empty text, got {value!r}",
                    'write it as text, quoted if needed: `key: "…"`',
                )
            else:
                (low, high), length = LENGTHS.get(page.language, DEFAULT_LENGTHS)[key], len(value.strip())
                if not low <= length <= high:
                    message = f"`{key}` is {length} characters long; {low}–{high} are expected here"
                    yield line, "FM006", message, "shorten it" if length > high else "say more"
