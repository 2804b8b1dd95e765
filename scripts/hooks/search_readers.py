"""MkDocs hook: a search that answers readers, in their words (issue 12; README "Search").

Driven by docs/search.yml:
- `pages`: Material's own per-page search settings (`search: {exclude: true}`, `search: {boost: …}`), applied by
  path, so contributor pages are out of the readers' search and the references and glossary rank below task pages.
  A page's own front matter `search:` wins.
- `synonyms` (and `ignore`, as synonyms of nothing): written into this language's search index (config.synonyms), width and case folded (NFKC, lower
  case). The search worker (assets/javascripts/workers/search.readers.js) replaces readers' words in a query by the
  site's words before searching. They travel inside the index, so they cost no request of their own and arrive only
  when a reader starts to search.
- The index's titles and texts are folded with NFKC too, so that full-width letters and digits and half-width
  katakana on a page match the folded query.
- No dead end: the start page's situation links (its `routes` list, else its first table) are rendered, hidden, into every page's search
  dialog; assets/javascripts/search-readers.js shows them when a query finds nothing, and a "start here" link when
  it finds something. Plain links in the HTML: nothing is built from strings in the browser.
"""

from __future__ import annotations

import fnmatch
import html
import json
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import yaml
from mkdocs.exceptions import PluginError

DATA = Path(__file__).resolve().parents[2] / "docs" / "search.yml"
START_PAGE = "start/index.md"

# The words of the no-dead-end panel, per site language, are data in docs/search.yml (`panel:`), so a new language
# brings its own words with its config and pages instead of an edit here.
PANEL_KEYS = ("label", "more", "empty", "all")

_state: dict[str, Any] = {}


def fold(text: str) -> str:
    """Width and case folding, the same as the query gets in the browser (String.normalize("NFKC").toLowerCase())."""
    return unicodedata.normalize("NFKC", text).lower()


def _synonym_lines(text: str, language: str) -> list[dict[str, int]]:
    """For each synonym group of `language`, the line (1-based) of each of its words in docs/search.yml."""
    root = yaml.compose(text)
    section = {key.value: value for key, value in root.value}.get("synonyms") if root else None
    groups = {key.value: value for key, value in section.value}.get(language) if section else None
    lines = []
    for group in groups.value if groups else []:
        words: dict[str, int] = {}
        for key, value in group.value:
            for node in value.value if key.value == "from" else [value] if key.value == "to" else []:
                words.setdefault(fold(str(node.value)), node.start_mark.line + 1)
        lines.append(words)
    return lines


def _check_one_group_per_word(text: str, language: str, groups: list[dict]) -> None:
    """Each word, reader's (`from`) or site's (`to`), belongs to one group. The browser maps a word to the first group
    it meets and would silently drop the other mapping; two groups with one `to` split one meaning in two."""
    lines = _synonym_lines(text, language)
    owner: dict[str, int] = {}
    for index, group in enumerate(groups):
        for word in [fold(group["to"]), *(fold(v) for v in group["from"])]:
            first = owner.setdefault(word, index)
            if first != index:
                rel = DATA.relative_to(DATA.parents[1]).as_posix()
                raise PluginError(
                    f"{rel}:{lines[index].get(word, 1)}: SEARCH001 synonyms.{language}: '{word}' is already in the "
                    f"group for '{fold(groups[first]['to'])}' (line {lines[first].get(word, 1)}); the browser would "
                    "use only that one (fix: keep each word in one group: merge the two, or drop it from one)")


def load(language: str) -> dict:
    text = DATA.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    _check_one_group_per_word(text, language, data.get("synonyms", {}).get(language, []))
    synonyms = []
    for group in data.get("synonyms", {}).get(language, []):
        variants = sorted({fold(v) for v in group["from"]} - {fold(group["to"])}, key=len, reverse=True)
        synonyms.append({"to": fold(group["to"]), "from": variants})
    ignore = sorted({fold(word) for word in data.get("ignore", {}).get(language, [])}, key=len, reverse=True)
    if ignore:
        synonyms.append({"to": "", "from": ignore})
    panel = (data.get("panel") or {}).get(language)
    missing = [key for key in PANEL_KEYS if not isinstance(panel, dict) or not panel.get(key)]
    if missing:
        raise PluginError(f"{DATA.relative_to(DATA.parents[1])}: panel.{language}: no {', '.join(missing)} for the "
                          f"site language '{language}' (fix: add `panel: {{{language}: {{label, more, empty, all}}}}`, the "
                          "words of the search's no-result panel in that language)")
    return {"pages": data.get("pages", []), "synonyms": synonyms, "panel": panel}


def on_config(config: Any, **kwargs: Any) -> Any:
    language = config["theme"]["language"]
    _state.clear()
    _state.update(load(language), language=language, situations=[],
                  root=urlsplit(config["site_url"] or "/").path)
    return config


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    for rule in _state["pages"]:
        if fnmatch.fnmatch(page.file.src_uri, rule["path"]) and "search" not in page.meta:
            page.meta["search"] = dict(rule["search"])
    return markdown


class _Situations(HTMLParser):
    """The start page's situation links: those in its `<div class="routes">` list (the first screen), else the rows
    of its first table (text of the first cell, first link in the row)."""

    def __init__(self) -> None:
        super().__init__()
        self.routes: list[tuple[str, str]] = []
        self.rows: list[tuple[str, str]] = []
        self._depth = 0  # <div> nesting inside the routes block (0: outside)
        self._link: str | None = None
        self._link_text: list[str] = []
        self._tables = 0
        self._cell = -1
        self._text: list[str] = []
        self._href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "div" and (self._depth or "routes" in (attributes.get("class") or "").split()):
            self._depth += 1
        elif tag == "a" and self._depth:
            self._link, self._link_text = attributes.get("href"), []
        if tag == "table":
            self._tables += 1
        elif self._tables == 1 and tag == "tr":
            self._cell, self._text, self._href = -1, [], None
        elif self._tables == 1 and tag == "td":
            self._cell += 1
        elif self._tables == 1 and tag == "a" and self._cell >= 1 and self._href is None:
            self._href = attributes.get("href")

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._depth:
            self._depth -= 1
        elif tag == "a" and self._link is not None:
            self.routes.append(("".join(self._link_text).strip(), self._link))
            self._link = None
        if self._tables == 1 and tag == "tr" and self._href and self._text:
            self.rows.append(("".join(self._text).strip(), self._href))

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._link_text.append(data)
        if self._tables == 1 and self._cell == 0:
            self._text.append(data)


def on_page_content(content: str, page: Any, **kwargs: Any) -> str:
    if page.file.src_uri == START_PAGE:
        parser = _Situations()
        parser.feed(content)
        # Links are made absolute from the site root: the same list goes into every page, at every depth.
        base = _state["root"] + page.url
        _state["situations"] = [(text, urljoin(base, href)) for text, href in parser.routes or parser.rows]
    return content


_RESULT_END = re.compile(r'(<ol class="md-search-result__list"[^>]*></ol>\s*</div>)')


def panel_html() -> str:
    words = _state["panel"]
    start = html.escape(_state["root"] + "start/")
    items = "".join(f'<li><a href="{html.escape(href)}">{html.escape(text)}</a></li>'
                    for text, href in _state["situations"])
    items += f'<li><a href="{start}">{html.escape(words["all"])}</a></li>'
    return (f'<nav class="search-start" aria-label="{html.escape(words["label"])}" hidden>'
            f'<p class="search-start__more" hidden><a href="{start}">{html.escape(words["more"])}</a></p>'
            f'<div class="search-start__empty" hidden><p>{html.escape(words["empty"])}</p><ul>{items}</ul></div>'
            "</nav>")


def on_post_page(output: str, page: Any, **kwargs: Any) -> str:
    if not _state["situations"]:
        raise PluginError(f"search_readers: no situation links found in {START_PAGE} (a <div class=\"routes\"> list "
                          "or a table); the "
                          "search's no-result panel lists them (scripts/hooks/search_readers.py)")
    output, count = _RESULT_END.subn(lambda m: m.group(1) + panel_html(), output, count=1)
    return output


def on_post_build(config: Any, **kwargs: Any) -> None:
    index = Path(config["site_dir"]) / "search" / "search_index.json"
    if not index.is_file():
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    for doc in data["docs"]:
        for field in ("title", "text"):
            if isinstance(doc.get(field), str):
                doc[field] = unicodedata.normalize("NFKC", doc[field])
    data["config"]["synonyms"] = _state["synonyms"]
    index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
