"""`make linkcheck`: serve the built site on 127.0.0.1 under its published path and crawl it with LinkChecker over
HTTP, checking every internal link; then check every #anchor of every link in the built pages; `--external` also
checks links to other sites.

Why over HTTP: LinkChecker's anchor check cannot follow MkDocs' directory URLs (reset/ -> reset/index.html) on
files (linkchecker#678). Why under the published path (/amazon-password-guide/): a link that only works at the
server root would pass locally and break when published.

Why the anchors are not LinkChecker's: with its AnchorCheck plugin on, LinkChecker caches pages by URL *with* the
fragment (linkcheck/checker/urlbase.py, set_cache_url), so it downloads and parses a page again for every distinct
#fragment linked to it: 1,771 fetches and about 5 minutes for this site, of which 1,513 only differ by fragment. The
built pages are files on disk: reading each once, its ids and its links, checks the same anchors in a second.

Every broken link or missing anchor is printed as `site/<page>.html:<line>: CODE message (fix: …)`, naming the
Markdown source; the exit status is 1 when there is any.
"""

from __future__ import annotations

import argparse
import csv
import html.parser
import io
import posixpath
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

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
    for language in project.codes:
        for page in project.pages(language):
            if page.site_path == wanted:
                return page.source.relative_to(project.root).as_posix()
    return page_path


def report(rows: list[dict[str, str]], base_url: str, site_shown: str) -> list[str]:
    problems = []
    for row in rows:
        parent = unquote(urlsplit(row["parentname"]).path)
        prefix = urlsplit(base_url).path
        page = parent[len(prefix):] if parent.startswith(prefix) else parent.lstrip("/")
        html_file = f"{site_shown}/{page}index.html" if page.endswith("/") or not page else f"{site_shown}/{page}"
        where = f"{html_file}:{row['line'] or 1}:"
        link = row["urlname"]
        source = source_of(page) if row["parentname"] else "the start URL"
        warning = " ".join(row["warningstring"].split())
        if row["valid"] != "True":
            problems.append(f"{where} LC001 link `{link}` is broken: {row['result']} (written in {source}) "
                            "(fix: correct the link in the Markdown source)")
        elif warning:
            problems.append(f"{where} LC003 link `{link}`: {warning} (written in {source}) "
                            "(fix: correct the link, or explain the exception in scripts/linkcheckerrc)")
    return problems


class _PageLinks(html.parser.HTMLParser):
    """The ids (and <a name>s) of one built page, and each href with the line it is written on."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.ids.add(values[name])
        if values.get("href") and tag in ("a", "area", "link"):
            self.links.append((self.getpos()[0], values["href"]))


def _read_pages(site_dir: Path) -> dict[str, _PageLinks]:
    """Every HTML file of the built site, keyed by its path in the site ("en/reset/index.html")."""
    pages = {}
    for file in sorted(site_dir.rglob("*.html")):
        parser = _PageLinks()
        parser.feed(file.read_text(encoding="utf-8", errors="replace"))
        parser.close()
        pages[file.relative_to(site_dir).as_posix()] = parser
    return pages


def missing_anchors(site_dir: Path, mount_path: str, site_shown: str) -> list[str]:
    """LC002 for each link in a built page whose #fragment names no id on the page it leads to. Links that leave
    the site are not looked at (their target is LinkChecker's, and an external page's ids are not ours)."""
    pages = _read_pages(site_dir)
    problems = []
    for page_file, page in pages.items():
        base = "/" + page_file
        for line, href in page.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.fragment:
                continue
            target = urlsplit(urljoin(base, href)).path
            if href.startswith(mount_path):  # written from the server root, with the published path
                target = "/" + target[len(mount_path):]
            target_file = posixpath.normpath(target).lstrip("/")
            if target.endswith("/") or target_file in ("", "."):
                target_file = posixpath.join(target_file if target_file != "." else "", "index.html")
            found = pages.get(target_file)
            fragment = unquote(parts.fragment)
            if found is None or fragment in found.ids:
                continue  # a missing page is LinkChecker's LC001
            source = source_of(page_file)
            problems.append(f"{site_shown}/{page_file}:{line}: LC002 link `{href}`: the anchor `{fragment}` is not "
                            f"on {target_file} (written in {source}) "
                            "(fix: use a heading id that exists on the target page)")
    return problems


def check(site_dir: Path, mount_path: str, external: bool) -> list[str]:
    """Every broken link, missing anchor or other LinkChecker warning, formatted for printing."""
    with serve(site_dir, mount_path) as base_url, tempfile.TemporaryDirectory(prefix="linkcheckrc-") as tmp:
        # Everything on the local server counts as internal, not just what is under the start URL: a root-relative
        # link (/reset/) misses the published path and must be checked, and fail, like any other.
        origin = re.escape(base_url[: -len(mount_path)])
        rc_file = Path(tmp) / "linkcheckerrc"
        rc_file.write_text(RC_FILE.read_text(encoding="utf-8") + f"\n[filtering]\ninternlinks=^{origin}/\n",
                           encoding="utf-8")
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
    return problems + missing_anchors(site_dir, mount_path, site_shown)


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
    print(f"linkcheck: {len(problems)} problem(s) ({scope} links and anchors)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
