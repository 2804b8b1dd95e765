"""Keyboard use: a visible focus indicator on every page's own links (in the dark scheme of every page's visit, and on
a desktop in both schemes on the representative pages); the header, the same template on every page,
on representative pages (each home page, the deepest page, a diagram page: the skip link and opening search without a
mouse) and on each home page on a desktop and a phone in both colour schemes (focus indicators); and the navigation
drawer that replaces the sidebar on a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.focus import HEADER_TAB_STOPS, check_focus_stops, content_focus_problems, wait_search_open
from tests.browser.settings import DESKTOP, PHONE


def _open(page: Page, url: str) -> None:
    # Material's keyboard handling is ready once its bundle has run, before DOMContentLoaded; no need to wait for
    # the rest (a diagram page would wait for mermaid).
    response = page.goto(url, wait_until="domcontentloaded")
    assert response is not None and response.ok


def test_skip_link_moves_focus_to_the_content(header_page, tab, page_url):
    page = tab(viewport=DESKTOP, color_scheme="light")
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


def test_search_opens_by_keyboard(header_page, tab, page_url):
    _check_search_by_keyboard(tab(viewport=DESKTOP, color_scheme="light"), page_url(*header_page))


@pytest.mark.parametrize("language", ["ja", "en"])
def test_search_opens_by_keyboard_on_a_phone(language, tab, page_url):
    # The phone header is different (a search button instead of a field); it is the same on every page.
    _check_search_by_keyboard(tab(viewport=PHONE, color_scheme="light"), page_url(language, ""))


def _check_search_by_keyboard(page: Page, url: str) -> None:
    _open(page, url)
    search = page.locator(".md-search__input")
    # Material's shortcut ("/", also "s" and "f") ...
    page.keyboard.press("/")
    expect(search).to_be_focused()
    wait_search_open(page)
    page.keyboard.press("Escape")
    page.wait_for_function("!document.getElementById('__search').checked")
    # ... and plain Tab from the top of a fresh page, for whoever does not know the shortcut.
    _open(page, url)
    for _ in range(HEADER_TAB_STOPS):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('md-search__input')"):
            break
    expect(search).to_be_focused()
    wait_search_open(page)
    expect(search).to_be_visible()
    page.keyboard.type("Amazon")
    expect(page.locator(".md-search-result__item").first).to_be_visible()


@pytest.mark.parametrize("language", ["ja", "en"])
def test_navigation_drawer_opens_by_keyboard_on_a_phone(language, tab, page_url):
    page = tab(viewport=PHONE, color_scheme="light")
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
    page.wait_for_function(
        "w => { const r = document.activeElement.getBoundingClientRect(); "
        "return r.left >= 0 && r.right <= w && r.width > 0; }",
        arg=PHONE["width"],
        timeout=2_000,
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("language", ["ja", "en"])
def test_focus_is_visible_in_the_header(language, viewport, scheme, tab, page_url):
    # The header and the start of the navigation are the same on every page: checked on each home page.
    page = tab(viewport=viewport, color_scheme=scheme)
    _open(page, page_url(language, ""))
    problems = check_focus_stops(page, HEADER_TAB_STOPS)
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_focus_is_visible_in_the_content(site_page, visits):
    """Every page's own links in the dark scheme of its visit (conftest.py: tabbed through once axe is done)."""
    problems = visits(*site_page).schemes["dark"].focus_problems
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_focus_is_visible_in_the_content_on_a_desktop(header_page, desktop_visits):
    """The representative pages' own links in their dark desktop visit."""
    problems = desktop_visits(*header_page).schemes["dark"].focus_problems
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_focus_is_visible_in_the_content_in_the_light_scheme(header_page, tab, page_url):
    page = tab(viewport=DESKTOP, color_scheme="light")
    _open(page, page_url(*header_page))
    problems = content_focus_problems(page)
    assert not problems, "\n".join(dict.fromkeys(problems))
