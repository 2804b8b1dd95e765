"""A locked-out reader on a phone (390 x 844, both languages): the next step is on the first screen, the text a reader
must not miss is at body size, diagrams are legible, the site works without JavaScript and in a dark setting from
the first frame, and the language control keeps the section. What the build alone decides (the sharing card, the
citation markers, where the no-JavaScript link leads) is tested on the built HTML: tests/test_site.py.

Figures measured when these tests were written (issue 13): before, the home page showed 1 task link on its first
screen and no thumb-sized target, the reset page's first step began about 1,500 px down, admonitions and tables were
12.8 px against 16 px body text and diagram labels 7-10 px; without JavaScript every page was 409 px wide at 390.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from scripts.project import PROJECT, ROOT
from tests.browser.settings import DARK_BACKGROUND_MAX, DESKTOP, LANGUAGES, page_id
from tests.browser.settings import PHONE as SMALL_PHONE  # 360 px, the narrowest screen the site supports

PHONE = {"width": 390, "height": 844}  # the phone of issue 13
ROUTE_PAGES = [(language, path) for language in LANGUAGES for path in ("", "start/")]
MIN_TARGET = 44  # px, WCAG 2.5.5 target size
MIN_ROUTES = 6
MIN_LABEL = 12  # px, diagram labels on a 390 px screen


def phone_settings(*, javascript: bool = True, dark: bool = False, viewport=PHONE) -> dict:
    return {
        "viewport": viewport,
        "is_mobile": True,
        "has_touch": True,
        "java_script_enabled": javascript,
        "color_scheme": "dark" if dark else "light",
    }


def phone_page(browser: Browser, **settings) -> Page:
    """A phone tab in a context of its own, for a test that routes requests or stores a choice (see `tab`)."""
    return browser.new_context(locale="ja-JP", **phone_settings(**settings)).new_page()


# ----------------------------------------------------------------------------------------------------------------
# 1. First screen: one sentence, then at least six thumb-sized situation links, each to an existing section
# ----------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("route_page", ROUTE_PAGES, ids=page_id)
def test_first_screen_routes_the_reader(route_page, tab, page_url):
    language, path = route_page
    page = tab(**phone_settings())
    page.goto(page_url(language, path), wait_until="load")
    routes = page.eval_on_selector_all(
        ".md-typeset .routes a",
        """links => links.map(a => {
      const r = a.getBoundingClientRect();
      return {href: a.href, text: a.textContent.trim(), top: r.top, bottom: r.bottom, height: r.height};
    })""",
    )
    on_screen = [r for r in routes if r["top"] >= 0 and r["bottom"] <= PHONE["height"]]
    big = [r for r in on_screen if r["height"] >= MIN_TARGET]
    assert len(big) >= MIN_ROUTES, (
        f"{len(big)} situation links of {MIN_TARGET}+ px inside the first screen (need {MIN_ROUTES}): {routes}"
    )
    # One sentence saying what to do, right before the links, also on the first screen.
    lead = page.evaluate("""() => {
      const p = document.querySelector('.md-typeset .routes').previousElementSibling;
      return p && p.tagName === 'P' ? [p.textContent.trim(), p.getBoundingClientRect().bottom] : null;
    }""")
    assert lead and lead[0] and lead[1] <= PHONE["height"], f"no lead sentence before the links: {lead}"
    assert len(re.findall(r"[。.!?？]", lead[0])) <= 1, f"the lead is more than one sentence: {lead[0]}"
    # Each link leads to a section, not to the top of a page (that the #id exists is make linkcheck's LC002).
    for route in big[:MIN_ROUTES]:
        assert route["href"].partition("#")[2], f"{route['text']}: links to a page, not a section ({route['href']})"


# ----------------------------------------------------------------------------------------------------------------
# 3. The reset page leads with the steps
# ----------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("language", LANGUAGES)
def test_reset_first_step_is_on_the_first_screen(language, tab, page_url):
    page = tab(**phone_settings())
    page.goto(page_url(language, "reset/"), wait_until="load")
    top = page.evaluate("""() => {
      const heading = document.getElementById('password-assistance-steps');
      let next = heading.nextElementSibling;
      while (next && next.tagName !== 'OL') next = next.nextElementSibling;
      const first = next && next.querySelector('li');
      return first ? first.getBoundingClientRect().top + scrollY : null;
    }""")
    assert top is not None, "no numbered steps under #password-assistance-steps"
    assert top + 40 <= PHONE["height"], f"step 1 starts at {top:.0f} px, below the first screen"


# ----------------------------------------------------------------------------------------------------------------
# 5. Phone typography: what must not be missed is at body size; words stay whole
# ----------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("language", LANGUAGES)
def test_admonitions_details_and_tables_are_body_size_on_a_phone(language, tab, page_url):
    page = tab(**phone_settings())
    page.goto(page_url(language, "reset/"), wait_until="load")
    sizes = page.evaluate("""() => {
      const size = s => { const e = document.querySelector(s); return e && parseFloat(getComputedStyle(e).fontSize); };
      return {body: size('.md-typeset > p'), admonition: size('.md-typeset .admonition > p'),
              details: size('.md-typeset details'), table: size('.md-typeset td')};
    }""")
    assert all(sizes.values()), sizes
    for kind in ("admonition", "details", "table"):
        assert sizes[kind] / sizes["body"] >= 0.99, f"{kind} text is {sizes[kind]} px against {sizes['body']} px"
    # Ordinary text never breaks anywhere (only URLs and code may); Japanese breaks between phrases.
    wrap = page.evaluate("getComputedStyle(document.querySelector('.md-typeset > p')).overflowWrap")
    assert wrap != "anywhere"
    if language == "ja":
        # Where a line holds only a few words (a cell, a title, a box title, a link), a break inside a word reads
        # as a different word: 「チャ／ット」.
        breaks = page.evaluate("""() => Object.fromEntries(
          ['.md-typeset td', '.md-typeset th', '.md-typeset h1', '.md-typeset h2', '.md-typeset .admonition-title',
           '.md-typeset details summary', '.md-typeset a', '.md-header__topic']
            .map(s => [s, document.querySelector(s) && getComputedStyle(document.querySelector(s)).wordBreak]))""")
        assert breaks == dict.fromkeys(breaks, "auto-phrase"), breaks


@pytest.mark.parametrize("route_page", ROUTE_PAGES, ids=page_id)
def test_site_name_fits_the_header_and_the_edit_link_leaves_the_title(route_page, tab, page_url):
    language, path = route_page
    page = tab(**phone_settings(viewport=SMALL_PHONE))
    page.goto(page_url(language, path), wait_until="load")
    cut = page.eval_on_selector(".md-header__topic:first-child .md-ellipsis", "e => e.scrollWidth > e.clientWidth + 1")
    assert not cut, "the site name is cut off in the header"
    # Wrapped to more lines than the header holds, its first or last line is cut off above or below the bar.
    outside = page.eval_on_selector(
        ".md-header__topic:first-child .md-ellipsis",
        "e => { const r = e.getBoundingClientRect(), bar = e.closest('.md-header').getBoundingClientRect();"
        " return r.top < bar.top - 1 || r.bottom > bar.bottom + 1; }",
    )
    assert not outside, "the site name takes more lines than the header holds"
    # The edit button is not in the title line on a phone; the same link is at the end of the page.
    expect(page.locator(".md-content__button")).to_be_hidden()
    expect(page.locator(".md-source-file__edit a")).to_be_visible()


# ----------------------------------------------------------------------------------------------------------------
# 6. Diagrams: labels of 12 px or more on a 390 px screen, and a name pointing to the text alternative
# ----------------------------------------------------------------------------------------------------------------
def test_diagram_labels_are_legible_on_a_phone(diagram_page, tab, page_url):
    language, path = diagram_page
    page = tab(**phone_settings())
    page.goto(page_url(language, path), wait_until="load")
    diagrams = page.eval_on_selector_all(
        "div.mermaid > svg",
        """svgs => svgs.map(svg => {
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      const labels = [...svg.querySelectorAll('.nodeLabel, .edgeLabel')].filter(l => l.textContent.trim());
      const sizes = labels.map(l => parseFloat(getComputedStyle(l).fontSize) * scale);
      const box = svg.parentElement;
      return {smallest: Math.min(...sizes), key: svg.parentElement.dataset.diagram,
              role: svg.getAttribute('role'), name: svg.getAttribute('aria-label'),
              pageWide: document.scrollingElement.scrollWidth, boxScrolls: getComputedStyle(box).overflowX};
    })""",
    )
    assert diagrams, "no diagram drawn"
    source = next(p.source.relative_to(ROOT) for p in PROJECT.pages(language) if p.url == path)
    for number, diagram in enumerate(diagrams, 1):
        assert diagram["smallest"] >= MIN_LABEL, (
            f"{source}: diagram {number} ({diagram['key']}) has labels of {diagram['smallest']:.1f} px on a "
            f"{PHONE['width']} px phone (fix: fewer or shorter boxes side by side, or a top-down flow, then "
            "`make diagrams`)"
        )
        assert diagram["role"] == "img" and diagram["name"], f"diagram {number} has no accessible name"
        assert diagram["pageWide"] <= PHONE["width"], "a diagram makes the page scroll sideways"
        assert diagram["boxScrolls"] in ("auto", "scroll"), "a wide diagram cannot scroll inside its box"


# ----------------------------------------------------------------------------------------------------------------
# 7. Without JavaScript; dark from the first frame; the language control keeps the section
# ----------------------------------------------------------------------------------------------------------------
def test_without_javascript_no_page_is_wider_than_the_screen(site_page, tab, page_url):
    language, path = site_page
    page = tab(**phone_settings(javascript=False, viewport=SMALL_PHONE))
    page.goto(page_url(language, path), wait_until="load")
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= SMALL_PHONE["width"], f"{width} px wide at {SMALL_PHONE['width']} px without JavaScript"
    expect(page.locator("a.site-nojs-start")).to_be_visible()  # where it leads: tests/test_site.py


def _background(page: Page) -> tuple[int, ...]:
    color = page.evaluate("getComputedStyle(document.body).backgroundColor")
    return tuple(int(v) for v in re.findall(r"\d+", color)[:3])


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "before-material-runs"])
def test_a_dark_setting_gets_a_dark_page_from_the_first_frame(language, javascript, browser, page_url):
    page = phone_page(browser, javascript=javascript, dark=True)
    try:
        # With JavaScript, Material's bundle is held back: what shows is the page before it runs (the first frame).
        page.route(re.compile(r".*/assets/javascripts/bundle\..*\.js$"), lambda route: route.abort())
        page.goto(page_url(language, ""), wait_until="load")
        assert sum(_background(page)) <= DARK_BACKGROUND_MAX, f"background {_background(page)} in a dark setting"
    finally:
        page.context.close()


OTHER = {"ja": "en", "en": "ja"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_language_control_keeps_the_section(language, tab, page_url):
    page = tab(viewport=DESKTOP, color_scheme="light")
    other = OTHER[language]
    # Arriving at a section by its address ...
    page.goto(page_url(language, "reset/") + "#enter-code", wait_until="load")
    page.locator(".md-header .md-select > button").click()
    page.locator(f".md-select__link[hreflang='{other}']").click()
    page.wait_for_url(page_url(other, "reset/") + "#enter-code", wait_until="load")
    # ... and by scrolling to it: both lead to the same section in the other language.
    page.evaluate("document.getElementById('after-reset').scrollIntoView()")
    back = page.locator(f".md-select__link[hreflang='{language}']")
    expect(back).to_have_attribute("href", re.compile(r"#after-reset$"))  # site.js follows the scroll
    page.locator(".md-header .md-select > button").click()
    back.click()
    page.wait_for_url(page_url(language, "reset/") + "#after-reset", wait_until="load")
