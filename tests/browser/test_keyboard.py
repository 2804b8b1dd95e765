"""Keyboard use: a visible focus indicator on every page's own links; the header, the same template on every page,
on representative pages (each home page, the deepest page, a diagram page: the skip link and opening search without a
mouse) and on each home page on a desktop and a phone in both colour schemes (focus indicators); and the navigation
drawer that replaces the sidebar on a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}

# Enough Tab presses to pass the whole header (skip link, logo, palette, language, search, repository) and reach
# the navigation: the focus indicator is checked on each stop.
HEADER_TAB_STOPS = 14
CONTENT_TAB_STOPS = 8
# WCAG 1.4.11 (non-text contrast): a focus indicator needs 3:1 against what surrounds it.
MIN_FOCUS_CONTRAST = 3.0

# What a sighted keyboard user sees of the focused element: its own outline, or that of the label that stands in for
# it (Material hides the palette radio buttons and shows their labels), on screen and with enough contrast.
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


def _open(page: Page, url: str) -> None:
    # Material's keyboard handling is ready once its bundle has run, before DOMContentLoaded; no need to wait for
    # the rest (a diagram page would wait for mermaid).
    response = page.goto(url, wait_until="domcontentloaded")
    assert response is not None and response.ok


def _wait_search_open(page: Page) -> None:
    page.wait_for_function("document.getElementById('__search').checked", timeout=3_000)


def test_skip_link_moves_focus_to_the_content(header_page, desktop_page, page_url):
    page = desktop_page
    _open(page, page_url(*header_page))
    page.keyboard.press("Tab")
    skip = page.locator("a.md-skip")
    expect(skip).to_be_focused()
    expect(skip).to_have_css("opacity", "1")  # Material shows it only while focused
    page.keyboard.press("Enter")
    # Focus moves into the page's own content, the next Tab stays there (not back in the header or the navigation),
    # and it is still there once the page has done whatever it does after an in-page jump.
    in_content = "!!document.activeElement.closest('.md-content')"
    page.wait_for_function(in_content, timeout=3_000)
    page.keyboard.press("Tab")
    # Once the page is fully loaded (its late scripts have run), focus is still in the content.
    page.wait_for_load_state("load")
    assert page.evaluate(in_content), page.evaluate("document.activeElement.outerHTML.slice(0, 200)")


def test_search_opens_by_keyboard(header_page, desktop_page, page_url):
    _check_search_by_keyboard(desktop_page, page_url(*header_page))


@pytest.mark.parametrize("language", ["ja", "en"])
def test_search_opens_by_keyboard_on_a_phone(language, desktop_page, page_url):
    # The phone header is different (a search button instead of a field); it is the same on every page.
    desktop_page.set_viewport_size(PHONE)
    _check_search_by_keyboard(desktop_page, page_url(language, ""))


def _check_search_by_keyboard(page: Page, url: str) -> None:
    _open(page, url)
    search = page.locator(".md-search__input")
    # Material's shortcut ("/", also "s" and "f") ...
    page.keyboard.press("/")
    expect(search).to_be_focused()
    _wait_search_open(page)
    page.keyboard.press("Escape")
    page.wait_for_function("!document.getElementById('__search').checked")
    # ... and plain Tab from the top of a fresh page, for whoever does not know the shortcut.
    _open(page, url)
    for _ in range(HEADER_TAB_STOPS):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('md-search__input')"):
            break
    expect(search).to_be_focused()
    _wait_search_open(page)
    expect(search).to_be_visible()
    page.keyboard.type("Amazon")
    expect(page.locator(".md-search-result__item").first).to_be_visible()


@pytest.mark.parametrize("language", ["ja", "en"])
def test_navigation_drawer_opens_by_keyboard_on_a_phone(language, desktop_page, page_url):
    page = desktop_page
    page.set_viewport_size(PHONE)
    _open(page, page_url(language, "reset/"))
    button = page.locator(".md-header .site-drawer-button")
    for _ in range(HEADER_TAB_STOPS):
        page.keyboard.press("Tab")
        if button.evaluate("b => b === document.activeElement"):
            break
    expect(button).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_function("document.getElementById('__drawer').checked")
    expect(button).to_have_attribute("aria-expanded", "true")
    # Tab reaches the drawer's links (after the rest of the header), and they are on screen.
    for _ in range(HEADER_TAB_STOPS):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')"):
            break
    assert page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')"), "Tab never reached the drawer"
    # On screen once the drawer has slid in.
    page.wait_for_function("w => { const r = document.activeElement.getBoundingClientRect(); "
                           "return r.left >= 0 && r.right <= w && r.width > 0; }", arg=PHONE["width"], timeout=2_000)


def _focus_problem(page: Page) -> str | None:
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
        return (f"{found['element']}: focus ring {found['outline']} on {found['backdrop']} "
                f"is {found['contrast']}:1")
    return None


def _check_focus_stops(page: Page, presses: int) -> list[str]:
    problems = []
    for _ in range(presses):
        # At a person's pace: Material opens search a moment after its field gets focus, and a Tab within that
        # moment leaves search opening behind the focus (no person is that fast). Wait for it to have opened.
        if page.evaluate("document.activeElement.classList.contains('md-search__input')"):
            _wait_search_open(page)
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body"):  # past the last link of the page
            break
        if problem := _focus_problem(page):
            problems.append(problem)
    return problems


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("language", ["ja", "en"])
def test_focus_is_visible_in_the_header(language, viewport, scheme, browser, page_url):
    # The header and the start of the navigation are the same on every page: checked on each home page.
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    try:
        page = context.new_page()
        _open(page, page_url(language, ""))
        problems = _check_focus_stops(page, HEADER_TAB_STOPS)
    finally:
        context.close()
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_focus_is_visible_in_the_content(site_page, desktop_page, page_url):
    page = desktop_page
    _open(page, page_url(*site_page))
    # The page's own links (and the footer's), reached through the skip link.
    page.locator("a.md-skip").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("!!document.activeElement.closest('.md-content')")
    problems = _check_focus_stops(page, CONTENT_TAB_STOPS)
    assert not problems, "\n".join(dict.fromkeys(problems))
