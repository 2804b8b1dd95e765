"""MkDocs hook: the "last updated" date of each page is its last commit, on any git version.

mkdocs-git-revision-date-localized-plugin asks `git log --diff-filter=r` for a page's last commit. Debian's git 2.39
answers that with nothing, so every page showed the build date instead. This hook runs after the plugin (hooks come
after plugins), asks git plainly (`git log -1 --format="%H %ct" -- <page>`, the committer date, as `git log -1
--format=%cs` shows it) and lets the plugin format the date as it always does. A page with no commit yet, or a
build outside a git checkout, keeps the plugin's own fallback (the build date). tests/test_site.py compares every
page's shown date with git log.

The plugin's own failed query logs "'<page>' has no git logs, using current timestamp" for every page on git 2.39:
that line is about the date this hook then replaces, so its INFO lines are not shown (its warnings still are).
"""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path
from typing import Any

PLUGIN = "git-revision-date-localized"
VARIABLE = "git_revision_date_localized"
# Set when MkDocs loads the config, before any plugin runs.
logging.getLogger("mkdocs.plugins.mkdocs_git_revision_date_localized_plugin.util").setLevel(logging.WARNING)


def last_commit(path: str) -> tuple[str, int] | None:
    """(hash, committer timestamp) of the last commit that touched the file, or None."""
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%H %ct", "--", Path(path).name],
            cwd=Path(path).parent,
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    fields = result.stdout.split()
    if result.returncode or len(fields) != 2:
        return None
    return fields[0], int(fields[1])


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    plugin = config.plugins.get(PLUGIN)
    if plugin is None or not plugin.config.get("enabled") or not page.file.abs_src_path:
        return markdown
    found = last_commit(page.file.abs_src_path)
    if found is None:
        return markdown
    commit_hash, timestamp = found
    # The plugin's own rendering: the same format, spans and page.meta keys as when its git query works.
    return plugin._render_date(
        markdown=markdown,
        page=page,
        locale=plugin._get_locale(page),
        variable=VARIABLE,
        commit_hash=commit_hash,
        commit_timestamp=timestamp,
    )
