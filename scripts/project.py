"""The one model of the project: every script, build hook and test asks this module, and nothing else, for

- the repository root (`ROOT`);
- the languages, in the order of `extra.languages` in the primary config `mkdocs.yml` (the first is the original,
  published at the site root; each other language `xx` is built from `mkdocs.xx.yml`);
- each language's configuration, loaded by MkDocs' own `load_config`, so `INHERIT` is merged exactly as MkDocs
  merges it (nested mappings such as `theme` keep the inherited keys);
- the published path (the path part of `site_url`, e.g. "/amazon-password-guide/") and each language's site_dir;
- the pages of each language with their source file and URL, from MkDocs' own file collection (`get_files`).

Adding a language is therefore a config change plus its pages: a new entry in `extra.languages`, a `mkdocs.xx.yml`
and `docs/xx/` (tests/test_project.py builds such a throw-away third language).

Bad input raises ProjectError naming the config file and the key (a missing language, an unknown page, a config
that does not load), never a bare KeyError.

This module imports nothing else of the project: checks, tools and entry points import it, never the reverse.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from logging.handlers import BufferingHandler
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PRIMARY_CONFIG = "mkdocs.yml"
LANGUAGES_KEY = "extra.languages"


class ProjectError(Exception):
    """A question the project's configuration cannot answer; the message names the config file and the key."""


@dataclass(frozen=True)
class Language:
    code: str  # "ja", "en": `lang` in extra.languages
    name: str  # what the language switcher shows
    path: str  # where the language lives below the site root: "" for the original, "en/" for English
    url: str  # its absolute published root
    config_file: Path  # mkdocs.yml for the original, mkdocs.<code>.yml for the others
    locale: str = ""  # its Open Graph locale ("ja_JP"); the code alone when unset
    diagram_label: str = ""  # what a screen reader says for a diagram (scripts/render_diagrams.py)


@dataclass(frozen=True)
class SitePage:
    language: str
    src: str  # relative to the language's docs_dir, POSIX: "reset/index.md"
    source: Path  # the absolute path of the Markdown file
    url: str  # below the language's root, as MkDocs computes it with directory URLs: "" for the home page, "reset/"
    dest: str  # the output file below the language's site_dir: "reset/index.html"
    site_path: str  # below the site root, all languages: "reset/", "en/reset/"
    not_in_nav: bool = False  # matched by the config's `not_in_nav` (MkDocs' own matching): no nav entry needed


class Project:
    """The project at `root` (this repository by default; tests pass a fixture tree)."""

    def __init__(self, root: Path = ROOT) -> None:
        self.root = Path(root).resolve()
        # Loaded once per Project: make a new Project to see edited configs or pages (the live preview does).
        self._configs: dict[Path, object] = {}
        self._pages: dict[str, tuple[SitePage, ...]] = {}

    # -- configuration ---------------------------------------------------------------------------------------
    def config(self, language: str | None = None):
        """The MkDocs configuration of one language (the original when None), as MkDocs itself loads it."""
        path = self.primary_config if language is None else self.language(language).config_file
        if path not in self._configs:
            self._configs[path] = _load(path)
        return self._configs[path]

    @property
    def primary_config(self) -> Path:
        return self.root / PRIMARY_CONFIG

    @functools.cached_property
    def languages(self) -> tuple[Language, ...]:
        config = self.config()
        entries = (config.extra or {}).get("languages")
        where = f"{self.primary_config}: {LANGUAGES_KEY}"
        if not isinstance(entries, list) or not entries:
            raise ProjectError(f"{where} is missing or empty: list each language as {{lang, name, path, url}}")
        languages = []
        for number, entry in enumerate(entries, 1):
            if not isinstance(entry, dict) or not entry.get("lang"):
                raise ProjectError(f"{where}[{number}] has no `lang`")
            code = str(entry["lang"])
            path = str(entry.get("path") or "")
            config_file = self.primary_config if number == 1 else self.root / f"mkdocs.{code}.yml"
            if number == 1 and path:
                raise ProjectError(
                    f"{where}[1] ({code}) is the original language, published at the root: "
                    f"its `path` must be empty, not {path!r}"
                )
            if number > 1 and not path.endswith("/"):
                raise ProjectError(f"{where}[{number}] ({code}) needs a `path` ending in / (e.g. {code}/)")
            if not config_file.is_file():
                raise ProjectError(
                    f"{where}[{number}] names language {code!r}, but its config {config_file.name} does not exist"
                )
            languages.append(
                Language(
                    code,
                    str(entry.get("name") or code),
                    path,
                    str(entry.get("url") or ""),
                    config_file,
                    str(entry.get("locale") or code),
                    str(entry.get("diagram_label") or ""),
                )
            )
        return tuple(languages)

    @property
    def codes(self) -> tuple[str, ...]:
        """("ja", "en"): the language codes in order, the original first."""
        return tuple(language.code for language in self.languages)

    @property
    def original(self) -> Language:
        return self.languages[0]

    def language(self, code: str) -> Language:
        for language in self.languages:
            if language.code == code:
                return language
        raise ProjectError(
            f"{self.primary_config}: {LANGUAGES_KEY} has no language {code!r} (it lists {', '.join(self.codes)})"
        )

    def docs_dir(self, language: str) -> Path:
        return Path(self.config(language).docs_dir)

    def site_dir(self, language: str | None = None) -> Path:
        """Where `make build` writes the language (the original's site_dir is the site root)."""
        return Path(self.config(language).site_dir)

    @property
    def published_path(self) -> str:
        """The path the site is published under: the path of the original's site_url ("/" when unset)."""
        path = urlsplit(self.config().site_url or "/").path or "/"
        return path if path.endswith("/") else path + "/"

    # -- pages -----------------------------------------------------------------------------------------------
    def pages(self, language: str) -> list[SitePage]:
        """Every Markdown page of one language, sorted by source path, with the URL MkDocs gives it."""
        if language not in self._pages:
            found = self.language(language)
            self._pages[language] = _pages(self.config(language), found.code, found.path)
        return list(self._pages[language])

    def page(self, language: str, src: str) -> SitePage:
        for page in self.pages(language):
            if page.src == src:
                return page
        config = self.language(language).config_file
        raise ProjectError(
            f"{config}: docs_dir has no page {src!r} "
            f"({self.docs_dir(language).relative_to(self.root).as_posix()}/{src} does not exist)"
        )


def _load(config_file: Path):
    """MkDocs' load_config, once per file; a config that does not load raises ProjectError with MkDocs' reasons."""
    from mkdocs import exceptions
    from mkdocs.config import load_config

    if not config_file.is_file():
        raise ProjectError(f"{config_file}: the config file does not exist")
    collect = BufferingHandler(capacity=1000)  # MkDocs logs why a config does not load, then raises
    collect.setLevel(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        return load_config(str(config_file))
    except (exceptions.MkDocsException, OSError, ValueError) as error:
        reasons = "; ".join(record.getMessage() for record in collect.buffer) or str(error)
        raise ProjectError(f"{config_file}: the config does not load: {reasons}") from None
    finally:
        logger.removeHandler(collect)


def _pages(config, language: str, prefix: str) -> tuple[SitePage, ...]:
    from mkdocs.structure.files import get_files

    docs = Path(config.docs_dir)
    found = []
    for file in get_files(config).documentation_pages():
        url = "" if file.url in ("./", ".") else file.url
        found.append(
            SitePage(
                language,
                file.src_uri,
                docs / file.src_uri,
                url,
                file.dest_uri,
                prefix + url,
                file.inclusion.is_not_in_nav(),
            )
        )
    return tuple(sorted(found, key=lambda page: page.src))


PROJECT = Project()


if __name__ == "__main__":  # `python -m scripts.project configs`: the config of each language, the original first
    import sys

    if sys.argv[1:] != ["configs"]:
        sys.exit("usage: python -m scripts.project configs")
    print("\n".join(language.config_file.relative_to(ROOT).as_posix() for language in PROJECT.languages))
