"""Realistic queries typed into the real search box find their page in the top three, in the page's language only.

Typing is simulated as a reader's keyboard produces it: Latin letters, digits and ASCII spaces key by key; Japanese
text as an input-method commit (the converted text is inserted, then the Enter that confirmed it is released, which
is the keyup Material's search listens to). The time from the last keystroke to the first results is recorded in
test-results/search-timings.json and printed at the end of the run; it is not asserted on.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

QUERIES = yaml.safe_load(Path(__file__).with_name("search_queries.yml").read_text(encoding="utf-8"))
TOP = 3
# Pause after the start of a query so that results for it have come back before the last keystroke is timed.
SETTLE_MS = 400

CASES = [
    pytest.param(language, case["query"], case["page"], id=f"{language}-{number:02d}",
                 marks=[pytest.mark.xfail(reason=case["known_miss"], strict=True)] if "known_miss" in case else [])
    for language in ("ja", "en") for number, case in enumerate(QUERIES[language], 1)
]

# Resolves with performance.now() of the next results rendered after `arm`, measured from the last keyup.
ARM_JS = """() => {
  const list = document.querySelector('.md-search-result__list');
  const input = document.querySelector('.md-search__input');
  window.__search = {keyup: null, results: null};
  input.addEventListener('keyup', () => { window.__search.keyup = performance.now(); }, {once: true, capture: true});
  const observer = new MutationObserver(mutations => {
    if (window.__search.keyup !== null && mutations.some(m => m.addedNodes.length)) {
      window.__search.results = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(list, {childList: true});
}"""

RESULTS_JS = """() => [...document.querySelectorAll('.md-search-result__item')].map(item => {
  const link = item.querySelector('a');
  return link ? link.href : null;
})"""


def _runs(query: str) -> list[str]:
    """The query in typing units: each ASCII character alone, each run of other characters as one IME commit."""
    return re.findall(r"[\x00-\x7f]|[^\x00-\x7f]+", query)


def _type_unit(page: Page, unit: str) -> None:
    if unit.isascii():
        page.keyboard.press("Space" if unit == " " else unit)
    else:
        page.keyboard.insert_text(unit)
        page.keyboard.up("Enter")


@pytest.fixture(scope="module")
def search_pages(browser: Browser, page_url):
    """One open page per language with search ready, reused by every query (as a reader refines a search)."""
    pages: dict[str, Page] = {}
    contexts = []

    def get(language: str) -> Page:
        if language not in pages:
            context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="ja-JP")
            contexts.append(context)
            page = context.new_page()
            response = page.goto(page_url(language, ""), wait_until="load")
            assert response is not None and response.ok
            # Ready once Material has replaced its "initializing" text (as served) with the "type to search" prompt.
            initializing = re.search(r'class="md-search-result__meta">\s*(.*?)\s*<', response.text()).group(1)
            page.keyboard.press("/")
            page.wait_for_function("t => document.querySelector('.md-search-result__meta').innerText.trim() !== t",
                                   arg=initializing, timeout=15_000)
            pages[language] = page
        return pages[language]

    yield get
    for context in contexts:
        context.close()


@pytest.mark.parametrize(("language", "query", "expected"), CASES)
def test_query_finds_its_page(language, query, expected, search_pages, page_url, site_url, search_timings):
    page = search_pages(language)
    search = page.locator(".md-search__input")
    search.focus()
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")

    units = _runs(query)
    for unit in units[:-1]:
        _type_unit(page, unit)
    page.wait_for_timeout(SETTLE_MS)
    page.evaluate(ARM_JS)
    _type_unit(page, units[-1])
    try:
        page.wait_for_function("window.__search.results !== null", timeout=5_000)
    except PlaywrightTimeoutError:
        meta = page.locator(".md-search-result__meta").inner_text()
        pytest.fail(f"no results for {query!r} ({meta!r})", pytrace=False)
    elapsed = page.evaluate("window.__search.results - window.__search.keyup")
    page.wait_for_timeout(150)  # let the rest of the first batch of results render
    # Page addresses only: Material adds ?h=<terms> (search.highlight) and #section to each result.
    found = [urlsplit(href)._replace(query="", fragment="").geturl() for href in page.evaluate(RESULTS_JS) if href]
    search_timings.append({"language": language, "query": query, "ms": round(elapsed, 1),
                           "rank": found.index(page_url(language, expected)) + 1
                           if page_url(language, expected) in found else None})

    assert search.input_value() == query
    other_root = page_url("en", "") if language == "ja" else None
    foreign = [url for url in found if not url.startswith(page_url(language, ""))
               or (other_root and url.startswith(other_root))]
    assert not foreign, f"results from the other language: {foreign}"
    assert page_url(language, expected) in found[:TOP], f"{query!r}: top {TOP} were {found[:TOP]}"
