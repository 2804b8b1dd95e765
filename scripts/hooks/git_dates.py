"""MkDocs hook: a page's "last updated" date is its last commit's, on any git version.

mkdocs-git-revision-date-localized-plugin asks `git log --diff-filter=r`, which Debian's git 2.39 answers with
nothing (every page showed the build date). This hook runs after the plugin, asks git plainly for the committer date
(as `git log -1 --format=%cs` shows it) and lets the plugin format it. Without a commit the plugin's fallback, the
build date, stays. The plugin's INFO line for each page it found no date for is hidden: this hook replaces that date.
"""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path
from typing import Any

logging.getLogger("mkdocs.plugins.mkdocs_git_revision_date_localized_plugin.util").setLevel(logging.WARNING)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    plugin = config.plugins.get("git-revision-date-localized")
    if plugin is None or not plugin.config.get("enabled") or not page.file.abs_src_path:
        return markdown
    source = Path(page.file.abs_src_path)
    result = subprocess.run(
        ["git", "log", "-1", "--format=%H %ct", "--", source.name], cwd=source.parent, capture_output=True, text=True
    )
    if result.returncode or len(fields := result.stdout.split()) != 2:
        return markdown
    # The plugin's own rendering: the same format, spans and page.meta keys as when its git query works.
    return plugin._render_date(
        markdown=markdown,
        page=page,
        locale=plugin._get_locale(page),
        variable="git_revision_date_localized",
        commit_hash=fields[0],
        commit_timestamp=int(fields[1]),
    )
