"""Run every check over one parsed model of the docs tree; print `path:line: CODE message (fix: …)`; exit 1 on any.

    python -m scripts.validate [--root DIR]

--root points at another project folder with the same layout (the tests use it for small fixture trees).
"""

from __future__ import annotations

import argparse
import pkgutil
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from importlib import import_module
from pathlib import Path

from scripts import search_words, validate
from scripts.doctree import Site, load_site
from scripts.project import ROOT, ProjectError
from scripts.validate import Problem, citations, markdownlint, prose, safety

# Every module of this package with a check(site) runs, and the search panel's words. Prose runs external tools (Node
# for textlint, codespell): in threads of their own.
MODULES = (
    import_module(f"scripts.validate.{m.name}") for m in pkgutil.iter_modules(validate.__path__) if m.name[0] != "_"
)
CHECKS = [search_words, *(module for module in MODULES if hasattr(module, "check"))]


def run(root: Path) -> list[Problem]:
    return check_site(load_site(root))


def check_site(site: Site) -> list[Problem]:
    with ThreadPoolExecutor(max_workers=2) as pool:
        japanese = pool.submit(lambda: list(prose.check_textlint(site)))
        english = pool.submit(lambda: list(prose.check_codespell(site)))
        problems = [problem for check in CHECKS for problem in check.check(site)]
        problems += japanese.result() + english.result()
    return sorted(set(markdownlint.one_report_per_defect(problems)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    root = parser.parse_args(argv).root.resolve()
    started = time.monotonic()
    try:
        site = load_site(root)
    except ProjectError as error:
        print(f"validate: {error}", file=sys.stderr)
        return 1
    problems = check_site(site)
    for problem in problems:
        print(problem.format(root))
    # Listed on every run so that they stay visible, not errors: reviewed exceptions to the safety rules, and
    # citations due for a re-check within 30 days.
    for marker in safety.reviewed(site):
        shown = f"{marker.path.relative_to(root).as_posix()}:{marker.line}"
        print(f"validate: reviewed safety exception at {shown}: {marker.reason or '(no reason)'}", file=sys.stderr)
    for note in citations.due_soon(site):
        print(f"validate: {note}", file=sys.stderr)
    files = len({p.path for p in problems})
    pages = sum(1 for _ in (root / "docs").rglob("*.md"))
    summary = f"{len(problems)} problem(s) in {files} file(s)" if problems else "no problems"
    print(f"validate: {summary}; {pages} pages checked in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
