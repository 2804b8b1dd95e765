"""`make validate`: fast source-level checks of the docs tree (no build, no browser).

Each module of this package checks one family of rules and yields Problem objects; __main__ runs them all over one
parsed model of the tree (scripts/doctree.py, scripts/pagemodel.py) and prints `path:line: CODE message`.
The codes are listed, with an example and the fix, on docs/*/contributing/checks/ (the checks page and its child
pages, one per group of checks).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True, order=True)
class Problem:
    path: Path
    line: int
    code: str
    message: str
    fix: str

    def format(self, root: Path) -> str:
        try:
            shown = self.path.relative_to(root).as_posix()
        except ValueError:
            shown = str(self.path)
        return f"{shown}:{max(self.line, 1)}: {self.code} {self.message} (fix: {self.fix})"


def compose_yaml(path: Path, code: str) -> tuple[yaml.Node | None, Problem | None]:
    """The YAML node tree of a data file (with the line of every node), or the `code` problem at the line of its
    YAML error."""
    try:
        return yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader), None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return None, Problem(path, (mark.line + 1) if mark else 1, code, f"not valid YAML: {error}", "fix the YAML")
