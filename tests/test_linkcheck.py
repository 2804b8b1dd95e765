"""scripts/check_links.py (`make linkcheck`) on a tiny built site: it passes a sound site and names the page and line
of a broken link, a link that only works at the server root and any other LinkChecker warning. (A missing anchor is
the strict build's LINK002: tests/test_build_strict.py.)"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts import check_links
from scripts.project import PROJECT, ROOT

SITE = ROOT / "tests" / "fixtures" / "validate" / "linkcheck-site"


def run(site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scripts.check_links", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def test_sound_site_passes() -> None:
    result = run(SITE)
    assert (result.returncode, result.stdout) == (0, ""), result.stderr


@pytest.fixture
def broken_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    page = site / "en" / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            '<p><a href="../page/#steps">Steps (Japanese)</a></p>',
            '<p><a href="../page/#steps">Steps</a></p>\n<p><a href="../gone/">Gone</a></p>\n'
            '<p><a href="/page/">Root-relative</a></p>',
        ),
        encoding="utf-8",
    )
    return site


def test_broken_links_fail_naming_page_and_line(broken_site: Path) -> None:
    result = run(broken_site)
    assert result.returncode == 1
    lines = sorted(result.stdout.splitlines())
    assert [line.split(" link ")[0] for line in lines] == [
        f"{broken_site}/en/index.html:7: LC001",
        f"{broken_site}/en/index.html:8: LC001",
    ]
    assert all("(written in docs/en/index.md)" in line for line in lines)


def test_other_warnings_fail_too(tmp_path: Path) -> None:
    """LC003: a warning that is neither a broken link nor a missing anchor (here an empty page) fails the run."""
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    (site / "empty").mkdir()
    (site / "empty" / "index.html").write_text("", encoding="utf-8")
    page = site / "en" / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace("</body>", '<p><a href="../empty/">Empty</a></p>\n</body>'),
        encoding="utf-8",
    )
    result = run(site)
    assert result.returncode == 1
    assert [line.split(" link ")[0] for line in result.stdout.splitlines()] == [f"{site}/en/index.html:7: LC003"]


def test_sources_of_built_pages() -> None:
    assert PROJECT.published_path == "/amazon-password-guide/"
    assert check_links.source_of("en/reset/") == "docs/en/reset/index.md"
    assert check_links.source_of("reset/index.html") == "docs/ja/reset/index.md"
    assert check_links.source_of("") == "docs/ja/index.md"
