"""Browser fixtures: one Chromium for the whole session, every page of both languages, and one visit per page and
colour scheme whose findings several tests share (so each page is loaded and checked with axe only once per scheme).

Chromium comes from CHROMIUM_PATH (an executable, or `playwright` for Playwright's own download) or from PATH
(`make browser` installs Debian's). A missing browser fails every browser test: it is never a skip.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from scripts.chromium import NoChromium, find_chromium
from scripts.diagram_store import DIAGRAM_HTML
from scripts.project import PROJECT, ROOT
from tests.browser.focus import content_focus_problems
from tests.browser.settings import (
    DARK_BACKGROUND_MAX,
    DESKTOP,
    LANGUAGES,
    LAUNCH_ARGS,
    LIGHT_BACKGROUND_MIN,
    PHONE,
    all_pages,
    diagram_pages,
    page_id,
    representative_pages,
)

ARTEFACTS = ROOT / "test-results"
AXE = Axe()  # reads axe-core's script once


# Every page is visited once, on a phone: first in the light scheme, then, without reloading, in the dark one (as a
# phone whose system setting turns dark at night; Material follows the setting). What the build gives each page (its
# content, diagrams, links) is checked in both schemes; a second page load per page would add nothing but time.
# The desktop layout (sidebars, the header's search field) is the same template on every page: the representative
# pages get a dark desktop visit as well.
PHONE_VISIT = {"color_scheme": "light", "viewport": PHONE, "is_mobile": True, "has_touch": True}
DESKTOP_VISIT = {"color_scheme": "dark", "viewport": DESKTOP}
SCHEMES = ["light", "dark"]
# axe-core runs all its rules in the light scheme and in the desktop visit, and the rules that depend on colour in
# the dark scheme (the rest do not change with the colours): axe is most of a visit's time.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
# axe fetches and parses every stylesheet again before each run ("preload") for its one rule that reads them
# (css-orientation-lock), a third of a full run. Every page links the same stylesheets: that rule runs in the
# desktop visits of the representative pages only.

# Whether the page shows the emulated scheme (settings.DARK_BACKGROUND_MAX, LIGHT_BACKGROUND_MIN): its body has an
# opaque background of that scheme's lightness.
_SHOWS_SCHEME_JS = """([scheme, darkMax, lightMin]) => {
  const values = (getComputedStyle(document.body).backgroundColor.match(/[\\d.]+/g) || []).map(Number);
  if (values.length < 3 || (values.length > 3 && values[3] < 1)) return false;  // no opaque background of its own
  const sum = values[0] + values[1] + values[2];
  return scheme === 'dark' ? sum <= darkMax : sum >= lightMin;
}"""


def chromium_executable() -> str:
    """The Chromium to drive. Fails loudly when there is none: a missing browser is never a skip."""
    try:
        return find_chromium()
    except NoChromium as error:
        pytest.fail(str(error), pytrace=False)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """`site_page`: (language, path) of every page of every language; `diagram_page`: the pages with a diagram;
    `english_page`: the pages of the English site; `header_page`: the representative pages for header behaviour;
    `page_scheme`: each colour scheme of a visit."""
    if "site_page" in metafunc.fixturenames:
        metafunc.parametrize("site_page", all_pages(), ids=page_id)
    if "english_page" in metafunc.fixturenames:
        metafunc.parametrize("english_page", [page for page in all_pages() if page[0] == "en"], ids=page_id)
    if "diagram_page" in metafunc.fixturenames:
        metafunc.parametrize("diagram_page", diagram_pages(), ids=page_id)
    if "header_page" in metafunc.fixturenames:
        metafunc.parametrize("header_page", representative_pages(), ids=page_id)
    if "page_scheme" in metafunc.fixturenames:
        metafunc.parametrize("page_scheme", SCHEMES)


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test here is a browser test. The tests that share a page's visits (`visits`) form one xdist group per
    page, so that `pytest -n` runs them in one process and each page is still visited once per scheme."""
    browser_dir = Path(__file__).parent
    for item in items:
        if browser_dir not in Path(item.path).parents:
            continue
        item.add_marker(pytest.mark.browser)
        params = getattr(item, "callspec", None) and item.callspec.params
        names = ("site_page", "english_page", "diagram_page", "header_page")
        page = params and next((params[name] for name in names if params.get(name)), None)
        if page and {"visits", "desktop_visits"} & set(item.fixturenames):
            item.add_marker(pytest.mark.xdist_group(f"visits-{page_id(page)}"))


@pytest.fixture(scope="session")
def browser() -> Browser:
    executable = chromium_executable()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def page_url(site_url: str):
    """Absolute URL of a (language, path) page on the local server."""

    def url(language: str, path: str) -> str:
        return f"{site_url}{PROJECT.language(language).path}{path}"

    return url


@pytest.fixture(scope="session")
def tab(browser: Browser):
    """tab(**context_settings) -> a blank tab with those settings, reused by every later test of this process that
    asks for the same settings.

    Why: a new browser context costs about a second of both cores (the browser process sets up a profile, a new tab
    a renderer), three times what navigating an open tab costs, and the browser tests open some 250 pages. The tab is
    handed out at about:blank, so the previous test's page, and whatever it still had in flight, is gone before the
    next test listens. For tests that read pages or navigate only: a test that adds an init script or a route,
    resizes the viewport or stores a choice (the palette toggle) opens a context of its own (`desktop_page`)."""
    tabs: dict[str, Page] = {}

    def get(**settings) -> Page:
        settings = {"locale": "ja-JP", **settings}
        key = json.dumps(settings, sort_keys=True)
        if key not in tabs:
            tabs[key] = browser.new_context(**settings).new_page()
        tabs[key].goto("about:blank")
        return tabs[key]

    yield get
    for page in tabs.values():
        page.context.close()


@pytest.fixture
def desktop_page(browser: Browser) -> Page:
    """A light-scheme desktop tab in a context of its own, with nothing stored (no remembered palette, no search
    history), for a test that changes the tab itself (init scripts, routes, the viewport) or stores a choice."""
    context = browser.new_context(viewport=DESKTOP, color_scheme="light", locale="ja-JP")
    page = context.new_page()
    yield page
    context.close()


# ----------------------------------------------------------------------------------------------------------------
# One visit per page, in both schemes, shared by the tests of test_pages.py and test_keyboard.py
# ----------------------------------------------------------------------------------------------------------------
@dataclass
class Diagram:
    height: float
    svg_count: int
    error_svg: bool
    text: str
    label_color: str | None  # the computed colour of its first box's label, which must follow the colour scheme


@dataclass
class SchemeView:
    """What one colour scheme of a visit showed."""

    scheme: str  # "light" or "dark": the emulated system setting
    shows_scheme: bool = False  # the page's background is that scheme's (_SHOWS_SCHEME_JS)
    diagrams: list[Diagram] = field(default_factory=list)
    axe_violations: list[dict] = field(default_factory=list)
    focus_problems: list[str] = field(default_factory=list)  # the page's own links, by keyboard (dark scheme)


@dataclass
class Visit:
    """One load of a page, in each colour scheme it was shown in."""

    url: str
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    hosts: set[str] = field(default_factory=set)
    expected_diagrams: int = 0
    schemes: dict[str, SchemeView] = field(default_factory=dict)
    scroll_width: int = 0
    client_width: int = 0
    wide_elements: list[str] = field(default_factory=list)
    wide_tables: list[str] = field(default_factory=list)  # tables without code that scroll sideways on the phone
    split_words: list[str] = field(default_factory=list)  # English words a table cell breaks across two lines
    screenshot: Path | None = None


def _count_diagrams(html: str) -> int:
    # Counted in the HTML as served, before any script runs: a drawing inlined by the build is a <div class="mermaid"
    # data-diagram=…>; a block left for the browser is a <pre class="mermaid">.
    return len(DIAGRAM_HTML.findall(html))


# Each diagram as the reader's browser shows it. The drawings are inlined SVG, part of the page's own DOM, so page
# script reads them (no DevTools walk: a block left for mermaid would have no SVG here, and that fails the checks).
_DIAGRAMS_JS = """els => els.map(e => {
  const svgs = e.querySelectorAll('svg');
  const texts = [...e.querySelectorAll('svg text, svg foreignObject')].map(t => t.textContent.trim()).filter(t => t);
  const label = e.querySelector('.node .nodeLabel');
  return {height: e.getBoundingClientRect().height, svg_count: svgs.length,
          error_svg: [...svgs].some(s => s.getAttribute('aria-roledescription') === 'error') ||
                     texts.join(' ').includes('Syntax error'),
          text: texts.join(' ').slice(0, 200),
          label_color: label && getComputedStyle(label).color};
})"""


def _rendered_diagrams(page: Page) -> list[Diagram]:
    return [Diagram(**found) for found in page.eval_on_selector_all("div.mermaid, pre.mermaid", _DIAGRAMS_JS)]


# Brings the page to where its transitions end (Material fades link colours over 125 ms when the scheme changes), so
# that axe judges the colours a reader sees, not a frame half-way. Reading a style first makes the browser apply the
# change and start the transitions now rather than at its next frame; finishing them then jumps to their end. An
# endless animation cannot finish and is left as it is.
_SETTLE_JS = """() => {
  getComputedStyle(document.body).color;
  for (const animation of document.getAnimations()) {
    try { animation.finish(); } catch (endless) { /* InvalidStateError: infinite iterations */ }
  }
}"""


def _show(page: Page, view: SchemeView, artefact: str, axe_options: dict) -> None:
    """Wait for `view`'s scheme to be applied, then record its diagrams and axe's findings."""
    arg = [view.scheme, DARK_BACKGROUND_MAX, LIGHT_BACKGROUND_MIN]
    with contextlib.suppress(PlaywrightTimeoutError):  # reported by the tests that read shows_scheme
        page.wait_for_function(_SHOWS_SCHEME_JS, arg=arg, timeout=10_000)
    page.evaluate(_SETTLE_JS)
    view.shows_scheme = page.evaluate(_SHOWS_SCHEME_JS, arg)
    view.diagrams = _rendered_diagrams(page)
    # resultTypes: axe-playwright-python's default, details of failures only.
    view.axe_violations = AXE.run(page, options={"resultTypes": ["violations"], **axe_options}).response["violations"]
    if view.axe_violations:
        report = ARTEFACTS / "axe" / f"{artefact}.json"
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_text(json.dumps(view.axe_violations, ensure_ascii=False, indent=1), encoding="utf-8")


def _visit(page: Page, url: str, artefact: str, desktop: bool) -> Visit:
    """One visit of `url` in `page`, a blank reused tab (PHONE_VISIT's settings, or DESKTOP_VISIT's if `desktop`)."""
    visit = Visit(url=url)
    # The listeners record this visit only: they are removed at its end, before the tab serves the next one.
    listeners = {
        "console": lambda m: m.type == "error" and visit.console_errors.append(f"{m.text} ({m.location})"),
        "pageerror": lambda e: visit.console_errors.append(f"uncaught: {e}"),
        "requestfailed": lambda r: visit.failed_requests.append(f"{r.url}: {r.failure}"),
        "response": lambda r: r.status >= 400 and visit.failed_requests.append(f"{r.url}: HTTP {r.status}"),
        "request": lambda r: visit.hosts.add(urlsplit(r.url).netloc or urlsplit(r.url).scheme),
    }
    for event, listener in listeners.items():
        page.on(event, listener)
    try:
        response = page.goto(url, wait_until="load")
        assert response is not None and response.ok, f"{url}: {response and response.status}"
        visit.expected_diagrams = _count_diagrams(response.text())
        if desktop:
            dark = visit.schemes["dark"] = SchemeView(scheme="dark")
            _show(page, dark, f"{artefact}-dark-desktop", {"preload": True})
        else:
            light = visit.schemes["light"] = SchemeView(scheme="light")
            _show(page, light, f"{artefact}-light-phone", {"preload": False})
            visit.scroll_width, visit.client_width = page.evaluate(
                "[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
            )
            if visit.scroll_width > visit.client_width:
                visit.wide_elements = page.evaluate(_WIDE_ELEMENTS_JS)
            visit.wide_tables = page.evaluate(f"() => ({_WITH_BOXES_OPEN})({_WIDE_TABLES_JS})")
            visit.split_words = page.evaluate(f"() => ({_WITH_BOXES_OPEN})({_SPLIT_WORDS_JS})")
            visit.screenshot = ARTEFACTS / "screenshots" / f"{artefact}.png"
            visit.screenshot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=visit.screenshot)  # what a phone shows first (artefact for people)
            page.emulate_media(color_scheme="dark")
            dark = visit.schemes["dark"] = SchemeView(scheme="dark")
            _show(
                page,
                dark,
                f"{artefact}-dark-phone",
                {"preload": False, "runOnly": {"type": "rule", "values": COLOUR_RULES}},
            )
        # Last: tabbing moves focus and may scroll, which nothing above should see.
        dark.focus_problems = content_focus_problems(page)
    finally:
        # Before the tab leaves the page (`tab` hands it out again at about:blank): leaving aborts whatever the page
        # still had in flight, which is no failure of this page.
        for event, listener in listeners.items():
            page.remove_listener(event, listener)
        if not desktop:
            page.emulate_media(color_scheme=PHONE_VISIT["color_scheme"])  # the tab's own setting, for the next page
    return visit


# Diagnostics only: the outermost elements that reach past the right edge, to say what makes a page scroll.
_WIDE_ELEMENTS_JS = """() => {
  const limit = document.scrollingElement.clientWidth;
  const wide = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > limit + 1);
  const outermost = wide.filter(e => !wide.includes(e.parentElement));
  return outermost.slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
    (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '') +
    ' right=' + Math.round(e.getBoundingClientRect().right));
}"""


# Tables wider than their own box (Material makes each table its own sideways-scrolling box), and by how much. A table
# with code in a cell is left out: a command breaks at its spaces only (site.css), so it may scroll.
# Both measure the tables inside collapsed boxes too (the glossary's screen labels): each closed <details> is opened
# for the measurement and closed again, so the rest of the visit sees the page as it loads.
_WITH_BOXES_OPEN = """(measure) => { const closed = [...document.querySelectorAll('details:not([open])')];
  closed.forEach(box => { box.open = true; });
  try { return measure(); } finally { closed.forEach(box => { box.open = false; }); } }"""
_WIDE_TABLES_JS = """() => [...document.querySelectorAll('.md-typeset table')]
  .filter(t => !t.querySelector('td code') && t.scrollWidth > t.clientWidth + 1)
  .map(t => (t.scrollWidth - t.clientWidth) + ' px past the screen: table "' +
            t.rows[0].innerText.replace(/\\s+/g, ' ').slice(0, 40) + '"')"""

# An English word of three or more letters in a table cell that is laid out on more than one line ("Met / hod"). Each
# run of letters is one word, so a line break at a hyphen (half- / width) is not counted.
_SPLIT_WORDS_JS = """() => { const split = [];
  document.querySelectorAll('.md-typeset :is(th, td)').forEach(cell => {
    const texts = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = texts.nextNode(); node; node = texts.nextNode()) {
      for (const word of node.data.matchAll(/[A-Za-z]{3,}/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) split.push(word[0]);
      }
    }
  });
  return split; }"""


def _visits_made_once(tab, page_url, desktop: bool):
    """(language, path) -> Visit, each page visited at most once in this process (PHONE_VISIT's or DESKTOP_VISIT's
    settings, as `desktop` says)."""
    cache: dict[tuple[str, str], Visit] = {}

    def get(language: str, path: str) -> Visit:
        if (language, path) not in cache:
            artefact = f"{language}/{path.strip('/').replace('/', '--') or 'home'}"
            settings = DESKTOP_VISIT if desktop else PHONE_VISIT
            cache[language, path] = _visit(tab(**settings), page_url(language, path), artefact, desktop=desktop)
        return cache[language, path]

    return get


@pytest.fixture(scope="session")
def visits(tab, page_url):
    """visits(language, path) -> the page's phone Visit (light, then dark), shared by every test that asks."""
    return _visits_made_once(tab, page_url, desktop=False)


@pytest.fixture(scope="session")
def desktop_visits(tab, page_url):
    """desktop_visits(language, path) -> a representative page's dark desktop Visit, shared likewise."""
    return _visits_made_once(tab, page_url, desktop=True)


# ----------------------------------------------------------------------------------------------------------------
# Search timings: recorded by test_search.py, written to test-results/ and printed after the run (never asserted).
# Each timing travels with its test's report (user_properties), so the figures are whole under `pytest -n` too.
# ----------------------------------------------------------------------------------------------------------------
_SEARCH_TIMINGS: list[dict] = []


@pytest.fixture
def search_timing(record_property):
    """search_timing({...}): keep one query's timing for the end-of-run summary."""
    return lambda timing: record_property("search_timing", timing)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call":
        _SEARCH_TIMINGS.extend(value for name, value in report.user_properties if name == "search_timing")


def pytest_sessionfinish(session: pytest.Session) -> None:
    if _SEARCH_TIMINGS and not hasattr(session.config, "workerinput"):  # the main process, not an xdist worker
        ARTEFACTS.mkdir(exist_ok=True)
        (ARTEFACTS / "search-timings.json").write_text(
            json.dumps(_SEARCH_TIMINGS, ensure_ascii=False, indent=1), encoding="utf-8"
        )


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    if not _SEARCH_TIMINGS:
        return
    terminalreporter.section("search: last keystroke to first results (ms)")
    for language in LANGUAGES:
        values = sorted(t["ms"] for t in _SEARCH_TIMINGS if t["language"] == language)
        if values:
            terminalreporter.write_line(
                f"{language}: {len(values)} queries, median {values[len(values) // 2]}, max {values[-1]}"
            )
    terminalreporter.write_line(f"per query: {ARTEFACTS / 'search-timings.json'}")
