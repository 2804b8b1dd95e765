"""Which page a Markdown extension is rendering, under either builder (Python-Markdown does not say): MkDocs registers
a tree processor, "relpath", holding the page's File and the config; Zensical a ContextPreprocessor holding its Page
and config."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class PageContext:
    source: Path  # the Markdown file, absolute
    docs_dir: Path  # absolute
    url: str  # below the language's root: "guide/", "" for the home page
    extra: dict  # the config's `extra`
    language: str  # the build's theme.language


def current_page(md: Any) -> PageContext | None:
    zensical = next((p for p in md.preprocessors if type(p).__name__ == "ContextPreprocessor" and p.page), None)
    if "relpath" in md.treeprocessors and getattr(md.treeprocessors["relpath"], "file", None):  # MkDocs
        relpath = md.treeprocessors["relpath"]
        config, source, url = relpath.config, Path(relpath.file.abs_src_path), relpath.file.url
    elif zensical:
        config, url = zensical.config, zensical.page.url
        source = Path(config["docs_dir"]) / zensical.page.path
    else:
        return None
    url = url.lstrip("/")
    return PageContext(
        source.resolve(),
        Path(config["docs_dir"]).resolve(),
        "" if url in (".", "./") else url,  # MkDocs calls the home page "./"
        dict(config.get("extra") or {}),
        (config.get("theme") or {}).get("language", ""),
    )
