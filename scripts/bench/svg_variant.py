"""The other way to show diagrams, for comparison only: a copy of the built site in which every diagram is already an
inline SVG, so the reader's browser runs no diagram JavaScript and never downloads mermaid.

The SVG is exactly what the site shows today: each diagram page is opened in Chromium, Material renders its
diagrams with the self-hosted mermaid, and the result replaces the page's <pre class="mermaid"> in the copy. (Material
puts the SVG in a closed shadow root; here, and only here, shadow roots are opened so it can be read.) Doing this
inside `make build` would need a browser at build time - see bench-notes for the trade-off.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

from playwright.sync_api import Browser

DIAGRAM = re.compile(r'<pre class="mermaid"><code>.*?</code></pre>', re.DOTALL)
OPEN_SHADOW_ROOTS = """(() => {
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) { return attach.call(this, {...init, mode: 'open'}); };
})();"""


def diagram_count(html: str) -> int:
    return len(DIAGRAM.findall(html))


def build(browser: Browser, site: Path, out: Path, base_url: str, pages: list[str]) -> dict:
    """Copy `site` to `out` and inline the SVG of every diagram on `pages` (paths below the site root, e.g.
    "en/reset-problems/"). Returns how long it took and how many diagrams were rendered."""
    started = time.perf_counter()
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(site, out)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(OPEN_SHADOW_ROOTS)
    rendered = 0
    try:
        for path in pages:
            file = out / path / "index.html"
            html = file.read_text(encoding="utf-8")
            expected = diagram_count(html)
            if not expected:
                continue
            page = context.new_page()
            page.goto(base_url + path, wait_until="load")
            page.wait_for_function("n => document.querySelectorAll('div.mermaid').length >= n", arg=expected,
                                   timeout=30_000)
            svgs = page.eval_on_selector_all("div.mermaid", "hosts => hosts.map(h => h.shadowRoot.innerHTML)")
            page.close()
            if len(svgs) != expected or not all(svg.lstrip().startswith("<svg") for svg in svgs):
                raise RuntimeError(f"{path}: expected {expected} SVG diagrams, got {len(svgs)}")
            replacements = iter(svgs)
            html = DIAGRAM.sub(lambda _: f'<div class="mermaid">{next(replacements)}</div>', html)
            file.write_text(html, encoding="utf-8")
            rendered += expected
    finally:
        context.close()
    return {"seconds": round(time.perf_counter() - started, 2), "diagrams": rendered}
