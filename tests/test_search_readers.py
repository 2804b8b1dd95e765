"""The readers' search without a browser: the data file and the build hook's parts (the bench's
arithmetic: tests/test_search_bench.py).
(Typed queries in the real search box: tests/browser/test_search.py.)"""

from __future__ import annotations

import json
import posixpath
import unicodedata

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError

from scripts.bench import search as search_bench
from scripts.hooks import search_readers
from scripts.project import PROJECT, ROOT

DATA = yaml.safe_load((ROOT / "docs" / "search.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("language", ["ja", "en"])
def test_synonyms_are_folded_and_never_map_a_word_to_itself(language):
    groups = search_readers.load(language)["synonyms"]
    assert groups, "no synonyms for " + language
    for group in groups:
        assert group["to"] == unicodedata.normalize("NFKC", group["to"]).lower()
        for variant in group["from"]:
            assert variant == unicodedata.normalize("NFKC", variant).lower()
            assert variant != group["to"]
        assert group["from"] == sorted(group["from"], key=len, reverse=True)


def test_issue_words_are_covered():
    """Issue 12's examples of readers' words each have a place in the data."""
    words = {
        "ja": [
            "認証コード",
            "確認コード",
            "ワンタイムパスワード",
            "otp",
            "二段階",
            "2fa",
            "乗っ取",
            "ハッキング",
            "不正ログイン",
            "アカウントロック",
            "機種変",
        ],
        "en": ["otp", "2fa", "two-factor", "hacked", "hijacked", "locked out", "switched phones"],
    }
    for language, expected in words.items():
        variants = {v for group in search_readers.load(language)["synonyms"] for v in group["from"]}
        assert not [w for w in expected if w not in variants], language


def test_page_rules_use_materials_own_settings():
    for rule in DATA["pages"]:
        assert set(rule["search"]) <= {"exclude", "boost"}, rule
        assert rule.get("why"), f"{rule['path']}: say why"
    assert any(rule["path"] == "contributing/*" and rule["search"] == {"exclude": True} for rule in DATA["pages"])


def test_situations_come_from_the_routes_list_else_the_table():
    routes = (
        '<div class="routes"><ul><li><a href="../reset/#steps">I forgot</a></li></ul></div>'
        "<table><tr><td>Row</td><td><a href='../faq/'>FAQ</a></td></tr></table>"
    )
    assert search_readers.situations(routes) == [("I forgot", "../reset/#steps")]
    table_only = "<table><tr><th>a</th></tr><tr><td>Row</td><td><a href='../faq/'>FAQ</a></td></tr></table>"
    assert search_readers.situations(table_only) == [("Row", "../faq/")]


@pytest.mark.parametrize(
    ("content", "page_url", "expected"),
    [
        pytest.param(
            "<p>Wait ten minutes. If the code never comes, see <a href='../reset-problems/#code'>code problems</a>. "
            "Then stop.</p>"
            "<table><tr><td>Lost phone</td><td><a href='../lost/'>Lost</a></td></tr></table>"
            "<p>Back to <a href='#top'>the top</a>, <a href='./'>this page</a>, <a href='mailto:a@b.example'>mail</a> "
            "or <a href='https://www.amazon.co.jp/'>Amazon</a>.</p>"
            "<h2><a href='../faq/'>Not in a block</a></h2>",
            "reset/",
            [
                ("reset-problems/#code", "If the code never comes, see code problems .", False),
                ("lost/", "Lost phone Lost", False),
            ],
            id="the sentence, or a table's row, of each link to another page",
        ),
        pytest.param(
            "<p>待ちます。届かないときは<a href='reset-problems/'>届かないとき</a>を見てください。次へ。</p>",
            "",
            [("reset-problems/", "届かないときは 届かないとき を見てください。", False)],
            id="a Japanese sentence ends at its full stop",
        ),
        # A link text with a question mark in it ("Forgot your password? Reset it") once split the sentence at the
        # link, and the whole paragraph, about the linking page's own topic, was searched as the linked page's.
        pytest.param(
            "<p>For when the approval never comes. If you still cannot get in, go to "
            "<a href='../reset/'>Forgot your password? Reset it</a>. Then stop.</p>"
            "<p>忘れたとき。<a href='../reset/'>パスワードを忘れた？ 再設定する</a>を見ます。次へ。</p>",
            "sign-in-checks/",
            [
                ("reset/", "If you still cannot get in, go to Forgot your password? Reset it .", False),
                ("reset/", "パスワードを忘れた？ 再設定する を見ます。", False),
            ],
            id="a link whose words end a sentence keeps its own sentence only",
        ),
        pytest.param(
            "<p>Use Amazon.co.jp. For Amazon.com, see <a href='../more/#com'>other sites</a>. Done.</p>",
            "reset/",
            [("more/#com", "For Amazon.com, see other sites .", False)],
            id="a sentence ends at a full stop, not inside a domain",
        ),
        # "(Contact Customer Service)" says how to do what the sentence says; the sentence is not about that section
        # (decision 0019). A citation links to the sources, which nobody searches.
        pytest.param(
            "<p>If a charge worries you, ask now (<a href='../lost/#contact'>Contact Customer Service</a>).</p>"
            "<p>請求が気になれば問い合わせます（<a href='../lost/#contact'>連絡する</a>、"
            "<a href='../faq/'>FAQ</a>）。</p>"
            "<p>It is reported (<a href='../references/#a1'>source: A1</a>). Then (see) <a href='../faq/'>FAQ</a>.</p>",
            "lockout/",
            [
                ("lost/#contact", "If a charge worries you, ask now ( Contact Customer Service ).", True),
                ("lost/#contact", "請求が気になれば問い合わせます（ 連絡する 、 FAQ ）。", True),
                ("faq/", "請求が気になれば問い合わせます（ 連絡する 、 FAQ ）。", True),
                ("faq/", "Then (see) FAQ .", False),
            ],
            id="a link in brackets is told apart, and a citation is no link sentence",
        ),
    ],
)
def test_link_sentences(content, page_url, expected):
    assert search_readers.link_sentences(content, page_url) == expected


def test_a_link_sentence_is_searched_under_its_target_only():
    text = "<p>Set a new password. For Amazon.com, see other sites.</p><table><tr><td>Lost</td><td>x</td></tr></table>"
    sentences = ["For Amazon.com, see other sites .", "Lost x"]
    assert search_readers.without_sentences(text, sentences) == (
        "<p>Set a new password.</p><table><tr><td>Lost</td><td>x</td></tr></table>"
    )
    japanese = "<p>忘れたら 再設定 を見ます。次へ。</p>"
    assert search_readers.without_sentences(japanese, ["忘れたら 再設定 を見ます。"]) == "<p>次へ。</p>"
    # The index is NFKC-folded, the page is not: a full-width colon or bracket in the sentence once kept it in place.
    folded = "<li>スマホ:アプリなら 消えたとき へ(A)。</li>"
    assert search_readers.without_sentences(folded, ["スマホ ：アプリなら 消えたとき へ（A）。"]) == "<li></li>"


def test_a_search_preview_shows_no_footnote_list_and_no_emptied_step():
    # As Material indexes the last section of reset-problems: its steps (the last one a link sentence, taken out), a
    # closing paragraph, then the page's footnotes.
    text = (
        "<ol> <li>Stop guessing.</li> <li></li> </ol> <p>Not published.</p> "
        "<ol> <li> <p>Source: A1 ↩</p> </li> <li> <p>Source: A32 ↩↩</p> </li> </ol>"
    )
    assert search_readers.without_footnotes(text) == "<ol> <li>Stop guessing.</li>  </ol> <p>Not published.</p> "
    # A list of steps whose items end otherwise stays whole.
    steps = "<ol> <li> <p>Open the app.</p> </li> </ol>"
    assert search_readers.without_footnotes(steps) == steps


def test_a_one_paragraph_section_that_links_elsewhere_is_a_signpost():
    content = (
        "<h2 id='devices'>Devices</h2><p>How to sign in again is in <a href='../lockout/#devices'>Devices</a>.</p>"
        "<h2 id='steps'>Steps</h2><p>First see <a href='../reset/'>reset</a>.</p><ol><li>Then this.</li></ol>"
        "<h2 id='sourced'>Sourced</h2><p>No ( <a href='../references/#a1'>source: A1</a> ).</p>"
        "<h3 id='here'>Here</h3><p>Back to <a href='#devices'>devices</a>.</p>"
        "<h3 id='last'>Last ¶</h3><p>See <a href='../a/'>a</a> or <a href='../b/#x'>b</a>.</p>"
        # The page's footnotes (grouped citations) and footer follow its last section and are no part of it.
        "<div class='footnote'><ol><li><p>Source: <a href='../references/#c1'>C1</a></p></li></ol></div>"
        "<aside class='md-source-file'>Last update: 2026-12-05</aside>"
    )
    assert search_readers.pointers(content, "faq/") == {
        "faq/#devices": ("lockout/#devices", "Devices"),
        "faq/#last": ("b/#x", "Last"),
    }


def test_built_index_weighs_a_signpost_below_the_section_it_points_to(site_dir):
    data = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = {doc["location"]: doc for doc in data["docs"]}
    # faq/#devices is one paragraph pointing at lockout-impact/#devices-after-reset (the FAQ page itself is at 0.6).
    assert docs["faq/#devices"]["boost"] == pytest.approx(0.6 * search_readers.POINTER_BOOST)
    assert docs["faq/#devices"]["title"] in docs["lockout-impact/#devices-after-reset"]["inbound"]
    # The section pointed to keeps its page's weight (docs/search.yml), not a signpost's.
    assert docs["lockout-impact/#devices-after-reset"].get("boost", 1.0) == docs["lockout-impact/"].get("boost", 1.0)


def test_built_index_searches_what_links_say_about_a_section(site_dir):
    data = json.loads((site_dir / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert data["config"]["fields"]["inbound"] == {"boost": search_readers.INBOUND_BOOST}
    entry = next(doc for doc in data["docs"] if doc["location"] == "reset-problems/#code-not-arriving")
    assert "if the code does not arrive" in entry["inbound"].lower()
    assert not any(doc["location"].startswith("references/") for doc in data["docs"])


@pytest.mark.parametrize(
    ("target", "page", "expected"),
    [
        ("reset/#steps", "faq/", "../reset/#steps"),
        ("reset/#steps", "", "reset/#steps"),
        ("start/", "start/", "./"),
        ("", "contributing/checks/", "../../"),
        ("https://a.example/x", "faq/", "https://a.example/x"),
    ],
)
def test_panel_links_are_relative_to_the_page(target, page, expected):
    assert search_readers._relative(target, page) == expected


def test_every_panel_link_leads_to_a_built_page_wherever_the_site_is_served(site_dir):
    """The panel's links are relative: resolved from the page's own address they reach a built file, whatever the
    folder the site is served from (/, the published path, a fork's Pages)."""
    checked = 0
    for page in PROJECT.pages("ja") + PROJECT.pages("en"):
        html = BeautifulSoup((site_dir / page.site_path / "index.html").read_text(encoding="utf-8"), "html.parser")
        links = [a["href"] for a in html.select("nav.search-start a[href]")]
        assert links, page.site_path
        for href in links:
            assert not href.startswith("/") and "://" not in href, (page.site_path, href)
            target = posixpath.normpath(posixpath.join(page.site_path, href.split("#")[0]))
            assert (site_dir / target / "index.html").is_file(), (page.site_path, href)
            checked += 1
    assert checked > 100


def test_built_index_carries_synonyms(site_dir):
    # Contributor pages left out of each index: tests/test_site.py::test_search_index_holds_only_its_own_language.
    data = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert data["config"]["synonyms"]


def test_a_language_without_panel_words_is_named_with_the_data_file_and_key(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "search.yml").write_text(
        "panel:\n  en: {label: a, more: b, empty: c, all: d}\n", encoding="utf-8"
    )
    with pytest.raises(PluginError) as error:
        search_readers.load("en", tmp_path, ("en", "xx"))
    assert str(error.value) == (
        "docs/search.yml:2: SEARCH004 panel: no entry for the site language `xx` "
        "(fix: add `xx:` under `panel`, in that language)"
    )


@pytest.mark.parametrize(
    ("key", "words", "ja", "en"),
    [
        # Sorted, so that the index is the same from build to build (the worker only looks words up in it).
        ("common", "ja: [ﾛｸﾞｲﾝ, サインイン]\n  en: [Sign]", ["サインイン", "ログイン"], ["sign"]),
        # Longest first: the browser tries them in this order, so "what is a" must come before "what is".
        (
            "define",
            "ja: [とは, ｯﾃ何]\n  en: [What is, what is a, Meaning]",
            ["ッテ何", "とは"],
            ["what is a", "meaning", "what is"],
        ),
    ],
)
def test_word_lists_are_loaded_per_language_and_folded(key, words, ja, en, tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "search.yml").write_text(
        "panel:\n  en: {label: a, more: b, empty: c, all: d}\n  ja: {label: a, more: b, empty: c, all: d}\n"
        f"{key}:\n  {words}\n",
        encoding="utf-8",
    )
    assert search_readers.load("ja", tmp_path, ("en", "ja"))[key] == ja
    assert search_readers.load("en", tmp_path, ("en", "ja"))[key] == en
    (tmp_path / "docs" / "search.yml").write_text(
        f"panel:\n  en: {{label: a, more: b, empty: c, all: d}}\n{key}:\n  en: sign\n", encoding="utf-8"
    )
    with pytest.raises(PluginError) as error:
        search_readers.load("en", tmp_path, ("en",))
    assert str(error.value).startswith(f"docs/search.yml:4: SEARCH005 {key}.en is the single value")


def test_queries_are_reader_phrased():
    """Enough queries per language, each with its page and where its phrasing came from."""
    for language, cases in search_bench.load_queries().items():
        assert len(cases) >= 40, f"{language}: {len(cases)} queries; at least 40 are needed"
        assert len({case["query"] for case in cases}) == len(cases), f"{language}: a query appears twice"
        for case in cases:
            assert case.get("source") in {"issue", "article", "suggest", "forum", "support"}, case


BAD_SYNONYMS = """\
panel:
  en: {label: a, more: b, empty: c, all: d}
synonyms:
  en:
    - to: security code
      from: [otp, passcode]
    - to: sign in
      from: [log in, otp]
"""


def test_a_word_in_two_synonym_groups_is_refused_with_its_line(tmp_path):
    data = tmp_path / "docs" / "search.yml"
    data.parent.mkdir()
    data.write_text(BAD_SYNONYMS, encoding="utf-8")
    with pytest.raises(PluginError) as error:
        search_readers.load("en", tmp_path, ("en",))
    assert str(error.value).startswith(
        "docs/search.yml:8: SEARCH001 synonyms.en: 'otp' is already in the group for 'security code' (line 6)"
    )
    assert "(fix: " in str(error.value)


def test_a_second_group_for_the_same_site_words_is_refused(tmp_path):
    data = tmp_path / "docs" / "search.yml"
    data.parent.mkdir()
    data.write_text(
        BAD_SYNONYMS.replace("to: sign in", "to: Security Code").replace("[log in, otp]", "[pin]"), encoding="utf-8"
    )
    with pytest.raises(
        PluginError,
        match=r"^docs/search.yml:7: SEARCH001 .*'security code' is already in the group "
        r"for 'security code' \(line 5\)",
    ):
        search_readers.load("en", tmp_path, ("en",))


def test_a_missing_data_file_stops_the_build_with_its_code(tmp_path):
    with pytest.raises(PluginError, match=r"^docs/search.yml:1: SEARCH002 the file is missing \(fix: create it"):
        search_readers.load("en", tmp_path, ("en",))
