"""The strict build itself rejects broken links and anchors, naming the file (the last line of defence behind
`make validate`)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scripts.project import ROOT
from tests.helpers import mkdocs_build

GOOD_PAGE = "---\ntitle: Home\ndescription: A page.\n---\n\n# Home\n\n## Section { #section }\n\nText.\n"


def make_project(tmp_path: Path, pages: dict[str, str]) -> Path:
    """A small project that inherits the real English configuration, with its own pages and nav."""
    docs = tmp_path / "docs"
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    config = {
        "INHERIT": str(ROOT / "mkdocs.en.yml"),
        "docs_dir": str(docs),
        "theme": {"name": "material", "custom_dir": str(ROOT / "overrides"), "language": "en"},
        # The translation-notice hook compares with Japanese sources, which this project has none of.
        "hooks": [],
        "nav": sorted(pages),
    }
    path = tmp_path / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def test_a_good_project_builds(tmp_path):
    result = mkdocs_build(make_project(tmp_path, {"index.md": GOOD_PAGE}), tmp_path / "site")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("link", "complaint"),
    [("other/index.md", "not found among documentation files"),
     ("index.md#no-such-section", "no such anchor"),
     ("/index.md", "absolute link")],
)
def test_a_bad_link_fails_the_build_naming_the_file(tmp_path, link, complaint):
    broken = GOOD_PAGE.replace("Text.", f"See [there]({link}).")
    project = make_project(tmp_path, {"index.md": GOOD_PAGE, "broken/index.md": broken})
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "broken/index.md" in result.stderr
    assert complaint in result.stderr


def test_a_page_left_out_of_the_nav_fails_the_build(tmp_path):
    project = make_project(tmp_path, {"index.md": GOOD_PAGE})
    (tmp_path / "docs/orphan.md").write_text(GOOD_PAGE, encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "orphan.md" in result.stderr


def test_a_nav_entry_to_a_missing_page_fails_the_build(tmp_path):
    project = make_project(tmp_path, {"index.md": GOOD_PAGE})
    config = yaml.safe_load(project.read_text(encoding="utf-8"))
    project.write_text(yaml.safe_dump({**config, "nav": ["index.md", "missing/index.md"]}), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "missing/index.md" in result.stderr


def test_quiet_stops_strict_from_counting_warnings(tmp_path):
    """Why no build here may be quiet: with --quiet, MkDocs 1.6 logs no warning and --strict passes a broken site."""
    broken = GOOD_PAGE.replace("Text.", "See [there](other/index.md).")
    project = make_project(tmp_path, {"index.md": broken})
    quiet = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(project),
                            "--site-dir", str(tmp_path / "site")], cwd=ROOT, capture_output=True, text=True,
                           env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert quiet.returncode == 0, "MkDocs now fails a quiet strict build: this guard may be relaxed"
    assert mkdocs_build(project, tmp_path / "site").returncode == 1


STRICT_BUILD = re.compile(r"mkdocs['\",\s]+build\b(?P<rest>[^\n]*)")


def test_no_strict_build_is_quiet():
    """Every strict build the project runs (Makefile, scripts, workflows) keeps MkDocs' warnings on."""
    sources = [ROOT / "Makefile", *(ROOT / "scripts").rglob("*.py"), *(ROOT / ".github").rglob("*.yml")]
    found = []
    for source in sources:
        for match in STRICT_BUILD.finditer(source.read_text(encoding="utf-8")):
            rest = match["rest"]
            if "--strict" in rest and re.search(r"--quiet|['\"\s]-q\b", rest):
                found.append(f"{source.relative_to(ROOT)}: {match[0].strip()}")
    assert found == []
