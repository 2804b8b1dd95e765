"""docs/search.yml, the readers' search words: its one schema (SCHEMA), read by `make validate` and by the build hook
(scripts/hooks/search_readers.py) alike, so a mistake is reported the same way by both, with its line:
`docs/search.yml:LINE: SEARCHnnn message (fix: …)`. SEARCH001 a word in two groups of one language (the browser would
keep one mapping) or a key written twice; SEARCH002 no file or no YAML; SEARCH003 an unknown key (or a language not in
extra.languages); SEARCH004 a missing key; SEARCH005 a wrong type. What each part of the file means: its own comments
and docs/*/contributing/style-guide/ (#search-words).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import yaml

from scripts.pagemodel import yaml_error_line
from scripts.validate import Problem

DATA = Path("docs") / "search.yml"  # below the project root

TEXT, FLAG, NUMBER = "text", "true or false", "a number"
_TYPES = {"str": TEXT, "bool": FLAG, "int": NUMBER, "float": NUMBER}  # YAML's tag -> the schema's name
LANG = "<lang>"  # stands for each code of extra.languages
# A mapping is a dict of key -> schema, a list `[item schema]`; a key ending in "?" may be left out.
SCHEMA = {
    "pages?": [{"path": TEXT, "search": {"exclude?": FLAG, "boost?": NUMBER}, "why": TEXT}],
    "panel": {LANG: {"label": TEXT, "more": TEXT, "empty": TEXT, "all": TEXT}},
    "ignore?": {LANG + "?": [TEXT]},
    "synonyms?": {LANG + "?": [{"to": TEXT, "from": [TEXT]}]},
}


def fold(text: str) -> str:
    """Width and case folding, the same as the query gets in the browser (String.normalize("NFKC").toLowerCase())."""
    return unicodedata.normalize("NFKC", text).lower()


def _kind(schema: Any) -> str:
    if isinstance(schema, list):
        return "a list (`[a, b]` or one `- item` per line)"
    return "a mapping (`key: value` lines)" if isinstance(schema, dict) else schema


def _fields(node: yaml.MappingNode) -> dict[str, yaml.Node]:
    return {key.value: value for key, value in node.value}


class _Checker:
    def __init__(self, path: Path, languages: tuple[str, ...]) -> None:
        self.path, self.languages, self.problems = path, languages, []

    def report(self, node: yaml.Node, code: str, message: str, fix: str) -> None:
        self.problems.append(Problem(self.path, node.start_mark.line + 1, code, message, fix))

    def walk(self, node: yaml.Node, schema: Any, where: str) -> None:
        if isinstance(schema, list) and isinstance(node, yaml.SequenceNode):
            for number, item in enumerate(node.value, 1):
                self.walk(item, schema[0], f"{where}[{number}]")
        elif isinstance(schema, dict) and isinstance(node, yaml.MappingNode):
            self._mapping(node, schema, where)
        elif _TYPES.get(node.tag.rsplit(":")[-1]) == schema:  # a scalar of the wanted type
            if schema == TEXT and not node.value.strip():
                self.report(node, "SEARCH005", f"{where} is empty", "write the words, or remove the entry")
        else:
            found = "a mapping" if isinstance(node, yaml.MappingNode) else "a list"
            fix = f"write {_kind(schema)}"
            if isinstance(node, yaml.ScalarNode):
                found = f"the single value {node.value!r:.40}"
                if isinstance(schema, list):
                    fix = "write it as a list: `[word]`"
                elif schema == TEXT:
                    fix = 'quote it: "…"'
            self.report(node, "SEARCH005", f"{where} is {found}; {_kind(schema)} belongs here", fix)

    def _mapping(self, node: yaml.MappingNode, schema: dict, where: str) -> None:
        per_language = next((key[len(LANG) :] for key in schema if key.startswith(LANG)), None)
        if per_language is not None:
            schema = {code + per_language: schema[LANG + per_language] for code in self.languages}
        known = {key.rstrip("?"): value for key, value in schema.items()}
        seen: dict[str, yaml.Node] = {}
        for key_node, value in node.value:
            key = str(key_node.value)
            inside = f"{where}.{key}" if where else key
            if key in seen:
                message = f"`{inside}` appears twice (also line {seen[key].start_mark.line + 1})"
                self.report(key_node, "SEARCH001", message, "keep one of them (merge their contents)")
            elif key not in known:
                what = "a language of the site" if per_language is not None else "a key"
                message = f"unknown key `{inside}`: not {what} here (allowed: {', '.join(sorted(known))})"
                self.report(key_node, "SEARCH003", message, "correct the spelling, or remove it")
            else:
                seen[key] = key_node
                self.walk(value, known[key], inside)
        for key in [key for key in schema if not key.endswith("?") and key not in seen]:
            if per_language is not None:
                fix = f"add `{key}:` under `{where}`, in that language"
                self.report(node, "SEARCH004", f"{where}: no entry for the site language `{key}`", fix)
            else:
                fix = f"add `{key}:` ({_kind(schema[key])})"
                self.report(node, "SEARCH004", f"{where or 'the file'} has no `{key}`", fix)

    def one_group_per_word(self, node: yaml.MappingNode) -> None:
        """Each word, reader's (`from`) or site's (`to`), belongs to one group. The browser maps a word to the first
        group it meets and would silently drop the other mapping; two groups with one `to` split a meaning in two."""
        section = _fields(node).get("synonyms")
        for language_node, groups in section.value if section else []:
            owner: dict[str, tuple[int, int]] = {}  # word -> (its group, its line there)
            for index, group in enumerate(groups.value):
                for word_node in [_fields(group)["to"], *_fields(group)["from"].value]:
                    word = fold(word_node.value)
                    first, line = owner.setdefault(word, (index, word_node.start_mark.line + 1))
                    if first != index:
                        to = fold(_fields(groups.value[first])["to"].value)
                        message = f"synonyms.{language_node.value}: '{word}' is already in the group for '{to}'"
                        fix = "keep each word in one group: merge the two, or drop it from one"
                        self.report(
                            word_node, "SEARCH001", f"{message} (line {line}); the browser would use only that", fix
                        )


def check_file(root: Path, languages: tuple[str, ...]) -> tuple[dict, list[Problem]]:
    """The data of docs/search.yml and its problems (the data is only to be used when there are none). The build
    hook (scripts/hooks/search_readers.py) stops with the same problems as `make validate`."""
    path = root / DATA
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=yaml.SafeLoader) or yaml.compose("{}", Loader=yaml.SafeLoader)
    except OSError as error:
        fix = "create it: the build needs at least `panel:` words for each language"
        return {}, [Problem(path, 1, "SEARCH002", f"cannot be read: {error.strerror or error}", fix)]
    except yaml.YAMLError as error:
        reason = " ".join(str(getattr(error, "problem", None) or error).split())
        fix = 'check the indentation and quote text with a colon or a # in it ("…")'
        return {}, [Problem(path, yaml_error_line(error), "SEARCH002", f"not valid YAML: {reason}", fix)]
    checker = _Checker(path, languages)
    checker.walk(node, SCHEMA, "")
    if not checker.problems:
        checker.one_group_per_word(node)
    return ({} if checker.problems else yaml.safe_load(text) or {}), checker.problems


def check(site: Any) -> list[Problem]:
    """`make validate`: the same schema over the tree's docs/search.yml."""
    return check_file(site.root, site.languages)[1]
