"""LANG: the text of a page is in the page's language. A paragraph, a list item or a table cell whose letters are
mostly Japanese on an English page (LANG001), or mostly English on a Japanese page (LANG002), was most likely left
untranslated.

What is counted, per block (the page model's TextBlock): Japanese letters (hiragana, katakana, kanji) and Latin
letters. Left out before counting, because they are legitimately in the other language:
- text quoted in 「」 or 『』: screen labels as Amazon shows them (`「パスワードを忘れた場合」 ("Forgot password")`);
- inline code, link targets, web addresses and dotted names (`amazon.co.jp`, `index.md`);
- table columns whose header names the other language ("Japanese" or 「日本語」 on an English page, "English" or
  「英語」 on a Japanese page: the term tables of the style guide), tables in a section whose heading names it (the
  style guide's "Japanese pages" spelling table), and the first column (the terms) of the tables on the glossary
  page.

The thresholds (below) were set from the pages as they are: on English pages the most Japanese block outside the
exceptions is a carrier's setting written in Japanese with an English gloss (half of its letters), on Japanese pages
the most English ones lists of names (`iPhone・Android・PC`, 88 % Latin but 15 letters; `発行元：News 12
Westchester、Euro Weekly News`, 91 % Latin but no English function word). An untranslated paragraph is 95-100 % the
other language, and an English one has function words (the, and, to, you …) in every sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from scripts.doctree import Site
from scripts.pagemodel import Page, TextBlock
from scripts.validate import Problem

JAPANESE = re.compile(r"[\u3041-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\u3005\uff66-\uff9f]")
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
QUOTED = re.compile(r"「[^」]*」|『[^』]*』")
ADDRESSES = re.compile(r"https?://\S+|[\w-]+(?:\.[\w-]+)+")
# On an English page: an error when at least this many Japanese letters make up at least this share of the letters.
ENGLISH_PAGE = (8, 0.7)
# On a Japanese page: an error when at least this many Latin letters make up at least this share of the letters.
# (More letters than on English pages: one Japanese letter carries about as much as three Latin ones.)
JAPANESE_PAGE = (24, 0.9)
# ... and the Latin words include at least this many English function words: English sentences always do, while
# the names a Japanese page legitimately lists (`発行元：News 12 Westchester、Euro Weekly News`) do not.
FUNCTION_WORDS = 3
ENGLISH_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "to",
        "of",
        "and",
        "or",
        "but",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "you",
        "your",
        "we",
        "our",
        "they",
        "their",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "if",
        "not",
        "no",
        "can",
        "will",
        "would",
        "should",
        "must",
        "do",
        "does",
        "did",
        "has",
        "have",
        "had",
    ]
)
OTHER_LANGUAGE_HEADERS = {"en": ("japanese", "日本語"), "ja": ("english", "英語")}
GLOSSARY = "glossary/index.md"


def letters(text: str) -> tuple[int, int]:
    """(Japanese letters, Latin letters) of a block's text, quoted labels, addresses and dotted names left out."""
    text = ADDRESSES.sub(" ", QUOTED.sub(" ", text))
    return len(JAPANESE.findall(text)), len(LATIN.findall(text))


def function_words(text: str) -> int:
    """How many English function words (the, and, to, you …) the text has, quoted labels and addresses left out."""
    text = ADDRESSES.sub(" ", QUOTED.sub(" ", text))
    return sum(1 for word in re.findall(r"\b[A-Za-z']+\b", text) if word.lower() in ENGLISH_FUNCTION_WORDS)


def check(site: Site) -> Iterator[Problem]:
    for page in site.all_pages():
        yield from _page(page)


def _exempt_columns(page: Page) -> set[tuple[int, int]]:
    """(table line, column) of the columns left out: headed by the other language's name, in a section whose heading
    names it, or the glossary's terms."""
    exempt = set()
    names = OTHER_LANGUAGE_HEADERS[page.language]
    for table in page.tables:
        section = [h for h in page.headings if h.line < table.line][-1:]
        if section and any(name in section[0].text.lower() for name in names):
            exempt.update((table.line, column) for column in range(table.columns))
        exempt.update(
            (table.line, b.column)
            for b in page.blocks
            if b.kind == "cell" and b.header and b.line == table.line and any(name in b.text.lower() for name in names)
        )
        if page.rel == GLOSSARY:
            exempt.add((table.line, 0))
    return exempt


def _page(page: Page) -> Iterator[Problem]:
    if page.language not in OTHER_LANGUAGE_HEADERS:
        return
    exempt = _exempt_columns(page)
    for block in page.blocks:
        if block.kind == "heading" or (block.kind == "cell" and block.header):
            continue
        table = max((table.line for table in page.tables if table.line <= block.line), default=0)
        if block.kind == "cell" and (table, block.column) in exempt:
            continue
        japanese, latin = letters(block.prose)
        total = japanese + latin
        if not total:
            continue
        what = {"paragraph": "paragraph", "item": "list item", "cell": "table cell"}[block.kind]
        if page.language == "en":
            least, share = ENGLISH_PAGE
            if japanese >= least and japanese / total >= share:
                yield Problem(
                    page.path,
                    block.line,
                    "LANG001",
                    f"this {what} on an English page is mostly Japanese ({japanese} of {total} letters): "
                    f"`{_excerpt(block)}`",
                    "translate it; quote a Japanese screen label in 「」 and give an English gloss",
                )
        else:
            least, share = JAPANESE_PAGE
            if latin >= least and latin / total >= share and function_words(block.prose) >= FUNCTION_WORDS:
                yield Problem(
                    page.path,
                    block.line,
                    "LANG002",
                    f"this {what} on a Japanese page is mostly English ({latin} of {total} letters): "
                    f"`{_excerpt(block)}`",
                    "write it in Japanese; quote an English screen label in 「」",
                )


def _excerpt(block: TextBlock) -> str:
    text = " ".join(block.prose.split())
    return text if len(text) <= 40 else text[:39] + "…"
