"""`make bench` (python -m scripts.bench): Lighthouse's scores and cold-load weight on a phone for every page of
the built site/, served as GitHub Pages serves it, against the budgets; each language's build time; the last
`make test`'s duration; the search figures (search.py). Writes build/bench/; asserts nothing (figures for people).
"""

from __future__ import annotations

import collections
import datetime as dt
import fnmatch
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scripts.chromium import find_chromium
from scripts.diagram_store import DIAGRAM_HTML
from scripts.localserver import serve
from scripts.project import PROJECT, ROOT, SitePage

from . import search, table

SITE, OUT, TEST_SECONDS = ROOT / "site", ROOT / "build" / "bench", ROOT / "build" / "test-seconds.txt"
KB = 1024
# The budgets (decisions/0009-budgets.md): Lighthouse scores for every page, the weight for text pages only.
BUDGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100, "text_page_gzip_kb": 100}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
# The browser tests' flags: no sandbox (containers run as root), no GPU, no background traffic.
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)


def pages(globs: list[str]) -> dict[str, SitePage]:
    """The pages whose id "<language>/<path>" ("ja/", "en/faq/", ...) matches one of `globs`, both languages'."""
    every = {f"{page.language}/{page.url}": page for code in PROJECT.codes for page in PROJECT.pages(code)}
    return {page_id: page for page_id, page in every.items() if any(fnmatch.fnmatch(page_id, g) for g in globs)}


def build_seconds() -> dict[str, float]:
    """A strict build of each language, timed (never --quiet: in MkDocs 1.6 it stops --strict from counting)."""
    seconds = {}
    for language in PROJECT.languages:
        with tempfile.TemporaryDirectory() as site_dir:
            started = time.perf_counter()
            config = ["-f", str(language.config_file), "-d", site_dir]
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", *config], cwd=ROOT, check=True)
            seconds[language.code] = round(time.perf_counter() - started, 2)
    return seconds


def last_test_run() -> str:
    if not TEST_SECONDS.exists():
        return "not recorded yet (run `make test`)"
    finished = dt.datetime.fromtimestamp(TEST_SECONDS.stat().st_mtime, dt.UTC)
    return f"{TEST_SECONDS.read_text().strip()} s, finished {finished:%Y-%m-%d %H:%M} UTC"


def lighthouse(url: str, chrome: str, report: Path) -> dict:
    """One Lighthouse run of `url`; its full report is kept in `report` (.json and .html), its figures returned."""
    subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", "--output=html", f"--output-path={report}", "--quiet"]
        + [f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
        env={**os.environ, "CHROME_PATH": chrome},
        check=True,
        timeout=300,
    )
    return figures(json.loads(report.with_suffix(".report.json").read_text(encoding="utf-8")))


def figures(data: dict) -> dict:
    """The scores (0-100); the load's requests (data: URLs are none) and their bytes as sent with headers, by kind."""
    audits = data["audits"]
    by_kind, requests = collections.Counter(), 0
    for request in audits["network-requests"]["details"]["items"]:
        if request["url"].startswith("http"):
            by_kind[request["resourceType"]] += request["transferSize"]
            requests += 1
    return {
        **{name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES},
        "requests": requests,
        "bytes": by_kind.total(),
        "by_kind": dict(by_kind.most_common()),
    }


def budget_misses(entry: dict) -> list[str]:
    misses = [f"{name} {entry[name]} < {BUDGETS[name]}" for name in CATEGORIES if entry[name] < BUDGETS[name]]
    if not entry["diagrams"] and entry["bytes"] / KB > BUDGETS["text_page_gzip_kb"]:
        misses.append(f"{entry['bytes'] / KB:.0f} KB gzip > {BUDGETS['text_page_gzip_kb']} KB")
    return misses


def summary(report: dict) -> str:
    pages = report["pages"]
    misses = [f"- {page_id}: {'; '.join(e['misses'])}" for page_id, e in pages.items() if e["misses"]]
    lines = [
        f"# Benchmark, {report['date']}",
        "",
        f"Lighthouse {report['lighthouse']} (mobile preset, simulated slow 4G), {report['chromium']}, one run per "
        "page (full reports in build/bench/lighthouse/); the site served locally with gzip under its published path. "
        "KB = 1024 bytes as sent (gzip, headers included) on a first visit with an empty cache.",
        "",
        "- build: " + ", ".join(f"{code} {seconds} s" for code, seconds in report["build_seconds"].items()),
        f"- last `make test`: {report['last_make_test']}",
        "",
        "## Budgets: " + ", ".join(f"{k} {'≤' if k == 'text_page_gzip_kb' else '≥'} {v}" for k, v in BUDGETS.items()),
        "",
        *(misses or ["Every page meets every budget."]),
        "",
        "## Pages",
        "",
        *table(
            ["page", "diagrams", "requests", "KB", *CATEGORIES, "where the KB go"],
            [
                [page_id, e["diagrams"] or "-", e["requests"], f"{e['bytes'] / KB:.0f}", *(e[c] for c in CATEGORIES)]
                + [", ".join(f"{kind} {size / KB:.0f}" for kind, size in e["by_kind"].items())]
                for page_id, e in pages.items()
            ],
        ),
        "",
        "## Search",
        "",
        *search.summary(report["search"]),
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    chosen = pages(os.environ.get("PAGES", "").split() or ["*"])  # `make bench PAGES='en/*'`
    if not chosen:
        raise SystemExit(f"bench: no page matches PAGES={os.environ['PAGES']!r}")
    chrome = find_chromium()
    version = subprocess.run([chrome, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"bench: {len(chosen)} pages with {version}; building each language (timed), then search", flush=True)
    report = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "chromium": version,
        "lighthouse": json.loads((ROOT / "node_modules/lighthouse/package.json").read_text())["version"],
        "build_seconds": build_seconds(),
        "last_make_test": last_test_run(),
        "search": search.run(SITE, chrome),
        "pages": {},
    }
    (OUT / "lighthouse").mkdir(parents=True, exist_ok=True)
    with serve(SITE, PROJECT.published_path, compress=True) as base:
        for page_id, page in chosen.items():
            entry = lighthouse(base + page.site_path, chrome, OUT / "lighthouse" / page_id.strip("/").replace("/", "-"))
            entry["diagrams"] = len(DIAGRAM_HTML.findall((SITE / page.site_path / "index.html").read_text("utf-8")))
            report["pages"][page_id] = {**entry, "misses": budget_misses(entry)}
            print(f"  {page_id}: {entry['bytes'] / KB:.0f} KB, performance {entry['performance']}", flush=True)
    (OUT / "bench.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    (OUT / "summary.md").write_text(text := summary(report), encoding="utf-8")
    print(f"\n{text}\nbench: wrote {OUT / 'bench.json'} and {OUT / 'summary.md'}")


if __name__ == "__main__":
    main()
