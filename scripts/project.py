"""The one module that asks MkDocs about the project: its languages (`extra.languages` in mkdocs.yml, the original
first; each other language `xx` is built from mkdocs.xx.yml), each language's config as MkDocs' own load_config
merges INHERIT, and each language's pages with the URLs MkDocs' get_files gives them. Everything else asks this
module (so adding a language is a config change plus its pages: tests/test_project.py builds a third one), and it
imports nothing else of the project. Bad input raises ProjectError naming the config file and the key.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from logging.handlers import BufferingHandler
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent


class ProjectError(Exception):
    pass


@dataclass(frozen=True)
class Language:
    code: str  # `lang` in extra.languages: "ja", "en"
    path: str  # below the site root: "" for the original, "en/"
    config_file: Path  # mkdocs.yml for the original, mkdocs.<code>.yml for the others
    locale: str  # its Open Graph locale ("ja_JP"); the code when unset
    diagram_label: str  # what a screen reader says for a diagram (scripts/render_diagrams.py)


@dataclass(frozen=True)
class SitePage:
    language: str
    src: str  # below the language's docs_dir, POSIX: "reset/index.md"
    source: Path  # the Markdown file, absolute
    url: str  # below the language's root, as MkDocs gives it: "" for the home page, "reset/"
    dest: str  # below the language's site_dir: "reset/index.html"
    site_path: str  # below the site root: "reset/", "en/reset/"
    not_in_nav: bool  # matched by the config's `not_in_nav` (MkDocs' own matching)


class Project:
    """The project at `root` (tests pass a fixture tree), read once: a new Project sees edited configs and pages."""

    def __init__(self, root: Path = ROOT) -> None:
        self.root = Path(root).resolve()
        self.primary_config = self.root / "mkdocs.yml"
        self._configs: dict[Path, object] = {}
        self._pages: dict[str, list[SitePage]] = {}

    def config(self, language: str | None = None):
        """One language's MkDocs configuration (the original's when None)."""
        path = self.primary_config if language is None else self.language(language).config_file
        if path not in self._configs:
            self._configs[path] = _load(path)
        return self._configs[path]

    @functools.cached_property
    def languages(self) -> tuple[Language, ...]:
        where = f"{self.primary_config}: extra.languages"
        entries = (self.config().extra or {}).get("languages")
        if not isinstance(entries, list) or not entries:
            raise ProjectError(f"{where} is missing or empty: list each language as {{lang, name, path, url}}")
        languages = []
        for number, entry in enumerate(entries, 1):
            if not isinstance(entry, dict) or not entry.get("lang"):
                raise ProjectError(f"{where}[{number}] has no `lang`")
            code, path = str(entry["lang"]), str(entry.get("path") or "")
            config_file = self.primary_config if number == 1 else self.root / f"mkdocs.{code}.yml"
            if path != ("" if number == 1 else path.rstrip("/") + "/"):
                raise ProjectError(
                    f"{where}[{number}] ({code}): `path` must be empty for the original (the site root) and end "
                    f"in / for the others, not {path!r}"
                )
            if not config_file.is_file():
                raise ProjectError(
                    f"{where}[{number}] names language {code!r}, but its config {config_file.name} does not exist"
                )
            locale, label = str(entry.get("locale") or code), str(entry.get("diagram_label") or "")
            languages.append(Language(code, path, config_file, locale, label))
        return tuple(languages)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(language.code for language in self.languages)

    @property
    def original(self) -> Language:
        return self.languages[0]

    def language(self, code: str) -> Language:
        for language in self.languages:
            if language.code == code:
                return language
        raise ProjectError(
            f"{self.primary_config}: extra.languages has no language {code!r} (it lists {', '.join(self.codes)})"
        )

    def docs_dir(self, language: str) -> Path:
        return Path(self.config(language).docs_dir)

    def site_dir(self, language: str | None = None) -> Path:
        return Path(self.config(language).site_dir)

    @property
    def published_path(self) -> str:
        """The path part of the original's site_url, e.g. "/amazon-password-guide/"."""
        path = urlsplit(self.config().site_url or "/").path
        return path.rstrip("/") + "/"

    def pages(self, language: str) -> list[SitePage]:
        """Every Markdown page of one language, sorted by source path."""
        from mkdocs.structure.files import get_files

        if language not in self._pages:
            config, prefix = self.config(language), self.language(language).path
            found = []
            for file in get_files(config).documentation_pages():
                url = "" if file.url in ("./", ".") else file.url
                source = Path(config.docs_dir) / file.src_uri
                not_in_nav = file.inclusion.is_not_in_nav()
                found.append(SitePage(language, file.src_uri, source, url, file.dest_uri, prefix + url, not_in_nav))
            self._pages[language] = sorted(found, key=lambda page: page.src)
        return list(self._pages[language])

    def page(self, language: str, src: str) -> SitePage:
        for page in self.pages(language):
            if page.src == src:
                return page
        raise ProjectError(f"{self.language(language).config_file}: docs_dir has no page {src!r}")


def _load(config_file: Path):
    """MkDocs' load_config; a config that does not load raises ProjectError with the reasons MkDocs logged."""
    from mkdocs import exceptions
    from mkdocs.config import load_config

    reasons = BufferingHandler(capacity=1000)
    reasons.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(reasons)
    try:
        return load_config(str(config_file))
    except (exceptions.MkDocsException, OSError, ValueError) as error:
        shown = "; ".join(record.getMessage() for record in reasons.buffer) or str(error)
        raise ProjectError(f"{config_file}: the config does not load: {shown}") from None
    finally:
        logging.getLogger("mkdocs").removeHandler(reasons)


PROJECT = Project()

if __name__ == "__main__":  # `python -m scripts.project configs` (make build): each language's config, original first
    import sys

    if sys.argv[1:] != ["configs"]:
        sys.exit("usage: python -m scripts.project configs")
    print("\n".join(language.config_file.relative_to(ROOT).as_posix() for language in PROJECT.languages))
