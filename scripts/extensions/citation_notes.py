"""Citations that do not interrupt the steps: each citation group written in a page,
"（[出典: A1](…)、[出典: A2](…)）" or " ([source: A1](…), [source: A2](…))", is shown as one footnote marker (a tooltip
with Material's content.footnote.tooltips; a thumb-sized target, site.css "Targets a thumb can hit"), and the page
ends with the list of its sources, each linking to its entry on the references page, which stays the one place every
citation id is described.

The Markdown sources keep the inline form: writers and `make validate` (links, parity, terms) see exactly what they
saw before; only the rendering changes. A group with other text in its parentheses ("（[出典: A30](…)、2019年時点）")
is left as it is. Code blocks and inline code are left alone. A Python-Markdown preprocessor, so MkDocs and Zensical
both run it; it needs the `footnotes` extension, listed before it in mkdocs.yml.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension
from markdown.preprocessors import Preprocessor

CITE = r"\[(?:出典|source): (?P<id{n}>[A-Z][0-9]+)\]\((?P<url{n}>[^)\s]+)\)"
GROUP = {
    "ja": re.compile(r"（(?P<body>\[出典: [A-Z][0-9]+\]\([^)\s]+\)(?:、\[出典: [A-Z][0-9]+\]\([^)\s]+\))*)）"),
    "en": re.compile(r" ?\((?P<body>\[source: [A-Z][0-9]+\]\([^)\s]+\)(?:, \[source: [A-Z][0-9]+\]\([^)\s]+\))*)\)"),
}
ONE = re.compile(CITE.format(n=""))
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+[^`]*`+)")
LEAD = {"ja": "出典：", "en": "Source: "}
JOIN = {"ja": "、", "en": ", "}


def language_of(md: Any) -> str:
    """ "en" on pages of the English docs folder, else "ja" (the source language)."""
    from scripts.extensions.page_context import current_page

    page = current_page(md)
    return "en" if page is not None and page.docs_dir.name == "en" else "ja"


def rewrite(lines: list[str], language: str) -> list[str]:
    group = GROUP[language]
    notes: dict[str, str] = {}  # footnote label -> its definition, in order of first use
    out: list[str] = []
    fence: str | None = None
    for line in lines:
        opening = FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)
        elif fence is not None and line.strip().startswith(fence[0] * len(fence)):
            fence = None
        if fence is not None or opening:
            out.append(line)
            continue

        def marker(match: re.Match[str]) -> str:
            cites = [(m.group("id"), m.group("url")) for m in ONE.finditer(match.group("body"))]
            label = "-".join(cite_id.lower() for cite_id, _ in cites)
            notes.setdefault(label, LEAD[language] + JOIN[language].join(f"[{i}]({u})" for i, u in cites))
            return f"[^{label}]"

        # Inline code (a citation shown as an example, on the style guide) is left as written.
        parts = CODE_SPAN.split(line)
        out.append("".join(part if index % 2 else group.sub(marker, part) for index, part in enumerate(parts)))
    if notes:
        out += [""] + [f"[^{label}]: {text}" for label, text in notes.items()]
    return out


BACKLINK_TITLE = {"ja": "本文の{}番目の出典に戻る", "en": "Back to source {} in the text"}


class CitationPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        language = language_of(self.md)
        # SIM401 would write .get(): a Markdown Registry has none.
        footnotes = self.md.treeprocessors["footnote"] if "footnote" in self.md.treeprocessors else None  # noqa: SIM401
        if footnotes is not None:  # the back links' titles in the page's language
            footnotes.footnotes.setConfig("BACKLINK_TITLE", BACKLINK_TITLE[language])
        return rewrite(lines, language)


class CitationNotesExtension(Extension):
    def extendMarkdown(self, md: Any) -> None:
        md.preprocessors.register(CitationPreprocessor(md), "citation_notes", 29)


def makeExtension(**kwargs: Any) -> CitationNotesExtension:
    return CitationNotesExtension(**kwargs)
