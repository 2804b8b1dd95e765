"""MD: markdownlint (node_modules, the project's settings in .markdownlint-cli2.yaml) over every page, its findings
printed like every other check: `path:line: MD056 Table column count … (fix: …)`. A table row missing a cell (MD056)
is one of them: the built table would show a hole where the other language has a cell.

`make lint-markdown` runs the same tool over README.md, CONTRIBUTING.md and .github/ too, which are not pages."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator

from scripts.doctree import Site
from scripts.project import ROOT
from scripts.validate import Problem

BINARY = ROOT / "node_modules" / ".bin" / "markdownlint-cli2"
CONFIG = ROOT / ".markdownlint-cli2.yaml"
# markdownlint-cli2's default output: `docs/en/x/index.md:51:5 error MD056/table-column-count Table column count […]`
FINDING = re.compile(r"^(?P<path>.+?):(?P<line>\d+)(?::\d+)? (?:error |warning )?(?P<rule>MD\d{3})/(?P<alias>\S+) "
                     r"(?P<message>.+)$")
RULE = re.compile(r"MD\d{3}")
FIXES = {"MD056": "give the row as many cells as the table's header row (an empty cell is `| |`)"}


def check(site: Site) -> Iterator[Problem]:
    pages = {page.path.relative_to(site.root).as_posix(): page for page in site.all_pages()}
    try:
        result = subprocess.run([str(BINARY), "--no-globs", "--config", str(CONFIG), *(":" + p for p in pages)],
                                cwd=site.root, capture_output=True, text=True, encoding="utf-8", timeout=300)
    except (OSError, subprocess.SubprocessError) as error:
        yield _failure(f"markdownlint could not run: {error}")
        return
    for row in result.stderr.splitlines():
        match = FINDING.match(row)
        if match and match["path"] in pages:
            rule = match["rule"]
            yield Problem(pages[match["path"]].path, int(match["line"]), rule, match["message"],
                          FIXES.get(rule, f"follow markdownlint's rule {rule} ({match['alias']}); the project's "
                                          "settings and why are in .markdownlint-cli2.yaml"))
        elif row.strip():
            yield _failure(f"markdownlint could not run, or said something unexpected: {row.strip()[:300]}")
    if result.returncode not in (0, 1) and not result.stderr.strip():
        yield _failure(f"markdownlint stopped with exit code {result.returncode}")


def _failure(message: str) -> Problem:
    return Problem(CONFIG, 1, "PROSE000", message, "run `make setup` (Node 20+ and the pinned packages are needed)")


# A rule whose finding sits on another line than the project's check of the same defect: MD041 names the first line
# of text, HEAD001 the end of the front matter.
SAME_DEFECT = {"MD041": "HEAD001"}


def one_report_per_defect(problems: list[Problem]) -> list[Problem]:
    """markdownlint and a check of this project can see one defect (a skipped heading level is MD001 and HEAD004, a
    row with too many cells MD056 and REND001): on a line the project's check reports, its code stands alone, with
    the fix written for this project. A markdownlint finding on another line is kept."""
    reported = {(p.path, p.line) for p in problems if not RULE.fullmatch(p.code)}
    reported |= {(p.path, p.code) for p in problems}
    return [p for p in problems if not RULE.fullmatch(p.code) or not (
        (p.path, p.line) in reported or (p.path, SAME_DEFECT.get(p.code)) in reported)]
