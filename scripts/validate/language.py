"""LANG: a paragraph, list item or table cell mostly in the other language was likely left untranslated. Left out, as
in the other language on purpose: quotations in 「」 or 『』 (labels as Amazon shows them), inline code, link targets,
addresses and dotted names, table columns whose header or section names the other language, the glossary's terms.
The thresholds come from the pages: an untranslated paragraph is 95-100 % the other language, and English sentences
have function words (the, and, you …), while the names a Japanese page lists (`発行元：News 12 Westchester`) have none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from scripts.doctree import Site
from scripts.validate import Problem
from scripts.validate.text import JAPANESE, excerpt, unquoted

LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
ADDRESSES = re.compile(r"https?://\S+|[\w-]+(?:\.[\w-]+)+")
# (at least this many letters of the other language, making up at least this share of the letters)
ENGLISH_PAGE = (8, 0.7)
JAPANESE_PAGE = (24, 0.9)  # one Japanese letter carries about as much as three Latin ones
FUNCTION_WORDS = 3
# English function words: a word of its own (not the "A" of a citation like A4), in any case.
FUNCTION_WORD = re.compile(
    r"(?<![\w'])(?:a|an|the|to|of|and|or|but|is|are|was|were|be|been|it|its|this|that|these|those|you|your|we|our|"
    r"they|their|in|on|at|by|for|with|from|as|if|not|no|can|will|would|should|must|do|does|did|has|have|had)(?![\w'])",
    re.I,
)


class Rule(NamedTuple):
    code: str
    page: str  # what the page is called in the message
    foreign: int  # which count of letters() is the other language's: 0 Japanese, 1 Latin
    threshold: tuple[int, float]
    function_words: int  # English function words the block needs too: a list of English names has none
    names: tuple[str, ...]  # how a table header or a heading names the other language
    fix: str


EN_FIX = "translate it; quote a Japanese screen label in 「」 and give an English gloss"
JA_FIX = "write it in Japanese; quote an English screen label in 「」"
# Per language of the page, keyed by the codes of extra.languages; a language without a rule gets no LANG finding.
RULES = {
    "en": Rule("LANG001", "an English page is mostly Japanese", 0, ENGLISH_PAGE, 0, ("japanese", "日本語"), EN_FIX),
    "ja": Rule(
        "LANG002", "a Japanese page is mostly English", 1, JAPANESE_PAGE, FUNCTION_WORDS, ("english", "英語"), JA_FIX
    ),
}


def letters(text: str) -> tuple[int, int]:
    """(Japanese letters, Latin letters) of a block's text, quoted labels, addresses and dotted names left out."""
    text = ADDRESSES.sub(" ", unquoted(text))
    return len(JAPANESE.findall(text)), len(LATIN.findall(text))


def function_words(text: str) -> int:
    return len(FUNCTION_WORD.findall(ADDRESSES.sub(" ", unquoted(text))))


def check(site: Site) -> Iterator[Problem]:
    for page in site.all_pages():
        rule = RULES.get(page.language)
        if rule is None:
            continue
        # (table line, column) of the columns in the other language on purpose: so named by their header or their
        # section's heading; the glossary's terms.
        exempt = {(b.line, b.column) for b in page.blocks if b.header and any(n in b.text.lower() for n in rule.names)}
        for table in page.tables:
            section = [h for h in page.headings if h.line < table.line][-1:]
            if section and any(name in section[0].text.lower() for name in rule.names):
                exempt.update((table.line, column) for column in range(table.columns))
            if page.rel == "glossary/index.md":
                exempt.add((table.line, 0))
        for block in page.blocks:
            table = max((table.line for table in page.tables if table.line <= block.line), default=0)
            if block.kind == "heading" or (block.kind == "cell" and (block.header or (table, block.column) in exempt)):
                continue
            counts = letters(block.prose)
            foreign, total = counts[rule.foreign], sum(counts)
            least, share = rule.threshold
            if foreign >= least and foreign / total >= share and function_words(block.prose) >= rule.function_words:
                what = {"paragraph": "paragraph", "item": "list item", "cell": "table cell"}[block.kind]
                message = f"this {what} on {rule.page} ({foreign} of {total} letters): `{excerpt(block.prose, 40)}`"
                yield Problem(page.path, block.line, rule.code, message, rule.fix)
