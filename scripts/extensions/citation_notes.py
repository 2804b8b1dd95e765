"""Citations that do not interrupt the steps: each citation group of a page, "（[出典: A1](…)、[出典: A2](…)）" or
" ([source: A1](…), [source: A2](…))", is shown as one footnote marker (a tooltip with Material's
content.footnote.tooltips), and the page ends with its sources, each linking to its entry on the references page.

The Markdown keeps the inline form, so writers and `make validate` see what they wrote; a group with other text in its
parentheses ("（[出典: A30](…)、2019年時点）"), code blocks and inline code are left as written. A Python-Markdown
preprocessor, so MkDocs and Zensical both run it; it needs `footnotes`, listed before it in mkdocs.yml.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension
from markdown.extensions.footnotes import FootnoteExtension
from markdown.preprocessors import Preprocessor

from scripts.extensions.page_context import current_page

GROUP = {
    "ja": re.compile(r"（(?P<body>\[出典: [A-Z][0-9]+\]\([^)\s]+\)(?:、\[出典: [A-Z][0-9]+\]\([^)\s]+\))*)）"),
    "en": re.compile(r" ?\((?P<body>\[source: [A-Z][0-9]+\]\([^)\s]+\)(?:, \[source: [A-Z][0-9]+\]\([^)\s]+\))*)\)"),
}
ONE = re.compile(r"\[(?:出典|source): (?P<id>[A-Z][0-9]+)\]\((?P<url>[^)\s]+)\)")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+[^`]*`+)")
LEAD = {"ja": "出典：", "en": "Source: "}
JOIN = {"ja": "、", "en": ", "}
BACKLINK_TITLE = {"ja": "本文の{}番目の出典に戻る", "en": "Back to source {} in the text"}


def rewrite(lines: list[str], language: str) -> list[str]:
    notes: dict[str, str] = {}  # footnote label -> its definition, in order of first use

    def marker(match: re.Match[str]) -> str:
        cites = ONE.findall(match["body"])
        label = "-".join(cite_id.lower() for cite_id, _ in cites)
        notes.setdefault(label, LEAD[language] + JOIN[language].join(f"[{i}]({url})" for i, url in cites))
        return f"[^{label}]"

    out: list[str] = []
    fence: str | None = None
    for line in lines:
        opening = FENCE.match(line)
        if fence is None and opening:
            fence = opening[1]
        elif fence is not None and line.strip().startswith(fence[0] * len(fence)):
            fence = None
        elif fence is None:  # inline code (a citation shown as an example) is left as written
            parts = CODE_SPAN.split(line)
            line = "".join(part if index % 2 else GROUP[language].sub(marker, part) for index, part in enumerate(parts))
        out.append(line)
    if notes:
        out += [""] + [f"[^{label}]: {text}" for label, text in notes.items()]
    return out


class CitationPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        page = current_page(self.md)
        language = "en" if page is not None and page.docs_dir.name == "en" else "ja"  # ja: the source language
        for extension in self.md.registeredExtensions:  # the back links' titles in the page's language
            if isinstance(extension, FootnoteExtension):
                extension.setConfig("BACKLINK_TITLE", BACKLINK_TITLE[language])
        return rewrite(lines, language)


class CitationNotesExtension(Extension):
    def extendMarkdown(self, md: Any) -> None:
        md.preprocessors.register(CitationPreprocessor(md), "citation_notes", 29)


def makeExtension(**kwargs: Any) -> CitationNotesExtension:
    return CitationNotesExtension(**kwargs)
