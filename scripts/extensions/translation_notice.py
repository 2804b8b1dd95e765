"""A translated page whose original changed since the translation was last brought up to date shows a notice at its
top, linking to the original: its `translation_of` (front matter) is not the original's hash (scripts/hashing.py, as
`make validate` and `make translations` compute it), or it records none (nobody confirmed it matches). A Markdown
extension, so MkDocs and Zensical both run it. The original is the first of `extra.languages`, its page at the same
path in its docs folder (docs/<lang>/, a sibling of this one); MkDocs does not validate the link (not in this build).
"""

from __future__ import annotations

import html
import re
from typing import Any

import yaml
from markdown import Extension
from markdown.preprocessors import Preprocessor

from scripts.extensions.page_context import current_page
from scripts.hashing import source_hash

FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.DOTALL)
NOTICE = """<div class="admonition note translation-notice" role="note">
<p class="admonition-title">This translation may be out of date</p>
<p>{reason} The <a href="{href}" hreflang="{code}">original (<span lang="{code}">{name}</span>)</a> is the current \
version.</p>
</div>
"""
REASONS = {
    True: "The original of this page has changed since this translation was last brought up to date.",
    False: "This translation has not yet been checked against the original.",
}


class NoticePreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        page = current_page(self.md)
        languages = {entry["lang"]: entry for entry in (page.extra.get("languages") or [])} if page else {}
        original = next(iter(languages.values()), None)
        if not original or original["lang"] == page.language or not page.source.is_relative_to(page.docs_dir):
            return lines
        source = page.docs_dir.parent / original["lang"] / page.source.relative_to(page.docs_dir)
        match = FRONT_MATTER.match(page.source.read_text(encoding="utf-8"))
        meta = yaml.safe_load(match[1]) if match else None
        recorded = meta.get("translation_of") if isinstance(meta, dict) else None
        if not source.is_file() or (recorded and str(recorded) == source_hash(source.read_text(encoding="utf-8"))):
            return lines
        # The original page has this page's path below the original's root: up to the site root, then down.
        here = str(languages.get(page.language, {}).get("path") or "") + page.url
        href = "../" * here.count("/") + str(original.get("path") or "") + page.url
        code, name = (html.escape(str(original.get(key) or original["lang"])) for key in ("lang", "name"))
        notice = NOTICE.format(reason=REASONS[bool(recorded)], href=html.escape(href), code=code, name=name)
        return notice.split("\n") + [""] + lines


class TranslationNoticeExtension(Extension):
    def extendMarkdown(self, md: Any) -> None:
        # Before the raw-HTML block processor (20), so the notice is kept as the HTML block it is.
        md.preprocessors.register(NoticePreprocessor(md), "translation_notice", 30)


def makeExtension(**kwargs: Any) -> TranslationNoticeExtension:
    return TranslationNoticeExtension(**kwargs)
