"""What the readers' search does beyond ranking (issue 25, item 3), typed into the real search box:

- a word committed by a phone's input method (no keyup: 忘れた, 届かない, なくした) is searched, not left under
  「検索キーワードを入力してください」 with an empty list;
- no empty list while a word of the query is on the site (「ろぐいんできない」: できない is);
- hiragana left unconverted finds the pages' katakana words (ぱすきー: パスキー) and kanji words (かくにん: 確認), and
  only whole words
  (a hiragana word no page has, ぺんぎん, is not forced onto one);
- the situation links whenever the list is empty;
- a result opens at the section that matched, not at the top of its page;
- a page whose title shares one common word with the query does not come before the section that holds the rest;
- a reader's everyday English words do not outweigh the situation they describe;
- a question of what a word means (とは, "meaning") finds the glossary, or the section whose heading asks it, first;
- a reader's word typed without its particles (コード教えてしまった) or with spaces between its words, with a spoken
  ending (教えちゃった) or in hiragana (めるあど), a brand typed in lower case (icloud), a British spelling (cancelled)
  and a misspelt word (recieved) are found;
- the situation links work wherever the built site is served (at / as well as under the published path).

Each waits on the search worker's answer to the very query typed (scripts/bench/search.py's watcher), never a pause.
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from scripts.bench.search import DRAINED_JS, WATCH_WORKER_JS, open_search

# Answered and drawn: the last query sent is `query` and every query sent has its answer (no keyup is involved).
ANSWERED_JS = """query => {
  const s = window.__searchWatch;
  return s.sent.length > 0 && s.sent[s.sent.length - 1] === query && s.received === s.sent.length && !s.pending;
}"""

STATE_JS = """() => ({
  meta: document.querySelector('.md-search-result__meta').innerText.trim(),
  links: [...document.querySelectorAll('.md-search-result__item')].map(item => item.querySelector('a').href),
  panel: !!document.querySelector('.search-start__empty') && !document.querySelector('.search-start__empty').hidden
    && !!document.querySelector('.search-start__empty').offsetParent,
  translations: JSON.parse(document.getElementById('__config').textContent).translations,
})"""


@pytest.fixture(scope="module")
def search_box(browser: Browser, page_url):
    """One open page per language with search ready (as tests/browser/test_search.py), watched by WATCH_WORKER_JS."""
    pages: dict[str, Page] = {}

    def get(language: str) -> Page:
        if language not in pages:
            context = browser.new_context(viewport={"width": 390, "height": 844}, locale="ja-JP")
            context.add_init_script(WATCH_WORKER_JS)
            pages[language] = context.new_page()
            open_search(pages[language], page_url(language, ""))
        return pages[language]

    yield get
    for page in pages.values():
        page.context.close()


def commit(page: Page, text: str) -> dict:
    """Empty the field, then put `text` in as a phone's input method commits a converted word: an input event and
    no key event at all. Returns what the search box shows once the worker has answered that text."""
    field = page.locator(".md-search__input")
    field.fill("")
    field.dispatch_event("keyup")  # the field is empty now, as Material has seen it
    page.wait_for_function(DRAINED_JS, timeout=30_000)
    field.focus()
    page.keyboard.insert_text(text)
    page.wait_for_function(ANSWERED_JS, arg=text, timeout=30_000)
    return page.evaluate(STATE_JS)


@pytest.mark.parametrize(
    ("language", "word"), [("ja", "忘れた"), ("ja", "届かない"), ("ja", "なくした"), ("en", "forgot")]
)
def test_a_word_committed_without_a_keyup_is_searched(language, word, search_box):
    state = commit(search_box(language), word)
    assert state["meta"] != state["translations"]["search.result.placeholder"], "the box still asks for a word"
    assert state["links"], f"{word!r} found nothing"
    assert not state["panel"]


def test_no_empty_list_while_a_word_of_the_query_is_on_the_site(search_box, site_dir: Path):
    # The precondition, from the built index rather than from the search: the site does say できない.
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any("できない" in doc["text"] for doc in index["docs"])
    state = commit(search_box("ja"), "ろぐいんできない")
    assert state["links"], "「ろぐいんできない」 found nothing although the site says できない"


@pytest.mark.parametrize("query", ["パスワードリセット", "ログインパスワード", "アマゾンアカウント"])
def test_katakana_words_typed_as_one_compound_are_found(query, search_box):
    """Katakana words of the pages typed with no space between them (a reader's word, or an ignored one such as
    アマゾン, inside the run) still find pages: matching katakana synonyms only as whole runs emptied these."""
    state = commit(search_box("ja"), query)
    assert state["links"], f"「{query}」 found nothing"


@pytest.mark.parametrize(
    ("query", "section"),
    [
        ("ぱすきー", "more-situations/#passkey-first"),
        ("あかうんと ろっく", "more-situations/#account-locked"),
        ("ほんにんかくにんしょるい", "two-step-verification/#identity-document"),
        # まちがえ becomes 間違え in place, so the reader's word 間違えた (too many attempts) is still seen whole.
        ("なんかいも まちがえた", "reset-problems/#too-many-attempts"),
    ],
)
def test_hiragana_left_unconverted_finds_the_pages_word(query, section, search_box, page_url):
    """パスキー, ロック and 本人確認書類 typed as a phone leaves them before conversion: the pages' katakana words and
    (by their readings, scripts/search_readings.py) kanji words are found."""
    state = commit(search_box("ja"), query)
    assert page_url("ja", section) in [urlsplit(link)._replace(query="").geturl() for link in state["links"][:3]]


@pytest.mark.parametrize(("language", "query"), [("ja", "ぺんぎん"), ("en", "zzqxv")])
def test_the_situations_whenever_the_list_is_empty(language, query, search_box, page_url):
    state = commit(search_box(language), query)
    assert state["links"] == []
    assert state["panel"], "an empty list without the situation links"
    links = search_box(language).evaluate(
        "() => [...document.querySelectorAll('.search-start__empty a')].map(a => a.href)"
    )
    assert page_url(language, "start/") in links


@pytest.mark.parametrize(
    ("language", "query", "section"),
    [
        ("ja", "内部エラー", "reset-problems/#internal-error"),
        ("en", "internal error", "reset-problems/#internal-error"),
    ],
)
def test_a_result_opens_at_the_section_that_matched(language, query, section, search_box, page_url):
    page = search_box(language)
    state = commit(page, query)
    first = urlsplit(state["links"][0])._replace(query="").geturl()
    assert first == page_url(language, section), f"the first result opens {first}"
    # Enter on the query opens the best result: there too, at the section.
    page.locator(".md-search__input").press("Enter")
    page.wait_for_url(lambda url: urlsplit(url).fragment == section.split("#")[1], timeout=10_000)
    assert urlsplit(page.url)._replace(query="", fragment="").geturl() == page_url(language, section.split("#")[0])
    open_search(page, page_url(language, ""))  # back to a ready search box for the next test


@pytest.mark.parametrize(
    ("language", "query", "section"),
    [
        ("ja", "高齢の父 サインインできない", "more-situations/#family-account"),
        ("en", "elderly father locked out", "more-situations/#family-account"),
    ],
)
def test_a_title_sharing_one_common_word_does_not_come_first(language, query, section, search_box, page_url):
    """サインイン and lockout are in other pages' titles; only the family-account section holds the reader's situation
    (高齢 / elderly). A page's own entry keeps Material's bonus only when it holds every word of the query."""
    state = commit(search_box(language), query)
    first = urlsplit(state["links"][0])._replace(query="").geturl()
    assert first == page_url(language, section), f"the first result opens {first}"


@pytest.mark.parametrize(
    ("query", "page"),
    [
        ("パスワード合ってるはずなのに違うって言われる", "sign-in-checks/"),
        ("迷惑メールにも入ってない", "reset-problems/"),
        # A question word (何分: how many minutes) is rare too, but the search takes it in parts, and its 何 weighted
        # like a heading's word found every heading with 何 in it (何をどの順でするか) first.
        ("確認コードのメールが来ない 何分待てばいい", "reset-problems/"),
    ],
)
def test_an_inflected_japanese_word_does_not_outweigh_the_situation(query, page, search_box, page_url):
    """A verb or adjective with its kana ending (言わ of 言われる, 入っ of 入ってない) is rare on the site and in no
    heading, but it names no situation: weighted like a heading's word, as a rare noun is (凍結, パスポート), it sent
    these readers to another page. So does a question word (何分, 何回)."""
    state = commit(search_box("ja"), query)
    first = urlsplit(state["links"][0])._replace(query="", fragment="").geturl()
    assert first == page_url("ja", page), f"the first result opens {first}"


@pytest.mark.parametrize(
    ("query", "page"),
    [
        ("I am sure my password is correct but it keeps saying it is wrong", "sign-in-checks/"),
        ("I received an email saying my Amazon account has been suspended, is this genuine", "more-situations/"),
    ],
)
def test_a_readers_everyday_english_words_do_not_outweigh_the_situation(query, page, search_box, page_url):
    """Everyday words (sure, saying, wrong, received) are rare on a small site and in no heading; weighted like a
    heading's word, as rare Japanese words are, they sent these readers elsewhere."""
    state = commit(search_box("en"), query)
    first = urlsplit(state["links"][0])._replace(query="", fragment="").geturl()
    assert first == page_url("en", page), f"the first result opens {first}"


@pytest.mark.parametrize(
    ("language", "written", "typed"),
    [
        # Readers on a phone drop particles (を, に, の): a reader's word of docs/search.yml matches without them.
        ("ja", "コードを教えてしまった", "コード教えてしまった"),
        ("ja", "偽のサイトに入力", "偽サイト入力"),
        # ... and put spaces between words, with or without the particle: the reader's word is still found.
        ("ja", "コードを教えてしまった", "コード 教えてしまった"),
        ("ja", "コードを教えてしまった", "コード を 教えてしまった"),
        # ... but a space is no particle: アマゾンの (a word every page shares) must not take the の of のっとられた.
        ("ja", "のっとられた", "アマゾン のっとられた"),
        # A spoken ending is the written one (教えちゃった: 教えてしまった); the reader's words hold one of the two.
        ("ja", "コードを教えてしまった", "コード教えちゃった"),
        ("ja", "リンクを開いてしまった", "リンク開いちゃった"),
        # Readers' words (docs/search.yml), not the pages', typed in hiragana: they once found nothing, or other pages.
        ("ja", "メルアド", "めるあど"),
        ("ja", "ギフト券", "ぎふとけん"),
        # A voicing mark dropped or added by a flick keyboard (ト for ド, ハ for バ).
        ("ja", "パスワード 再設定", "パスワート 再設定"),
        ("ja", "バックアップ", "ハックアップ"),
        # Japanese typed in Latin letters (romaji) on the Japanese site: no word of the pages begins with them.
        ("ja", "パスワード 忘れた", "pasuwaado wasureta"),
        ("ja", "ログインできない", "roguin dekinai"),
        ("ja", "スマホ なくした", "sumaho nakushita"),
        # ... a doubled vowel is a katakana word's long mark (above) or the vowel of a word in kanji, nn before a vowel
        # is ん and the next syllable.
        ("ja", "本人確認 できない", "honninkakunin dekinai"),
        ("ja", "注文 してない", "chuumon shitenai"),
        # The English pages spell the American way; cancell and memoris begin no word of the pages.
        ("en", "canceled number", "cancelled number"),
        ("en", "memorize password", "memorise password"),
        # A letter swapped or dropped by a thumb, or another form of the pages' word (arriving, where they write
        # arrive): none begins a word of the pages, and the English index is not stemmed.
        ("en", "otp not received", "otp not recieved"),
        ("en", "verification code", "verfication code"),
        ("en", "arrive", "arriving"),
        # A reader's word of docs/search.yml misspelt (comming for the reader's "not coming"): its stem, comm, begins
        # a word of the pages, so it was searched as "com" and found the Amazon.com section first.
        ("en", "code not coming", "code not comming"),
    ],
)
def test_a_word_as_a_reader_types_it_finds_what_the_written_word_finds(language, written, typed, search_box):
    """The first three results, compared without the words they highlight (?h=)."""

    def opened(query: str) -> list[str]:
        links = commit(search_box(language), query)["links"][:3]
        return [urlsplit(link)._replace(query="").geturl() for link in links]

    expected = opened(written)
    assert expected, f"{written!r} found nothing"
    assert opened(typed) == expected


@pytest.mark.parametrize(
    ("language", "query", "section"),
    [
        ("ja", "2段階認証ってなに", "glossary/#two-step-verification"),
        ("en", "2sv meaning", "glossary/#two-step-verification"),
        # A section whose heading asks it (パスキーとは・作り方, "What is a passkey, …") answers it too, before a
        # section whose heading only names the word (パスキーを作ってあるなら、先にパスキーで).
        ("ja", "パスキーって何", "prevention/#passkeys"),
        ("en", "whats a passkey", "prevention/#passkeys"),
    ],
)
def test_a_question_of_what_a_word_means_finds_where_it_is_defined_first(
    language, query, section, search_box, page_url
):
    """The glossary weighs 0.1 so that it never comes before a task page otherwise; asked what a word means (ってなに,
    "meaning": docs/search.yml `define`), it comes first, and so does a section whose heading asks what the word is."""
    state = commit(search_box(language), query)
    first = urlsplit(state["links"][0])._replace(query="").geturl()
    assert first == page_url(language, section), f"the first result opens {first}"


@pytest.mark.parametrize(
    ("query", "section"), [("icloud", "reset-problems/#spam-folder"), ("icloud mail", "reset-problems/#spam-folder")]
)
def test_a_brand_written_in_camel_case_is_found_as_typed(query, section, search_box, page_url):
    """The pages write iCloud (and SoftBank, iPhone); a reader types it in lower case, as one word."""
    state = commit(search_box("en"), query)
    assert page_url("en", section) in [urlsplit(link)._replace(query="").geturl() for link in state["links"][:3]]


@pytest.mark.parametrize(
    ("query", "section"),
    [
        ("パスワードを忘れた方", "reset/#password-assistance-steps"),
        ("内部エラー", "reset-problems/#internal-error"),
        # A situation in Japanese words the English pages do not quote (docs/search.yml maps them to the English).
        ("セキュリティコード 届かない", "reset-problems/#code-not-arriving"),
    ],
)
def test_a_japanese_screen_label_typed_on_the_english_site_finds_its_steps(query, section, search_box, page_url):
    """The English pages quote Amazon.co.jp's Japanese screens (「パスワードを忘れた方」: "Forgot your password?"), and
    a reader types the label in front of them. With the English pipeline alone, lunr's trimmer dropped every Japanese
    word from the English index, so such a query found nothing (mkdocs.en.yml: the search's lang is en and ja)."""
    state = commit(search_box("en"), query)
    assert page_url("en", section) in [urlsplit(link)._replace(query="").geturl() for link in state["links"][:3]]


def test_another_amazon_site_named_by_its_address_finds_its_section(search_box, page_url):
    """Material splits amazon.com into amazon and com and searches each as a prefix: com matched "coming" (the puzzle
    that "keeps coming back") and the section for other Amazon sites came fifth (docs/search.yml maps the address
    to that section's heading)."""
    state = commit(search_box("en"), "does my amazon.com password work on amazon.co.jp")
    first = urlsplit(state["links"][0])._replace(query="").geturl()
    assert first == page_url("en", "more-situations/#other-amazon-sites"), f"the first result opens {first}"


def test_a_borrowed_latin_word_is_not_read_as_romaji(search_box, page_url):
    """On the Japanese site a Latin word is read as romaji only when it spells Japanese; Wi-Fi spells ウィーフィ, no
    word of the pages, and read so it found Fire TV's section first instead of the internal-error steps (switch
    between Wi-Fi and mobile data)."""
    state = commit(search_box("ja"), "Wi-Fi")
    first = urlsplit(state["links"][0])._replace(query="").geturl()
    assert first == page_url("ja", "reset-problems/#internal-error"), f"the first result opens {first}"


def test_a_word_every_reader_types_does_not_decide_the_order(search_box, page_url):
    """ログイン stands in one page's title and is rare in the pages' text (they write サインイン), so the page holding
    only it came before the section holding the reader's 問い合わせ; docs/search.yml `common` weighs it as common."""
    state = commit(search_box("ja"), "ログインできないけど問い合わせしたい")
    first = urlsplit(state["links"][0])._replace(query="").geturl()
    assert first == page_url("ja", "lost-email-or-phone/#contact-customer-service"), f"the first result opens {first}"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def served_at_root(site_dir: Path):
    """The built site served at / (as `python -m http.server` in site/ or a fork's Pages at its own root)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("path", ["", "reset/", "en/reset/"])
def test_the_situation_links_work_when_the_site_is_served_at_the_root(path, browser: Browser, served_at_root):
    context = browser.new_context()
    try:
        page = context.new_page()
        response = page.goto(served_at_root + path)
        assert response is not None and response.ok
        links = page.evaluate("() => [...document.querySelectorAll('.search-start a')].map(a => a.href)")
        assert len(links) >= 6
        broken = [
            link for link in links if not link.startswith(served_at_root) or context.request.get(link).status != 200
        ]
        assert not broken, f"situation links that lead nowhere when served at /: {broken}"
    finally:
        context.close()
