"""scripts/hooks/git_dates.py: a page's "last updated" date is its last commit's, whatever git version builds it
(the plugin's own `git log --diff-filter=r` finds nothing with Debian's git 2.39, which showed the build date)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from scripts.project import ROOT
from tests.helpers import mkdocs_build

PAGE = "---\ntitle: Home\ndescription: A page.\n---\n\n# Home\n\nText.\n"


def git(repo: Path, *args: str, **dates: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        **dates,
    }
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def test_the_date_shown_is_the_last_commit_not_the_build(tmp_path: Path) -> None:
    docs = tmp_path / "docs" / "en"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text(PAGE, encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        yaml.safe_dump(
            {
                "INHERIT": str(ROOT / "mkdocs.en.yml"),
                "docs_dir": str(docs),
                "theme": {"name": "material", "custom_dir": str(ROOT / "overrides"), "language": "en"},
                "hooks": [str(ROOT / "scripts" / "hooks" / "git_dates.py")],
                "nav": ["index.md"],
            }
        ),
        encoding="utf-8",
    )
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    # Rebased commits keep their author date: the date shown is the committer's, as `git log -1 --format=%cs` gives.
    git(
        tmp_path,
        "commit",
        "-qm",
        "page",
        GIT_AUTHOR_DATE="2019-06-01T12:00:00+00:00",
        GIT_COMMITTER_DATE="2020-01-02T12:00:00+00:00",
    )
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    # No line per page about the plugin's own query, whose result this hook replaces.
    assert "has no git logs" not in result.stderr
    html = BeautifulSoup((tmp_path / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert html.select_one(".git-revision-date-localized-plugin-date").get_text(strip=True) == "January 2, 2020"
    # In words, not behind a clock icon only (overrides/partials/source-file.html).
    assert " ".join(html.select_one(".md-source-file__fact").get_text().split()) == "Last updated: January 2, 2020"
