"""docs/search.yml, the readers' search words: one schema (SCHEMA) for `make validate` and the build hook
(scripts/hooks/search_readers.py), so that both report a mistake the same way, with its line. What each part means:
the file's own comments and docs/*/contributing/style-guide/ (#search-words)."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import yaml

from scripts.validate import Problem, compose_yaml, line_of, value_of

DATA = Path("docs") / "search.yml"  # below the project root

TEXT, FLAG, NUMBER = "text", "true or false", "a number"
_TYPES = {"str": TEXT, "bool": FLAG, "int": NUMBER, "float": NUMBER}  # YAML's tag -> the schema's name
_KINDS = {list: "a list (`[a, b]` or one `- item` per line)", dict: "a mapping (`key: value` lines)"}
LANG = "<lang>"  # stands for each code of extra.languages
# A mapping is a dict of key -> schema, a list `[item schema]`; a key ending in "?" may be left out.
SCHEMA = {
    "pages?": [{"path": TEXT, "search": {"exclude?": FLAG, "boost?": NUMBER}, "why": TEXT}],
    "panel": {LANG: {"label": TEXT, "more": TEXT, "empty": TEXT, "all": TEXT}},
    "ignore?": {LANG + "?": [TEXT]},
    "common?": {LANG + "?": [TEXT]},
    "define?": {LANG + "?": [TEXT]},
    "synonyms?": {LANG + "?": [{"to": TEXT, "from": [TEXT]}]},
}


def fold(text: str) -> str:
    """Width and case folding, the same as the query gets in the browser (String.normalize("NFKC").toLowerCase())."""
    return unicodedata.normalize("NFKC", text).lower()


def check_file(root: Path, languages: tuple[str, ...]) -> tuple[dict, list[Problem]]:
    """The data of docs/search.yml and its problems (the data is only to be used when there are none)."""
    path = root / DATA
    if not path.is_file():
        fix = "create it: the build needs at least `panel:` words for each language"
        return {}, [Problem(path, 1, "SEARCH002", "the file is missing", fix)]
    node, problem = compose_yaml(path, "SEARCH002")
    if problem:
        return {}, [problem]
    problems: list[Problem] = []

    def report(node: yaml.Node, code: str, message: str, fix: str) -> None:
        problems.append(Problem(path, line_of(node), code, message, fix))

    def walk(node: yaml.Node, schema: Any, where: str) -> None:
        if isinstance(schema, list) and isinstance(node, yaml.SequenceNode):
            for number, item in enumerate(node.value, 1):
                walk(item, schema[0], f"{where}[{number}]")
        elif isinstance(schema, dict) and isinstance(node, yaml.MappingNode):
            mapping(node, schema, where)
        elif _TYPES.get(node.tag.rsplit(":")[-1]) == schema:  # a scalar of the wanted type
            if schema == TEXT and not node.value.strip():
                report(node, "SEARCH005", f"{where} is empty", "write the words, or remove the entry")
        else:
            found = {"mapping": "a mapping", "sequence": "a list"}.get(node.id, f"the single value {node.value!r:.40}")
            kind = _KINDS.get(type(schema), schema)
            fix = f"write {kind}"
            if node.id == "scalar" and (isinstance(schema, list) or schema == TEXT):
                fix = "write it as a list: `[word]`" if isinstance(schema, list) else 'quote it: "…"'
            report(node, "SEARCH005", f"{where} is {found}; {kind} belongs here", fix)

    def mapping(node: yaml.MappingNode, schema: dict, where: str) -> None:
        per_language = next((key[len(LANG) :] for key in schema if key.startswith(LANG)), None)
        if per_language is not None:
            schema = {code + per_language: schema[LANG + per_language] for code in languages}
        known = {key.rstrip("?"): value for key, value in schema.items()}
        seen: dict[str, yaml.Node] = {}
        for key_node, value in node.value:
            key = str(key_node.value)
            inside = f"{where}.{key}" if where else key
            if key in seen:
                message = f"`{inside}` appears twice (also line {line_of(seen[key])})"
                report(key_node, "SEARCH001", message, "keep one of them (merge their contents)")
            elif key not in known:
                what = "a language of the site" if per_language is not None else "a key"
                message = f"unknown key `{inside}`: not {what} here (allowed: {', '.join(sorted(known))})"
                report(key_node, "SEARCH003", message, "correct the spelling, or remove it")
            else:
                seen[key] = key_node
                walk(value, known[key], inside)
        for key in [key for key in schema if not key.endswith("?") and key not in seen]:
            if per_language is not None:
                fix = f"add `{key}:` under `{where}`, in that language"
                report(node, "SEARCH004", f"{where}: no entry for the site language `{key}`", fix)
            else:
                fix = f"add `{key}:` ({_KINDS.get(type(schema[key]), schema[key])})"
                report(node, "SEARCH004", f"{where or 'the file'} has no `{key}`", fix)

    node = node or yaml.compose("{}", Loader=yaml.SafeLoader)
    walk(node, SCHEMA, "")
    # Each word, reader's (`from`) or site's (`to`), belongs to one group: the browser maps a word to the first group
    # it meets and would silently drop the other mapping; two groups with one `to` split a meaning in two.
    fields = {key.value: value for key, value in node.value} if not problems else {}
    for language, groups in fields["synonyms"].value if "synonyms" in fields else []:
        owner: dict[str, tuple[yaml.Node, yaml.Node]] = {}  # word -> (its group's `to`, the word where first seen)
        for group in groups.value:
            words = {key.value: value for key, value in group.value}
            for word_node in [words["to"], *words["from"].value]:
                word = fold(word_node.value)
                to, first = owner.setdefault(word, (words["to"], word_node))
                if to is not words["to"]:
                    message = f"synonyms.{language.value}: '{word}' is already in the group for '{fold(to.value)}' "
                    message += f"(line {line_of(first)}); the browser would use only that"
                    fix = "keep each word in one group: merge the two, or drop it from one"
                    report(word_node, "SEARCH001", message, fix)
    return ({} if problems else value_of(node) or {}), problems


def check(site: Any) -> list[Problem]:
    """`make validate`: the same schema over the tree's docs/search.yml."""
    return check_file(site.root, site.languages)[1]
