"""`make diagrams`: draw each ```mermaid block that has no drawing yet into docs/diagrams/<key>.svg, and remove the
drawings no block uses; --all draws every block again (after a change to the diagram styles, say). A mermaid upgrade
needs no flag (the version is part of each key), nor a new FORMAT mark (drawings without it are drawn again).

The drawing is what a reader's browser would draw: the site is built leniently with mermaid (scripts/diagram_preview)
and each page with a block is opened in Chromium, where Material draws it with its own diagram styles (CSS variables,
so one drawing serves both colour schemes). FINISH then finishes it once, so the build only inlines it. Why drawings
are stored and not made during `make build`: decisions/0004-diagrams-drawn-once.md.
"""

from __future__ import annotations

import argparse
import html
import logging
import re
import sys

from playwright.sync_api import sync_playwright

from scripts import diagram_preview
from scripts.chromium import NoChromium, find_chromium
from scripts.diagram_store import FORMAT, STORE, diagram_key, mermaid_version, svg_path
from scripts.localserver import serve
from scripts.project import PROJECT, ROOT, Language

WORK = ROOT / "build" / "diagram-render"
BLOCK = re.compile(r'<pre class="mermaid"><code>(?P<source>.*?)</code></pre>', re.DOTALL)
INLINED = re.compile(r'<div class="mermaid" data-diagram="(\w+)">')
# Material draws each diagram into a closed shadow root; here, and only here, shadow roots are made open so the
# drawing can be read back.
OPEN_SHADOW_ROOTS = """(() => {
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) { return attach.call(this, {...init, mode: 'open'}); };
})();"""
DRAWN = "div.mermaid:not([data-diagram])"


# Run in the page on each drawing (in its host's shadow root). It keeps only the style rules that match something in
# it (mermaid writes its whole theme, about 14 KB, into each), rounds coordinates to 1/100 px, makes it an image named
# in its page's language (`diagram_label` in extra.languages; the text alternative follows it), gives it its natural
# width as --diagram-width (site.css keeps a phone from shrinking it below 80 % of that) and an id of its own.
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
  const animations = [...style.sheet.cssRules].filter(rule => rule instanceof CSSKeyframesRule);
  kept.push(...animations.filter(rule => new RegExp(`animation(-name)?:[^;}]*\\b${rule.name}\\b`).test(used))
    .map(rule => rule.cssText));
  style.textContent = kept.join('');
  const rounded = value => value.replace(/(\\d\\.\\d{2})\\d+/g, '$1');
  for (const element of [svg, ...svg.querySelectorAll('*')]) {
    for (const { name, value } of [...element.attributes]) element.setAttribute(name, rounded(value));
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


def draw(pending: list[tuple[Language, str, list[str]]], version: str) -> set[str]:
    """Draws the blocks of each (language, page address below the site root, sources); returns their keys."""
    try:
        chromium = find_chromium()
    except NoChromium as error:
        raise SystemExit(f"diagrams: {error}") from None
    labels: dict[str, str] = {}  # key -> the language its drawing is named in
    with serve(WORK, PROJECT.published_path) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="light")
        context.add_init_script(OPEN_SHADOW_ROOTS)
        for language, address, sources in pending:
            if not language.diagram_label:
                raise SystemExit(
                    f"diagrams: {PROJECT.primary_config.name}: extra.languages has no `diagram_label` for "
                    f"{language.code} (fix: add the name a screen reader says for a diagram in that language)"
                )
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
            page.goto(base + address, wait_until="load")
            page.wait_for_function(
                "([n, drawn]) => document.querySelectorAll(drawn).length >= n && "
                "!document.querySelector('pre.mermaid')",
                arg=[len(sources), DRAWN],
                timeout=300_000,
            )
            hosts = page.query_selector_all(DRAWN)
            if errors or len(hosts) != len(sources) or page.query_selector('svg[aria-roledescription="error"]'):
                raise SystemExit(f"diagrams: mermaid could not draw a block on {base + address}: {errors}\n{sources}")
            for source, host in zip(sources, hosts, strict=True):
                key = diagram_key(source, version)
                if labels.setdefault(key, language.code) != language.code:
                    raise SystemExit(
                        f"diagrams: the same diagram is on a {labels[key]} and a {language.code} page; its drawing "
                        f"can be named in one language only (fix: translate its labels on the {language.code} page)"
                        f"\n{source}"
                    )
                svg = page.evaluate(FINISH, [host, key, language.diagram_label, FORMAT])
                svg_path(ROOT, key).write_text(svg.strip() + "\n", encoding="utf-8")
                print(f"  drew {key}.svg  ({address or 'home page'})")
    return set(labels)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="draw every block again, not only the missing ones")
    args = parser.parse_args(argv)
    (ROOT / STORE).mkdir(parents=True, exist_ok=True)
    for drawing in (ROOT / STORE).glob("*.svg"):  # drawn again: all with --all, else those of an older FORMAT
        if args.all or FORMAT not in drawing.read_text(encoding="utf-8"):
            drawing.unlink()
    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # the build's warnings are about the blocks drawn here
    diagram_preview.build(WORK)
    pending, used = [], set()  # the blocks to draw on each page; the keys of the drawings the pages show
    for language in PROJECT.languages:
        for page in PROJECT.pages(language.code):
            built = (WORK / language.path / page.dest).read_text(encoding="utf-8")
            used |= set(INLINED.findall(built))
            if sources := [html.unescape(block["source"]) for block in BLOCK.finditer(built)]:
                pending.append((language, page.site_path, sources))
    drawn = draw(pending, mermaid_version(ROOT)) if pending else set()
    used |= drawn
    unused = [drawing for drawing in (ROOT / STORE).glob("*.svg") if drawing.stem not in used]
    for drawing in unused:
        drawing.unlink()
    print(f"diagrams: {len(used)} in the docs; {len(drawn)} drawn now, {len(unused)} removed; {STORE}/ is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
