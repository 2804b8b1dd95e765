"""Fixtures shared by every test (helpers to import live in tests/helpers.py: a conftest is never imported).

The built site: `make test` builds it first (`make build`, strict) and passes it on as GUIDE_SITE_DIR, so the
tests read that build instead of making their own. A plain `pytest` (an editor, one file) builds both languages
once per session into a temporary folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scripts.localserver import serve
from scripts.project import PROJECT
from tests.helpers import mkdocs_build


@pytest.hookimpl(trylast=True)  # after tests/browser/conftest.py has marked its tests
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests without a browser run first, so that a failure there shows in the first minutes, not after the browser
    tests (tests/browser/conftest.py marks those)."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every language built strictly: the original at the root, each other language in its folder (`make build`)."""
    given = os.environ.get("GUIDE_SITE_DIR")
    if given:
        site = Path(given).resolve()
        if not (site / "index.html").is_file():
            pytest.fail(f"GUIDE_SITE_DIR={given} holds no built site (run `make build`)", pytrace=False)
        return site
    out = tmp_path_factory.mktemp("site")
    for language in PROJECT.languages:
        result = mkdocs_build(language.config_file, out / language.path)
        if result.returncode:
            pytest.fail(f"mkdocs build of {language.config_file.name} failed:\n{result.stderr}", pytrace=False)
    return out


@pytest.fixture(scope="session")
def mount_path() -> str:
    """The path the site is published under (from site_url), so local URLs match production ones."""
    return PROJECT.published_path


@pytest.fixture(scope="session")
def site_url(site_dir: Path, mount_path: str) -> str:
    """The built site served on 127.0.0.1 under the published path; returns the root URL (original language)."""
    with serve(site_dir, mount_path) as url:
        yield url
