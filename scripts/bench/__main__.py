"""`make bench` (python -m scripts.bench): figures for every page of both languages, compared with the budgets.

Measures, on the built site/ served locally like GitHub Pages (gzip, published path):
  - cold-load weight of each page on a phone: requests, bytes raw and as sent (gzip);
  - Lighthouse 12 (mobile preset): performance, accessibility, best practices, SEO, with LCP, TBT, CLS;
  - the same for every diagram page built the other way (mermaid_variant.py: blocks drawn in the reader's browser
    by the self-hosted mermaid), to compare with the site's design (drawings inlined at build time);
  - the build time of each language (built again here, into a temporary folder);
  - the duration of the last `make test`, which the Makefile records in build/test-seconds.txt, and how many tests
    pytest collects, with and without a browser;
  - the project's size: pages per language (for readers, for contributors) and lines of each kind of source;
  - search (search.py): top-1, top-3 and MRR per language on reader-phrased queries typed into the search box, the
    median time from the last keystroke to the results, and each search index's size.
Writes build/bench/bench.json and build/bench/summary.md, prints the summary and the pages that miss a budget.
Asserts nothing and exits 0 even when budgets are missed (the figures are for people to read).
"""

from __future__ import annotations

import argparse
import datetime as dt
import fnmatch
import functools
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import sync_playwright

from scripts.chromium import NoChromium, find_chromium
from scripts.localserver import serve
from scripts.project import PROJECT, ROOT

from . import lighthouse, mermaid_variant, pageweight
from . import search as search_bench

SITE = ROOT / "site"
OUT = ROOT / "build" / "bench"
TEST_SECONDS = ROOT / "build" / "test-seconds.txt"
KB = 1024

# The budgets (decisions/0009-budgets.md). Every page, diagram pages included, must reach the Lighthouse scores;
# the weight budget is for text pages (a diagram page's weight is reported, and compared between designs).
BUDGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100, "text_page_gzip_kb": 100}
# At most this many Lighthouse runs for a page whose median performance misses the budget (see lighthouse_scores).
CONFIRM_RUNS = 5


def page_ids() -> list[str]:
    """Every page as "<language>/<path>" ("ja/", "ja/reset/", "en/faq/", ...), as the project lists them."""
    return [f"{page.language}/{page.url}" for language in PROJECT.codes for page in PROJECT.pages(language)]


def site_path(page_id: str) -> str:
    """The page's path below the site root: "en/reset/" -> "en/reset/", "ja/reset/" -> "reset/"."""
    language, path = page_id.split("/", 1)
    return PROJECT.language(language).path + path


def chromium() -> str:
    """The Chromium executable for Playwright and Lighthouse (CHROME_PATH)."""
    try:
        return find_chromium()
    except NoChromium as error:
        raise SystemExit(str(error)) from None


def build_seconds() -> dict[str, float]:
    """Wall-clock time of a strict build of each language, as `make build` runs it. Never --quiet: in MkDocs 1.6
    it stops --strict from counting warnings; the output is captured instead, and shown if the build fails."""
    seconds = {}
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryDirectory() as tmp:
        for language in PROJECT.languages:
            started = time.perf_counter()
            result = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "mkdocs",
                    "build",
                    "--strict",
                    "-f",
                    str(language.config_file),
                    "--site-dir",
                    str(Path(tmp) / language.path),
                ],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
            )
            if result.returncode:
                raise SystemExit(f"bench: the strict build of {language.config_file.name} failed:\n{result.stderr}")
            seconds[language.code] = round(time.perf_counter() - started, 2)
    return seconds


def last_test_run() -> dict | None:
    if not TEST_SECONDS.exists():
        return None
    finished = dt.datetime.fromtimestamp(TEST_SECONDS.stat().st_mtime, dt.UTC)
    return {"seconds": int(TEST_SECONDS.read_text().strip()), "finished": finished.isoformat(timespec="seconds")}


def test_counts() -> dict[str, int]:
    """How many tests `make test` runs, as pytest collects them: the browser tests and the others."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "-m", "browser"],
        cwd=ROOT,
        env={**os.environ, "GUIDE_SITE_DIR": str(SITE)},
        capture_output=True,
        text=True,
    )
    counts = collected(result.stdout)
    if result.returncode or counts is None:
        raise SystemExit(f"bench: pytest could not collect the tests:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return counts


def collected(output: str) -> dict[str, int] | None:
    """The counts in pytest's `--collect-only -m browser` line: "750/1514 tests collected (764 deselected)"."""
    found = re.search(r"^(\d+)(?:/(\d+))? tests? collected", output, re.MULTILINE)
    if not found:
        return None
    browser = int(found.group(1))
    return {"browser": browser, "without_browser": int(found.group(2) or browser) - browser}


def _lines(paths: list[Path]) -> int:
    return sum(len(path.read_bytes().splitlines()) for path in paths)


def project_size() -> dict:
    """Pages per language (in the readers' menu or not) and lines of each kind of source, counted on the files."""
    fixtures = ROOT / "tests" / "fixtures"
    tests = [p for p in (ROOT / "tests").rglob("*.py") if fixtures not in p.parents]
    return {
        "pages": {
            code: {
                "readers": sum(not p.not_in_nav for p in PROJECT.pages(code)),
                "contributors": sum(p.not_in_nav for p in PROJECT.pages(code)),
            }
            for code in PROJECT.codes
        },
        "lines": {
            "Markdown pages (docs/)": _lines(sorted((ROOT / "docs").rglob("*.md"))),
            "Python in scripts/": _lines(sorted((ROOT / "scripts").rglob("*.py"))),
            "Python in tests/ (fixtures aside)": _lines(sorted(tests)),
            "test fixtures (tests/fixtures/)": _lines(sorted(p for p in fixtures.rglob("*") if p.is_file())),
        },
    }


def mount_path() -> str:
    """The path the site is published under (from site_url), so local URLs match the published ones."""
    return PROJECT.published_path


def median_run(reports: list[dict]) -> dict:
    """The run with the median performance score (the lower middle one for an even count)."""
    ordered = sorted(reports, key=lambda r: r["performance"])
    return ordered[(len(ordered) - 1) // 2]


def lighthouse_scores(
    run_once: Callable[[], dict], runs: int, confirm_misses: bool, note: Callable[[int], None] = lambda score: None
) -> dict:
    """The median of `runs` Lighthouse runs, with the spread of the performance scores.

    Lighthouse varies from run to run (and with whatever else the machine is doing). A page whose median misses the
    performance budget is measured again, up to CONFIRM_RUNS in all, so that one noisy run (a cron job, a test suite
    next door) is not reported as a miss, while a real miss stays one.
    """
    reports = [run_once() for _ in range(runs)]
    while (
        confirm_misses and len(reports) < CONFIRM_RUNS and median_run(reports)["performance"] < BUDGETS["performance"]
    ):
        note(median_run(reports)["performance"])
        reports.append(run_once())
    return {**median_run(reports), "performance_runs": sorted(r["performance"] for r in reports)}


def measure_pages(
    site: Path, ids: list[str], chrome: str, runs: int, label: str, confirm_misses: bool = True
) -> dict[str, dict]:
    results: dict[str, dict] = {}
    with serve(site, mount_path(), compress=True) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chrome, args=["--no-sandbox", "--disable-gpu"])
        try:
            for number, page_id in enumerate(ids, 1):
                url = base + site_path(page_id)
                html = (site / site_path(page_id) / "index.html").read_text(encoding="utf-8")
                entry = {
                    "diagrams": mermaid_variant.diagram_count(html),
                    "weight": pageweight.measure(browser, url).as_dict(),
                }
                if runs:
                    prefix = f"  [{label} {number}/{len(ids)}] {page_id}"
                    entry["lighthouse"] = lighthouse_scores(
                        functools.partial(lighthouse.run, url, chrome),
                        runs,
                        confirm_misses,
                        note=functools.partial(_note_miss, prefix),
                    )
                results[page_id] = entry
                scores = entry.get("lighthouse", {})
                print(
                    f"  [{label} {number}/{len(ids)}] {page_id}: {entry['weight']['gzip_bytes'] / KB:.0f} KB gzip, "
                    f"{entry['weight']['requests']} requests"
                    + (f", performance {scores['performance']}" if scores else ""),
                    flush=True,
                )
        finally:
            browser.close()
    return results


def _note_miss(prefix: str, score: int) -> None:
    print(f"{prefix}: performance {score} below budget, measuring again", flush=True)


def budget_misses(page_id: str, entry: dict) -> list[str]:
    misses = []
    for category in ("performance", "accessibility", "best-practices", "seo"):
        score = entry.get("lighthouse", {}).get(category)
        if score is not None and score < BUDGETS[category]:
            misses.append(f"{category} {score} < {BUDGETS[category]}")
    gzip_kb = entry["weight"]["gzip_bytes"] / KB
    if not entry["diagrams"] and gzip_kb > BUDGETS["text_page_gzip_kb"]:
        misses.append(f"{gzip_kb:.0f} KB gzip > {BUDGETS['text_page_gzip_kb']} KB")
    return misses


def _performance(lh: dict) -> str:
    runs = lh.get("performance_runs", [])
    return f"{lh['performance']} ({min(runs)}–{max(runs)})" if len(runs) > 1 else str(lh["performance"])


def _row(page_id: str, entry: dict, design: str | None = None) -> str:
    w, lh = entry["weight"], entry.get("lighthouse", {})
    cells = (
        [page_id]
        + ([design] if design else [f"{entry['diagrams']}" if entry["diagrams"] else "-"])
        + [
            str(w["requests"]),
            f"{w['raw_bytes'] / KB:.0f}",
            f"{w['gzip_bytes'] / KB:.0f}",
            f"{w['by_kind'].get('mermaid', {}).get('gzip_bytes', 0) / KB:.0f}",
            f"{w['by_kind'].get('search', {}).get('gzip_bytes', 0) / KB:.0f}",
        ]
        + (
            [_performance(lh)]
            + [str(lh[k]) for k in ("accessibility", "best-practices", "seo")]
            + [f"{lh['lcp_ms'] / 1000:.1f} s", f"{lh['tbt_ms']} ms", f"{lh['cls']}"]
            if lh
            else ["n/a"] * 7
        )
    )
    return "| " + " | ".join(cells) + " |"


KINDS = ("html", "css", "js", "images", "sitemap", "search", "mermaid", "other")


def weight_by_kind(pages: dict[str, dict]) -> list[str]:
    """Where each page's bytes go on a first visit (gzip KB), one column per kind of request that occurs."""
    kinds = [k for k in KINDS if any(k in e["weight"]["by_kind"] for e in pages.values())]
    lines = ["| page | " + " | ".join(kinds) + " | total |", "|---" * (len(kinds) + 2) + "|"]
    for pid, entry in pages.items():
        by_kind = entry["weight"]["by_kind"]
        cells = [f"{by_kind[k]['gzip_bytes'] / KB:.1f}" if k in by_kind else "-" for k in kinds]
        lines.append(f"| {pid} | " + " | ".join(cells) + f" | {entry['weight']['gzip_bytes'] / KB:.1f} |")
    return lines


def size_lines(size: dict) -> list[str]:
    pages = ", ".join(
        f"{code} {n['readers']} for readers + {n['contributors']} for contributors" for code, n in size["pages"].items()
    )
    return [f"- pages per language: {pages}"] + [f"- {what}: {n:,} lines" for what, n in size["lines"].items()]


HEADER = (
    "| page | {second} | requests | raw KB | gzip KB | of which mermaid | of which search | performance "
    "| accessibility | best practices | SEO | LCP | TBT | CLS |\n" + "|---" * 14 + "|"
)


def summary(report: dict) -> str:
    lines = [
        f"# Benchmark, {report['date']}",
        "",
        f"Lighthouse {report['lighthouse_version']} (mobile preset, simulated slow 4G), {report['chromium']}; "
        "the site served locally with gzip under its published path. KB = 1024 bytes, as sent over the "
        "network (gzip) on a first visit with an empty cache, until the network is quiet. "
        f"Lighthouse runs per page: {report['lighthouse_runs']}, up to {CONFIRM_RUNS} for a page below the "
        "performance budget (median shown, range in brackets). "
        f"Machine load average at start / end: {report['load_average'][0]} / {report['load_average'][1]} "
        "(Lighthouse's performance score drops when other work competes for the CPU).",
        "",
        "## Times",
        "",
        f"- build: Japanese {report['build_seconds']['ja']} s, English {report['build_seconds']['en']} s",
        "- last `make test`: "
        + (
            f"{report['test_run']['seconds']} s (finished {report['test_run']['finished']})"
            if report["test_run"]
            else "not recorded yet (run `make test`)"
        ),
        *(
            [
                f"- tests: {report['tests']['without_browser']} without a browser, {report['tests']['browser']} "
                "in a browser (as pytest collects them now)"
            ]
            if report.get("tests")
            else []
        ),
        f"- building both languages the other way (diagrams left to mermaid in the browser): "
        f"{report['mermaid_variant']['seconds']} s",
        "",
        *(["## Project size", "", *size_lines(report["project_size"]), ""] if report.get("project_size") else []),
        "## Budgets",
        "",
        ", ".join(f"{k} {'≥' if k != 'text_page_gzip_kb' else '≤'} {v}" for k, v in BUDGETS.items()),
        "",
    ]
    misses = {pid: m for pid, m in report["budget_misses"].items() if m}
    lines += (
        ["Pages that miss a budget:", ""] + [f"- {pid}: {'; '.join(m)}" for pid, m in misses.items()]
        if misses
        else ["Every page meets every budget."]
    ) + [""]
    if report.get("search"):
        lines += [
            "## Search",
            "",
            "Reader-phrased queries typed into the search box: the tuned set (tests/browser/search_queries.yml) and "
            "the held-out set (tests/browser/search_heldout.yml, never tuned on); time from the "
            "last keystroke to the results drawn, index loaded; index size as downloaded when a reader starts "
            "to search. MRR: mean of 1/rank of the page that solves the problem (0 when not listed).",
            "",
            search_bench.table(report["search"], report["search"]["index"]),
            "",
            *search_bench.budget_lines(report["search"]),
            "",
        ]
        not_first = search_bench.misses(report["search"])
        if not_first:
            lines += ["Queries whose page is not first:", ""] + [f"- {m}" for m in not_first] + [""]
        elsewhere = search_bench.section_misses(report["search"])
        if elsewhere:
            lines += ["Listed, but not opening at the section the query names:", ""]
            lines += [f"- {m}" for m in elsewhere] + [""]
    lines += ["## Pages", "", HEADER.format(second="diagrams")]
    lines += [_row(pid, entry) for pid, entry in report["pages"].items()]
    lines += [
        "",
        "## Where the bytes go (gzip KB, first visit with an empty cache)",
        "",
        *weight_by_kind(report["pages"]),
    ]
    lines += [
        "",
        "## Diagram pages: drawings inlined at build time (the site) or mermaid in the browser",
        "",
        HEADER.format(second="design"),
    ]
    for pid, entry in report["mermaid_pages"].items():
        lines.append(_row(pid, report["pages"][pid], "inline SVG"))
        lines.append(_row(pid, entry, "mermaid"))
    failing = {
        pid: e["lighthouse"]["failing_audits"]
        for pid, e in report["pages"].items()
        if e.get("lighthouse", {}).get("failing_audits")
    }
    if failing:
        lines += ["", "## Lighthouse audits that cost points", ""]
        lines += [f"- {pid}: {'; '.join(audits)}" for pid, audits in failing.items()]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description="Page weight, Lighthouse scores and build/test times.")
    parser.add_argument(
        "--pages",
        action="append",
        default=[],
        help="only pages matching this glob, e.g. 'en/*' or 'ja/reset/' (repeatable)",
    )
    parser.add_argument("--no-lighthouse", action="store_true", help="page weight and times only (quick)")
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page; the median is reported")
    args = parser.parse_args()
    if not (SITE / "index.html").exists():
        raise SystemExit("site/ is not built: run `make bench` (it builds first)")

    ids = [pid for pid in page_ids() if not args.pages or any(fnmatch.fnmatch(pid, g) for g in args.pages)]
    if not ids:
        raise SystemExit(f"no page matches {args.pages}")
    runs = 0 if args.no_lighthouse else max(1, args.runs)
    chrome = chromium()
    version = subprocess.run([chrome, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"bench: {len(ids)} pages with {version}" + ("" if args.no_lighthouse else " and Lighthouse"), flush=True)

    load_at_start = round(os.getloadavg()[0], 2)
    print("bench: building both languages (timed)", flush=True)
    build = build_seconds()
    print("bench: counting the tests and the project's lines", flush=True)
    tests, size = test_counts(), project_size()
    print(
        f"bench: search, {sum(len(c) for c in search_bench.load_queries().values())} tuned and "
        f"{sum(len(c) for c in search_bench.load_heldout().values())} held-out reader-phrased queries "
        "typed into the search box",
        flush=True,
    )
    search = search_bench.run(SITE, chrome, mount_path())
    print("bench: the site as built (diagrams inlined as SVG)", flush=True)
    pages = measure_pages(SITE, ids, chrome, runs, "site")

    diagram_ids = [pid for pid in ids if pages[pid]["diagrams"]]
    print(
        f"bench: the same {len(diagram_ids)} diagram pages with their diagrams drawn by mermaid in the browser",
        flush=True,
    )
    variant_site = OUT / "mermaid-site"
    variant = mermaid_variant.build(variant_site, PROJECT)
    # Measured only for comparison with the site's design, so a miss there is not measured again.
    mermaid_pages = measure_pages(variant_site, diagram_ids, chrome, runs, "mermaid", confirm_misses=False)

    report = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "chromium": version,
        "lighthouse_version": json.loads((ROOT / "node_modules/lighthouse/package.json").read_text())["version"],
        "budgets": BUDGETS,
        "lighthouse_runs": runs,
        "load_average": [load_at_start, round(os.getloadavg()[0], 2)],
        "build_seconds": build,
        "test_run": last_test_run(),
        "tests": tests,
        "project_size": size,
        "mermaid_variant": variant,
        "search": search,
        "pages": pages,
        "mermaid_pages": mermaid_pages,
        "budget_misses": {pid: budget_misses(pid, entry) for pid, entry in pages.items()},
        "mermaid_budget_misses": {pid: budget_misses(pid, entry) for pid, entry in mermaid_pages.items()},
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "bench.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    text = summary(report)
    (OUT / "summary.md").write_text(text, encoding="utf-8")
    print("\n" + text)
    print(f"bench: wrote {OUT / 'bench.json'} and {OUT / 'summary.md'}")


if __name__ == "__main__":
    main()
