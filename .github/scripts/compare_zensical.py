"""Build the site with Zensical and report how it differs from the MkDocs build (an early warning, never a gate).

Material for MkDocs reaches end of life on 2027-05-05; Zensical, its successor, reads mkdocs.yml. This script
builds both languages with Zensical in a scratch copy of the sources and writes a Markdown report: whether each
build finished, Zensical's warnings, pages that only one build produced, and pages whose text differs.
Run by the "Zensical preview" job of .github/workflows/ci.yml after `make build` produced the reference site/.
Exit status 1 when anything differs, so the (non-blocking) job shows up as needing attention.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# What a build reads. Copied, so that Zensical's output never touches the MkDocs site/ it is compared with.
SOURCES = ("mkdocs.yml", "mkdocs.en.yml", "docs", "overrides")
CONFIGS = {"ja": ("mkdocs.yml", Path(".")), "en": ("mkdocs.en.yml", Path("en"))}
ANSI = re.compile(r"\x1b\[[0-9;]*m")
LOCATION = re.compile(r"\[\s*([^\s\]]+:\d+:\d+)\s*\]")
SHOWN = 20  # findings listed per section; the rest are counted


# The "last updated" line comes from the git-revision-date-localized plugin; Zensical runs no MkDocs plugins, so it
# would differ on every page. It is compared once, as its own finding, instead of inside each page's text.
DATE_BLOCK = "md-source-file"
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class ArticleText(HTMLParser):
    """Collects the words inside <article> (the page's own content, without navigation, header or footer), leaving
    out the revision-date block and noting whether there was one."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.skip = 0
        self.has_date = False
        self.words: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_TAGS or not (tag == "article" or self.depth):
            return
        self.depth += 1
        if self.skip or DATE_BLOCK in (dict(attrs).get("class") or "").split():
            self.skip += 1
            self.has_date = True

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS or not self.depth:
            return
        self.depth -= 1
        self.skip = max(self.skip - 1, 0)

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            self.words.extend(data.split())


def article(page: Path) -> tuple[list[str], bool]:
    """The article's text in sentence-ish lines, and whether it shows a revision date."""
    parser = ArticleText()
    parser.feed(page.read_text(encoding="utf-8", errors="replace"))
    # One "line" per sentence-ish chunk keeps a diff readable for Japanese text, which has no spaces.
    text = " ".join(parser.words)
    return [part.strip() for part in re.split(r"(?<=[。.!?！？])\s*", text) if part.strip()], parser.has_date


def html_pages(site: Path, nested: Path | None = None) -> set[str]:
    """Relative paths of every HTML page under site, leaving out a nested language folder (en/ in the ja site)."""
    pages = set()
    for path in site.rglob("*.html"):
        relative = path.relative_to(site)
        if nested is None or nested not in relative.parents:
            pages.add(relative.as_posix())
    return pages


def zensical_build(zensical: str, scratch: Path, config: str) -> tuple[int, list[str], str]:
    """Runs one Zensical build; returns its exit status, its warnings (message @ location) and its last lines."""
    result = subprocess.run([zensical, "build", "-f", config], cwd=scratch, capture_output=True, text=True)
    output = ANSI.sub("", result.stdout + result.stderr)
    warnings, lines = [], output.splitlines()
    for number, line in enumerate(lines):
        if line.startswith("Warning:"):
            where = next((m.group(1) for m in map(LOCATION.search, lines[number + 1:number + 3]) if m), "")
            warnings.append(f"{line.removeprefix('Warning:').strip()} @ {where}".rstrip(" @"))
    return result.returncode, warnings, "\n".join(lines[-12:])


def listing(title: str, items: list[str]) -> list[str]:
    if not items:
        return []
    out = [f"**{title}** ({len(items)})", ""]
    out += [f"- `{item}`" for item in items[:SHOWN]]
    if len(items) > SHOWN:
        out.append(f"- … and {len(items) - SHOWN} more")
    return out + [""]


def compare(reference: Path, built: Path, nested: Path | None) -> dict[str, list[str]]:
    """Pages only in the reference, only in the Zensical build, in both with different article text, and pages
    that lost their revision date."""
    ours, theirs = html_pages(reference, nested), html_pages(built, nested)
    changed, undated = [], []
    for page in sorted(ours & theirs):
        (before, dated_before), (after, dated_after) = article(reference / page), article(built / page)
        if dated_before and not dated_after:
            undated.append(page)
        if before != after:
            first = next(d for d in difflib.unified_diff(before, after, lineterm="", n=0) if d[:1] in "+-"
                         and not d.startswith(("+++", "---")))
            changed.append(f"{page}: {first[:160]}")
    return {
        "Pages MkDocs builds but Zensical does not": sorted(ours - theirs),
        "Pages only Zensical builds": sorted(theirs - ours),
        "Pages whose text differs (first difference)": changed,
        "Pages without their last-updated date (Zensical runs no MkDocs plugins)": undated,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zensical", default="zensical", help="the zensical command")
    parser.add_argument("--reference", type=Path, default=ROOT / "site", help="the MkDocs build (make build)")
    parser.add_argument("--report", type=Path, help="append the Markdown report here (default: print it)")
    args = parser.parse_args()
    reference = args.reference.resolve()
    if not (reference / "index.html").is_file():
        sys.exit(f"error: no MkDocs build in {reference}: run `make build` first")

    report = ["## Zensical preview", "",
              "Material for MkDocs reaches end of life on 2027-05-05. This builds the same sources with Zensical "
              "and lists what comes out differently. It never blocks a pull request.", ""]
    differs = False
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        for name in SOURCES:
            source = ROOT / name
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, scratch / name)
        # Zensical honours `strict: true` and would stop at the first warning; every warning is wanted here.
        config = scratch / "mkdocs.yml"
        config.write_text(re.sub(r"(?m)^strict: true$", "strict: false", config.read_text(encoding="utf-8")),
                          encoding="utf-8")
        for language, (config_name, sub) in CONFIGS.items():
            status, warnings, tail = zensical_build(args.zensical, scratch, config_name)
            report += [f"### {language} ({config_name})", ""]
            if status != 0:
                differs = True
                report += ["**The Zensical build failed.** Its last lines:", "", "```text", tail, "```", ""]
                report += listing("Warnings", warnings)
                continue
            nested = Path("en") if language == "ja" else None
            findings = compare(reference / sub, scratch / "site" / sub, nested)
            differs |= bool(warnings) or any(findings.values())
            report += ["Built without errors.", ""]
            report += listing("Warnings", warnings)
            for title, items in findings.items():
                report += listing(title, items)
            if not warnings and not any(findings.values()):
                report += ["Same pages, same text.", ""]

    text = "\n".join(report) + "\n"
    if args.report:
        with args.report.open("a", encoding="utf-8") as out:
            out.write(text)
    print(text)
    return 1 if differs else 0


if __name__ == "__main__":
    os.environ.setdefault("NO_COLOR", "1")
    sys.exit(main())
