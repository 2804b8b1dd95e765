"""The published pages of one language, as URL paths below that language's root, read from its Markdown sources.

Shared by the browser tests and `make bench`, so both visit exactly the pages a build publishes.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def page_paths(language: str, docs_root: Path = ROOT / "docs") -> list[str]:
    """"", "reset/", "contributing/checks/", ... for docs/<language>/index.md, reset/index.md, ... (MkDocs'
    directory URLs: an index.md or README.md is its folder's page)."""
    docs = docs_root / language
    paths = []
    for src in sorted(docs.rglob("*.md")):
        rel = src.relative_to(docs).with_suffix("")
        parts = rel.parts[:-1] if rel.name in ("index", "README") else rel.parts
        paths.append("".join(f"{part}/" for part in parts))
    return paths
