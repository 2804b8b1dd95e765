"""DUP: one home for each instruction. The same sentence on two reader pages of one language fails, so that a
procedure or a fact is written once (its canonical home) and linked from everywhere else.

- DUP001  a sentence that also stands on another reader page of the same language; the message names both places.
- DUP002  an entry of the reviewed-exception list that no longer matches: its sentence is not (or no longer) on one
          of the pages it lists. The list cannot rot: a repeat that was removed must leave the list too.
- DUP003  an entry of the reviewed-exception list that cannot be read (no sentence or hash, fewer than two pages,
          a page that does not exist, no reason) or a list that is not valid YAML.

Reader pages are the pages of each language's nav, without the references page (its entries repeat publishers and
labels on purpose) and without the contributor pages (not_in_nav).

A sentence is compared after normalisation: Unicode NFKC (full-width and half-width forms fold together), white
space folded, case folded, markup and link targets left out (the text of scripts/pagemodel.py's blocks: paragraphs,
list items and table cells; headings, and sentences that are all the text of a link, are names, not
instructions), citation markers such as `（出典: A1）` or
`(source: A1)` left out, and the closing punctuation dropped. Sentences end at 。！？ or at . ! ? followed by a space.

Length threshold: a sentence on a Japanese page counts when it has 20 characters or more (letters and digits, not
spaces or punctuation); a sentence on a page of another language counts when it has 8 words or more (a Japanese
word is about 2.5 characters, so the two are about the same length). Below that are stock phrases that may fairly
stand on many pages (「確認できていません。」, 「用語集を見てください。」, "Amazon does not publish this."); at or
above it a sentence says something of its own, such as a step or a reason, and a repeat of it is a second home
that can drift from the first (issue 24 found the same spam-folder advice in three different orders). The rule finds
copies, not paraphrases: a reworded repeat is for the reviewer.

Deliberate repeats are listed in docs/repeated-sentences.yml, each entry with the sentence (as written, or the
hash the error message gives), the pages (project paths, two or more) and the reason it must be repeated.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from scripts.doctree import Site
from scripts.pagemodel import Page
from scripts.validate import Problem

EXCEPTIONS = Path("docs/repeated-sentences.yml")
REFERENCES = "references/index.md"
MIN_JAPANESE = 20  # characters (letters and digits) of a sentence on a Japanese page
MIN_WORDS = 8  # words of any other sentence
HASH_MIN = 8  # the shortest hash prefix an exception may give
FIX = f"link to the home, or list the repeat in {EXCEPTIONS.as_posix()} with a reason"

CHARACTER_LANGUAGES = {"ja"}  # written without spaces between words: counted in characters
# After NFKC, （出典: A1） is (出典: A1); several ids may follow: (出典: A1、A2) / (source: A1, A2).
CITATION = re.compile(r"\(\s*(?:出典|source)\s*:[^()]*\)", re.I)
SENTENCE_END = re.compile(r"[。！？]+|[.!?]+[\"”’)）」]*(?=\s|$)")
WORD = re.compile(r"\w+(?:['’]\w+)*")
CLOSING = " \t\n。．.！!？?、，,：:；;"


@dataclass(frozen=True)
class Sentence:
    page: Page
    line: int
    text: str  # as shown in messages: NFKC, whitespace folded, citations removed
    key: str  # what is compared

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.key.encode("utf-8")).hexdigest()


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = CITATION.sub("", text)
    text = " ".join(text.split())
    # Japanese is written without spaces: a space next to a Japanese letter is a line break or a typo, not a word gap.
    text = re.sub(
        r"(?<=[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]) | (?=[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef])", "", text
    )
    return text.strip(CLOSING)


def long_enough(text: str, language: str) -> bool:
    """Counted in the page's language: characters on a Japanese page, words on the others (where a quoted Japanese
    screen label such as 「パスワードを忘れた方」 is one word of its sentence)."""
    if language in CHARACTER_LANGUAGES:
        return sum(1 for c in text if c.isalnum()) >= MIN_JAPANESE
    return len(WORD.findall(text)) >= MIN_WORDS


def sentences(page: Page) -> Iterator[Sentence]:
    """Every sentence of the page's paragraphs, list items and table cells that is long enough to count, except a
    sentence that is all the text of one link: the name of a place (a route button, a situation row), like a
    heading, not an instruction."""
    labels = {normalise(link.text) for link in page.links}
    for block in page.blocks:
        if block.kind == "heading":
            continue
        chars: list[str] = []
        lines: list[int] = []
        for span in block.spans:
            line = span.line
            for char in span.text:
                chars.append(char)
                lines.append(line)
                if char == "\n":
                    line += 1
        text = "".join(chars)
        start = 0
        for end in [m.end() for m in SENTENCE_END.finditer(text)] + [len(text)]:
            raw = text[start:end]
            offset = start + (len(raw) - len(raw.lstrip()))
            start = end
            shown = normalise(raw)
            if shown and long_enough(shown, page.language) and shown not in labels:
                yield Sentence(page, lines[min(offset, len(lines) - 1)], shown, shown.casefold())


def reader_pages(site: Site, language: str) -> list[Page]:
    """The pages of the language's nav, in nav order, without the references page."""
    config = site.configs[language]
    entries = [entry.file for entry in config.nav] if config.nav else sorted(site.pages[language])
    found = []
    for rel in entries:
        page = site.pages[language].get(posixpath.normpath(rel))
        if page is not None and page.rel != REFERENCES and page.rel not in config.not_in_nav and page not in found:
            found.append(page)
    return found


@dataclass
class Exception_:
    line: int
    key: str | None  # the normalised sentence, or None when the entry gives a hash
    digest: str | None  # a hash prefix
    pages: tuple[str, ...]  # project paths: docs/ja/faq/index.md

    def matches(self, sentence: Sentence) -> bool:
        return sentence.key == self.key if self.key is not None else sentence.digest.startswith(self.digest or "-")


def _exceptions(site: Site) -> tuple[list[Exception_], list[Problem]]:
    path = site.root / EXCEPTIONS
    if not path.is_file():
        return [], []
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return [], [
            Problem(
                path,
                (mark.line + 1) if mark else 1,
                "DUP003",
                f"the list is not valid YAML: {' '.join(str(getattr(error, 'problem', error)).split())}",
                "fix the YAML",
            )
        ]
    if node is None:
        return [], []
    if not isinstance(node, yaml.SequenceNode):
        return [], [
            Problem(
                path,
                node.start_mark.line + 1,
                "DUP003",
                "the list must be a YAML list of entries",
                "write `- sentence: …` / `pages: [...]` / `reason: …` entries",
            )
        ]
    known = {site.shown(page.language, page.rel) for page in site.all_pages()}
    entries: list[Exception_] = []
    problems: list[Problem] = []
    for item in node.value:
        line = item.start_mark.line + 1
        data = yaml.safe_load(yaml.serialize(item)) if isinstance(item, yaml.MappingNode) else None
        bad = _entry_problem(data, known)
        if bad:
            problems.append(
                Problem(
                    path,
                    line,
                    "DUP003",
                    bad,
                    "give `sentence` (or `hash`), two or more `pages` (docs/<language>/<page>/index.md) and a `reason`",
                )
            )
            continue
        sentence = data.get("sentence")
        entries.append(
            Exception_(
                line,
                normalise(sentence).casefold() if sentence else None,
                str(data.get("hash")).lower() if data.get("hash") else None,
                tuple(data["pages"]),
            )
        )
    return entries, problems


def _entry_problem(data: object, known: set[str]) -> str | None:
    if not isinstance(data, dict):
        return "the entry is not a mapping"
    unknown = set(data) - {"sentence", "hash", "pages", "reason"}
    if unknown:
        return f"unknown key `{sorted(unknown)[0]}`"
    sentence, digest = data.get("sentence"), data.get("hash")
    if bool(sentence) == bool(digest):
        return "give either `sentence` or `hash`, not both and not neither"
    if digest and not re.fullmatch(rf"[0-9a-f]{{{HASH_MIN},64}}", str(digest).lower()):
        return f"`hash` must be {HASH_MIN} or more hex digits, as the DUP001 message gives it"
    pages = data.get("pages")
    if not isinstance(pages, list) or len(set(map(str, pages))) < 2:
        return "`pages` must list two or more pages"
    missing = [str(p) for p in pages if str(p) not in known]
    if missing:
        return f"page `{missing[0]}` does not exist"
    if not isinstance(data.get("reason"), str) or not data["reason"].strip():
        return "the entry has no `reason`"
    return None


def check(site: Site) -> Iterator[Problem]:
    exceptions, problems = _exceptions(site)
    yield from problems
    used: dict[int, set[str]] = {id(e): set() for e in exceptions}  # entry -> the listed pages it matched
    for language in site.languages:
        groups: dict[str, list[Sentence]] = {}
        for page in reader_pages(site, language):
            for sentence in sentences(page):
                group = groups.setdefault(sentence.key, [])
                if all(other.page is not page for other in group):  # one place per page: the first
                    group.append(sentence)
        for group in groups.values():
            shown = [site.shown(s.page.language, s.page.rel) for s in group]
            for entry in exceptions:
                if entry.matches(group[0]):
                    used[id(entry)] |= set(shown) & set(entry.pages)
            if len(group) < 2:
                continue
            first, first_shown = group[0], shown[0]
            for sentence, where in zip(group[1:], shown[1:], strict=True):
                if any(e.matches(sentence) and {first_shown, where} <= set(e.pages) for e in exceptions):
                    continue
                quoted = sentence.text if len(sentence.text) <= 60 else sentence.text[:57] + "…"
                digest = sentence.digest[:HASH_MIN]
                yield Problem(
                    sentence.page.path,
                    sentence.line,
                    "DUP001",
                    f"“{quoted}” also stands on {first_shown}:{first.line} (hash {digest})",
                    FIX,
                )
    for entry in exceptions:
        stale = [page for page in entry.pages if page not in used[id(entry)]]
        if stale:
            yield Problem(
                site.root / EXCEPTIONS,
                entry.line,
                "DUP002",
                f"this reviewed repeat no longer matches a sentence on {', '.join(stale)}",
                "remove the page from the entry (or the entry, when fewer than two pages are left)",
            )
