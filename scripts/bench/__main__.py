"""`make bench` (python -m scripts.bench): figures for every page of both languages, compared with the budgets.

On the built site/ served locally like GitHub Pages (gzip, published path): each page's cold-load weight on a phone
(requests, bytes raw and as sent, by kind) and its Lighthouse 12 scores (mobile preset) with LCP, TBT, CLS; the same
for each diagram page built the other way (blocks drawn in the reader's browser by the self-hosted mermaid, the
design decisions/0004 compares); each language's build time; the last `make test`'s duration and how many tests
pytest collects; the project's size; the search (search.py). Writes build/bench/bench.json and summary.md and prints
the summary. Asserts nothing and exits 0 even when budgets are missed (the figures are for people to read).
"""

from __future__ import annotations

import argparse
import datetime as dt
import fnmatch
import functools
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from playwright.sync_api import Browser, sync_playwright
from pymdownx.superfences import fence_code_format

from scripts import diagram_preview
from scripts.chromium import NoChromium, find_chromium
from scripts.diagram_store import DIAGRAM_HTML
from scripts.extensions.prerendered_diagrams import fence_format
from scripts.localserver import serve
from scripts.project import PROJECT, ROOT

from . import search as search_bench

SITE, OUT, TEST_SECONDS = ROOT / "site", ROOT / "build" / "bench", ROOT / "build" / "test-seconds.txt"
KB = 1024
# The budgets (decisions/0009-budgets.md): Lighthouse scores for every page, the weight for text pages only.
BUDGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100, "text_page_gzip_kb": 100}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CONFIRM_RUNS = 5  # at most this many Lighthouse runs for a page whose median performance misses the budget
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
# The browser tests' flags: no sandbox (containers run as root), no GPU, no background traffic.
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
METRICS = {
    "lcp_ms": "largest-contentful-paint",
    "tbt_ms": "total-blocking-time",
    "cls": "cumulative-layout-shift",
    "fcp_ms": "first-contentful-paint",
}
PHONE = {
    "viewport": {"width": 360, "height": 740},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
    "locale": "ja-JP",
}
KINDS = {".css": "css", ".js": "js", ".png": "images", ".svg": "images", ".ico": "images", ".xml": "sitemap"}


def page_ids() -> list[str]:
    """Every page as "<language>/<path>" ("ja/", "ja/reset/", "en/faq/", ...), as the project lists them."""
    return [f"{page.language}/{page.url}" for language in PROJECT.codes for page in PROJECT.pages(language)]


def site_path(page_id: str) -> str:
    """The page's path below the site root: "en/reset/" -> "en/reset/", "ja/reset/" -> "reset/"."""
    language, path = page_id.split("/", 1)
    return PROJECT.language(language).path + path


def chromium() -> str:
    try:
        return find_chromium()
    except NoChromium as error:
        raise SystemExit(str(error)) from None


def mount_path() -> str:
    return PROJECT.published_path


def run(command: list[str], what: str, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, **kwargs)
    if result.returncode:
        raise SystemExit(f"bench: {what} failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return result


def build_seconds() -> dict[str, float]:
    """A strict build of each language, timed (never --quiet: in MkDocs 1.6 it stops --strict from counting)."""
    seconds = {}
    with tempfile.TemporaryDirectory() as tmp:
        for language in PROJECT.languages:
            started = time.perf_counter()
            run(
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
                f"the strict build of {language.config_file.name}",
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            )
            seconds[language.code] = round(time.perf_counter() - started, 2)
    return seconds


def mermaid_build(out: Path) -> dict:
    """Every language built into `out` without docs/diagrams/: ```mermaid blocks left to the browser's mermaid."""
    started = time.perf_counter()
    shutil.rmtree(out, ignore_errors=True)
    for language in PROJECT.languages:
        config = load_config(str(language.config_file), site_dir=str(out / language.path), strict=False)
        for fence in config.mdx_configs["pymdownx.superfences"]["custom_fences"]:
            if fence.get("format") is fence_format:
                fence["format"] = fence_code_format
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    diagram_preview.add_to(out)
    return {"seconds": round(time.perf_counter() - started, 2)}


def collected(output: str) -> dict[str, int] | None:
    """The counts in pytest's `--collect-only -m browser` line: "750/1514 tests collected (764 deselected)"."""
    found = re.search(r"^(\d+)(?:/(\d+))? tests? collected", output, re.MULTILINE)
    if not found:
        return None
    browser = int(found.group(1))
    return {"browser": browser, "without_browser": int(found.group(2) or browser) - browser}


def project_size() -> dict:
    fixtures = ROOT / "tests" / "fixtures"

    def lines(paths) -> int:
        return sum(len(path.read_bytes().splitlines()) for path in paths if path.is_file())

    return {
        "pages": {
            code: {
                "readers": sum(not p.not_in_nav for p in PROJECT.pages(code)),
                "contributors": sum(p.not_in_nav for p in PROJECT.pages(code)),
            }
            for code in PROJECT.codes
        },
        "lines": {
            "Markdown pages (docs/)": lines((ROOT / "docs").rglob("*.md")),
            "Python in scripts/": lines((ROOT / "scripts").rglob("*.py")),
            "Python in tests/ (fixtures aside)": lines(
                p for p in (ROOT / "tests").rglob("*.py") if fixtures not in p.parents
            ),
            "test fixtures (tests/fixtures/)": lines(fixtures.rglob("*")),
        },
    }


def lighthouse(url: str, chrome: str) -> dict:
    """One Lighthouse run: scores (0-100), LCP/TBT/CLS/FCP and the audits that cost points."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--output=json",
                f"--output-path={report}",
                "--quiet",
                f"--only-categories={','.join(CATEGORIES)}",
                f"--chrome-flags={CHROME_FLAGS}",
            ],
            env={**os.environ, "CHROME_PATH": chrome},
            check=True,
            timeout=300,
        )
        data = json.loads(report.read_text(encoding="utf-8"))
    result = {name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES}
    for key, audit in METRICS.items():
        value = data["audits"][audit]["numericValue"]
        result[key] = round(value, 3) if key == "cls" else round(value)
    result["failing_audits"] = sorted(
        f"{category['id']}: {ref['id']} ({audit.get('displayValue') or audit['score']})"
        for category in data["categories"].values()
        for ref in category["auditRefs"]
        if ref.get("weight", 0) > 0 and (audit := data["audits"][ref["id"]])["score"] is not None and audit["score"] < 1
    )
    return result


def median_run(reports: list[dict]) -> dict:
    """The run with the median performance score (the lower middle one for an even count)."""
    return sorted(reports, key=lambda r: r["performance"])[(len(reports) - 1) // 2]


def lighthouse_scores(
    run_once: Callable[[], dict], runs: int, confirm_misses: bool, note: Callable[[int], None] = lambda score: None
) -> dict:
    """The median of `runs` runs. Lighthouse varies with whatever else the machine does, so a page whose median
    misses the performance budget is measured again, up to CONFIRM_RUNS in all: one noisy run is not reported as a
    miss, a real miss stays one."""
    reports = [run_once() for _ in range(runs)]
    while (
        confirm_misses and len(reports) < CONFIRM_RUNS and median_run(reports)["performance"] < BUDGETS["performance"]
    ):
        note(median_run(reports)["performance"])
        reports.append(run_once())
    return {**median_run(reports), "performance_runs": sorted(r["performance"] for r in reports)}


def kind(url: str) -> str:
    """A coarse bucket for a request, to say where the bytes go."""
    path = urlsplit(url).path
    if "/vendor/mermaid" in path:
        return "mermaid"
    if any(part in path for part in ("/search/", "/workers/", "/lunr/")):
        return "search"
    suffix = next((name for suffix, name in KINDS.items() if path.endswith(suffix)), None)
    return suffix or ("html" if path.endswith(("/", ".html")) else "other")


def page_weight(browser: Browser, url: str) -> dict:
    """What a first visit downloads (fresh phone context, empty cache), waiting for every request it started."""
    context = browser.new_context(**PHONE)
    page, responses, in_flight = context.new_page(), [], set()
    # Playwright wraps each handler in place: Python functions only, not bound built-ins like list.append.
    page.on("response", lambda response: responses.append(response))
    page.on("request", lambda request: in_flight.add(request))
    page.on("requestfinished", lambda request: in_flight.discard(request))
    page.on("requestfailed", lambda request: in_flight.discard(request))
    try:
        page.goto(url, wait_until="load")
        while in_flight:  # what scripts start after load: wait for each request by its own event, not a quiet spell
            response = in_flight.pop().response()
            if response is not None:
                response.finished()
        weight = {"url": url, "requests": 0, "raw_bytes": 0, "gzip_bytes": 0, "by_kind": {}}
        for response in responses:
            if urlsplit(response.url).scheme not in ("http", "https"):
                continue
            try:
                body = response.body()
            except Exception:
                body = b""
            # Bytes as sent, recompressed as the server does: Chromium reports 0 for a worker's script.
            sent = (
                len(gzip.compress(body, 6, mtime=0))
                if response.headers.get("content-encoding") == "gzip"
                else len(body)
            )
            bucket = weight["by_kind"].setdefault(kind(response.url), {"requests": 0, "raw_bytes": 0, "gzip_bytes": 0})
            for totals in (weight, bucket):
                totals["requests"] += 1
                totals["raw_bytes"] += len(body)
                totals["gzip_bytes"] += sent
        return weight
    finally:
        context.close()


def measure_pages(site: Path, ids: list[str], chrome: str, runs: int, label: str, confirm: bool = True) -> dict:
    results: dict[str, dict] = {}
    with serve(site, mount_path(), compress=True) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chrome, args=["--no-sandbox", "--disable-gpu"])
        try:
            for number, page_id in enumerate(ids, 1):
                url, prefix = base + site_path(page_id), f"  [{label} {number}/{len(ids)}] {page_id}"
                html = (site / site_path(page_id) / "index.html").read_text(encoding="utf-8")
                entry = results[page_id] = {
                    "diagrams": len(DIAGRAM_HTML.findall(html)),
                    "weight": page_weight(browser, url),
                }
                if runs:
                    entry["lighthouse"] = lighthouse_scores(
                        functools.partial(lighthouse, url, chrome),
                        runs,
                        confirm,
                        note=functools.partial(note_miss, prefix),
                    )
                print(
                    f"{prefix}: {entry['weight']['gzip_bytes'] / KB:.0f} KB gzip, {entry['weight']['requests']} "
                    "requests" + (f", performance {entry['lighthouse']['performance']}" if runs else ""),
                    flush=True,
                )
        finally:
            browser.close()
    return results


def note_miss(prefix: str, score: int) -> None:
    print(f"{prefix}: performance {score} below budget, measuring again", flush=True)


def budget_misses(page_id: str, entry: dict) -> list[str]:
    lh = entry.get("lighthouse", {})
    misses = [f"{c} {lh[c]} < {BUDGETS[c]}" for c in CATEGORIES if c in lh and lh[c] < BUDGETS[c]]
    gzip_kb = entry["weight"]["gzip_bytes"] / KB
    if not entry["diagrams"] and gzip_kb > BUDGETS["text_page_gzip_kb"]:
        misses.append(f"{gzip_kb:.0f} KB gzip > {BUDGETS['text_page_gzip_kb']} KB")
    return misses


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(cells) + " |" for cells in (header, ["---"] * len(header), *rows)]


PAGE_HEADER = [
    "requests",
    "raw KB",
    "gzip KB",
    "of which mermaid",
    "of which search",
    "performance",
    "accessibility",
    "best practices",
    "SEO",
    "LCP",
    "TBT",
    "CLS",
]


def page_row(page_id: str, entry: dict, second: str) -> list[str]:
    w, lh = entry["weight"], entry.get("lighthouse", {})
    runs = lh.get("performance_runs", [])
    performance = f"{lh.get('performance')} ({min(runs)}–{max(runs)})" if len(runs) > 1 else str(lh.get("performance"))
    scores = (
        [
            performance,
            *(str(lh[k]) for k in CATEGORIES[1:]),
            f"{lh['lcp_ms'] / 1000:.1f} s",
            f"{lh['tbt_ms']} ms",
            f"{lh['cls']}",
        ]
        if lh
        else ["n/a"] * 7
    )
    return [
        page_id,
        second,
        str(w["requests"]),
        *(f"{w[k] / KB:.0f}" for k in ("raw_bytes", "gzip_bytes")),
        *(f"{w['by_kind'].get(k, {}).get('gzip_bytes', 0) / KB:.0f}" for k in ("mermaid", "search")),
        *scores,
    ]


def summary(report: dict) -> str:
    test_run, tests, size = report["test_run"], report.get("tests"), report.get("project_size")
    lines = [
        f"# Benchmark, {report['date']}",
        "",
        f"Lighthouse {report['lighthouse_version']} (mobile preset, simulated slow 4G), {report['chromium']}; the site "
        "served locally with gzip under its published path. KB = 1024 bytes, as sent over the network (gzip) on a "
        f"first visit with an empty cache, until the network is quiet. Lighthouse runs per page: "
        f"{report['lighthouse_runs']}, up to {CONFIRM_RUNS} for a page below the performance budget (median shown, "
        f"range in brackets). Machine load average at start / end: {report['load_average'][0]} / "
        f"{report['load_average'][1]} (Lighthouse's performance score drops when other work competes for the CPU).",
        "",
        "## Times",
        "",
        "- build: " + ", ".join(f"{code} {s} s" for code, s in report["build_seconds"].items()),
        "- last `make test`: "
        + (
            f"{test_run['seconds']} s (finished {test_run['finished']})"
            if test_run
            else "not recorded yet (run `make test`)"
        ),
        *(
            [
                f"- tests: {tests['without_browser']} without a browser, {tests['browser']} in a browser (as pytest "
                "collects them now)"
            ]
            if tests
            else []
        ),
        "- building both languages the other way (diagrams left to mermaid in the browser): "
        f"{report['mermaid_variant']['seconds']} s",
        "",
    ]
    if size:
        pages = ", ".join(
            f"{code} {n['readers']} for readers + {n['contributors']} for contributors"
            for code, n in size["pages"].items()
        )
        lines += [
            "## Project size",
            "",
            f"- pages per language: {pages}",
            *(f"- {what}: {n:,} lines" for what, n in size["lines"].items()),
            "",
        ]
    misses = {pid: m for pid, m in report["budget_misses"].items() if m}
    lines += [
        "## Budgets",
        "",
        ", ".join(f"{k} {'≤' if k == 'text_page_gzip_kb' else '≥'} {v}" for k, v in BUDGETS.items()),
        "",
        *(
            ["Pages that miss a budget:", "", *(f"- {pid}: {'; '.join(m)}" for pid, m in misses.items())]
            if misses
            else ["Every page meets every budget."]
        ),
        "",
    ]
    if search := report.get("search"):
        not_first = search_bench.misses(search)
        elsewhere = search_bench.section_misses(search)
        lines += [
            "## Search",
            "",
            "Reader-phrased queries typed into the search box: the tuned set "
            "(tests/browser/search_queries.yml) and two held-out sets (tests/browser/search_heldout.yml and "
            "search_heldout_2.yml, never tuned on); time from the last keystroke to the results drawn, index "
            "loaded; index size as downloaded when a reader starts to search. MRR: mean of 1/rank of the page that "
            "solves the problem (0 when not listed).",
            "",
            search_bench.table(search, search["index"]),
            "",
            *search_bench.budget_lines(search),
            "",
            *(["Queries whose page is not first:", "", *(f"- {m}" for m in not_first), ""] if not_first else []),
            *(
                ["Listed, but not opening at the section the query names:", "", *(f"- {m}" for m in elsewhere), ""]
                if elsewhere
                else []
            ),
        ]
    pages = report["pages"]
    kinds = [
        k
        for k in ("html", "css", "js", "images", "sitemap", "search", "mermaid", "other")
        if any(k in e["weight"]["by_kind"] for e in pages.values())
    ]
    lines += [
        "## Pages",
        "",
        *table(
            ["page", "diagrams", *PAGE_HEADER],
            [page_row(pid, e, str(e["diagrams"] or "-")) for pid, e in pages.items()],
        ),
        "",
        "## Where the bytes go (gzip KB, first visit with an empty cache)",
        "",
        *table(
            ["page", *kinds, "total"],
            [
                [
                    pid,
                    *(
                        f"{e['weight']['by_kind'][k]['gzip_bytes'] / KB:.1f}" if k in e["weight"]["by_kind"] else "-"
                        for k in kinds
                    ),
                    f"{e['weight']['gzip_bytes'] / KB:.1f}",
                ]
                for pid, e in pages.items()
            ],
        ),
        "",
        "## Diagram pages: drawings inlined at build time (the site) or mermaid in the browser",
        "",
        *table(
            ["page", "design", *PAGE_HEADER],
            [
                row
                for pid, e in report["mermaid_pages"].items()
                for row in (page_row(pid, pages[pid], "inline SVG"), page_row(pid, e, "mermaid"))
            ],
        ),
    ]
    failing = {
        pid: lh["failing_audits"] for pid, e in pages.items() if (lh := e.get("lighthouse", {})).get("failing_audits")
    }
    if failing:
        lines += [
            "",
            "## Lighthouse audits that cost points",
            "",
            *(f"- {pid}: {'; '.join(audits)}" for pid, audits in failing.items()),
        ]
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
    if not args.no_lighthouse and not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run `npm ci` (make bench does)")
    ids = [pid for pid in page_ids() if not args.pages or any(fnmatch.fnmatch(pid, g) for g in args.pages)]
    if not ids:
        raise SystemExit(f"no page matches {args.pages}")
    runs, chrome = 0 if args.no_lighthouse else max(1, args.runs), chromium()
    version = subprocess.run([chrome, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"bench: {len(ids)} pages with {version}" + ("" if args.no_lighthouse else " and Lighthouse"), flush=True)
    load_at_start = round(os.getloadavg()[0], 2)
    print("bench: building both languages (timed)", flush=True)
    build = build_seconds()
    print("bench: counting the tests and the project's lines", flush=True)
    collect = run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "-m", "browser"],
        "pytest --collect-only",
        env={**os.environ, "GUIDE_SITE_DIR": str(SITE)},
    )
    tests = collected(collect.stdout) or sys.exit(f"bench: no count in pytest's output:\n{collect.stdout[-2000:]}")
    print(
        f"bench: search, {sum(len(c) for c in search_bench.load_queries().values())} tuned and "
        f"{sum(len(c) for c in search_bench.load_heldout().values())} + "
        f"{sum(len(c) for c in search_bench.load_heldout_2().values())} held-out reader-phrased queries "
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
    variant = mermaid_build(OUT / "mermaid-site")
    # Measured for comparison with the site's design only: a miss there is not measured again.
    mermaid_pages = measure_pages(OUT / "mermaid-site", diagram_ids, chrome, runs, "mermaid", confirm=False)
    finished = dt.datetime.fromtimestamp(TEST_SECONDS.stat().st_mtime, dt.UTC) if TEST_SECONDS.exists() else None
    report = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "chromium": version,
        "lighthouse_version": json.loads((ROOT / "node_modules/lighthouse/package.json").read_text())["version"],
        "budgets": BUDGETS,
        "lighthouse_runs": runs,
        "load_average": [load_at_start, round(os.getloadavg()[0], 2)],
        "build_seconds": build,
        "tests": tests,
        "project_size": project_size(),
        "mermaid_variant": variant,
        "test_run": {
            "seconds": int(TEST_SECONDS.read_text().strip()),
            "finished": finished.isoformat(timespec="seconds"),
        }
        if finished
        else None,
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
