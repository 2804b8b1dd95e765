"""Judging keyboard focus as a sighted keyboard user sees it: shared by the keyboard tests and by the per-page
visits of conftest.py (a plain module: a conftest is never imported)."""

from __future__ import annotations

from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

# Enough Tab presses to pass the whole header (skip link, menu, logo, language, search, repository) and reach
# the navigation: the focus indicator is checked on each stop.
HEADER_TAB_STOPS = 14
CONTENT_TAB_STOPS = 8
# WCAG 1.4.11 (non-text contrast): a focus indicator needs 3:1 against what surrounds it.
MIN_FOCUS_CONTRAST = 3.0

# What a sighted keyboard user sees of the focused element: its own outline, or that of the label that stands in for
# it (a hidden input whose <label> is what shows), on screen and with enough contrast.
FOCUS_INDICATOR_JS = """() => {
  const active = document.activeElement;
  const lum = c => {
    const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(Number).map(v => v / 255)
      .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const opaque = c => { const a = c.match(/[\\d.]+/g); return a && (a.length < 4 || Number(a[3]) > 0.5); };
  const backdrop = el => {
    for (let e = el; e; e = e.parentElement) {
      const bg = getComputedStyle(e).backgroundColor;
      if (opaque(bg)) return bg;
    }
    return getComputedStyle(document.body).backgroundColor;
  };
  const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
    (el.getAttribute('href') ? '[href=' + el.getAttribute('href') + ']' : '');
  const candidates = [active];
  const next = active.nextElementSibling;
  if (next && next.tagName === 'LABEL' && !next.hidden) candidates.push(next);
  for (const el of candidates) {
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    const visible = r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && Number(s.opacity) > 0 &&
      r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight;
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1;
    if (visible && outline) {
      // A ring drawn inside the element (negative offset) sits on the element's own background.
      const under = parseFloat(s.outlineOffset) < 0 ? el : (el.parentElement || el);
      const ring = lum(s.outlineColor), around = lum(backdrop(under));
      const contrast = (Math.max(ring, around) + 0.05) / (Math.min(ring, around) + 0.05);
      return {element: describe(active), indicator: describe(el), contrast: Math.round(contrast * 100) / 100,
              outline: s.outlineColor, backdrop: backdrop(under)};
    }
  }
  return {element: describe(active), indicator: null};
}"""


FOCUS_IS_FINE_JS = f"""minimum => {{
  const found = ({FOCUS_INDICATOR_JS})();
  return found.indicator !== null && found.contrast >= minimum;
}}"""


def wait_search_open(page: Page) -> None:
    page.wait_for_function("document.getElementById('__search').checked", timeout=3_000)


def focus_problem(page: Page) -> str | None:
    """What is wrong with the focus indicator of the focused element, or None (also at the end of the page)."""
    # Judge the steady state a reader sees, not a transition caught half-way (permalinks fade in when focused, the
    # search field turns white only once Material has opened the search): a problem must last a whole second.
    try:
        page.wait_for_function(FOCUS_IS_FINE_JS, arg=MIN_FOCUS_CONTRAST, timeout=1_000)
        return None
    except PlaywrightTimeoutError:
        found = page.evaluate(FOCUS_INDICATOR_JS)
    if found["indicator"] is None:
        return f"{found['element']}: focused but no visible focus indicator"
    if found.get("contrast", 99) < MIN_FOCUS_CONTRAST:
        return f"{found['element']}: focus ring {found['outline']} on {found['backdrop']} is {found['contrast']}:1"
    return None


def check_focus_stops(page: Page, presses: int) -> list[str]:
    problems = []
    for _ in range(presses):
        # At a person's pace: Material opens search a moment after its field gets focus, and a Tab within that
        # moment leaves search opening behind the focus (no person is that fast). Wait for it to have opened.
        if page.evaluate("document.activeElement.classList.contains('md-search__input')"):
            wait_search_open(page)
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body"):  # past the last link of the page
            break
        if problem := focus_problem(page):
            problems.append(problem)
    return problems


def content_focus_problems(page: Page) -> list[str]:
    """The page's own links (and the footer's), reached through the skip link, as a keyboard user meets them."""
    page.locator("a.md-skip").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("!!document.activeElement.closest('.md-content')")
    return check_focus_stops(page, CONTENT_TAB_STOPS)
