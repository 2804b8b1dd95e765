"""TERM: one word for one thing, read from the site's own pages (no dictionary file to keep in step); the formats,
and why a variant counts only as a word of its own: docs/*/contributing/style-guide/ (#terms, #spelling). Not checked:
quotations (「」, "…" in English), code other than mermaid, link targets, HTML, attribute lists, the dictionary lines,
front matter other than `title` and `description`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from scripts.doctree import Site
from scripts.pagemodel import Page
from scripts.validate import Problem, resolve, section_end
from scripts.validate.text import INLINE_CODE, KANJI, blank, unquoted

GLOSSARY = "glossary/index.md"
STYLE_GUIDE = "contributing/style-guide/index.md"
LABELS_ID = "screen-labels"
# Per language of extra.languages: the glossary's label of other names, the id of the style guide's spelling table,
# whether words are separated by spaces. Another language gets the English label and `{ #spelling-<code> }`.
LANGUAGES = {
    "ja": {"other_names": "ほかの呼び方", "spelling": "spelling-japanese", "spaces": False},
    "en": {"other_names": "Other names", "spelling": "spelling-english", "spaces": True},
}
TERM_OK = re.compile(r"<!--\s*term-ok:\s*(?P<words>.*?)\s*-->")
LIST_SPLIT = re.compile(r"[、,]\s*")
TRAILING_NOTE = re.compile(r"\s*[（(][^（）()]*[）)]\s*[。.]?$")
LABEL = re.compile(r"「(?P<label>[^「」]+)」")
GLOSS_AFTER = re.compile(r'^\s*(?:\(|,\s*)?"(?P<gloss>[^"]+)"|^\s*\((?P<bare>[^()\[\]"]+)\)')
# What is not the author's own words on a line: link targets, HTML tags, attribute lists, addresses.
NOT_WORDS = re.compile(r"\]\([^)]*\)|\]\[[^\]]*\]|^\s*\[[^\]]+\]:\s*\S+.*$|<[^>]+>|\{\s*[#.][^}]*\}|https?://\S+")
DOUBLE_QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”')


def language_data(code: str) -> dict:
    return LANGUAGES.get(code, {"other_names": "Other names", "spelling": f"spelling-{code}", "spaces": True})


class Variant(NamedTuple):
    wrong: str
    right: str
    code: str  # TERM001 (glossary) or TERM002 (style guide)
    entry: str  # how the fix names its source: "glossary entry サインイン（ログイン） (#sign-in)"


@dataclass
class Dictionary:
    variants: dict[str, tuple[Variant, int]] = field(default_factory=dict)  # wrong -> (the variant, its line)
    glosses: dict[str, str] = field(default_factory=dict)  # Japanese label -> its one English gloss
    skip: dict[str, set[int]] = field(default_factory=dict)  # page path -> lines that are the dictionary itself
    problems: list[Problem] = field(default_factory=list)

    def problem(self, page: Page, line: int, message: str, fix: str) -> None:
        self.problems.append(Problem(page.path, line, "TERM004", message, fix))

    def add(self, variant: Variant, page: Page, line: int) -> None:
        first, earlier = self.variants.setdefault(variant.wrong, (variant, line))
        if first.right != variant.right:
            message = f"`{variant.wrong}` is listed as a variant of both `{first.right}` and `{variant.right}`"
            self.problem(page, line, message, f"keep it under one term (the other is on line {earlier})")


def _sections(page: Page) -> list[tuple[str, str, int, int]]:
    """(id, text, first line, last line) of every H2 section of the page."""
    return [(h.id, h.text, h.line, section_end(page, h) - 1) for h in page.headings if h.level == 2]


def _table_rows(page: Page, first: int, last: int) -> list[tuple[int, list[str]]]:
    """(line, the text of each cell) of the table rows between two lines, header rows included."""
    rows: dict[int, list[str]] = {}
    for block in page.blocks:
        if block.kind == "cell" and first <= block.line <= last:
            rows.setdefault(block.line, []).append(block.text.strip())
    return list(rows.items())


def _items(text: str) -> list[str]:
    split = LIST_SPLIT.split(text.strip().rstrip("。."))
    return list(filter(None, (TRAILING_NOTE.sub("", item).strip().strip("`「」") for item in split)))


def load_dictionary(site: Site, language: str) -> Dictionary:
    dictionary, data = Dictionary(), language_data(language)
    other_names = re.compile(rf"^\s*(?:\*\*)?{re.escape(data['other_names'])}[：:](?:\*\*)?\s*(?P<list>.+)$")
    glossary = site.pages[language].get(GLOSSARY)
    for section_id, text, first, last in _sections(glossary) if glossary else ():
        skip = dictionary.skip.setdefault(str(glossary.path), set())
        if section_id == LABELS_ID:
            rows = _table_rows(glossary, first, last)
            skip.update(number for number, _ in rows)
            for number, cells in rows[1:] if language != site.original else ():  # the labels are the original's
                label = LABEL.search(cells[0])
                gloss = re.search(r'"([^"]+)"', cells[1]) if len(cells) > 1 else None
                known = dictionary.glosses.setdefault(label["label"], gloss[1]) if label and gloss else None
                if not known:
                    fix = 'write | 「ラベル」 | "Gloss" | … |'
                    dictionary.problem(glossary, number, 'a screen-label row needs 「label」 and "gloss"', fix)
                elif known != gloss[1]:
                    message = f'「{label["label"]}」 is glossed both "{known}" and "{gloss[1]}"'
                    fix = "keep one row per label: one English gloss for each label"
                    dictionary.problem(glossary, number, message, fix)
            continue
        term = TRAILING_NOTE.sub("", text).strip()
        if data["spaces"] and not any(word[:1].isupper() for word in term.split()[1:]):
            term = term[:1].lower() + term[1:]  # "Identity document" -> "identity document"; not "Message Center"
        entry = f"glossary entry {text} ({GLOSSARY}#{section_id})"
        for number in range(first, last + 1):
            match = other_names.match(glossary.lines[number - 1])
            for wrong in _items(match["list"]) if match else ():
                skip.add(number)
                dictionary.add(Variant(wrong, term, "TERM001", entry), glossary, number)

    style = site.pages[language].get(STYLE_GUIDE)
    for _, _, first, last in [s for s in _sections(style) if s[0] == "spelling"] if style else ():
        # Every page holds every language's table; a page is checked against its own language's H3 `{ #spelling-… }`.
        dictionary.skip.setdefault(str(style.path), set()).update(n for n, _ in _table_rows(style, first, last))
        h3 = [h for h in style.headings if h.level == 3 and first < h.line <= last and h.id == data["spelling"]]
        if not h3:
            if language in LANGUAGES:  # a new language has no spelling rules until its table is written
                fix = "add an H3 with that id and a | write | not | table under it"
                dictionary.problem(style, first, f"the section has no `{{ #{data['spelling']} }}` table", fix)
            continue
        end = section_end(style, h3[0]) - 1
        entry = f"style guide, {h3[0].text} ({STYLE_GUIDE}#{data['spelling']})"
        for number, cells in _table_rows(style, h3[0].line, end)[1:]:
            for wrong in _items(cells[1]) if len(cells) > 1 and cells[0] else ():
                dictionary.add(Variant(wrong, cells[0].strip("`「」"), "TERM002", entry), style, number)
    return dictionary


def checked_lines(page: Page, skip: set[int]) -> Iterator[tuple[int, str]]:
    fm = page.front_matter
    code = {n for f in page.fences if f.lang != "mermaid" for n in range(f.line, f.line + f.content.count("\n") + 2)}
    for number, line in enumerate(page.lines, start=1):
        in_front_matter = fm.present and fm.start_line <= number <= fm.end_line
        if number not in code and number not in skip:
            yield number, line if not in_front_matter or re.match(r"(title|description):", line) else ""


def _pattern(variant: Variant, language: str) -> re.Pattern[str]:
    """The variant as a word of its own (see the module's docstring)."""
    wrong, first, last = re.escape(variant.wrong), variant.wrong[0], variant.wrong[-1]
    flags = 0 if any(c.isupper() for c in variant.wrong) else re.IGNORECASE
    if language_data(language)["spaces"]:
        start, end = (r"\b" if char.isalnum() else "" for char in (first, last))
    else:  # no spaces, and no \b either: Python counts a kana next to a Latin letter as inside one word
        start, end = f"(?<![{KANJI}])" if re.match(f"[{KANJI}]", first) else "", ""  # 自分から is not 分から
    return re.compile(start + wrong + end, flags)


def check_language(site: Site, language: str) -> Iterator[Problem]:
    dictionary = load_dictionary(site, language)
    yield from dictionary.problems
    # Longest first, so that a longer variant is reported once rather than also as the shorter one inside it.
    variants = sorted((variant for variant, _ in dictionary.variants.values()), key=lambda v: -len(v.wrong))
    patterns = [(variant, _pattern(variant, language)) for variant in variants]
    allowed = "|".join(re.escape(v.right) + r"\s*[（(]\s*" + re.escape(v.wrong) + r"\s*[）)]" for v in variants)
    for page in site.pages[language].values():
        for number, line in checked_lines(page, dictionary.skip.get(str(page.path), set())):
            masked = INLINE_CODE.sub(blank, line)  # a label or marker quoted in `code` is an example
            for label in LABEL.finditer(masked):
                known = dictionary.glosses.get(label["label"])
                after = GLOSS_AFTER.match(masked[label.end() :]) if known else None
                if after and (after["bare"] is not None or after["gloss"] != known):
                    bare = " without quotation marks" if after["bare"] else ""
                    message = f'「{label["label"]}」 is glossed "{after["gloss"] or after["bare"]}"{bare}'
                    fix = f'gloss it "{known}" — glossary, screen labels ({GLOSSARY}#{LABELS_ID})'
                    yield Problem(page.path, number, "TERM003", message, fix)
            text = unquoted(NOT_WORDS.sub(blank, masked), LABEL)  # the author's words
            text = DOUBLE_QUOTED.sub(blank, text) if language_data(language)["spaces"] else text
            text = re.sub(allowed or "(?!)", blank, text)  # "right (wrong)" says both
            markers = TERM_OK.finditer(masked)
            exempt = {word for marker in markers for word in _items(marker["words"])}
            used: set[str] = set()
            for variant, pattern in patterns:
                for match in pattern.finditer(text):
                    word = match.group(0)
                    if word in exempt or variant.wrong in exempt:
                        used |= {word, variant.wrong}
                        continue
                    fix = f"use `{variant.right}` — {variant.entry}; if this one is right as written, end the line with"
                    message = f"`{word}` is a variant of `{variant.right}`"
                    yield Problem(page.path, number, variant.code, message, f"{fix} <!-- term-ok: {word} -->")
                text = pattern.sub(blank, text)
            for word in sorted(exempt - used):
                message = f"`<!-- term-ok: {word} -->` exempts nothing: `{word}` is no variant found on this line"
                yield Problem(page.path, number, "TERM006", message, "remove the marker, or name the variant as quoted")


MD_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?P<url>[^)\s]+)\)")
POINTER_AFTER = re.compile(r"^(を参照|を見て|を読んで)")
POINTER_BEFORE = re.compile(r"[（(]|\b(see|See)\s+$")  # in an open parenthesis, or after "see"
PARENTHESES = re.compile(r"[（(][^（）()]*[）)]")


def check_link_names(site: Site, language: str) -> Iterator[Problem]:
    """TERM005: a link that points the reader to a section ("（[…](x#id)）", "[…](x#id)を参照", "see […](x#id)") is
    named with that section's heading, so one place has one name. Citations (the references page) are left out."""
    for page in site.pages[language].values():
        for number, line in checked_lines(page, set()):
            for match in MD_LINK.finditer(INLINE_CODE.sub(blank, line)):
                path, _, anchor = match["url"].partition("#")
                rel = resolve(page, path) if path else page.rel
                target = site.pages[language].get(rel) if rel != "references/index.md" else None
                heading = next((h for h in target.headings if h.id == anchor), None) if target else None
                before = unquoted(line[: match.start()], PARENTHESES)  # closed parentheses blanked
                pointer = POINTER_BEFORE.search(before) or POINTER_AFTER.match(line[match.end() :])
                if heading and heading.text != match["text"] and pointer:
                    message = f"the link `{match['text']}` opens the section `{heading.text}`"
                    fix = f"name the link `{heading.text}`, as its heading"
                    yield Problem(page.path, number, "TERM005", message, fix)


def check(site: Site) -> Iterator[Problem]:
    for language in site.languages:
        yield from check_language(site, language)
        yield from check_link_names(site, language)
