"""QUERY: every query of every tests/browser/search_*.yml (the tuned set and the held-out sets) names a language of
the project and a page's URL below its root ("reset/", "" for the home page, from MkDocs' own file collection), so a
renamed or mistyped page fails here with its line instead of counting as a search miss in `make bench`."""

from __future__ import annotations

from collections.abc import Iterator

import yaml

from scripts.doctree import Site
from scripts.project import Project
from scripts.validate import Problem, compose_yaml, line_of, value_of

QUERY_FILES = "tests/browser/search_*.yml"
FIX_PAGE = 'name the page that solves the query by its URL below the root of its language (`reset/`, `""` for home)'
FORMAT = "write `- {query: …, page: reset/}` under a language code (`page`: the page's URL below its language's root)"


def check(site: Site) -> Iterator[Problem]:
    files = sorted(site.root.glob(QUERY_FILES))
    project = Project(site.root) if files else None
    urls = {language: {page.url for page in project.pages(language)} for language in site.languages} if files else {}
    for path in files:
        node, problem = compose_yaml(path, "QUERY001")
        if problem or not isinstance(node, yaml.MappingNode):
            message = "the file is not a mapping of language codes to lists of queries"
            yield problem or Problem(path, 1, "QUERY001", message, FORMAT)
            continue
        for key, cases in node.value:
            language = key.value
            if language not in urls:
                message = f"`{language}` is not a language of the project (extra.languages lists {', '.join(urls)})"
                yield Problem(path, line_of(key), "QUERY001", message, "use one of those language codes")
                continue
            if not isinstance(cases, yaml.SequenceNode):
                yield Problem(path, line_of(key), "QUERY001", f"`{language}` is not a list of queries", FORMAT)
                continue
            for item in cases.value:
                entry = value_of(item)
                query, page = (entry.get("query"), entry.get("page")) if isinstance(entry, dict) else (None, None)
                if not (isinstance(query, str) and query.strip() and isinstance(page, str)):
                    message = "the entry needs a `query` and a `page`, both text"
                    yield Problem(path, line_of(item), "QUERY001", message, FORMAT)
                elif page not in urls[language]:
                    message = f"{language}: `{page}` is not the URL of any page (query {query!r})"
                    yield Problem(path, line_of(item), "QUERY002", message, FIX_PAGE)
