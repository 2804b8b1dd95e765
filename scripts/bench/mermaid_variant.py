"""The other way to show diagrams, measured for comparison only: the site built without the drawings of
docs/diagrams/, so each diagram page leaves its blocks to the reader's browser, which downloads the self-hosted
mermaid (on those pages only) and draws them there. This is the design the site used before;
decisions/0004-diagrams-drawn-once.md has both sets of figures.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from pymdownx.superfences import fence_code_format

from scripts import diagram_preview
from scripts.diagram_store import DIAGRAM_HTML
from scripts.extensions.prerendered_diagrams import fence_format as prerendered_fence
from scripts.project import Project


def diagram_count(html: str) -> int:
    """Diagrams in a page as served: inlined drawings and blocks left for the browser alike."""
    return len(DIAGRAM_HTML.findall(html))


def build(out: Path, project: Project) -> dict:
    """Build every language of the project into `out` (each in its folder below the root) without the drawings."""
    started = time.perf_counter()
    if out.exists():
        shutil.rmtree(out)
    for language in project.languages:
        config = load_config(str(language.config_file), site_dir=str(out / language.path), strict=False)
        # Without the drawings: ```mermaid blocks formatted as plain blocks (scripts/extensions/prerendered_diagrams).
        for fence in config.mdx_configs["pymdownx.superfences"]["custom_fences"]:
            if fence.get("format") is prerendered_fence:
                fence["format"] = fence_code_format
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    diagram_preview.add_to(out)
    return {"seconds": round(time.perf_counter() - started, 2)}
