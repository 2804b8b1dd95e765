"""A translated page (English here) whose original (Japanese here) has changed since the translation was last
brought up to date shows a notice at its top, linking to the original page.

"Up to date" means the page's `translation_of` (front matter) equals the hash of the original page
(scripts/hashing.py, the same function `make validate` and `make translations` use). A page that records no hash
yet gets the notice too: nobody has confirmed it matches the original.

A Python-Markdown extension (mkdocs.yml, `markdown_extensions`), so MkDocs and Zensical both run it; it replaced the
MkDocs page hook scripts/hooks/translation_notice.py, which Zensical would have skipped. The languages come from the
config being built, `extra.languages` (the same list scripts/project.py reads, each `path` below the site root): the
first is the original, and theme.language is the language of this build. It acts on pages whose original exists at
the same path in the original's docs folder (docs/<lang>/, sibling of this one); every other page (the originals
among them) is left alone. The notice is plain HTML with Material's admonition classes, so it needs no other
extension, and MkDocs does not validate its link (the Japanese page is not part of the English build).
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import yaml
from markdown import Extension
from markdown.preprocessors import Preprocessor

from scripts.extensions.page_context import PageContext, current_page
from scripts.hashing import source_hash

FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.DOTALL)


def languages(page: PageContext) -> list[dict]:
    return [entry for entry in page.extra.get("languages") or [] if isinstance(entry, dict)]


def original_language(page: PageContext) -> dict | None:
    """The original's entry of extra.languages ({lang, name, path}), or None when this build is the original's."""
    entries = languages(page)
    return entries[0] if len(entries) > 1 and entries[0].get("lang") != page.language else None


def original_source(page: PageContext, original: dict) -> Path | None:
    """docs/en/x/index.md -> docs/ja/x/index.md: the languages are sibling folders with identical paths."""
    if not page.source.is_relative_to(page.docs_dir):
        return None
    source = page.docs_dir.parent / str(original["lang"]) / page.source.relative_to(page.docs_dir)
    return source if source.is_file() else None


def original_url(page: PageContext, original: dict) -> str:
    """The original page's URL relative to this one (which has the same path under this language's root)."""
    here = next((entry for entry in languages(page) if entry.get("lang") == page.language), {})
    depth = len([part for part in (str(here.get("path") or "") + page.url).split("/") if part])
    return "../" * depth + str(original.get("path") or "") + page.url


def recorded_hash(source: Path) -> str | None:
    match = FRONT_MATTER.match(source.read_text(encoding="utf-8"))
    meta = yaml.safe_load(match.group(1)) if match else None
    value = meta.get("translation_of") if isinstance(meta, dict) else None
    return str(value) if value else None


def notice(href: str, marked: bool, original: dict | None = None) -> str:
    code = html.escape(str((original or {}).get("lang") or "ja"))
    name = html.escape(str((original or {}).get("name") or code))
    reason = (
        "The original of this page has changed since this translation was last brought up to date."
        if marked
        else "This translation has not yet been checked against the original."
    )
    return (
        '<div class="admonition note translation-notice" role="note">\n'
        '<p class="admonition-title">This translation may be out of date</p>\n'
        f"<p>{reason} "
        f'The <a href="{html.escape(href)}" hreflang="{code}">original (<span lang="{code}">'
        f"{name}</span>)</a> is the current version.</p>\n"
        "</div>\n"
    )


class NoticePreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        page = current_page(self.md)
        language = original_language(page) if page else None
        source = original_source(page, language) if language else None
        if source is None:
            return lines
        recorded = recorded_hash(page.source)
        if recorded and recorded == source_hash(source.read_text(encoding="utf-8")):
            return lines
        return notice(original_url(page, language), marked=bool(recorded), original=language).split("\n") + [""] + lines


class TranslationNoticeExtension(Extension):
    def extendMarkdown(self, md: Any) -> None:
        # Before the raw-HTML block processor (20), so the notice is kept as the HTML block it is.
        md.preprocessors.register(NoticePreprocessor(md), "translation_notice", 30)


def makeExtension(**kwargs: Any) -> TranslationNoticeExtension:
    return TranslationNoticeExtension(**kwargs)
