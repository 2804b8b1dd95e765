"""The docs tree as the checks see it: both MkDocs configs (with the line of every nav entry) and every page of
both languages parsed once into scripts.pagemodel.Page."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from scripts.pagemodel import Page, parse_page

LANGUAGES = ("ja", "en")
CONFIG_NAMES = {"ja": "mkdocs.yml", "en": "mkdocs.en.yml"}
SOURCE_MAP = Path("docs/source-map.yml")


@dataclass(frozen=True)
class NavEntry:
    file: str  # as written in the nav: "reset/index.md"
    line: int


@dataclass
class Config:
    language: str
    path: Path
    docs_dir: Path
    nav: list[NavEntry] | None  # None when neither this file nor the one it INHERITs has a nav
    nav_path: Path  # the file the nav was read from (the English config may inherit the Japanese nav)
    values: dict[str, Any] = field(default_factory=dict)


@dataclass
class Site:
    root: Path
    configs: dict[str, Config]
    pages: dict[str, dict[str, Page]]  # language -> rel path -> page
    source_map: Path

    def counterpart(self, page: Page) -> Page | None:
        other = "en" if page.language == "ja" else "ja"
        return self.pages[other].get(page.rel)

    def all_pages(self) -> list[Page]:
        return [page for language in LANGUAGES for page in self.pages[language].values()]


def _plain(node: yaml.Node | None) -> Any:
    """A composed YAML node as plain Python values; tags (MkDocs' !!python/…, !ENV) are ignored, not resolved."""
    if isinstance(node, yaml.MappingNode):
        return {str(_plain(k)): _plain(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_plain(v) for v in node.value]
    if isinstance(node, yaml.ScalarNode):
        return node.value
    return None


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            if key_node.value == key:
                return value
    return None


def _nav_entries(node: yaml.Node) -> list[NavEntry]:
    """Every page of a nav tree in order: `- file.md`, `- Title: file.md`, `- Section: [...]`. URLs are skipped."""
    entries: list[NavEntry] = []
    if isinstance(node, yaml.ScalarNode):
        if "://" not in node.value:
            entries.append(NavEntry(node.value, node.start_mark.line + 1))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            entries.extend(_nav_entries(item))
    elif isinstance(node, yaml.MappingNode):
        for _, value in node.value:
            entries.extend(_nav_entries(value))
    return entries


def _compose(path: Path) -> yaml.Node | None:
    return yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)


def load_config(root: Path, language: str) -> Config:
    path = root / CONFIG_NAMES[language]
    node = _compose(path)
    values = _plain(node) or {}
    nav_node, nav_path = _child(node, "nav"), path
    parent_name = values.get("INHERIT")
    if parent_name:
        parent_path = (path.parent / parent_name).resolve()
        parent = _compose(parent_path)
        values = {**(_plain(parent) or {}), **values}
        if nav_node is None:
            nav_node, nav_path = _child(parent, "nav"), parent_path
    docs_dir = (path.parent / str(values.get("docs_dir", "docs"))).resolve()
    nav = _nav_entries(nav_node) if nav_node is not None else None
    return Config(language, path, docs_dir, nav, nav_path, values)


def load_site(root: Path) -> Site:
    root = root.resolve()
    configs = {language: load_config(root, language) for language in LANGUAGES}
    pages: dict[str, dict[str, Page]] = {}
    for language, config in configs.items():
        files = sorted(config.docs_dir.rglob("*.md")) if config.docs_dir.is_dir() else []
        pages[language] = {
            page.rel: page for page in (parse_page(path, config.docs_dir, language) for path in files)
        }
    return Site(root, configs, pages, root / SOURCE_MAP)
