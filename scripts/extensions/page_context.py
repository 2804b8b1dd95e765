"""Which page a Markdown extension is rendering, under either builder.

Python-Markdown tells an extension nothing about the page. MkDocs registers a tree processor named "relpath" that
holds the page's File and the configuration; Zensical registers a preprocessor ("rendering_context") that holds
its Page (url, path below docs_dir) and its configuration. This reads whichever is there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class PageContext:
    source: Path  # the Markdown file, absolute
    docs_dir: Path  # absolute
    url: str  # the page's address below the site root, as "guide/" ("" for the home page)
    extra: dict = field(default_factory=dict)  # the configuration's `extra`
    language: str = ""  # the build's theme.language


def current_page(md: Any) -> PageContext | None:
    relpath = md.treeprocessors["relpath"] if "relpath" in md.treeprocessors else None  # noqa: SIM401 - a Registry has no .get
    if relpath is not None and getattr(relpath, "file", None) is not None:  # MkDocs
        config = relpath.config
        return PageContext(
            Path(relpath.file.abs_src_path).resolve(),
            Path(config["docs_dir"]).resolve(),
            _plain(relpath.file.url),
            dict(config.get("extra") or {}),
            config["theme"].get("language", ""),
        )
    for processor in md.preprocessors:  # Zensical
        page = getattr(processor, "page", None)
        config = getattr(processor, "config", None)
        if type(processor).__name__ == "ContextPreprocessor" and page is not None and config is not None:
            docs_dir = Path(config["docs_dir"]).resolve()
            return PageContext(
                (docs_dir / page.path).resolve(),
                docs_dir,
                _plain(page.url),
                dict(config.get("extra") or {}),
                (config.get("theme") or {}).get("language", ""),
            )
    return None


def _plain(url: str) -> str:
    """MkDocs calls the home page "./"; both call the others "guide/"."""
    url = url.lstrip("/")
    return "" if url in (".", "./") else url
