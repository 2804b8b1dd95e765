"""MAP: every entry of docs/source-map.yml names a page and a heading id that exist in both languages."""

from __future__ import annotations

from collections.abc import Iterator

import yaml

from scripts.validate import Problem
from scripts.doctree import Site


def check(site: Site) -> Iterator[Problem]:
    path = site.source_map
    if not path.exists():
        return
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        yield Problem(path, (mark.line + 1) if mark else 1, "MAP001", f"not valid YAML: {error}", "fix the YAML")
        return
    if node is None:
        return
    if not isinstance(node, yaml.SequenceNode):
        yield Problem(path, 1, "MAP001", "the source map is not a list of entries", "write one `- {…}` per line")
        return
    for item in node.value:
        line = item.start_mark.line + 1
        entry = {k.value: v.value for k, v in item.value} if isinstance(item, yaml.MappingNode) else {}
        page, anchor = entry.get("page"), entry.get("anchor")
        if not isinstance(page, str) or not isinstance(anchor, str) or not page or not anchor:
            yield Problem(path, line, "MAP001", "the entry needs a `page` and an `anchor`",
                          "write {line: …, source: …, page: x/index.md, anchor: heading-id}")
            continue
        for language in site.languages:
            target = site.pages[language].get(page)
            shown = f"{site.configs[language].docs_dir.relative_to(site.root).as_posix()}/{page}"
            if target is None:
                yield Problem(path, line, "MAP002", f"{shown} does not exist", "fix `page` or write the page")
            elif anchor not in {h.id for h in target.headings}:
                yield Problem(path, line, "MAP003", f"{shown} has no heading with the id `{anchor}`",
                              "fix `anchor`, or give the heading that covers this part that id")
