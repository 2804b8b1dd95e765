"""MkDocs hook: a search that answers readers, in their words (decision 0006), driven by docs/search.yml, checked
against its one schema (scripts/search_words.py, which `make validate` uses too):
- `pages`: Material's own per-page `search:` settings, applied by path (a page's own front matter wins).
- `synonyms` (and `ignore`, as synonyms of nothing), width and case folded, travel inside this language's search index
  (config.synonyms): no request of their own, and only when a reader starts to search. So do the `common` words
  (config.common), which the worker counts as held by half the entries when it orders the results, and the `define`
  words that ask what a word means (config.define), for which the glossary's entries come first. The search worker
  (assets/javascripts/workers/search.readers.js) replaces readers' words in a query by the site's words.
- The index's titles and texts are NFKC-folded too, so that full-width letters and half-width katakana on a page
  match the folded query; the index is written as UTF-8 (on_post_build).
- What other pages say when they link to a section is searched as that section's (decision 0015): the sentence
  around each link (a table's whole row) goes into the linked entry's `inbound` field of the index, which Material
  indexes like its own fields (boost INBOUND_BOOST) and never shows. The sentence is searched there only, not in
  the linking entry's text too (decision 0017): "for Amazon.com, see …" at the top of the reset page made the reset
  page an answer for Amazon.com. The start page's rows, the home page's routes and
  every "if …, see …" sentence name a situation in the readers' words and point at the section that solves it.
  A link in brackets does not name its section: "if a charge worries you, ask now (Contact Customer Service)" says how,
  and its words are not the linked section's (decision 0019). Such sentences had made the most linked sections
  (contact Customer Service, the reset steps) an answer for every situation that sends readers to them. A citation
  (a link to the sources) is neither: its sentence stays the citing entry's own.
- A signpost is not an answer: a section that is one paragraph linking to another page's section (an FAQ's short
  answer, "what to prepare is in …") is searched at POINTER_BOOST of its page's weight, and its heading is searched as
  the linked section's too (in `inbound`), so a result opens where the steps are, one tap sooner.
- Kanji words typed in hiragana (にんしょう: 認証) find the pages' words: one more synonym per reading
  (scripts/search_readings.py), for the Japanese index only.
- No dead end: the start page's situation links are rendered, hidden, into every page's search dialog, relative to
  that page; assets/javascripts/search-readers.js shows them when a query finds nothing. Plain links in the HTML:
  nothing is built from strings in the browser.
"""

from __future__ import annotations

import fnmatch
import html
import json
import re
import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from bs4 import BeautifulSoup, NavigableString
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from scripts import search_readings, search_words
from scripts.project import Project

START_PAGE = "start/index.md"
# Where a word is defined: a query asking what a word means (docs/search.yml `define`) finds its entries first.
GLOSSARY_URL = "glossary/"
fold = search_words.fold
# Between the text (1) and the titles (Material's 1,000): a section named by a link's sentence comes before one that
# only mentions the words, and after one whose heading carries them. Chosen on the tuned set and the first held-out
# set (30, 100, 300 and 1,000 measured; decision 0015).
INBOUND_BOOST = 100.0
# A signpost section's weight against its page's other entries: chosen on the development sets (0.1, 0.3 measured;
# decision 0016); not 0, so that a query only its words match still finds it.
POINTER_BOOST = 0.3
# The blocks whose text tells what a link is for; a table row (all its cells) for a link in a cell.
_CONTEXT = ["li", "tr", "p", "dt", "dd"]
# Where the citations link: the sources page, searched by nobody. A sentence that cites is its own entry's, and a
# section that only cites is no signpost.
SOURCES = ("references/",)
_ORIGIN = "https://site.invalid/"
# A Japanese full stop ends a sentence wherever it is; an ASCII one only before a space or the end (Amazon.co.jp).
_SENTENCE_END = re.compile(r"(?<=[。．！？])\s*|(?<=[.!?])(?:\s+|$)")

_state: dict[str, Any] = {}


def load(language: str, root: Path | None = None, languages: tuple[str, ...] | None = None) -> dict:
    """This language's part of docs/search.yml, checked against the one schema (scripts/search_words.py, which
    `make validate` uses too): a mistake stops the build with `docs/search.yml:LINE: SEARCHnnn … (fix: …)`."""
    root = root or Path(__file__).resolve().parents[2]
    languages = languages or Project(root).codes
    if language not in languages:
        fix = f"add it there, with its words in {search_words.DATA}"
        raise PluginError(f"search_readers: the site language {language!r} is not in extra.languages (fix: {fix})")
    data, problems = search_words.check_file(root, languages)
    if problems:
        raise PluginError("\n".join(problem.format(root) for problem in problems))
    groups = [(group["to"], group["from"]) for group in (data.get("synonyms") or {}).get(language) or []]
    groups.append(("", (data.get("ignore") or {}).get(language) or []))  # ignored words: synonyms of nothing
    synonyms = [
        {"to": fold(to), "from": sorted({fold(word) for word in words} - {fold(to)}, key=lambda w: (-len(w), w))}
        for to, words in groups
        if to or words
    ]
    common = sorted({fold(word) for word in (data.get("common") or {}).get(language) or []})
    # Longest first: the browser tries them in this order, so that "what is a" is taken whole before "what is".
    define = sorted({fold(word) for word in (data.get("define") or {}).get(language) or []}, key=lambda w: (-len(w), w))
    return {
        "pages": data.get("pages") or [],
        "synonyms": synonyms,
        "common": common,
        "define": define,
        "panel": data["panel"][language],
    }


def on_config(config: Any, **kwargs: Any) -> Any:
    language = config["theme"]["language"]
    # The languages of this build's own extra.languages (what scripts/project.py reads too). Loading the configs again
    # here, as Project does, re-configures MkDocs' plugins in the middle of this build: the English pages then got
    # the Japanese date format of the git-revision-date-localized plugin.
    languages = tuple(entry["lang"] for entry in config["extra"]["languages"])
    _state.clear()
    _state.update(load(language, Path(config.config_file_path).parent, languages), language=language, situations=[])
    _state["inbound"], _state["pointers"], _state["outgoing"] = {}, set(), {}
    return config


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    for rule in _state["pages"]:
        if fnmatch.fnmatch(page.file.src_uri, rule["path"]) and "search" not in page.meta:
            page.meta["search"] = dict(rule["search"])
    return markdown


def situations(content: str) -> list[tuple[str, str]]:
    """The start page's situation links: those in its `<div class="routes">` list (the first screen), else the rows
    of its first table (text of the first cell, first link after it)."""
    soup = BeautifulSoup(content, "html.parser")
    routes = soup.select_one("div.routes")
    if routes is not None:
        return [(a.get_text().strip(), a["href"]) for a in routes.select("a[href]")]
    table = soup.find("table")
    rows = [(row.find("td"), row.select_one("td ~ td a[href]")) for row in table.find_all("tr")] if table else []
    rows = [(cell.get_text().strip(), link["href"]) for cell, link in rows if cell is not None and link is not None]
    return [(text, href) for text, href in rows if text]


def _target(link: Any, page_url: str) -> str | None:
    """Where a link leads, below the language's root ("reset-problems/#code-not-arriving"), when it is another page of
    the site; None for this page, another site or an address (mailto:)."""
    # Resolved below a made-up origin: urljoin("/", "../x/") keeps the "..", and an address elsewhere stays whole.
    target = urljoin(_ORIGIN + page_url, link["href"])
    if not target.startswith(_ORIGIN) or target.removeprefix(_ORIGIN).partition("#")[0] == page_url:
        return None
    return target.removeprefix(_ORIGIN)


def _soup(content: str | BeautifulSoup) -> BeautifulSoup:
    return content if isinstance(content, BeautifulSoup) else BeautifulSoup(content, "html.parser")


def link_sentences(content: str | BeautifulSoup, page_url: str) -> list[tuple[str, str, bool]]:
    """(target, sentence, bracketed) for each link of a page to another page of the site but the sources: the target
    below the language's root ("reset-problems/#code-not-arriving"), the sentence around the link (a table's row for a
    link in a cell), and whether the link stands in brackets in it ("… (Contact Customer Service)")."""
    found = []
    for link in _soup(content).select("a[href]"):
        target, block = _target(link, page_url), link.find_parent(_CONTEXT)
        if target is None or block is None or target.startswith(SOURCES):
            continue
        text = " ".join(block.get_text(" ").split())
        if block.name != "tr":
            text = _sentence_around(text, " ".join(link.get_text(" ").split()))
        found.append((target, text, _in_brackets(link, block)))
    return found


def _in_brackets(link: Any, block: Any) -> bool:
    """Whether more brackets, half- or full-width, open than close in the block's text before the link."""
    before = []
    for node in block.descendants:
        if node is link:
            break
        if isinstance(node, NavigableString):
            before.append(str(node))
    text = "".join(before)
    return text.count("(") + text.count("（") > text.count(")") + text.count("）")


def without_sentences(text: str, sentences: list[str]) -> str:
    """An index entry's `text` (HTML, NFKC-folded) without these sentences (as `link_sentences` gives them, folded the
    same way here: the page's full-width colon or bracket is a half-width one in the index), matched whatever the
    spacing around their words; a sentence split by markup inside it (a table's row) is left as it is."""
    for sentence in sentences:
        words = unicodedata.normalize("NFKC", sentence).split()
        if words:
            text = re.sub("".join(r"\s*" + re.escape(word) for word in words), "", text)
    return text


# In Material's index a page's footnotes (the sources of grouped citations) end its last section, and a list item whose
# one sentence was a link is left empty by `without_sentences`: a result's preview showed "Source: A1 ↩ …" and a bare
# "5." where the reader looks for the next step.
_FOOTNOTE_LIST = re.compile(r"<ol>(?:\s*<li>\s*<p>[^<]*↩</p>\s*</li>)+\s*</ol>")
_EMPTY_ITEM = re.compile(r"<li>\s*</li>")


def without_footnotes(text: str) -> str:
    """An index entry's `text` without the footnote list and the list items left empty."""
    return _EMPTY_ITEM.sub("", _FOOTNOTE_LIST.sub("", text))


def _sentence_around(text: str, words: str) -> str:
    """The sentence of `text` that holds the link's `words`, even when the words themselves end in a question mark
    ("Forgot your password? Reset it"); the whole text when the words are not found."""
    start = text.find(words) if words else -1
    if start == -1:
        return text
    begin = max((end.end() for end in _SENTENCE_END.finditer(text, 0, start) if end.end() <= start), default=0)
    after = _SENTENCE_END.search(text, start + len(words))
    return text[begin : after.start() if after else len(text)].strip()


def _ends_the_page(element: Any) -> bool:
    """What follows a page's last section and is no part of it: the footnotes (the sources of grouped citations) and
    the page's footer (its last-updated date, in the built page)."""
    return element.name == "aside" or (element.name == "div" and "footnote" in (element.get("class") or []))


def pointers(
    content: str | BeautifulSoup, page_url: str, skip: tuple[str, ...] = SOURCES
) -> dict[str, tuple[str, str]]:
    """The page's signpost sections: {"faq/#devices": (target, heading)} for each h2/h3 whose whole body, up to the
    next heading, is one paragraph with a link to another page's section (the last such link is the target). Links
    to a page under `skip` (the sources) do not count."""
    found = {}
    for heading in _soup(content).find_all(["h2", "h3"], id=True):
        body = []
        for sibling in heading.find_next_siblings():
            if sibling.name in ("h1", "h2", "h3", "h4", "h5", "h6") or _ends_the_page(sibling):
                break
            body.append(sibling)
        if len(body) != 1 or body[0].name != "p":
            continue
        targets = [t for t in (_target(a, page_url) for a in body[0].select("a[href]")) if t and not t.startswith(skip)]
        if targets:
            title = " ".join(heading.get_text(" ").replace("¶", " ").split())
            found[f"{page_url}#{heading['id']}"] = (targets[-1], title)
    return found


def on_page_content(content: str, page: Any, **kwargs: Any) -> str:
    if not page.meta.get("search", {}).get("exclude"):
        soup = _soup(content)  # one parse for both readings of the page
        for target, text, bracketed in link_sentences(soup, page.url):
            if not bracketed:
                _state["inbound"].setdefault(target, []).append(text)
            _state["outgoing"].setdefault(page.url, []).append(text)
        for entry, (target, title) in pointers(soup, page.url).items():
            _state["pointers"].add(entry)
            _state["inbound"].setdefault(target, []).append(title)
    if page.file.src_uri == START_PAGE:
        # Kept below the language's root here; each page gets them relative to itself (on_post_page), so the built
        # site works wherever it is served (at /, at the published path, from a fork's Pages).
        _state["situations"] = [
            (text, href if "://" in href else urljoin("/" + page.url, href)[1:]) for text, href in situations(content)
        ]
    return content


def _relative(target: str, page_url: str) -> str:
    """`target` (below the language's root, perhaps with a #fragment) as seen from the page at `page_url`."""
    if "://" in target:
        return target
    path, hash_, fragment = target.partition("#")
    relative = get_relative_url(path or ".", page_url or ".")
    if (not path or path.endswith("/")) and not relative.endswith("/"):
        relative += "/"
    return relative + hash_ + fragment


_RESULT_END = re.compile(r'(<ol class="md-search-result__list"[^>]*></ol>\s*</div>)')


def panel_html(page_url: str) -> str:
    words = _state["panel"]
    start = html.escape(_relative("start/", page_url))
    items = "".join(
        f'<li><a href="{html.escape(_relative(href, page_url))}">{html.escape(text)}</a></li>'
        for text, href in _state["situations"]
    )
    items += f'<li><a href="{start}">{html.escape(words["all"])}</a></li>'
    return (
        f'<nav class="search-start" aria-label="{html.escape(words["label"])}" hidden>'
        f'<p class="search-start__more" hidden><a href="{start}">{html.escape(words["more"])}</a></p>'
        f'<div class="search-start__empty" hidden><p>{html.escape(words["empty"])}</p><ul>{items}</ul></div>'
        "</nav>"
    )


def on_post_page(output: str, page: Any, **kwargs: Any) -> str:
    if not _state["situations"]:
        where = f'{START_PAGE} (a <div class="routes"> list or a table)'
        raise PluginError(f"search_readers: no situation links found in {where}; the no-result panel lists them")
    return _RESULT_END.sub(lambda m: m.group(1) + panel_html(page.url), output, count=1)


def on_post_build(config: Any, **kwargs: Any) -> None:
    """The index with the synonyms, its texts NFKC-folded, written as compact UTF-8 JSON: Material escapes every
    non-ASCII character (\\u30d1…), six bytes for each Japanese character, which doubled what every reader of the
    Japanese site downloads on a first search (399 KB raw / 65 KB gzip escaped, 221 KB / 54 KB as UTF-8, `make bench`
    of 2026-11). A builder that ignores hooks (Zensical) keeps its own index."""
    index = Path(config["site_dir"]) / "search" / "search_index.json"
    if not index.is_file():
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    entries = {doc["location"] for doc in data["docs"]}
    by_entry: dict[str, list[str]] = {}
    for target, texts in _state["inbound"].items():
        # A link to a heading the index has no entry for (a page's top, an anchor inside a section) counts for its page.
        by_entry.setdefault(target if target in entries else target.partition("#")[0], []).extend(texts)
    for doc in data["docs"]:
        doc.update(
            {key: unicodedata.normalize("NFKC", doc[key]) for key in ("title", "text") if isinstance(doc.get(key), str)}
        )
        doc["text"] = without_footnotes(
            without_sentences(doc["text"], _state["outgoing"].get(doc["location"].partition("#")[0], []))
        )
        if doc["location"] in _state["pointers"]:
            doc["boost"] = doc.get("boost", 1.0) * POINTER_BOOST
        if doc["location"] in by_entry:
            doc["inbound"] = unicodedata.normalize("NFKC", " ".join(by_entry[doc["location"]]))
    data["config"]["fields"]["inbound"] = {"boost": INBOUND_BOOST}
    synonyms = _state["synonyms"]
    if _state["language"] == search_readings.LANGUAGE:
        taken = {word for group in synonyms for word in [group["to"], *group["from"]]}
        pages = search_readings.readings(data["docs"], taken)
        taken |= {word for group in pages for word in group["from"]}
        synonyms = synonyms + pages + search_readings.reader_readings([g for g in synonyms if g["to"]], taken)
    data["config"]["synonyms"] = synonyms
    data["config"]["common"] = _state["common"]
    if _state["define"] and GLOSSARY_URL not in entries:
        fix = f"keep the glossary at {GLOSSARY_URL}, or change GLOSSARY_URL in {Path(__file__).name}"
        raise PluginError(f"search_readers: docs/search.yml has `define` words but no page {GLOSSARY_URL} (fix: {fix})")
    data["config"]["define"] = {"words": _state["define"], "page": GLOSSARY_URL}
    index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
