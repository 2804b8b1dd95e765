"""The strict build itself rejects broken links and anchors, naming the file (the last line of defence behind
`make validate`)."""

from __future__ import annotations

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
