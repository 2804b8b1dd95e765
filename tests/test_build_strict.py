"""The strict build is the check of internal links and anchors (MkDocs' own `validation:`): it fails on each, naming
the file and the line with a LINK code (scripts/hooks/link_messages.py). The bad-link fixtures of
tests/fixtures/build/<CODE>[-case]/ are the validate fixture tree with one file changed, as for `make validate`."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scripts.project import ROOT, Project
from tests.helpers import mkdocs_build
from tests.validate_helpers import copy_good

BUILD_FIXTURES = ROOT / "tests" / "fixtures" / "build"
WARNING = re.compile(r"^WARNING -\s+(?P<where>\S+:\d+: [A-Z]+\d{3}) .*\(fix: .+\)$", re.M)

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
    [
        ("other/index.md", "not found among documentation files"),
        ("index.md#no-such-section", "no such anchor"),
        ("/index.md", "absolute link"),
    ],
)
def test_a_bad_link_fails_the_build_naming_the_file(tmp_path, link, complaint):
    broken = GOOD_PAGE.replace("Text.", f"See [there]({link}).")
    project = make_project(tmp_path, {"index.md": GOOD_PAGE, "broken/index.md": broken})
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "broken/index.md" in result.stderr
    assert complaint in result.stderr


def build_fixture_tree(tree: Path, site: Path) -> list[str]:
    """Builds every language of a fixture tree (with this project's link hook) and returns `path:line: CODE` of
    each warning."""
    config = tree / "mkdocs.yml"
    hook = (ROOT / "scripts" / "hooks" / "link_messages.py").as_posix()
    config.write_text(config.read_text(encoding="utf-8") + f"hooks:\n  - {hook}\n", encoding="utf-8")
    found = []
    for language in Project(tree).languages:
        result = mkdocs_build(language.config_file, site / language.code)
        found += WARNING.findall(result.stderr)
        assert result.returncode == (1 if found else 0), result.stderr
    return sorted(found)


def test_the_good_fixture_tree_builds(tmp_path):
    assert build_fixture_tree(copy_good(tmp_path), tmp_path / "site") == []


@pytest.mark.parametrize("case", sorted(path.name for path in BUILD_FIXTURES.iterdir()))
def test_a_bad_link_fixture_fails_the_build_with_its_code(case, tmp_path):
    tree = copy_good(tmp_path)
    shutil.copytree(BUILD_FIXTURES / case / "tree", tree, dirs_exist_ok=True)
    expected = (BUILD_FIXTURES / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert expected and all(line.endswith(case.split("-")[0]) for line in expected)
    assert build_fixture_tree(tree, tmp_path / "site") == sorted(expected)


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
    quiet = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--quiet",
            "-f",
            str(project),
            "--site-dir",
            str(tmp_path / "site"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
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


def test_one_process_building_every_language_names_each_ones_file(tmp_path, caplog):
    """`make serve` and `make diagrams` build every language in one process: each link warning names the file of the
    language being built, not that of the config loaded before."""
    from mkdocs.commands.build import build

    tree = copy_good(tmp_path)
    config = tree / "mkdocs.yml"
    hook = (ROOT / "scripts" / "hooks" / "link_messages.py").as_posix()
    config.write_text(config.read_text(encoding="utf-8") + f"hooks:\n  - {hook}\n", encoding="utf-8")
    project = Project(tree)
    for language in project.languages:
        page = project.page(language.code, "guide/index.md").source
        page.write_text(page.read_text(encoding="utf-8") + "\nSee [gone](../gone/index.md).\n", encoding="utf-8")
        project.config(language.code).site_dir = str(tmp_path / "site" / language.path)
        project.config(language.code).strict = False
    for language in project.languages:
        build(project.config(language.code))
    found = sorted(m.split(": LINK")[0] for m in caplog.messages if ": LINK" in m)
    assert found == ["docs/en/guide/index.md:49", "docs/ja/guide/index.md:48"]
