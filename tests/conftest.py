"""Fixtures shared by every test: the site is built once per test session, into a temporary folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from scripts.localserver import serve

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("ja", "en")
CONFIG_FILES = {"ja": ROOT / "mkdocs.yml", "en": ROOT / "mkdocs.en.yml"}


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml for its plain values, ignoring the !!python tags that only MkDocs resolves."""


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_Loader.add_constructor("!ENV", lambda loader, node: None)


def read_config(language: str) -> dict:
    """The merged configuration of one language (the English file INHERITs the Japanese one)."""
    config = yaml.load(CONFIG_FILES["ja"].read_text(encoding="utf-8"), Loader=_Loader)
    if language == "en":
        config.update(yaml.load(CONFIG_FILES["en"].read_text(encoding="utf-8"), Loader=_Loader))
    return config


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both languages built strictly: Japanese at the root, English in en/ (as `make build` does)."""
    out = tmp_path_factory.mktemp("site")
    for language, sub in (("ja", out), ("en", out / "en")):
        result = mkdocs_build(CONFIG_FILES[language], sub)
        if result.returncode:
            pytest.fail(f"mkdocs build of {CONFIG_FILES[language].name} failed:\n{result.stderr}", pytrace=False)
    return out


def mkdocs_build(config: Path, site: Path) -> subprocess.CompletedProcess:
    """A strict build as `make build` runs it; output captured for the failure message."""
    return subprocess.run(
        # Never --quiet: MkDocs 1.6 then stops counting warnings and --strict passes a broken build.
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "--site-dir", str(site)],
        cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True,
    )


@pytest.fixture(scope="session")
def mount_path() -> str:
    """The path the site is published under (from site_url), so local URLs match production ones."""
    return urlsplit(read_config("ja")["site_url"]).path


@pytest.fixture(scope="session")
def site_url(site_dir: Path, mount_path: str) -> str:
    """The built site served on 127.0.0.1 under the published path; returns the Japanese root URL."""
    with serve(site_dir, mount_path) as url:
        yield url


def source_pages(language: str) -> list[Path]:
    """Every Markdown page of one language, as paths relative to its docs folder."""
    docs = ROOT / "docs" / language
    return sorted(p.relative_to(docs) for p in docs.rglob("*.md"))


def page_output(src: Path) -> Path:
    """Where MkDocs writes a page: x/index.md -> x/index.html, x/y.md -> x/y/index.html."""
    if src.name == "index.md":
        return src.with_suffix(".html")
    return src.with_suffix("") / "index.html"
