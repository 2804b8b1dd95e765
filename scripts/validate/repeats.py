"""DUP: one home for each instruction. A sentence that stands on two reader pages of one language (the nav's pages
but the references page, whose entries repeat publishers on purpose) fails, so that a step or a fact is written once
and linked from elsewhere: issue 24 found the same spam-folder advice in three different orders.

Sentences of paragraphs, list items and table cells are compared after NFKC, white-space and case folding, without
markup, citation markers and closing punctuation; headings and a sentence that is all a link's text are names of
places. Only sentences long enough to say something of their own count (20 letters on a Japanese page, 8 words on
another: about the same length); stock phrases below that may repeat. Deliberate repeats are listed, with a reason,
in docs/repeated-sentences.yml; an entry that no longer matches one of its pages fails too, so the list cannot rot.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate

import yaml

from scripts.doctree import Site
from scripts.pagemodel import Page
from scripts.validate import Problem, compose_yaml, line_of, value_of

EXCEPTIONS = "docs/repeated-sentences.yml"
REFERENCES = "references/index.md"
MIN_JAPANESE = 20  # characters (letters and digits) of a sentence on a Japanese page
MIN_WORDS = 8  # words of any other sentence
HASH_MIN = 8  # the shortest hash prefix an exception may give
FIX = f"link to the home, or list the repeat in {EXCEPTIONS} with a reason"
FIX_ENTRY = "give `sentence` (or `hash`), two or more `pages` (docs/<language>/<page>/index.md) and a `reason`"

CHARACTER_LANGUAGES = {"ja"}  # written without spaces between words: counted in characters
# After NFKC, （出典: A1） is (出典: A1); several ids may follow: (出典: A1、A2) / (source: A1, A2).
CITATION = re.compile(r"\(\s*(?:出典|source)\s*:[^()]*\)", re.I)
SENTENCE_END = re.compile(r"[。！？]+|[.!?]+[\"”’)）」]*(?=\s|$)")
WORD = re.compile(r"\w+(?:['’]\w+)*")
CLOSING = " \t\n。．.！!？?、，,：:；;"
# Japanese is written without spaces: a space next to a Japanese letter is a line break or a typo, not a word gap.
JAPANESE_SPACE = re.compile(
    r"(?<=[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]) | (?=[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef])"
)


def normalise(text: str) -> str:
    text = " ".join(CITATION.sub("", unicodedata.normalize("NFKC", text)).split())
    return JAPANESE_SPACE.sub("", text).strip(CLOSING)


def digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def sentences(page: Page) -> Iterator[tuple[int, str]]:
    """(line, normalised text) of every sentence of the page that is long enough and not all the text of a link."""
    labels = {normalise(link.text) for link in page.links}
    for block in page.blocks:
        if block.kind == "heading":
            continue
        text = block.text
        # The line of each character: the block's runs keep their own lines.
        lines = [
            n
            for span in block.spans
            if span.text
            for n in accumulate((c == "\n" for c in span.text[:-1]), initial=span.line)
        ]
        starts = [0, *(m.end() for m in SENTENCE_END.finditer(text))]
        for begin, end in zip(starts, [*starts[1:], len(text)], strict=True):
            shown = normalise(text[begin:end])
            # Japanese is counted in characters; on other pages a quoted Japanese screen label is one word.
            if page.language in CHARACTER_LANGUAGES:
                long_enough = sum(1 for c in shown if c.isalnum()) >= MIN_JAPANESE
            else:
                long_enough = len(WORD.findall(shown)) >= MIN_WORDS
            if shown and long_enough and shown not in labels:
                offset = begin + len(text[begin:end]) - len(text[begin:end].lstrip())
                yield lines[min(offset, len(lines) - 1)], shown


def reader_pages(site: Site, language: str) -> list[Page]:
    """The pages of the language's nav, in nav order, without the references page."""
    config = site.configs[language]
    rels = dict.fromkeys(posixpath.normpath(e.file) for e in config.nav) if config.nav else sorted(site.pages[language])
    pages = [site.pages[language].get(rel) for rel in rels]
    return [p for p in pages if p is not None and p.rel != REFERENCES and p.rel not in config.not_in_nav]


@dataclass
class Reviewed:
    line: int
    hash: str  # of the sentence, or a prefix of it: the entry's `hash`, or the hash of its `sentence`
    pages: list[str]  # project paths: docs/ja/faq/index.md
    found_on: set[str] = field(default_factory=set)


def reviewed(site: Site) -> tuple[list[Reviewed], list[Problem]]:
    path = site.root / EXCEPTIONS
    node, problem = compose_yaml(path, "DUP003") if path.is_file() else (None, None)
    if node is None:
        return [], [problem] if problem else []
    if not isinstance(node, yaml.SequenceNode):
        return [], [Problem(path, line_of(node), "DUP003", "the list must be a YAML list of entries", FIX_ENTRY)]
    known = {site.shown(page.language, page.rel) for page in site.all_pages()}
    entries, problems = [], []
    for item in node.value:
        data = value_of(item)
        why = _unreadable(data, known)
        if why:
            problems.append(Problem(path, line_of(item), "DUP003", why, FIX_ENTRY))
            continue
        hashed = str(data["hash"]).lower() if data.get("hash") else digest(normalise(data["sentence"]).casefold())
        entries.append(Reviewed(line_of(item), hashed, data["pages"]))
    return entries, problems


def _unreadable(data: object, known: set[str]) -> str | None:
    """Why an entry of the list cannot be used, or None."""
    if not isinstance(data, dict) or set(data) - {"sentence", "hash", "pages", "reason"}:
        return "the entry is not a mapping of `sentence` (or `hash`), `pages` and `reason`"
    if bool(data.get("sentence")) == bool(data.get("hash")) or not isinstance(data.get("sentence", ""), str):
        return "give either `sentence` (text) or `hash`, not both and not neither"
    if data.get("hash") and not re.fullmatch(rf"[0-9a-f]{{{HASH_MIN},64}}", str(data["hash"]).lower()):
        return f"`hash` must be {HASH_MIN} or more hex digits, as the DUP001 message gives it"
    pages = data.get("pages")
    if not isinstance(pages, list) or len(set(map(str, pages))) < 2 or not set(map(str, pages)) <= known:
        return "`pages` must list two or more pages that exist"
    if not isinstance(data.get("reason"), str) or not data["reason"].strip():
        return "the entry has no `reason`"
    return None


def check(site: Site) -> Iterator[Problem]:
    exceptions, problems = reviewed(site)
    yield from problems
    for language in site.languages:
        groups: dict[str, dict[str, tuple[Page, int, str]]] = {}  # sentence -> page -> its first place there
        for page in reader_pages(site, language):
            for line, text in sentences(page):
                groups.setdefault(text.casefold(), {}).setdefault(site.shown(language, page.rel), (page, line, text))
        for key, places in groups.items():
            matching = [entry for entry in exceptions if digest(key).startswith(entry.hash)]
            for entry in matching:
                entry.found_on.update(places)
            (first, (_, first_line, _)), *others = places.items()
            for where, (page, line, text) in others:
                if any({first, where} <= set(entry.pages) for entry in matching):
                    continue
                quoted = text if len(text) <= 60 else text[:57] + "…"
                message = f"“{quoted}” also stands on {first}:{first_line} (hash {digest(key)[:HASH_MIN]})"
                yield Problem(page.path, line, "DUP001", message, FIX)
    for entry in exceptions:
        stale = [page for page in entry.pages if page not in entry.found_on]
        if stale:
            message = f"this reviewed repeat no longer matches a sentence on {', '.join(stale)}"
            fix = "remove the page from the entry (or the entry, when fewer than two pages are left)"
            yield Problem(site.root / EXCEPTIONS, entry.line, "DUP002", message, fix)
