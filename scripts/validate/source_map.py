"""MAP: every entry of docs/source-map.yml names a page and a heading id that exist in both languages, and says what
the source sub-section is about with two or three key terms per language that the mapped section contains (the
heading and everything under it up to the next heading of the same or a higher level; case-insensitive). Every
language of the model needs its terms."""

from __future__ import annotations

from collections.abc import Iterator

import yaml

from scripts.doctree import Site
from scripts.pagemodel import Page
from scripts.validate import Problem, compose_yaml


def check(site: Site) -> Iterator[Problem]:
    path = site.source_map
    if not path.exists():
        return
    node, problem = compose_yaml(path, "MAP001")
    if problem:
        yield problem
    if node is None:
        return
    if not isinstance(node, yaml.SequenceNode):
        yield Problem(path, 1, "MAP001", "the source map is not a list of entries", "write one `- {…}` per line")
        return
    for item in node.value:
        line = item.start_mark.line + 1
        entry = yaml.safe_load(yaml.serialize(item))  # PyYAML reads the entry; the node keeps its line
        entry = entry if isinstance(entry, dict) else {}
        terms = {
            str(language): [str(word) for word in words if not isinstance(word, (dict, list))]
            for language, words in (entry.get("terms") if isinstance(entry.get("terms"), dict) else {}).items()
            if isinstance(words, list)
        }
        page, anchor = entry.get("page"), entry.get("anchor")
        if not isinstance(page, str) or not isinstance(anchor, str) or not page or not anchor:
            yield Problem(
                path,
                line,
                "MAP001",
                "the entry needs a `page` and an `anchor`",
                "write {line: …, source: …, page: x/index.md, anchor: heading-id}",
            )
            continue
        for language in site.languages:
            target = site.pages[language].get(page)
            shown = f"{site.configs[language].docs_dir.relative_to(site.root).as_posix()}/{page}"
            if target is None:
                yield Problem(path, line, "MAP002", f"{shown} does not exist", "fix `page` or write the page")
            elif anchor not in {h.id for h in target.headings}:
                yield Problem(
                    path,
                    line,
                    "MAP003",
                    f"{shown} has no heading with the id `{anchor}`",
                    "fix `anchor`, or give the heading that covers this part that id",
                )
            elif not 2 <= len(terms.get(language, [])) <= 3:
                yield Problem(
                    path,
                    line,
                    "MAP005",
                    f"the entry needs two or three key terms for {language}",
                    f"add `{language}: [term, term]` to the entry's terms: words of the section that say "
                    "what the source part is about",
                )
            else:
                text = section_text(target, anchor)
                for term in terms[language]:
                    if term.lower() not in text.lower():
                        yield Problem(
                            path,
                            line,
                            "MAP004",
                            f"{shown}#{anchor} does not contain the key term `{term}`",
                            "cover that part of the source in the section, or map the entry to the section that does",
                        )


def section_text(page: Page, anchor: str) -> str:
    """The lines of the heading with this id and of everything under it, up to the next heading of its level."""
    headings = page.headings
    for index, heading in enumerate(headings):
        if heading.id == anchor:
            end = len(page.lines)
            for later in headings[index + 1 :]:
                if later.level <= heading.level:
                    end = later.line - 1
                    break
            return "\n".join(page.lines[heading.line - 1 : end])
    return ""
