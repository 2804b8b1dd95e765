"""MkDocs hook for the English site (mkdocs.en.yml, `hooks:`): an English page whose Japanese original has changed
since the translation was last brought up to date shows a notice at its top, linking to the Japanese page.

"Up to date" means the page's `translation_of` equals the hash of the Japanese page (scripts/hashing.py, the same
function `make validate` and `make translations` use). A page that records no hash yet gets the notice too: nobody
has confirmed it matches the original.

The notice is plain HTML with Material's admonition classes, so it needs no Markdown extension, and MkDocs does not
validate its link (the Japanese page is not part of the English build). A builder that ignores MkDocs hooks
(Zensical) simply shows no notice; nothing else depends on this file.
"""

from __future__ import annotations

import html
import importlib.util
from pathlib import Path
from typing import Any

_HASHING = Path(__file__).resolve().parent.parent / "hashing.py"


def _load_source_hash():
    # Loaded by path: MkDocs imports hooks as loose files, so the `scripts` package may not be importable.
    spec = importlib.util.spec_from_file_location("guide_hashing", _HASHING)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.source_hash


source_hash = _load_source_hash()


def japanese_source(config: Any, src_uri: str) -> Path:
    """docs/en/x/index.md -> docs/ja/x/index.md: the languages are sibling folders with identical paths."""
    return Path(config["docs_dir"]).parent / "ja" / src_uri


def japanese_url(config: Any, page_url: str) -> str:
    """The Japanese page's URL relative to the English page (which has the same path under the English root)."""
    languages = (config.get("extra") or {}).get("languages") or []
    ja_root = next((str(lang.get("path", "")) for lang in languages if lang.get("lang") == "ja"), "../")
    depth = len([part for part in page_url.split("/") if part])
    return "../" * depth + ja_root + page_url


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
        "</div>\n\n"
    )


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    source = japanese_source(config, page.file.src_uri)
    if not source.is_file():
        return markdown
    recorded = page.meta.get("translation_of")
    if recorded and recorded == source_hash(source.read_text(encoding="utf-8")):
        return markdown
    return notice(japanese_url(config, page.url), marked=bool(recorded)) + markdown
