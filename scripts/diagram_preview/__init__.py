"""Mermaid for the builds that draw diagrams in the browser, and only for them: `make serve` (a diagram not drawn
yet shows while you write it), `make diagrams` (which draws it with Material's styles and stores the SVG) and the
bench's comparison build. Readers' sites never get it: the strict build fails on a diagram without its stored
drawing (scripts/extensions/prerendered_diagrams.py), so a published page has no ```mermaid block for Material to
draw, and neither mermaid (3.5 MB) nor its loader is part of the theme (tests/test_site.py checks the build).

add_to(site_dir) copies the npm-pinned mermaid (node_modules/mermaid, the version package.json pins and the
drawings' keys include) and mermaid-loader.js into a built site and adds the loader to every page ahead of
Material's bundle: the loader defines window.mermaid, so Material never fetches mermaid from unpkg.com, and loads
the real library on the first diagram (every page has the loader; only a page with a diagram fetches mermaid).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from scripts.project import ROOT

LOADER = Path(__file__).with_name("mermaid-loader.js")
MERMAID = ROOT / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
# Material's bundle, as its base.html writes it: the loader goes right before it, with the same relative prefix.
BUNDLE = re.compile(r'<script src="(?P<prefix>[^"]*?)assets/javascripts/bundle\.[^"]*"></script>')


def add_to(site_dir: Path) -> int:
    """Add mermaid and its loader to a built site; returns the number of pages that load it."""
    if not MERMAID.is_file():
        raise SystemExit(f"{MERMAID} is missing: run `make setup` (npm ci) first")
    # Each language's build has its own assets/ (site/assets/, site/en/assets/): each gets mermaid and its loader.
    for bundle in site_dir.rglob("assets/javascripts/bundle.*.min.js"):
        (bundle.parent / "vendor").mkdir(parents=True, exist_ok=True)
        shutil.copy2(MERMAID, bundle.parent / "vendor" / "mermaid.min.js")
        shutil.copy2(LOADER, bundle.parent / "mermaid-loader.js")
    pages = 0
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "mermaid-loader.js" in html:
            continue
        added = BUNDLE.sub(
            lambda m: f'<script src="{m["prefix"]}assets/javascripts/mermaid-loader.js"></script>\n      {m[0]}',
            html,
            count=1,
        )
        if added != html:
            page.write_text(added, encoding="utf-8")
            pages += 1
    return pages
