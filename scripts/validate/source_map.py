"""MAP: every entry of docs/source-map.yml names a page and a heading id that exist in every language, and says what
the source sub-section is about with two or three key terms per language that the mapped section contains (the
heading and everything under it up to the next heading of the same or a higher level; case-insensitive)."""

from __future__ import annotations

from collections.abc import Iterator

import yaml

from scripts.doctree import Site
from scripts.validate import Problem, compose_yaml, line_of, section_end, value_of


def check(site: Site) -> Iterator[Problem]:
    path = site.source_map
    node, problem = compose_yaml(path, "MAP001") if path.exists() else (None, None)
    if problem:
        yield problem
    elif node is not None and not isinstance(node, yaml.SequenceNode):
        yield Problem(path, 1, "MAP001", "the source map is not a list of entries", "write one `- {…}` per line")
    for item in node.value if isinstance(node, yaml.SequenceNode) else ():
        line, entry = line_of(item), value_of(item)
        entry = entry if isinstance(entry, dict) else {}
        terms = entry.get("terms") if isinstance(entry.get("terms"), dict) else {}
        page, anchor = entry.get("page"), entry.get("anchor")
        if not (isinstance(page, str) and page and isinstance(anchor, str) and anchor):
            fix = "write {line: …, source: …, page: x/index.md, anchor: heading-id}"
            yield Problem(path, line, "MAP001", "the entry needs a `page` and an `anchor`", fix)
            continue
        for language in site.languages:
            target, shown, words = site.pages[language].get(page), site.shown(language, page), terms.get(language)
            heading = next((h for h in target.headings if h.id == anchor), None) if target else None
            if target is None:
                yield Problem(path, line, "MAP002", f"{shown} does not exist", "fix `page` or write the page")
            elif heading is None:
                message = f"{shown} has no heading with the id `{anchor}`"
                fix = "fix `anchor`, or give the heading that covers this part that id"
                yield Problem(path, line, "MAP003", message, fix)
            elif not isinstance(words, list) or not 2 <= len(words) <= 3:
                message = f"the entry needs two or three key terms for {language}"
                fix = (
                    f"add `{language}: [term, term]` to its terms: words of the section that say what the part is about"
                )
                yield Problem(path, line, "MAP005", message, fix)
            else:
                section = "\n".join(target.lines[heading.line - 1 : section_end(target, heading) - 1]).lower()
                fix = "cover that part of the source in the section, or map the entry to the section that does"
                for term in words:
                    if str(term).lower() not in section:
                        message = f"{shown}#{anchor} does not contain the key term `{term}`"
                        yield Problem(path, line, "MAP004", message, fix)
