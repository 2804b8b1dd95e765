"""Helpers that several test modules import (a plain module: conftest.py holds only fixtures and is never imported).

The project's facts (root, languages, configs, pages and their URLs) come from scripts/project.py, like everywhere
else; nothing here computes them again.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from scripts.project import PROJECT, ROOT, SitePage


def mkdocs_build(config: Path, site: Path) -> subprocess.CompletedProcess:
    """A strict build as `make build` runs it; output captured for the failure message."""
    return subprocess.run(
        # Never --quiet: MkDocs 1.6 then stops counting warnings and --strict passes a broken build.
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "--site-dir", str(site)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )


def all_pages() -> list[SitePage]:
    """Every page of every language, the original language first."""
    return [page for language in PROJECT.codes for page in PROJECT.pages(language)]


def page_id(page: SitePage) -> str:
    return f"{page.language}/{page.src}"


def built(site_dir: Path, page: SitePage) -> Path:
    """The HTML file a build into `site_dir` wrote for the page."""
    return site_dir / PROJECT.language(page.language).path / page.dest


def language_root(site_dir: Path, language: str) -> Path:
    return site_dir / PROJECT.language(language).path


def nav_files() -> list[tuple[str, str]]:
    """(language, file) for every page in each language's nav, as written by hand in its config, plus the pages its
    `not_in_nav` leaves out on purpose: an account of the published pages that tests compare with the model's."""

    def walk(node) -> list[str]:
        if isinstance(node, str):
            return [] if "://" in node else [node]
        if isinstance(node, dict):
            return [file for value in node.values() for file in walk(value)]
        if isinstance(node, list):
            return [file for item in node for file in walk(item)]
        return []

    listed = [(language, file) for language in PROJECT.codes for file in walk(PROJECT.config(language).nav)]
    left_out = [
        (page.language, page.src) for language in PROJECT.codes for page in PROJECT.pages(language) if page.not_in_nav
    ]
    return listed + left_out


def copy_project(base: Path) -> Path:
    """The project as a contributor has it, copied to `base`: committed files and new ones not yet committed, never
    what .gitignore leaves out (the virtual environments alone are hundreds of megabytes) nor the tests."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    for name in listed:
        if name and not name.startswith("tests/") and (ROOT / name).is_file():
            (base / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, base / name)
    return base
