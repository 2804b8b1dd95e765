"""MD: markdownlint (the project's settings in .markdownlint-cli2.yaml) over every page, its findings printed like
every other check's. `make lint-markdown` runs it over README.md, CONTRIBUTING.md and .github/ too, not pages."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator

import yaml

from scripts.doctree import Site
from scripts.project import ROOT
from scripts.validate import Problem, prose

CONFIG = ROOT / ".markdownlint-cli2.yaml"  # its `config`: the rules and their settings
RULE = re.compile(r"MD\d{3}")
FIXES = {
    "MD001": "go down one heading level at a time (`##`, then `###`)",
    "MD025": "keep one `#` heading, the page's title; make the others `##` or lower",
    "MD033": "use Markdown, or one of the tags MD033 allows in .markdownlint-cli2.yaml",
    "MD045": "describe the image inside the brackets of ![…](…): what a reader who cannot see it needs",
    "MD041": "start the page, after its front matter, with `# <title>`",
    "MD053": "refer to it in the text (a footnote as `[^label]`), or remove the definition",
    "MD056": "give the row as many cells as the table's header row (an empty cell is `| |`)",
}


def check(site: Site) -> Iterator[Problem]:
    pages = site.all_pages()
    try:
        found = prose.markdownlint([page.text for page in pages], CONFIG)
    except (OSError, ValueError, KeyError, TypeError, yaml.YAMLError, subprocess.SubprocessError) as error:
        yield prose.tool_failure(CONFIG, "markdownlint", str(error))
        return
    fallback = "follow markdownlint's rule {}; the project's settings and why are in .markdownlint-cli2.yaml"
    for page, findings in zip(pages, found, strict=True):
        for line, rule, message in findings:
            yield Problem(page.path, int(line), rule, message, FIXES.get(rule, fallback.format(rule)))


def one_report_per_defect(problems: list[Problem]) -> list[Problem]:
    """markdownlint and a check of this project can see one defect on one line (raw `<a href="javascript:…">` is
    MD033 and LINK006): there the project's check stands alone, with the fix written for this project. A markdownlint
    finding on another line is kept."""
    reported = {(p.path, p.line) for p in problems if not RULE.fullmatch(p.code)}
    return [p for p in problems if not RULE.fullmatch(p.code) or (p.path, p.line) not in reported]
