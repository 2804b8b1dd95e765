"""Reader-phrased queries typed into the real search box find the page that solves the problem in the top three, in
the page's language only; a query that finds nothing shows the start page's situations instead of a dead end.

Typing and waiting are shared with `make bench` (scripts/bench/search.py): the query goes in as a paste would, but
its last letter is a key press (or, in Japanese, an input-method commit), on which the search runs (Material's
keyup, or the input the readers' search passes on to it: tests/browser/test_search_mechanisms.py); each query
waits for the search worker's answer to that very query (no fixed pauses). The time from the last keystroke to the
results is recorded in test-results/search-timings.json and printed at the end of the run; it is not asserted on
(`make bench` reports the median).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page

from scripts.bench.search import TOP, WATCH_WORKER_JS, load_queries, open_search, rank, search

QUERIES = load_queries()

# The queries of one language share one open page (search_pages): under `pytest -n` they run in one process.
ONE_PAGE = {language: pytest.mark.xdist_group(f"search-{language}") for language in ("ja", "en")}

CASES = [
    pytest.param(
        language,
        case["query"],
        case["page"],
        id=f"{language}-{number:02d}",
        marks=[ONE_PAGE[language]]
        + ([pytest.mark.xfail(reason=case["known_miss"], strict=True)] if "known_miss" in case else []),
    )
    for language in ("ja", "en")
    for number, case in enumerate(QUERIES[language], 1)
]


@pytest.fixture(scope="module")
def search_pages(browser: Browser, page_url):
    """One open page per language with search ready, reused by every query (as a reader refines a search)."""
    pages: dict[str, Page] = {}
    contexts = []

    def get(language: str) -> Page:
        if language not in pages:
            context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="ja-JP")
            context.add_init_script(WATCH_WORKER_JS)
            contexts.append(context)
            page = context.new_page()
            open_search(page, page_url(language, ""))
            pages[language] = page
        return pages[language]

    yield get
    for context in contexts:
        context.close()


@pytest.mark.parametrize(("language", "query", "expected"), CASES)
def test_query_finds_its_page(language, query, expected, search_pages, page_url, search_timing):
    page = search_pages(language)
    outcome = search(page, query)
    position = rank(outcome.found, page_url(language, expected))
    search_timing({"language": language, "query": query, "ms": outcome.ms, "rank": position})

    assert page.locator(".md-search__input").input_value() == query
    root = page_url(language, "")
    other_root = page_url("en", "") if language == "ja" else None
    foreign = [url for url in outcome.found if not url.startswith(root) or (other_root and url.startswith(other_root))]
    assert not foreign, f"results from the other language: {foreign}"
    assert not [url for url in outcome.found if "/contributing/" in url], "contributor pages are not for readers"
    assert position is not None and position <= TOP, f"{query!r}: top {TOP} were {outcome.found[:TOP]}"


def _panel(page: Page) -> dict:
    return page.evaluate("""() => {
      const panel = document.querySelector('.search-start');
      const shown = el => !!el && !el.hidden && !!el.offsetParent;
      return {
        more: shown(panel.querySelector('.search-start__more')),
        empty: shown(panel.querySelector('.search-start__empty')),
        links: [...panel.querySelectorAll('.search-start__empty a')].map(a => a.href),
        start: panel.querySelector('.search-start__more a').href,
      };
    }""")


@pytest.mark.parametrize("language", [pytest.param(code, marks=ONE_PAGE[code]) for code in ("ja", "en")])
def test_no_result_shows_the_situations(language, search_pages, page_url):
    page = search_pages(language)
    outcome = search(page, "zzqxv")
    assert outcome.found == []
    panel = _panel(page)
    assert panel["empty"] and not panel["more"]
    assert len(panel["links"]) >= 6
    assert panel["links"][-1] == page_url(language, "start/")
    assert page_url(language, "reset/#password-assistance-steps") in panel["links"]
    # Each link leads to a page of this site in this language (absolute from the root: the same list serves pages at
    # every depth).
    for link in panel["links"]:
        assert link.startswith(page_url(language, "")), link
        if language == "ja":
            assert not link.startswith(page_url("en", "")), link


@pytest.mark.parametrize("language", [pytest.param(code, marks=ONE_PAGE[code]) for code in ("ja", "en")])
def test_results_still_offer_the_start_page(language, search_pages, page_url):
    page = search_pages(language)
    outcome = search(page, "パスワード" if language == "ja" else "password")
    assert outcome.found
    panel = _panel(page)
    assert panel["more"] and not panel["empty"]
    assert panel["start"] == page_url(language, "start/")


@ONE_PAGE["ja"]
def test_situation_links_work_on_a_page_at_another_depth(search_pages, page_url):
    """The panel's links stay right after the reader has moved to a page at another depth."""
    page = search_pages("ja")
    page.keyboard.press("Escape")
    page.locator('.md-sidebar--primary a[href$="reset/"]').first.click()
    page.wait_for_url(re.compile(re.escape(page_url("ja", "reset/")) + "(#.*)?$"))
    page.keyboard.press("/")
    outcome = search(page, "zzqxv")
    assert outcome.found == []
    panel = _panel(page)
    assert panel["empty"]
    assert page_url("ja", "reset/#password-assistance-steps") in panel["links"]
    page.locator(".search-start__empty a").first.click()
    page.wait_for_url(panel["links"][0])


@ONE_PAGE["ja"]
def test_typing_a_compound_whole_still_finds_it(search_pages, page_url):
    """アカウントロック typed whole matches the parts the index holds (アカウント, ロック): the query is split by the
    same separator and segmenter as the pages were."""
    page = search_pages("ja")
    assert search(page, "アカウントロック").found
    assert search(page, "ｱｶｳﾝﾄﾛｯｸ").found  # half-width katakana, folded by NFKC
