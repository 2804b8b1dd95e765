"""QUERY: every query of the search query files (tests/browser/search_*.yml: the tuned set and the held-out set)
names a language of the project and a page that exists in it, so that a renamed or mistyped page fails here with the
file and line instead of counting as a search miss in `make bench`.

A file is a mapping of language code to a list of `{query, page, ...}`; `page` is the page's URL below the language's
root ("reset/", "" for the home page), as scripts/project.py computes it from MkDocs' own file collection. Anchors are
not checked: the bench reports whether a result opens at the named section.
"""

from __future__ import annotations

from collections.abc import Iterator

import yaml

from scripts.doctree import Site
from scripts.project import Project
from scripts.validate import Problem, compose_yaml

QUERY_FILES = "tests/browser/search_*.yml"
FORMAT = "write `- {query: …, page: reset/}` under a language code (`page`: the page's URL below its language's root)"


def check(site: Site) -> Iterator[Problem]:
    files = sorted(site.root.glob(QUERY_FILES))
    if not files:
        return
    project = Project(site.root)
    urls = {language: {page.url for page in project.pages(language)} for language in site.languages}
    for path in files:
        yield from _check_file(path, urls)


def _check_file(path, urls: dict[str, set[str]]) -> Iterator[Problem]:
    node, problem = compose_yaml(path, "QUERY001")
    if problem:
        yield problem
        return
    if not isinstance(node, yaml.MappingNode):
        yield Problem(path, 1, "QUERY001", "the file is not a mapping of language codes to lists of queries", FORMAT)
        return
    for key, cases in node.value:
        language = key.value
        line = key.start_mark.line + 1
        if language not in urls:
            yield Problem(
                path,
                line,
                "QUERY001",
                f"`{language}` is not a language of the project (extra.languages lists {', '.join(urls)})",
                "use one of those language codes",
            )
            continue
        if not isinstance(cases, yaml.SequenceNode):
            yield Problem(path, line, "QUERY001", f"`{language}` is not a list of queries", FORMAT)
            continue
        for item in cases.value:
            line = item.start_mark.line + 1
            entry = {k.value: v for k, v in item.value} if isinstance(item, yaml.MappingNode) else {}
            query, page = entry.get("query"), entry.get("page")
            if (
                not all(isinstance(n, yaml.ScalarNode) and n.tag.endswith(":str") for n in (query, page))
                or not query.value.strip()
            ):
                yield Problem(path, line, "QUERY001", "the entry needs a `query` and a `page`, both text", FORMAT)
            elif page.value not in urls[language]:
                yield Problem(
                    path,
                    line,
                    "QUERY002",
                    f"{language}: `{page.value}` is not the URL of any page (query {query.value!r})",
                    "name the page that solves the query by its URL below the language's root, e.g. "
                    '`reset/` (`""` for the home page), or write that page',
                )
