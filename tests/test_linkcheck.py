"""scripts/linkcheck.py (`make linkcheck`) on a tiny built site: it passes a sound site and names the page and line
of a broken link, a missing anchor and a link that only works at the server root."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "tests" / "fixtures" / "validate" / "linkcheck-site"
sys.path.insert(0, str(ROOT / "scripts"))
import linkcheck  # noqa: E402  (scripts/ is not a package on the path of the tests)


def run(site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scripts.linkcheck", "--site-dir", str(site)],
                          cwd=ROOT, capture_output=True, text=True, check=False, timeout=300)


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
            '<p><a href="../page/#stpes">Steps</a></p>\n<p><a href="../gone/">Gone</a></p>\n'
            '<p><a href="/page/">Root-relative</a></p>'),
        encoding="utf-8")
    return site


def test_broken_links_and_anchors_fail_naming_page_and_line(broken_site: Path) -> None:
    result = run(broken_site)
    assert result.returncode == 1
    lines = sorted(result.stdout.splitlines())
    assert [line.split(" link ")[0] for line in lines] == [
        f"{broken_site}/en/index.html:6: LC002",
        f"{broken_site}/en/index.html:7: LC001",
        f"{broken_site}/en/index.html:8: LC001",
    ]
    assert all("(written in docs/en/index.md)" in line for line in lines)
    assert "`stpes'" in lines[0]


def test_published_path_and_sources() -> None:
    assert linkcheck.published_path(ROOT / "mkdocs.yml") == "/amazon-password-guide/"
    assert linkcheck.source_of("en/reset/") == "docs/en/reset/index.md"
    assert linkcheck.source_of("reset/index.html") == "docs/ja/reset/index.md"
    assert linkcheck.source_of("") == "docs/ja/index.md"


def test_rc_file_enables_anchor_checking() -> None:
    assert "[AnchorCheck]" in (ROOT / "scripts" / "linkcheckerrc").read_text(encoding="utf-8").splitlines()
