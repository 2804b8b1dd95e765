"""`make bench`: what the site costs its readers and its contributors, as figures. It asserts nothing.

Prints, and writes to build/bench/ (bench.json and summary.md):
- per page of both languages: cold-load bytes (raw and gzip), request count, and Lighthouse (mobile preset)
  performance, accessibility, best practices and SEO with LCP, TBT and CLS;
- the same for every diagram page rendered the other way: diagrams as inline SVG made at build time, no mermaid
  JavaScript for the reader (the site ships the self-hosted, load-on-demand mermaid; README, "Budgets");
- the build time of each language, and the duration of the last `make test` (recorded by the Makefile);
- which pages miss the budgets in README.md.

    python -m scripts.bench [--pages GLOB] [--no-lighthouse]
"""

from __future__ import annotations

import argparse
import fnmatch
import gzip
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from scripts.localserver import published_path, serve

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "bench"
TEST_SECONDS = ROOT / "build" / "test-seconds.txt"
CONFIGS = {"ja": ROOT / "mkdocs.yml", "en": ROOT / "mkdocs.en.yml"}
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# README.md, "Budgets".
BUDGET = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
TEXT_PAGE_GZIP_BUDGET = 120 * 1024
DIAGRAM = re.compile(r'<pre class="mermaid"><code>(.*?)</code></pre>', re.DOTALL)


def chromium() -> str:
    path = os.environ.get("CHROMIUM_PATH") or next(
        (found for name in ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome")
         if (found := shutil.which(name))), None)
    if not path or path == "playwright":
        raise SystemExit("bench needs a Chromium executable: run `make browser` or set CHROMIUM_PATH")
    return path


def pages(pattern: str) -> list[str]:
    """Site-relative page paths of both languages ("", "reset/", "en/reset/"), from the sources."""
    found = []
    for language, prefix in (("ja", ""), ("en", "en/")):
        docs = ROOT / "docs" / language
        for src in sorted(docs.rglob("*.md")):
            rel = src.relative_to(docs).parent if src.name == "index.md" else src.relative_to(docs).with_suffix("")
            path = prefix + ("" if str(rel) == "." else f"{rel.as_posix()}/")
            if fnmatch.fnmatch(path or "/", pattern):
                found.append(path)
    return found


def build_seconds() -> dict[str, float]:
    """Time a strict build of each language (into a scratch folder, so site/ stays as `make build` left it)."""
    seconds = {}
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        for language, config in CONFIGS.items():
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config),
                            "--site-dir", str(Path(tmp) / language)],
                           cwd=ROOT, check=True, capture_output=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
            seconds[language] = round(time.perf_counter() - started, 2)
    return seconds


def cold_load(browser: Browser, url: str) -> dict[str, int]:
    """Bytes and requests of a first visit with an empty cache, diagrams included (they load on demand)."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    bodies: list[bytes] = []

    def collect(response) -> None:
        try:
            bodies.append(response.body())
        except Exception:  # a redirect or an aborted request has no body; it still counts as a request
            bodies.append(b"")

    page.on("response", collect)
    page.goto(url, wait_until="networkidle")
    context.close()
    return {"requests": len(bodies), "bytes": sum(map(len, bodies)),
            "gzip_bytes": sum(len(gzip.compress(body, 6)) for body in bodies)}


def lighthouse(url: str, chrome: str, report: Path) -> dict[str, float]:
    """Lighthouse's default (mobile) run against the local server."""
    command = [str(ROOT / "node_modules/.bin/lighthouse"), url, "--quiet", "--output=json",
               f"--output-path={report}", f"--only-categories={','.join(CATEGORIES)}",
               f"--chrome-flags={' '.join(LAUNCH_ARGS)}"]
    subprocess.run(command, check=True, capture_output=True, env={**os.environ, "CHROME_PATH": chrome}, timeout=300)
    result = json.loads(report.read_text(encoding="utf-8"))
    scores = {name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES}
    audits = result["audits"]
    return {**scores,
            "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
            "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
            "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3)}


def inline_svg_variant(browser: Browser, site: Path, diagram_pages: list[str], out: Path) -> None:
    """A copy of the site whose diagrams are SVG rendered ahead of time by the same mermaid, with no script needed."""
    shutil.copytree(site, out, symlinks=True)
    page = browser.new_page()
    page.set_content("<!doctype html><body></body>")
    page.add_script_tag(path=str(site / "assets/javascripts/vendor/mermaid.min.js"))
    page.evaluate("mermaid.initialize({startOnLoad: false})")
    for path in diagram_pages:
        target = out / path / "index.html"
        text = target.read_text(encoding="utf-8")
        counter = iter(range(1000))

        def render(match: re.Match) -> str:
            source = html.unescape(match.group(1))
            svg = page.evaluate("([id, text]) => mermaid.render(id, text).then(r => r.svg)",
                                [f"d{next(counter)}", source])
            return f'<div class="diagram-svg">{svg}</div>'

        target.write_text(DIAGRAM.sub(render, text), encoding="utf-8")
    page.close()


def measure(browser: Browser, base_url: str, paths: list[str], chrome: str, use_lighthouse: bool,
            label: str) -> dict[str, dict]:
    results = {}
    for path in paths:
        url = base_url + path
        row = cold_load(browser, url)
        if use_lighthouse:
            report = OUT / "lighthouse" / f"{label}-{path.strip('/').replace('/', '_') or 'home'}.json"
            report.parent.mkdir(parents=True, exist_ok=True)
            row |= lighthouse(url, chrome, report)
        results[path] = row
        print(f"  {label:10} /{path:40} {row['gzip_bytes'] / 1024:7.1f} KB gzip  {row['requests']:3} requests"
              + (f"  perf {row['performance']} a11y {row['accessibility']} bp {row['best-practices']}"
                 f" seo {row['seo']}" if use_lighthouse else ""), flush=True)
    return results


def budget_misses(path: str, row: dict, has_diagram: bool) -> list[str]:
    misses = [f"{name} {row[name]} < {limit}" for name, limit in BUDGET.items() if name in row and row[name] < limit]
    if not has_diagram and row["gzip_bytes"] > TEXT_PAGE_GZIP_BUDGET:
        misses.append(f"{row['gzip_bytes'] / 1024:.0f} KB gzip > 120 KB")
    return misses


def summary(report: dict) -> str:
    lines = ["# Benchmark", "", f"Build: ja {report['build_seconds']['ja']} s, en {report['build_seconds']['en']} s. "
             f"Last `make test`: {report['test_seconds'] or 'not recorded yet (run make test)'}"
             f"{' s' if report['test_seconds'] else ''}.", "",
             "| page | KB gzip | KB raw | requests | perf | a11y | bp | seo | LCP ms | TBT ms | CLS | budget |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for variant, rows in (("", report["pages"]), ("inline SVG: ", report["inline_svg"])):
        for path, row in rows.items():
            cells = [f"{row.get(k, '–')}" for k in ("performance", "accessibility", "best-practices", "seo",
                                                     "lcp_ms", "tbt_ms", "cls")]
            lines.append(f"| {variant}/{path} | {row['gzip_bytes'] / 1024:.1f} | {row['bytes'] / 1024:.1f} | "
                         f"{row['requests']} | {' | '.join(cells)} | {'; '.join(row['misses']) or 'met'} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default="*", help="glob over page paths, e.g. 'en/*' or 'reset/'")
    parser.add_argument("--no-lighthouse", action="store_true", help="weights and requests only (fast)")
    args = parser.parse_args(argv)
    site = ROOT / "site"
    if not (site / "index.html").is_file():
        raise SystemExit("site/ is not built: run `make build` (make bench does)")
    chrome = chromium()
    OUT.mkdir(parents=True, exist_ok=True)
    paths = pages(args.pages)
    diagram_pages = [p for p in paths if DIAGRAM.search((site / p / "index.html").read_text(encoding="utf-8"))]

    print("build times ...", flush=True)
    report = {"build_seconds": build_seconds(),
              "test_seconds": float(TEST_SECONDS.read_text()) if TEST_SECONDS.exists() else None}
    mount = published_path(CONFIGS["ja"])
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chrome, args=LAUNCH_ARGS)
        print(f"{len(paths)} pages, {len(diagram_pages)} with diagrams ...", flush=True)
        with serve(site, mount, compress=True) as base_url:
            report["pages"] = measure(browser, base_url, paths, chrome, not args.no_lighthouse, "shipped")
        with tempfile.TemporaryDirectory(prefix="bench-svg-") as tmp:
            variant = Path(tmp) / "site"
            inline_svg_variant(browser, site, diagram_pages, variant)
            with serve(variant, mount, compress=True) as base_url:
                report["inline_svg"] = measure(browser, base_url, diagram_pages, chrome, not args.no_lighthouse,
                                               "inline-svg")
        browser.close()
    for rows in (report["pages"], report["inline_svg"]):
        for path, row in rows.items():
            row["misses"] = budget_misses(path, row, path in diagram_pages)
    (OUT / "bench.json").write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    text = summary(report)
    (OUT / "summary.md").write_text(text, encoding="utf-8")
    print("\n" + text)
    misses = [f"/{p}: {'; '.join(r['misses'])}" for p, r in report["pages"].items() if r["misses"]]
    print("pages missing the budgets:" if misses else "every page meets the budgets.")
    print("\n".join(misses))
    print(f"written: {OUT.relative_to(ROOT)}/bench.json, summary.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
