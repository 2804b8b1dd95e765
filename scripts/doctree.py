"""The docs tree as the checks and tools see it: each language's MkDocs config (scripts/project.py) with the line of
every nav entry, every page parsed once (scripts/pagemodel.py), and where each translation stands (Status)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from scripts.hashing import source_hash
from scripts.pagemodel import Page, parse_page
from scripts.project import Project


@dataclass(frozen=True)
class NavEntry:
    file: str  # as written in the nav: "reset/index.md"
    line: int


@dataclass
class Config:
    docs_dir: Path
    nav: list[NavEntry] | None  # None when neither this file nor the one it INHERITs has a nav
    nav_path: Path  # the file the nav was read from (the English config may inherit the Japanese nav)
    not_in_nav: set[str] = field(default_factory=set)  # pages MkDocs' `not_in_nav` leaves out of the nav on purpose


@dataclass
class Site:
    root: Path
    configs: dict[str, Config]
    pages: dict[str, dict[str, Page]]  # language -> rel path -> page
    source_map: Path
    languages: tuple[str, ...]  # from extra.languages, the original first

    @property
    def original(self) -> str:  # the language the others are translated from
        return self.languages[0]

    @property
    def translations(self) -> tuple[str, ...]:
        return self.languages[1:]

    def shown(self, language: str, rel: str) -> str:  # "docs/en/reset/index.md", whether the page exists or not
        return (self.configs[language].docs_dir / rel).relative_to(self.root).as_posix()

    def counterpart(self, page: Page, language: str) -> Page | None:
        return self.pages[language].get(page.rel)

    def all_pages(self) -> list[Page]:
        return [page for language in self.languages for page in self.pages[language].values()]


def _nav_entries(node: yaml.Node) -> list[NavEntry]:
    """Every page of a nav tree in order: `- file.md`, `- Title: file.md`, `- Section: [...]`. URLs are skipped."""
    if isinstance(node, yaml.ScalarNode):
        return [] if "://" in node.value else [NavEntry(node.value, node.start_mark.line + 1)]
    children = [value for _, value in node.value] if isinstance(node, yaml.MappingNode) else node.value
    return [entry for child in children for entry in _nav_entries(child)]


def _nav_lines(config_file: Path) -> tuple[list[NavEntry] | None, Path]:
    """The nav entries with their lines (MkDocs keeps none), and the file that holds them: as in MkDocs, the nav of a
    config that INHERITs replaces its parent's."""
    node = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    keys = {key.value: value for key, value in node.value} if isinstance(node, yaml.MappingNode) else {}
    if "nav" in keys:
        return _nav_entries(keys["nav"]), config_file
    if isinstance(keys.get("INHERIT"), yaml.ScalarNode):
        return _nav_lines((config_file.parent / keys["INHERIT"].value).resolve())
    return None, config_file


def load_site(root: Path) -> Site:
    project = Project(root)
    configs, pages = {}, {}
    for language in project.codes:
        docs_dir = Path(project.config(language).docs_dir)
        left_out = {page.src for page in project.pages(language) if page.not_in_nav}
        configs[language] = Config(docs_dir, *_nav_lines(project.language(language).config_file), left_out)
        pages[language] = {page.src: parse_page(page.source, docs_dir, language) for page in project.pages(language)}
    return Site(project.root, configs, pages, project.root / "docs" / "source-map.yml", project.codes)


class Status(enum.Enum):  # where a translation stands against its original (`make translations`, TR002)
    UP_TO_DATE = "up to date"
    STALE = "stale"
    UNMARKED = "not marked"
    MISSING = "missing"  # the original has no translation
    ORPHAN = "no original"  # a translation without an original


def pair_status(original: Page | None, translation: Page | None) -> Status:
    if original is None:
        return Status.ORPHAN
    if translation is None:
        return Status.MISSING
    data = translation.front_matter.data
    recorded = data.get("translation_of") if isinstance(data, dict) else None
    if not recorded:
        return Status.UNMARKED
    return Status.UP_TO_DATE if recorded == source_hash(original.text) else Status.STALE
