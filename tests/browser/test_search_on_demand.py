"""Search is downloaded when a reader starts to search, not with every page (assets/javascripts/search-on-demand.js):
a page that is only read fetches no search index, worker or word splitter; each way of starting a search fetches
them and search then works."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.settings import PHONE

SEARCH_FILES = re.compile(r"/search/search_index\.json$|/assets/javascripts/workers/search\.[^/]*\.js$|/lunr/")
PAGES = [("ja", ""), ("ja", "reset/"), ("en", ""), ("en", "reset/")]


def _search_requests(page: Page) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda r: SEARCH_FILES.search(urlsplit(r.url).path) and requests.append(urlsplit(r.url).path))
    return requests


# Material opens the index request as soon as a page starts (search-on-demand.js holds back only its send). An init
# script runs before every page script, so it sees that moment: from then on, a search file not held back would have
# been requested already.
RECORD_INDEX_OPEN = r"""(() => {
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url) {
    if (/\/search\/search_index\.json$/.test(new URL(String(url), location.href).pathname)) {
      window.__searchIndexOpened = true;
    }
    return open.apply(this, arguments);
  };
})();"""


def _read_without_searching(page: Page, url: str) -> None:
    """Open the page, scroll as a reader does, and return once every request the page made by then is reported."""
    page.add_init_script(RECORD_INDEX_OPEN)
    page.goto(url, wait_until="load")
    page.wait_for_function("window.__searchIndexOpened === true")
    page.mouse.wheel(0, 2000)  # scrolling and reading is not searching
    # Playwright reports a page's requests in order: once this one has its response, the earlier ones are reported.
    with page.expect_response(lambda response: response.url == url):
        page.evaluate("url => fetch(url)", url)


def _wait_for_results(page: Page, query: str) -> None:
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    assert page.locator(".md-search__input").input_value() == query


@pytest.mark.parametrize(("language", "path"), PAGES, ids=[f"{lang}-{path or 'home'}" for lang, path in PAGES])
def test_reading_a_page_fetches_no_search(language, path, desktop_page: Page, page_url):
    requests = _search_requests(desktop_page)
    _read_without_searching(desktop_page, page_url(language, path))
    assert requests == []


@pytest.mark.parametrize("language", ["ja", "en"])
def test_search_shortcut_fetches_search_and_finds(language, desktop_page: Page, page_url):
    requests = _search_requests(desktop_page)
    desktop_page.goto(page_url(language, "reset/"), wait_until="load")
    desktop_page.keyboard.press("/")
    query = "パスワード" if language == "ja" else "password"
    desktop_page.keyboard.insert_text(query)
    desktop_page.keyboard.up("Enter")  # the keyup an input method's confirming Enter sends, which search listens to
    _wait_for_results(desktop_page, query)
    assert any(r.endswith("/search/search_index.json") for r in requests), requests
    assert any("/workers/search." in r for r in requests), requests


def test_magnifier_on_a_phone_fetches_search_and_finds(browser: Browser, page_url):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="ja-JP")
    try:
        page = context.new_page()
        requests = _search_requests(page)
        _read_without_searching(page, page_url("ja", "reset/"))
        assert requests == []
        page.locator("label.md-header__button[for=__search]").tap()
        page.wait_for_function("() => document.getElementById('__search').checked")
        assert any(r.endswith("/search/search_index.json") for r in requests), requests
        page.locator(".md-search__input").fill("SMS")
        page.keyboard.up("S")
        _wait_for_results(page, "SMS")
    finally:
        context.close()


def test_highlight_link_fetches_search_and_highlights(desktop_page: Page, page_url):
    # A search result's link carries ?h=<terms>; opened directly (a shared link), the page highlights them.
    requests = _search_requests(desktop_page)
    desktop_page.goto(page_url("en", "reset/") + "?h=password", wait_until="load")
    desktop_page.wait_for_selector("mark[data-md-highlight]", timeout=15_000)
    assert any(r.endswith("/search/search_index.json") for r in requests), requests
