"""An English page whose Japanese original has changed since the translation was last brought up to date shows a
notice at its top, linking to the Japanese page.

"Up to date" means the page's `translation_of` (front matter) equals the hash of the Japanese page
(scripts/hashing.py, the same function `make validate` and `make translations` use). A page that records no hash
yet gets the notice too: nobody has confirmed it matches the original.

A Python-Markdown extension (mkdocs.yml, `markdown_extensions`), so MkDocs and Zensical both run it; it replaced the
MkDocs page hook scripts/hooks/translation_notice.py, which Zensical would have skipped. It acts on pages of a
docs_dir named `en` whose Japanese original exists at the same path in the sibling `ja` folder; every other page
(the Japanese originals among them) is left alone. The notice is plain HTML with Material's admonition classes, so
it needs no other extension, and MkDocs does not validate its link (the Japanese page is not part of the English
build).
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


def japanese_source(page: PageContext) -> Path | None:
    """docs/en/x/index.md -> docs/ja/x/index.md: the languages are sibling folders with identical paths."""
    if page.docs_dir.name != "en" or not page.source.is_relative_to(page.docs_dir):
        return None
    original = page.docs_dir.parent / "ja" / page.source.relative_to(page.docs_dir)
    return original if original.is_file() else None


def japanese_url(page: PageContext) -> str:
    """The Japanese page's URL relative to the English page (which has the same path under the English root)."""
    languages = page.extra.get("languages") or []
    ja_root = next((str(lang.get("path", "")) for lang in languages if lang.get("lang") == "ja"), "../")
    depth = len([part for part in page.url.split("/") if part])
    return "../" * depth + ja_root + page.url


def recorded_hash(source: Path) -> str | None:
    match = FRONT_MATTER.match(source.read_text(encoding="utf-8"))
    meta = yaml.safe_load(match.group(1)) if match else None
    value = meta.get("translation_of") if isinstance(meta, dict) else None
    return str(value) if value else None


def notice(href: str, marked: bool) -> str:
    reason = (
        "The Japanese original of this page has changed since this translation was last brought up to date."
        if marked
        else "This translation has not yet been checked against the Japanese original."
    )
    return (
        '<div class="admonition note translation-notice" role="note">\n'
        '<p class="admonition-title">This translation may be out of date</p>\n'
        f"<p>{html.escape(reason)} "
        f'The <a href="{html.escape(href)}" hreflang="ja">Japanese original (<span lang="ja">日本語の原文</span>)</a>'
        " is the current version.</p>\n"
        "</div>\n"
    )


class NoticePreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        page = current_page(self.md)
        original = japanese_source(page) if page else None
        if original is None:
            return lines
        recorded = recorded_hash(page.source)
        if recorded and recorded == source_hash(original.read_text(encoding="utf-8")):
            return lines
        return notice(japanese_url(page), marked=bool(recorded)).split("\n") + [""] + lines


class TranslationNoticeExtension(Extension):
    def extendMarkdown(self, md: Any) -> None:
        # Before the raw-HTML block processor (20), so the notice is kept as the HTML block it is.
        md.preprocessors.register(NoticePreprocessor(md), "translation_notice", 30)


def makeExtension(**kwargs: Any) -> TranslationNoticeExtension:
    return TranslationNoticeExtension(**kwargs)
