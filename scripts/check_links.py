"""`make linkcheck`: the built site served under its published path and crawled over HTTP by LinkChecker, every link
of every page (those the templates and hooks write too); `--external` also checks links to other sites.

Over HTTP because LinkChecker cannot follow MkDocs' directory URLs on files (linkchecker#678); under the published
path because a link that only works at the server root would pass locally and break when published. The #anchors are
the strict build's (LINK002): LinkChecker's AnchorCheck fetches a page again per #fragment (about five minutes here).
Each problem is printed as `site/<page>.html:<line>: CODE message (fix: …)`, naming the Markdown source.
"""

from __future__ import annotations

import argparse
import csv
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

from scripts.localserver import serve
from scripts.project import PROJECT, ROOT

RC_FILE = Path(__file__).resolve().parent / "linkcheckerrc"
# The edit and repository links lead to GitHub, where a page exists once pushed: only the external run checks them.
GITHUB = r"^https://github\.com/"


def source_of(page_path: str) -> str:
    """The Markdown file a built page comes from: en/reset/ -> docs/en/reset/index.md (else the path as it is)."""
    wanted = page_path.removesuffix("index.html")
    pages = (page for language in PROJECT.codes for page in PROJECT.pages(language) if page.site_path == wanted)
    return next((page.source.relative_to(ROOT).as_posix() for page in pages), page_path)


def check(site_dir: Path, mount_path: str, external: bool) -> list[str]:
    """Every broken link or other LinkChecker warning, formatted for printing."""
    with serve(site_dir, mount_path) as base_url, tempfile.TemporaryDirectory(prefix="linkcheckrc-") as tmp:
        # Everything on the local server is internal, not just what is under the start URL: a root-relative link
        # (/reset/) misses the published path and must be checked, and fail, like any other.
        rc_file = Path(tmp) / "linkcheckerrc"
        origin = re.escape(base_url.removesuffix(mount_path))
        rc_file.write_text(
            f"{RC_FILE.read_text(encoding='utf-8')}\n[filtering]\ninternlinks=^{origin}/\n", encoding="utf-8"
        )
        command = [sys.executable, "-m", "linkcheck", "--config", str(rc_file), "--no-status", "--output", "csv"]
        command += ["--check-extern"] if external else ["--ignore-url", GITHUB]
        result = subprocess.run([*command, base_url], capture_output=True, text=True)
    lines = [line for line in result.stdout.splitlines() if not line.startswith("#")]
    if result.returncode not in (0, 1) or not lines or not lines[0].startswith("urlname;"):
        raise SystemExit(f"LinkChecker did not run (exit {result.returncode}):\n{result.stderr}{result.stdout}")
    shown = site_dir.resolve().relative_to(ROOT) if site_dir.resolve().is_relative_to(ROOT) else site_dir
    problems = []
    for row in csv.DictReader(lines, delimiter=";"):
        page = unquote(urlsplit(row["parentname"]).path).removeprefix(mount_path).lstrip("/")
        where = f"{shown}/{page}{'index.html' if page.endswith('/') or not page else ''}:{row['line'] or 1}:"
        written = f"(written in {source_of(page) if row['parentname'] else 'the start URL'})"
        warning = " ".join(row["warningstring"].split())
        if row["valid"] != "True":
            problems.append(
                f"{where} LC001 link `{row['urlname']}` is broken: {row['result']} {written} (fix: "
                "correct the link in the Markdown source)"
            )
        elif warning:
            problems.append(
                f"{where} LC003 link `{row['urlname']}`: {warning} {written} (fix: correct the link, "
                "or explain the exception in scripts/linkcheckerrc)"
            )
    if result.returncode == 1 and not problems:
        raise SystemExit(f"LinkChecker failed but reported no link:\n{result.stderr}{result.stdout}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--external", action="store_true", help="also check links to other sites (needs network)")
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    args = parser.parse_args(argv)
    if not (args.site_dir / "index.html").is_file():
        raise SystemExit(f"{args.site_dir} has no index.html: run `make build` first")
    problems = check(args.site_dir, PROJECT.published_path, args.external)
    for problem in problems:
        print(problem)
    scope = "internal and external" if args.external else "internal"
    print(f"linkcheck: {len(problems)} problem(s) ({scope} links)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
