"""`make diagrams`: draw every ```mermaid block that has no drawing yet and store it as docs/diagrams/<key>.svg;
remove drawings no block uses any more.

    python -m scripts.render_diagrams [--all]

The drawing is what a reader's browser would draw: both languages are built (not strict: the blocks without a drawing
are the point) into build/diagram-render/, served locally, and each page that still has a block is opened in
Chromium, where Material draws it with the npm-pinned mermaid and its own diagram styles. Those styles are CSS
variables, so one drawing serves the light and the dark colour scheme. --all draws every block again (after a change
to the diagram styles, say); a mermaid upgrade needs no flag, as the version is part of each key.

Each drawing is finished here, once, in the browser that drew it, so the build only inlines it: its id becomes one
of its own (diagram-<key>), only the style rules that match something in it are kept (mermaid writes its whole theme,
about 14 KB, into each drawing; the browser's own selector matching decides), coordinates are rounded to 1/100 px,
and it becomes an image named in its page's language (`diagram_label` in extra.languages) pointing to the text
alternative after it, with its natural width as --diagram-width (site.css keeps a phone from shrinking it below 80 %
of that). A stored drawing without the current format mark (diagram_store.FORMAT) is drawn again.

Run it after adding or editing a diagram and commit docs/diagrams/; `make validate` and the strict build say when
it is due. Why drawings are stored and not made during `make build`: decisions/0004-diagrams-drawn-once.md.
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from scripts import diagram_preview
from scripts.chromium import NoChromium, find_chromium
from scripts.diagram_store import FORMAT, STORE, diagram_key, mermaid_version, svg_path
from scripts.doctree import load_site
from scripts.localserver import serve
from scripts.project import PROJECT, ROOT, Language

WORK = ROOT / "build" / "diagram-render"
BLOCK = re.compile(r'<pre class="mermaid"><code>(?P<source>.*?)</code></pre>', re.DOTALL)
# Material draws each diagram into a closed shadow root; here, and only here, shadow roots are made open so the
# drawing can be read back.
OPEN_SHADOW_ROOTS = """(() => {
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) { return attach.call(this, {...init, mode: 'open'}); };
})();"""
DRAWN = "div.mermaid:not([data-diagram])"


def build(site: Path) -> None:
    if site.exists():
        shutil.rmtree(site)
    for language in PROJECT.languages:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "--no-strict",
                "-q",
                "-f",
                str(language.config_file),
                "-d",
                str(site / language.path),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise SystemExit(f"diagrams: building {language.config_file.name} failed:\n{result.stderr}")
    diagram_preview.add_to(site)


# Run in the page on each drawing (Material draws it into the host's shadow root), with its key and its name.
FINISH = """([host, key, label, mark]) => {
  const svg = host.shadowRoot.querySelector('svg');
  const style = svg.querySelector('style');
  // A rule is kept when one of its selectors, without pseudo-classes (:hover), matches the drawing or a part of it.
  const matches = selector => {
    const plain = selector.replace(/::?[\\w-]+(\\([^)]*\\))?/g, '').trim();
    try { return !selector.includes(':root') && !!plain && (svg.matches(plain) || !!svg.querySelector(plain)); }
    catch (error) { return false; }
  };
  const kept = [];
  for (const rule of style.sheet.cssRules) {
    if (rule instanceof CSSStyleRule) {
      const selectors = rule.selectorText.split(',').filter(matches);
      if (selectors.length) kept.push(`${selectors.join(',')}{${rule.style.cssText}}`);
    } else if (!(rule instanceof CSSKeyframesRule)) kept.push(rule.cssText);
  }
  const used = kept.join('');
  for (const rule of style.sheet.cssRules) {
    if (rule instanceof CSSKeyframesRule && new RegExp(`animation(-name)?:[^;}]*\\b${rule.name}\\b`).test(used)) {
      kept.push(rule.cssText);
    }
  }
  style.textContent = kept.join('');
  for (const element of [svg, ...svg.querySelectorAll('*')]) {
    if (element === style) continue;
    for (const attribute of [...element.attributes]) {
      element.setAttribute(attribute.name, attribute.value.replace(/(\\d\\.\\d{2})\\d+/g, '$1'));
    }
  }
  svg.removeAttribute('aria-roledescription');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.style.setProperty('--diagram-width', svg.style.maxWidth);
  svg.setAttribute(mark, '');
  // Material names drawings __mermaid_0, __mermaid_1 … per page; a stored drawing may sit on any page next to any
  // other, so its id (which its styles and arrowheads refer to) becomes one derived from its key.
  const id = svg.id.replace(/[.*+?^${}()|[\\]\\\\]/g, '\\\\$&');
  return svg.outerHTML.replace(new RegExp(`${id}(?![0-9])`, 'g'), `diagram-${key}`);
}"""


def language_of(page_file: Path, site: Path) -> Language:
    """The language a built page belongs to: the one with the longest path its address starts with."""
    address = page_file.relative_to(site).as_posix()
    return max(
        (language for language in PROJECT.languages if address.startswith(language.path)),
        key=lambda language: len(language.path),
    )


def draw(site: Path, mount: str, chromium: str, pending: dict[Path, list[str]], version: str) -> int:
    drawn = 0
    with serve(site, mount) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="light")
        context.add_init_script(OPEN_SHADOW_ROOTS)
        try:
            labels: dict[str, str] = {}
            for page_file, sources in pending.items():
                language = language_of(page_file, site)
                if not language.diagram_label:
                    raise SystemExit(
                        f"diagrams: {PROJECT.primary_config.name}: extra.languages has no "
                        f"`diagram_label` for {language.code} (fix: add the name a screen reader "
                        "says for a diagram in that language)"
                    )
                folder = page_file.parent.relative_to(site).as_posix()
                url = base + ("" if folder == "." else folder + "/")
                page = context.new_page()
                errors: list[str] = []
                page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
                page.goto(url, wait_until="load")
                page.wait_for_function(
                    "([n, drawn]) => document.querySelectorAll(drawn).length >= n && "
                    "!document.querySelector('pre.mermaid')",
                    arg=[len(sources), DRAWN],
                    timeout=300_000,
                )
                hosts = page.query_selector_all(DRAWN)
                if errors or len(hosts) != len(sources) or page.query_selector('svg[aria-roledescription="error"]'):
                    raise SystemExit(f"diagrams: mermaid could not draw a block on {url}: {errors}\n{sources}")
                for source, host in zip(sources, hosts, strict=True):
                    key = diagram_key(source, version)
                    if labels.setdefault(key, language.code) != language.code:
                        raise SystemExit(
                            f"diagrams: the same diagram is on a {labels[key]} and a {language.code} "
                            f"page; its drawing can be named in one language only (fix: translate "
                            f"its labels on the {language.code} page)\n{source}"
                        )
                    svg = page.evaluate(FINISH, [host, key, language.diagram_label, FORMAT])
                    svg_path(ROOT, key).write_text(svg.strip() + "\n", encoding="utf-8")
                    print(f"  drew {key}.svg  ({url.removeprefix(base) or 'home page'})")
                    drawn += 1
                page.close()
        finally:
            browser.close()
    return drawn


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="draw every block again, not only the missing ones")
    args = parser.parse_args(argv)
    version = mermaid_version(ROOT)
    store = ROOT / STORE
    store.mkdir(parents=True, exist_ok=True)
    site = load_site(ROOT)
    used = {
        diagram_key(fence.content, version)
        for page in site.all_pages()
        for fence in page.fences
        if fence.lang == "mermaid"
    }
    for drawing in store.glob("*.svg"):  # drawn again: all with --all, else those from an older `make diagrams`
        if args.all or FORMAT not in drawing.read_text(encoding="utf-8"):
            drawing.unlink()

    build(WORK / "site")
    pending: dict[Path, list[str]] = {}
    for page_file in sorted((WORK / "site").rglob("index.html")):
        sources = [html.unescape(m.group("source")) for m in BLOCK.finditer(page_file.read_text(encoding="utf-8"))]
        if sources:
            pending[page_file] = sources
    drawn = 0
    if pending:
        try:
            chromium = find_chromium()
        except NoChromium as error:
            raise SystemExit(f"diagrams: {error}") from None
        drawn = draw(WORK / "site", PROJECT.published_path, chromium, pending, version)

    removed = 0
    for drawing in sorted(store.glob("*.svg")):
        if drawing.stem not in used:
            drawing.unlink()
            print(f"  removed {drawing.name} (no block uses it)")
            removed += 1
    missing = sorted(key for key in used if not svg_path(ROOT, key).is_file())
    if missing:
        raise SystemExit(
            f"diagrams: still no drawing for {', '.join(missing)}: the build and the docs disagree on "
            "a block's text (scripts/diagram_store.py)"
        )
    print(f"diagrams: {len(used)} in the docs; {drawn} drawn now, {removed} removed; {STORE}/ is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
