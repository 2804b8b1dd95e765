"""`make validate`: fast source-level checks of the docs tree (no build, no browser).

Each module of this package checks one family of rules over one parsed model of the tree (scripts/doctree.py,
scripts/pagemodel.py) and yields Problems; the codes are listed on docs/*/contributing/checks/ and its child pages.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from scripts.pagemodel import Heading, Page, yaml_error_line


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
    """The YAML node tree of a data file (every node keeps its line), or the `code` problem at its YAML error."""
    try:
        return yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader), None
    except yaml.YAMLError as error:
        message = f"not valid YAML: {' '.join(str(error).split())}"
        return None, Problem(path, yaml_error_line(error), code, message, "fix the YAML")


def line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def value_of(node: yaml.Node) -> Any:
    """What PyYAML's safe loader reads from a node: the checks read values and report at the node's line."""
    return yaml.SafeLoader("").construct_document(node)


def section_end(page: Page, heading: Heading) -> int:
    """The line of the next heading of the same or a higher level (one past the page's end when there is none)."""
    later = (h.line for h in page.headings if h.line > heading.line and h.level <= heading.level)
    return min(later, default=len(page.lines) + 1)


def resolve(page: Page, url: str) -> str | None:
    """The docs-relative path a relative link of the page points at (`reset/index.md`); None for other links."""
    path = url.split("#", 1)[0]
    if not path or "://" in path:
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(page.rel), path))
