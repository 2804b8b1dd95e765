"""The project's search queries (tests/browser/search_queries.yml) typed into Material's search box on the MkDocs
build and into Zensical's on the Zensical build: does each find its page in the first three results?

Prints a Markdown report (figures per language, then every query whose outcome differs) for README "Moving to
Zensical". Needs `make build`, a Zensical build (`make zensical-search` makes both) and Chromium (`make browser`).
It asserts nothing: the browser tests hold Material's search to the queries; this measures the successor.

Typing on Material is the browser tests' own (scripts/bench/search.py): Latin letters key by key, Japanese text as
an input-method commit, waiting for the worker's answer to each query. Zensical's search box reacts to input events,
so there the query is filled in at once and the list is read once it has stopped changing.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from playwright.sync_api import Page, sync_playwright

from scripts.bench.search import WATCH_WORKER_JS, open_search, search
from scripts.chromium import find_chromium
from scripts.localserver import serve
from scripts.project import PROJECT, ROOT

QUERIES = ROOT / "tests" / "browser" / "search_queries.yml"
LANGUAGE_ROOTS = {language.code: language.path for language in PROJECT.languages}
TOP = 3


def _paths(base: str, hrefs: list[str]) -> list[str]:
    """Result links as page paths below the language's root ("reset/"), without ?h= and #section."""
    out = []
    for href in hrefs:
        path = urlsplit(href).path
        base_path = urlsplit(base).path
        out.append(path[len(base_path):] if path.startswith(base_path) else path)
    return out


def material_results(page: Page, query: str) -> list[str]:
    """Material's results for `query`, waiting for the search worker's answer to that very query (the browser
    tests' code: scripts/bench/search.py)."""
    return search(page, query).found


# Zensical's search has no worker message to watch: its result list is read once it has stopped changing (no
# mutation for 300 ms after the last one) and the status no longer says it is loading the index.
# (The dialog is reached from its input: it may sit in a shadow root, which Playwright's selectors pierce.)
SETTLED_LIST_JS = """input => new Promise(resolve => {
  const dialog = input.closest('dialog');
  let timer;
  const settle = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const status = dialog.querySelector('[role=status]');
      if (status && status.innerText.includes('Loading')) return settle();
      observer.disconnect();
      resolve(true);
    }, 300);
  };
  const observer = new MutationObserver(settle);
  observer.observe(dialog, {childList: true, subtree: true, characterData: true});
  settle();
})"""


def zensical_results(page: Page, query: str) -> list[str]:
    box = page.locator("dialog input[role=combobox]")
    box.fill(query)
    box.evaluate(SETTLED_LIST_JS)
    return page.locator("dialog ol[role=listbox] > li > a[role=option]").evaluate_all("els => els.map(a => a.href)")


def run_engine(engine: str, site: Path, mount: str, cases: dict,
               elsewhere: set[str] | None = None) -> dict[str, list[tuple[str, str, int | None]]]:
    """language -> [(query, expected page, 1-based rank of the first result on that page or None)]. Every request
    to another host than the local server (page loads and searches alike) is added to `elsewhere`."""
    outcome: dict[str, list[tuple[str, str, int | None]]] = {}
    elsewhere = set() if elsewhere is None else elsewhere
    with serve(site, mount) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find_chromium())
        for language, queries in cases.items():
            context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="ja-JP")
            if engine != "zensical":
                context.add_init_script(WATCH_WORKER_JS)
            page = context.new_page()
            page.on("request", lambda request: elsewhere.add(request.url) if urlsplit(request.url).hostname not in (
                "127.0.0.1", None) and not request.url.startswith("data:") else None)
            base = url + LANGUAGE_ROOTS[language]
            if engine == "zensical":
                page.goto(base, wait_until="load")
                page.click(".md-search__button")
                page.locator("dialog input[role=combobox]").wait_for()
            else:
                open_search(page, base)
            rows = []
            for case in queries:
                hrefs = (zensical_results if engine == "zensical" else material_results)(page, case["query"])
                paths = _paths(base, hrefs)
                rank = paths.index(case["page"]) + 1 if case["page"] in paths else None
                rows.append((case["query"], case["page"], rank))
            outcome[language] = rows
            context.close()
        browser.close()
    return outcome


def report(material: dict, zensical: dict, elsewhere: set[str]) -> str:
    lines = ["| language | queries | Material: page in top 3 | Zensical: page in top 3 |", "| --- | --- | --- | --- |"]
    for language in material:
        def hits(rows):  # noqa: ANN001, ANN202
            return sum(1 for *_, rank in rows if rank is not None and rank <= TOP)
        lines.append(f"| {language} | {len(material[language])} | {hits(material[language])} | "
                     f"{hits(zensical[language])} |")
    differing = []
    for language in material:
        for (query, page, m_rank), (_, _, z_rank) in zip(material[language], zensical[language]):
            m_ok, z_ok = m_rank is not None and m_rank <= TOP, z_rank is not None and z_rank <= TOP
            if not (m_ok and z_ok):
                differing.append(f"| {language} | {query} | `{page}` | {m_rank or '–'} | {z_rank or '–'} |")
    if differing:
        lines += ["", "Queries not found in the top 3 by one engine or both (rank of the first result on the "
                  "expected page; – = not among the results):", "", "| language | query | page | Material | Zensical |",
                  "| --- | --- | --- | --- | --- |", *differing]
    lines += ["", "Requests to another host while loading pages and searching: "
              + (", ".join(sorted(elsewhere)) if elsewhere else "none.")]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--material-site", type=Path, default=ROOT / "site")
    parser.add_argument("--zensical-site", type=Path, default=ROOT / "build" / "zensical" / "site")
    args = parser.parse_args(argv)
    for site in (args.material_site, args.zensical_site):
        if not (site / "index.html").is_file():
            sys.exit(f"error: no built site in {site}: run `make zensical-search`")
    cases = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    cases = {language: cases[language] for language in LANGUAGE_ROOTS}
    mount = PROJECT.published_path
    elsewhere: set[str] = set()
    material = run_engine("material", args.material_site, mount, cases, elsewhere)
    zensical = run_engine("zensical", args.zensical_site, mount, cases, elsewhere)
    print(report(material, zensical, elsewhere))
    return 0


if __name__ == "__main__":
    sys.exit(main())
