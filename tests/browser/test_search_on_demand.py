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


def _wait_for_results(page: Page, query: str) -> None:
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    assert page.locator(".md-search__input").input_value() == query


@pytest.mark.parametrize(("language", "path"), PAGES, ids=[f"{lang}-{path or 'home'}" for lang, path in PAGES])
def test_reading_a_page_fetches_no_search(language, path, desktop_page: Page, page_url):
    requests = _search_requests(desktop_page)
    desktop_page.goto(page_url(language, path), wait_until="networkidle")
    desktop_page.mouse.wheel(0, 2000)  # scrolling and reading is not searching
    desktop_page.wait_for_timeout(500)
    assert requests == []


@pytest.mark.parametrize("language", ["ja", "en"])
def test_search_shortcut_fetches_search_and_finds(language, desktop_page: Page, page_url):
    requests = _search_requests(desktop_page)
    desktop_page.goto(page_url(language, "reset/"), wait_until="networkidle")
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
        page.goto(page_url("ja", "reset/"), wait_until="networkidle")
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
    desktop_page.goto(page_url("en", "reset/") + "?h=password", wait_until="networkidle")
    desktop_page.wait_for_selector("mark[data-md-highlight]", timeout=15_000)
    assert any(r.endswith("/search/search_index.json") for r in requests), requests
