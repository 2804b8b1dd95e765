"""`make linkcheck`: serve the built site on 127.0.0.1 under its published path and crawl it with LinkChecker over
HTTP, checking every link of every page, the ones the templates and hooks write included; `--external` also checks
links to other sites.

This is the one crawl of the built site. The #anchors of the Markdown links are checked by MkDocs' own
`validation.anchors` in the strict build (a missing one is LINK002 there), so LinkChecker's AnchorCheck, which
fetches a page again for every distinct #fragment (about five minutes here), stays off.

Why over HTTP: LinkChecker cannot follow MkDocs' directory URLs (reset/ -> reset/index.html) on files
(linkchecker#678). Why under the published path (/amazon-password-guide/): a link that only works at the server
root would pass locally and break when published.

Every broken link is printed as `site/<page>.html:<line>: CODE message (fix: …)`, naming the Markdown source; the
exit status is 1 when there is any.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

from scripts.localserver import serve
from scripts.project import PROJECT, ROOT, Project

RC_FILE = Path(__file__).resolve().parent / "linkcheckerrc"
# The edit and repository links point at GitHub, where pages exist only once they are pushed; they are checked by
# the external run alone.
GITHUB = r"^https://github\.com/"


def source_of(page_path: str, project: Project = PROJECT) -> str:
    """The Markdown file a built page comes from: en/reset/ -> docs/en/reset/index.md, reset/ -> docs/ja/…
    (from the project's own list of pages; a path no page has is shown as it is)."""
    wanted = page_path.removesuffix("index.html")
    return next(
        (
            page.source.relative_to(project.root).as_posix()
            for language in project.codes
            for page in project.pages(language)
            if page.site_path == wanted
        ),
        page_path,
    )


def report(rows: list[dict[str, str]], base_url: str, site_shown: str) -> list[str]:
    problems, prefix = [], urlsplit(base_url).path
    for row in rows:
        parent = unquote(urlsplit(row["parentname"]).path)
        page = parent[len(prefix) :] if parent.startswith(prefix) else parent.lstrip("/")
        html_file = f"{site_shown}/{page}index.html" if page.endswith("/") or not page else f"{site_shown}/{page}"
        where = f"{html_file}:{row['line'] or 1}:"
        link = row["urlname"]
        source = source_of(page) if row["parentname"] else "the start URL"
        warning = " ".join(row["warningstring"].split())
        if row["valid"] != "True":
            problems.append(
                f"{where} LC001 link `{link}` is broken: {row['result']} (written in {source}) "
                "(fix: correct the link in the Markdown source)"
            )
        elif warning:
            problems.append(
                f"{where} LC003 link `{link}`: {warning} (written in {source}) "
                "(fix: correct the link, or explain the exception in scripts/linkcheckerrc)"
            )
    return problems


def check(site_dir: Path, mount_path: str, external: bool) -> list[str]:
    """Every broken link, missing anchor or other LinkChecker warning, formatted for printing."""
    with serve(site_dir, mount_path) as base_url, tempfile.TemporaryDirectory(prefix="linkcheckrc-") as tmp:
        # Everything on the local server counts as internal, not just what is under the start URL: a root-relative
        # link (/reset/) misses the published path and must be checked, and fail, like any other.
        origin = re.escape(base_url[: -len(mount_path)])
        rc_file = Path(tmp) / "linkcheckerrc"
        rc_file.write_text(
            RC_FILE.read_text(encoding="utf-8") + f"\n[filtering]\ninternlinks=^{origin}/\n", encoding="utf-8"
        )
        command = [sys.executable, "-m", "linkcheck", "--config", str(rc_file), "--no-status", "--output", "csv"]
        command += ["--check-extern"] if external else ["--ignore-url", GITHUB]
        result = subprocess.run([*command, base_url], capture_output=True, text=True, check=False)
    lines = [line for line in result.stdout.splitlines() if not line.startswith("#")]
    if result.returncode not in (0, 1) or not lines or not lines[0].startswith("urlname;"):
        raise SystemExit(f"LinkChecker did not run (exit {result.returncode}):\n{result.stderr}{result.stdout}")
    rows = list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter=";"))
    try:
        site_shown = site_dir.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        site_shown = str(site_dir)
    problems = report(rows, base_url, site_shown)
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
