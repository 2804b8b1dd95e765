"""The built site as a reader and a search engine meet it: languages, counterparts, hreflang, search, 404, privacy.

Runs on the strict build of every language (the site_dir fixture: `make build`'s, or one made per session).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import frontmatter
import pytest
from babel.dates import format_date
from bs4 import BeautifulSoup

from scripts.project import PROJECT
from tests.helpers import all_pages, built, language_root, page_id

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
KANA = re.compile(r"[\u3040-\u30ff]")
LANGUAGES = PROJECT.codes
PAGES = {language: [page.src for page in PROJECT.pages(language)] for language in LANGUAGES}
ALL_PAGES = all_pages()
PUBLISHED_HOST = urlsplit(PROJECT.config().site_url).netloc


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page_url(language: str, src: str) -> str:
    """The page's URL on the published site, e.g. https://host/base/en/reset/."""
    return urljoin(PROJECT.config(language).site_url, PROJECT.page(language, src).url)


@pytest.mark.parametrize("page", ALL_PAGES, ids=page_id)
def test_page_is_built_with_its_language(site_dir, page):
    html = soup_of(built(site_dir, page))
    assert html.html["lang"] == page.language


@pytest.mark.parametrize("page", ALL_PAGES, ids=page_id)
def test_language_switcher_leads_to_the_same_page(site_dir, page):
    """Each switcher entry, resolved from this page's URL, is this page in that language."""
    html = soup_of(built(site_dir, page))
    links = {a["hreflang"]: a["href"] for a in html.select("a.md-select__link[hreflang]")}
    assert set(links) == set(LANGUAGES)
    for target_language, href in links.items():
        assert urljoin(page_url(page.language, page.src), href) == page_url(target_language, page.src)


@pytest.mark.parametrize("language", LANGUAGES)
def test_sitemap_names_every_page_in_every_language(site_dir, language):
    tree = ElementTree.parse(language_root(site_dir, language) / "sitemap.xml")
    entries = {url.findtext("sm:loc", namespaces=SITEMAP_NS): url for url in tree.iterfind("sm:url", SITEMAP_NS)}
    expected = {page_url(language, page) for page in PAGES[language]}
    assert set(entries) == expected
    for page in PAGES[language]:
        links = entries[page_url(language, page)].iterfind("xhtml:link", SITEMAP_NS)
        alternates = {link.get("hreflang"): link.get("href") for link in links}
        assert alternates == {
            **{code: page_url(code, page) for code in PROJECT.codes},
            "x-default": page_url(PROJECT.original.code, page),
        }


@pytest.mark.parametrize("page", ALL_PAGES, ids=page_id)
def test_meta_description_comes_from_front_matter(site_dir, page):
    description = frontmatter.load(page.source).get("description")
    assert description, f"{page.source} has no description"
    html = soup_of(built(site_dir, page))
    assert html.find("meta", attrs={"name": "description"})["content"] == description


# Attributes through which a page makes the browser fetch something by itself (not links a reader clicks).
FETCHING = {
    "script": ["src"],
    "img": ["src", "srcset"],
    "iframe": ["src"],
    "source": ["src", "srcset"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "embed": ["src"],
    "object": ["data"],
}
FETCHING_LINK_RELS = {
    "stylesheet",
    "preload",
    "modulepreload",
    "preconnect",
    "dns-prefetch",
    "prefetch",
    "icon",
    "manifest",
    "alternate",
}
CSS_URL = re.compile(r"""url\(\s*['"]?(https?:)?//|@import\s+['"]?(https?:)?//""", re.IGNORECASE)


def fetched_urls(html: BeautifulSoup) -> list[str]:
    urls = [
        el[attr] for tag, attrs in FETCHING.items() for el in html.find_all(tag) for attr in attrs if el.has_attr(attr)
    ]
    urls += [link["href"] for link in html.find_all("link", href=True) if FETCHING_LINK_RELS & set(link.get("rel", []))]
    return urls


BUILT_FILES = [(page.language, page.dest) for page in ALL_PAGES] + [(code, "404.html") for code in LANGUAGES]


@pytest.mark.parametrize(("language", "output"), BUILT_FILES, ids=lambda v: str(v))
def test_page_loads_nothing_from_another_host(site_dir, language, output):
    """Scripts, styles, images, fonts and preconnects all come from the site itself.

    The browser tests watch the real requests; this is the static half, and also catches Material's two ways of
    calling out: the Google Fonts link (theme.font: false) and the api.github.com repository facts (the
    data-md-component="source" hook, removed in overrides/partials/source.html).
    """
    path = language_root(site_dir, language) / output
    html = soup_of(path)
    outside = [u for u in fetched_urls(html) if u.startswith(("http:", "https:", "//"))]
    assert outside == [], f"{path} loads {outside}"
    assert not html.select('[data-md-component="source"]'), "Material would fetch repository facts from GitHub"
    for style in html.find_all("style"):
        assert not CSS_URL.search(style.text)


def test_stylesheets_import_nothing_from_another_host(site_dir):
    for css in site_dir.rglob("*.css"):
        assert not CSS_URL.search(css.read_text(encoding="utf-8")), f"{css} imports a remote resource"


def test_the_published_site_ships_no_mermaid(site_dir):
    """Every diagram is an inlined drawing (the strict build fails otherwise), so readers get neither mermaid nor its
    loader, and no page has a block Material would fetch mermaid for (from unpkg.com)."""
    shipped = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*mermaid*") if p.is_file())
    assert shipped == []
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert '<pre class="mermaid"' not in html and "mermaid-loader" not in html, page


def test_search_on_demand_runs_before_materials_bundle(site_dir):
    """It wraps the request and the worker Material creates at start-up, so it must be in place before them."""
    for page in (site_dir / "index.html", site_dir / "en" / "reset" / "index.html"):
        scripts = [s["src"] for s in soup_of(page).find_all("script", src=True)]
        deferral = next(i for i, src in enumerate(scripts) if src.endswith("search-on-demand.js"))
        bundle = next(i for i, src in enumerate(scripts) if "/bundle." in src)
        assert deferral < bundle, page


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_index_holds_only_its_own_language(site_dir, language):
    index = json.loads((language_root(site_dir, language) / "search/search_index.json").read_text(encoding="utf-8"))
    # The English search keeps Japanese words too, for the Japanese screen labels its pages quote (decision 0023):
    # its pipeline is English's, then Japanese's. The pages it holds are its own language's only.
    assert index["config"]["lang"] == {"ja": ["ja"], "en": ["en", "ja"]}[language]
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    # Contributor pages and the list of sources are left out of the readers' search (docs/search.yml).
    left_out = ("contributing/", "references/")
    expected = {page.url for page in PROJECT.pages(language) if not page.url.startswith(left_out)}
    assert pages == expected
    text = " ".join(doc["title"] + " " + doc["text"] for doc in index["docs"])
    if language == "ja":
        assert len(KANA.findall(text)) > 1000, "the Japanese index has little Japanese text"
    else:
        # English pages quote Japanese screen labels, but their titles are English.
        assert not any(KANA.search(doc["title"]) for doc in index["docs"] if "#" not in doc["location"])


def test_japanese_search_index_is_plain_utf8(site_dir):
    """scripts/hooks/search_readers.py (on_post_build): escaped Japanese (\\u30d1) would double what every reader
    downloads."""
    raw = (site_dir / "search/search_index.json").read_text(encoding="utf-8")
    assert "\\u30" not in raw.split('"docs"', 1)[1]
    assert KANA.search(raw)


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_uses_the_tuned_separator(site_dir, language):
    index = json.loads((language_root(site_dir, language) / "search/search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    # Japanese: split where Latin letters meet kana and where hiragana meets katakana; TinySegmenter does the rest.
    # Both: a question mark ends a word, it is not part of it ("password?" would be a rare word of its own).
    sample = {
        "ja": ("SMSで届くセキュリティコード？", ["SMS", "で届く", "セキュリティコード"]),
        "en": (
            "Forgot your password? two-step verification",
            ["Forgot", "your", "password", "two", "step", "verification"],
        ),
    }[language]
    assert [t for t in separator.split(sample[0]) if t] == sample[1]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_its_own_404_page(site_dir, language):
    html = soup_of(language_root(site_dir, language) / "404.html")
    assert html.html["lang"] == language
    assert "404" in html.h1.text


def test_robots_txt_points_to_both_sitemaps(site_dir):
    robots = (site_dir / "robots.txt").read_text(encoding="utf-8")
    for language in LANGUAGES:
        assert f"Sitemap: {PROJECT.config(language).site_url}sitemap.xml" in robots


@pytest.mark.parametrize("language", LANGUAGES)
def test_footer_says_the_guide_is_unofficial(site_dir, language):
    footer = soup_of(language_root(site_dir, language) / "index.html").select_one(".md-copyright").text
    assert {"ja": "非公式", "en": "unofficial"}[language] in footer.lower()


def _last_commit_date(source: Path) -> str | None:
    """The UTC day of the page's last commit (the plugin formats in UTC), as `git log -1 --format=%cs` gives it."""
    result = subprocess.run(
        ["git", "log", "-1", "--format=%cd", "--date=format-local:%Y-%m-%d", "--", source.name],
        cwd=source.parent,
        capture_output=True,
        text=True,
        env={**os.environ, "TZ": "UTC"},
    )
    return result.stdout.strip() or None


@pytest.mark.parametrize("page", ALL_PAGES, ids=page_id)
def test_last_updated_is_the_pages_last_commit(site_dir, page):
    """Not the build date (what the plugin showed with Debian's git 2.39): scripts/hooks/git_dates.py."""
    shown = soup_of(built(site_dir, page)).select_one(".git-revision-date-localized-plugin-date")
    assert shown is not None, "the page shows no last-updated date"
    committed = _last_commit_date(page.source)
    day = dt.date.fromisoformat(committed) if committed else dt.datetime.now(dt.UTC).date()  # not committed yet
    assert shown.get_text(strip=True) == format_date(day, format="long", locale=page.language)


# Issue 13, item 9: a sharing card on every page, in its own language, with an image the site serves itself. What the
# build writes is all a card reader (LINE, X) sees: no browser is needed.
@pytest.mark.parametrize("page", ALL_PAGES, ids=page_id)
def test_every_page_has_a_sharing_card(site_dir, page):
    html_file = built(site_dir, page)
    html = soup_of(html_file)
    tags = {
        (meta.get("property") or meta.get("name")): meta.get("content") or ""
        for meta in html.select("meta[property], meta[name]")
    }
    for key in ("og:title", "og:description", "og:image", "twitter:card"):
        assert tags.get(key), f"no {key}"
    assert tags["og:locale"] == PROJECT.language(page.language).locale  # extra.languages: ja_JP, en_US
    assert tags["og:title"] in html.title.get_text()
    # The image is one this site serves (no third-party request), from this language's own build.
    image = urlsplit(tags["og:image"])
    mount = urlsplit(page_url(page.language, "index.md")).path
    assert image.netloc == PUBLISHED_HOST and image.path.startswith(mount) and image.path.endswith(".png"), tags[
        "og:image"
    ]
    assert (language_root(site_dir, page.language) / image.path[len(mount) :]).is_file()


# Issue 13, item 8: a step or sentence carries at most one small marker; the sources are listed at the page's end and
# lead to the references page. What the build writes decides it (the conversion itself: tests/test_citation_notes.py).
CITED_PAGES = ["reset/index.md", "two-step-verification/index.md", "account-takeover/index.md"]
SENTENCE_END = re.compile(r"[。.?!？](?=\s|$)|。")


@pytest.mark.parametrize("src", CITED_PAGES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_citations_do_not_interrupt_the_steps(site_dir, language, src):
    content = soup_of(built(site_dir, PROJECT.page(language, src))).select_one("article.md-typeset")
    crowded = []
    for element in content.select("li, p"):
        if element.find_parent(class_="footnote") or element.find(["li", "p"]):
            continue
        text = element.get_text().strip()
        markers = len(element.select(".footnote-ref"))
        if markers > max(1, len(SENTENCE_END.findall(text))):
            crowded.append((text[:60], markers))
    assert not crowded, f"more markers than sentences: {crowded}"
    inline = [
        a.get_text()
        for a in content.select("a")
        if not a.find_parent(class_="footnote") and re.match(r"^(出典|source): ", a.get_text())
    ]
    assert not inline, f"inline citation links left in the text: {inline}"
    sources = [a["href"] for a in content.select(".footnote li a") if "footnote-backref" not in a.get("class", [])]
    assert sources and all("references/#" in href for href in sources), sources


@pytest.mark.parametrize("page", ALL_PAGES, ids=page_id)
def test_without_javascript_a_link_to_the_start_page_stands_in_for_search(site_dir, page):
    """The link a reader without JavaScript gets where the search box would be (tests/browser/test_reader_first.py
    checks that it shows) leads to the start page of the same language."""
    link = soup_of(built(site_dir, page)).select_one("a.site-nojs-start")
    assert link is not None and link.get("href"), "no link to the start page for readers without JavaScript"
    assert urljoin(page_url(page.language, page.src), link["href"]) == page_url(page.language, "start/index.md")
