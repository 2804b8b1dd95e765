"""The language switcher in the header leads to the same page in the other language, as a reader uses it. The header
is one template, so representative pages stand for all (the built-HTML test in tests/test_site.py checks each
page's switcher links)."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.settings import DESKTOP

OTHER = {"ja": "en", "en": "ja"}


def test_language_switcher_leads_to_the_counterpart(header_page, tab, page_url):
    language, path = header_page
    other = OTHER[language]
    page = tab(viewport=DESKTOP, color_scheme="light")
    response = page.goto(page_url(language, path), wait_until="domcontentloaded")
    assert response is not None and response.ok
    assert page.get_attribute("html", "lang") == language

    # As a reader does it: open the menu with the translate button, then pick the other language.
    page.locator(".md-header .md-select > button").click()
    link = page.locator(f".md-select__link[hreflang='{other}']")
    expect(link).to_be_visible()
    link.click()
    # Wait for the address rather than for "a navigation": Material may replaceState the first page's URL while it
    # settles, which Playwright reports as a navigation without a response (seen under load on 2 cores).
    page.wait_for_url(page_url(other, path), wait_until="domcontentloaded")

    # A full page load of the other language's build, never a script swapping the content in and keeping this
    # language's search index: the document's own navigation entry is the new address only after a real load.
    document_url = page.evaluate("performance.getEntriesByType('navigation')[0].name")
    assert document_url == page_url(other, path), "the other language's page was swapped in, not loaded"
    assert page.get_attribute("html", "lang") == other
    expect(page.locator(f".md-select__link[hreflang='{other}']")).to_have_attribute("aria-current", "true")
