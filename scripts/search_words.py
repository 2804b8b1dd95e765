"""docs/search.yml, the readers' search words: its one schema, read by `make validate` and by the build hook
(scripts/hooks/search_readers.py) alike, so a mistake is reported the same way by both, with its line:

    docs/search.yml:LINE: SEARCHnnn message (fix: …)

SEARCH001 a word (`from`) or a site word (`to`) in two groups of one language (the browser would keep one mapping),
          or a key written twice
SEARCH002 the file is missing or is not valid YAML
SEARCH003 a key the schema does not know (a misspelt key, or a language that is not in extra.languages)
SEARCH004 a key the schema needs is missing (a group without `to`, a language without its panel words)
SEARCH005 a value of the wrong type (a string where a list belongs, a number where text belongs)

The file (see its own comments and docs/*/contributing/ for the meaning of each part):

    pages:    - {path: glob, search: {exclude: bool, boost: number}, why: text}
    panel:    {<lang>: {label: text, more: text, empty: text, all: text}}   every language of the site
    ignore:   {<lang>: [word, …]}
    synonyms: {<lang>: [{to: words, from: [word, …]}, …]}

<lang> is a code of extra.languages (scripts/project.py).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from scripts.pagemodel import yaml_error_line
from scripts.validate import Problem

DATA = Path("docs") / "search.yml"  # below the project root

TEXT, FLAG, NUMBER = "text", "true or false", "a number"
_TAGS = {TEXT: {"str"}, FLAG: {"bool"}, NUMBER: {"int", "float"}}


@dataclass(frozen=True)
class ListOf:
    item: Any


@dataclass(frozen=True)
class PerLanguage:
    value: Any
    every: bool = False  # each language of the site must have an entry


# A mapping is a dict of key -> schema; a key ending in "?" may be left out.
GROUP = {"to": TEXT, "from": ListOf(TEXT)}
SCHEMA = {
    "pages?": ListOf({"path": TEXT, "search": {"exclude?": FLAG, "boost?": NUMBER}, "why": TEXT}),
    "panel": PerLanguage({"label": TEXT, "more": TEXT, "empty": TEXT, "all": TEXT}, every=True),
    "ignore?": PerLanguage(ListOf(TEXT)),
    "synonyms?": PerLanguage(ListOf(GROUP)),
}


class SearchWordsError(Exception):
    """docs/search.yml does not match the schema; str() is every problem, one `path:line: CODE …` per line."""

    def __init__(self, problems: list[Problem], root: Path) -> None:
        self.problems = problems
        super().__init__("\n".join(problem.format(root) for problem in problems))


def fold(text: str) -> str:
    """Width and case folding, the same as the query gets in the browser (String.normalize("NFKC").toLowerCase())."""
    return unicodedata.normalize("NFKC", text).lower()


def _kind(schema: Any) -> str:
    if isinstance(schema, ListOf):
        return "a list (`[a, b]` or one `- item` per line)"
    if isinstance(schema, (dict, PerLanguage)):
        return "a mapping (`key: value` lines)"
    return TEXT if schema == TEXT else schema


class _Checker:
    def __init__(self, path: Path, languages: tuple[str, ...]) -> None:
        self.path, self.languages, self.problems = path, languages, []

    def report(self, node: yaml.Node, code: str, message: str, fix: str) -> None:
        self.problems.append(Problem(self.path, node.start_mark.line + 1, code, message, fix))

    def walk(self, node: yaml.Node, schema: Any, where: str) -> None:
        if isinstance(schema, ListOf):
            if not isinstance(node, yaml.SequenceNode):
                return self._wrong(node, schema, where)
            for number, item in enumerate(node.value, 1):
                self.walk(item, schema.item, f"{where}[{number}]")
        elif isinstance(schema, PerLanguage):
            keys = self._mapping(
                node, schema, where, {code + "?": schema.value for code in self.languages}, "a language of the site"
            )
            every = schema.every and isinstance(node, yaml.MappingNode)  # else the wrong type is the one report
            missing = [code for code in self.languages if every and code not in keys]
            for code in missing:
                self.report(
                    node,
                    "SEARCH004",
                    f"{where}: no entry for the site language `{code}`",
                    f"add `{code}:` under `{where}`, in that language",
                )
        elif isinstance(schema, dict):
            self._mapping(node, schema, where, schema, "a key")
        elif not (isinstance(node, yaml.ScalarNode) and node.tag.rsplit(":", 1)[-1] in _TAGS[schema]):
            self._wrong(node, schema, where)
        elif schema == TEXT and not node.value.strip():
            self.report(node, "SEARCH005", f"{where} is empty", "write the words, or remove the entry")

    def _wrong(self, node: yaml.Node, schema: Any, where: str) -> None:
        found = "a mapping" if isinstance(node, yaml.MappingNode) else "a list"
        fix = f"write {_kind(schema)}"
        if isinstance(node, yaml.ScalarNode):
            found = f"the single value {node.value!r:.40}"
            if isinstance(schema, ListOf):
                fix = "write it as a list: `[word]`"
            elif schema == TEXT:
                fix = 'quote it: "…"'
        self.report(node, "SEARCH005", f"{where} is {found}; {_kind(schema)} belongs here", fix)

    def _mapping(self, node: yaml.Node, schema: Any, where: str, keys: dict, what: str) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            self._wrong(node, schema, where)
            return {}
        known = {key.rstrip("?"): value for key, value in keys.items()}
        seen: dict[str, yaml.Node] = {}
        for key_node, value in node.value:
            key, inside = str(key_node.value), f"{where}.{key_node.value}" if where else str(key_node.value)
            if key in seen:
                earlier = seen[key].start_mark.line + 1
                self.report(
                    key_node,
                    "SEARCH001",
                    f"`{inside}` appears twice (also line {earlier})",
                    "keep one of them (merge their contents)",
                )
            elif key not in known:
                allowed = ", ".join(sorted(known))
                self.report(
                    key_node,
                    "SEARCH003",
                    f"unknown key `{inside}`: not {what} here (allowed: {allowed})",
                    "correct the spelling, or remove it",
                )
            else:
                seen[key] = key_node
                self.walk(value, known[key], inside)
        for key, value in keys.items():
            if not key.endswith("?") and key not in seen:
                self.report(
                    node, "SEARCH004", f"{where or 'the file'} has no `{key}`", f"add `{key}:` ({_kind(value)})"
                )
        return seen

    def one_group_per_word(self, node: yaml.MappingNode) -> None:
        """Each word, reader's (`from`) or site's (`to`), belongs to one group. The browser maps a word to the first
        group it meets and would silently drop the other mapping; two groups with one `to` split a meaning in two."""
        section = dict((k.value, v) for k, v in node.value).get("synonyms")
        for language_node, groups in section.value if section else []:
            owner: dict[str, tuple[int, int]] = {}  # word -> (its group, its line there)
            for index, group in enumerate(groups.value):
                fields = dict((k.value, v) for k, v in group.value)
                for word_node in [fields["to"], *fields["from"].value]:
                    word = fold(word_node.value)
                    first, line = owner.setdefault(word, (index, word_node.start_mark.line + 1))
                    if first != index:
                        to = fold(dict((k.value, v) for k, v in groups.value[first].value)["to"].value)
                        self.report(
                            word_node,
                            "SEARCH001",
                            f"synonyms.{language_node.value}: '{word}' is already in the group for '{to}' "
                            f"(line {line}); the browser would use only that one",
                            "keep each word in one group: merge the two, or drop it from one",
                        )


def check_text(text: str, path: Path, languages: tuple[str, ...]) -> tuple[dict, list[Problem]]:
    """The data of docs/search.yml and its problems (the data is only to be used when there are none)."""
    checker = _Checker(path, languages)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        reason = " ".join(str(getattr(error, "problem", None) or error).split())
        return {}, [
            Problem(
                path,
                yaml_error_line(error),
                "SEARCH002",
                f"not valid YAML: {reason}",
                'check the indentation and quote text with a colon or a # in it ("…")',
            )
        ]
    if node is None:
        node = yaml.MappingNode("tag:yaml.org,2002:map", [], yaml.Mark("", 0, 0, 0, None, None), None)
    checker.walk(node, SCHEMA, "")
    if checker.problems:
        return {}, checker.problems
    checker.one_group_per_word(node)
    return yaml.safe_load(text) or {}, checker.problems


def check_file(root: Path, languages: tuple[str, ...]) -> tuple[dict, list[Problem]]:
    path = root / DATA
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        return {}, [
            Problem(
                path,
                1,
                "SEARCH002",
                f"cannot be read: {error.strerror or error}",
                "create it: the build needs at least `panel:` words for each language",
            )
        ]
    return check_text(text, path, languages)


def load(root: Path, languages: tuple[str, ...]) -> dict:
    """The checked data, or SearchWordsError naming every problem (the build hook stops with it)."""
    data, problems = check_file(root, languages)
    if problems:
        raise SearchWordsError(problems, root)
    return data


def check(site: Any) -> list[Problem]:
    """`make validate`: the same schema over the tree's docs/search.yml."""
    return check_file(site.root, site.languages)[1]
