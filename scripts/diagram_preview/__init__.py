"""The lenient build with mermaid, only for the builds that draw diagrams in the browser: `make serve` (a diagram
not drawn yet shows while you write it), `make diagrams` and the bench's comparison. Readers' sites never get mermaid
(3.5 MB; tests/test_site.py checks). The loader, added ahead of Material's bundle, defines window.mermaid, so Material
never fetches mermaid from unpkg.com; it loads the npm-pinned mermaid (the version in the keys) on the first diagram.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from scripts.project import ROOT, Project

LOADER = Path(__file__).with_name("mermaid-loader.js")
MERMAID = ROOT / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
# Material's bundle, as its base.html writes it: the loader goes right before it, with the same relative prefix.
BUNDLE = re.compile(r'<script src="(?P<prefix>[^"]*?)assets/javascripts/bundle\.[^"]*"></script>')


def build(site_dir: Path) -> None:
    """Every language built into its folder of site_dir, leniently (a half-written page or a diagram not drawn yet
    should show), with mermaid added. The configs are read again on every call: they may have changed."""
    from mkdocs.commands.build import build as mkdocs_build

    project = Project()
    for language in project.languages:
        config = project.config(language.code)
        config.site_dir, config.strict = str(site_dir / language.path), False
        mkdocs_build(config)
    add_to(site_dir)


def add_to(site_dir: Path) -> None:
    """Add mermaid and its loader to a built site."""
    if not MERMAID.is_file():
        raise SystemExit(f"{MERMAID} is missing: run `make setup` (npm ci) first")
    for bundle in site_dir.rglob("assets/javascripts/bundle.*.min.js"):  # each language has its own assets/
        (bundle.parent / "vendor").mkdir(parents=True, exist_ok=True)
        shutil.copy2(MERMAID, bundle.parent / "vendor" / "mermaid.min.js")
        shutil.copy2(LOADER, bundle.parent / "mermaid-loader.js")
    loader = r'<script src="\g<prefix>assets/javascripts/mermaid-loader.js"></script>' + "\n      \\g<0>"
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "mermaid-loader.js" not in html:
            page.write_text(BUNDLE.sub(loader, html, count=1), encoding="utf-8")
