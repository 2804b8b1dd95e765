"""Pages and diagrams a phone can hold (issue 24, items 5 and 6), on every reader page of both languages:

- at 390 x 844 (the phone of issues 13 and 24) a page is at most 8 screens tall: a reader who is locked out and
  anxious does not scroll through 17 screens to find the step that applies to them;
- on every task page the numbered steps come before any diagram: in each section with a diagram, a numbered list
  stands between the section's heading and the diagram (so the page's first numbered list comes before its first
  diagram); the reader acts on the steps, the drawing only repeats them;
- at 360 px, the narrowest screen the site supports (settings.PHONE), every diagram shown by default fits its
  column: it does not scroll sideways in its box, its drawing is no wider than the column, and its labels are drawn
  at 12 px or more (a drawing shrunk to fit would be unreadable, one left wide is cut at the screen's edge).

Reader pages are the pages of the navigation (not the contributor pages) without the references page, a list of
entries that the reader searches rather than reads through.

Figures measured when these tests were written (2026-12-05, before the content of issue 24 was rewritten) are in
the closing note of the branch that added them; the failure messages name the page and the diagram.
"""

from __future__ import annotations

import pytest

from scripts.project import PROJECT
from tests.browser.settings import LANGUAGES, page_id
from tests.browser.settings import PHONE as NARROW  # 360 px wide

PHONE = {"width": 390, "height": 844}  # the phone of issues 13 and 24
MAX_SCREENS = 8
MIN_LABEL = 12  # px, as drawn on the screen
TOLERANCE = 0.5  # px: sub-pixel rounding of widths, never a real overflow
REFERENCES = "references/index.md"
# The pages where the reader acts step by step (the rest explain, compare or define).
TASK_PAGES = (
    "reset",
    "reset-problems",
    "two-step-verification",
    "lost-email-or-phone",
    "find-account",
    "sign-in-checks",
    "account-takeover",
)


def reader_pages() -> list[tuple[str, str]]:
    return [
        (language, page.url)
        for language in LANGUAGES
        for page in PROJECT.pages(language)
        if not page.not_in_nav and page.src != REFERENCES
    ]


def task_pages() -> list[tuple[str, str]]:
    return [(language, f"{name}/") for language in LANGUAGES for name in TASK_PAGES]


def phone(viewport: dict) -> dict:
    return {"viewport": viewport, "is_mobile": True, "has_touch": True, "color_scheme": "light"}


def test_the_page_lists_are_the_site_s_pages():
    """The lists the tests below run over are not empty, and every task page exists in both languages."""
    urls = {(language, page.url) for language in LANGUAGES for page in PROJECT.pages(language)}
    assert len(reader_pages()) >= 2 * len(TASK_PAGES)
    assert set(task_pages()) <= urls, sorted(set(task_pages()) - urls)
    assert not any(path.startswith("contributing/") or path == "references/" for _, path in reader_pages())


@pytest.mark.parametrize("reader_page", reader_pages(), ids=page_id)
def test_a_reader_page_is_at_most_eight_phone_screens_tall(reader_page, tab, page_url):
    language, path = reader_page
    page = tab(**phone(PHONE))
    page.goto(page_url(language, path), wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")  # text laid out in its own font, not a fallback
    height = page.evaluate("document.scrollingElement.scrollHeight")
    screens = height / PHONE["height"]
    assert height <= MAX_SCREENS * PHONE["height"], (
        f"{language}/{path} is {height} px tall at {PHONE['width']} x {PHONE['height']}: {screens:.2f} screens "
        f"(at most {MAX_SCREENS}; fix: link to the home of repeated advice, move background to its own page or "
        "split the page)"
    )


# Each diagram shown when the page opens (not one inside a closed <details> or otherwise hidden), measured against the
# column of the page's text: the content box of .md-content__inner.
_DIAGRAMS_JS = """() => {
  const column = document.querySelector('.md-content__inner');
  const style = getComputedStyle(column), box = column.getBoundingClientRect();
  const left = box.left + parseFloat(style.paddingLeft), right = box.right - parseFloat(style.paddingRight);
  return [...column.querySelectorAll('div.mermaid, pre.mermaid')]
    .filter(e => e.getClientRects().length && !e.closest('details:not([open])'))
    .map(e => {
      const svg = e.querySelector('svg');
      const drawn = svg && svg.getBoundingClientRect();
      const viewBox = svg && svg.viewBox.baseVal;
      const scale = viewBox && viewBox.width ? drawn.width / viewBox.width : 1;
      const labels = svg ? [...svg.querySelectorAll('.nodeLabel, .edgeLabel, text')]
        .filter(l => l.textContent.trim() && !l.querySelector('.nodeLabel, .edgeLabel')) : [];
      const sizes = labels.map(l => parseFloat(getComputedStyle(l).fontSize) * scale);
      const boxes = labels.filter(l => l.closest('.node'));  // a box names the diagram better than a "Yes" edge
      const first = (boxes[0] || labels[0] || {textContent: ''}).textContent.trim().slice(0, 30);
      return {key: e.dataset.diagram || '(not drawn)', first, column: right - left,
              scrollWidth: e.scrollWidth, clientWidth: e.clientWidth,
              width: drawn ? drawn.width : 0, overhang: drawn ? drawn.right - right : 0,
              smallest: sizes.length ? Math.min(...sizes) : 0};
    });
}"""


@pytest.mark.parametrize("reader_page", reader_pages(), ids=page_id)
def test_every_diagram_fits_a_360_px_column_with_legible_labels(reader_page, tab, page_url):
    language, path = reader_page
    page = tab(**phone(NARROW))
    page.goto(page_url(language, path), wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    problems = []
    for number, d in enumerate(page.evaluate(_DIAGRAMS_JS), 1):
        name = f"{language}/{path} diagram {number} ({d['key']}, «{d['first']}»)"
        if d["scrollWidth"] > d["clientWidth"] + TOLERANCE:
            problems.append(f"{name} scrolls sideways: {d['scrollWidth']} px in a {d['clientWidth']} px box")
        if d["width"] > d["column"] + TOLERANCE or d["overhang"] > TOLERANCE:
            problems.append(
                f"{name} is {d['width']:.0f} px wide in a {d['column']:.0f} px column "
                f"({d['overhang']:.0f} px past its right edge)"
            )
        if d["smallest"] < MIN_LABEL:
            problems.append(f"{name} has labels of {d['smallest']:.1f} px (at least {MIN_LABEL})")
    assert not problems, "\n".join(problems) + (
        f"\n(fix: at {NARROW['width']} px redraw top to bottom with short labels and one decision per box, split it, "
        "or let the numbered steps replace it; then `make diagrams`)"
    )


# For each diagram shown on the page: the heading of its section (the nearest h2 before it) and whether a numbered list
# (not the footnotes) stands between that heading and the diagram.
_ORDER_JS = """() => {
  const column = document.querySelector('.md-content__inner');
  const name = h => { const c = h.cloneNode(true); c.querySelectorAll('.headerlink').forEach(a => a.remove());
                       return c.textContent.trim(); };
  const before = (a, b) => Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
  const headings = [...column.querySelectorAll('h1, h2')];
  const lists = [...column.querySelectorAll('ol')].filter(o => !o.closest('.footnote'));
  return [...column.querySelectorAll('div.mermaid, pre.mermaid')]
    .filter(d => d.getClientRects().length && !d.closest('details:not([open])'))
    .map(d => {
      const heading = headings.filter(h => before(h, d)).pop();
      const steps = lists.some(o => (!heading || before(heading, o)) && before(o, d));
      return {key: d.dataset.diagram || '(not drawn)', section: heading ? name(heading) : '', steps};
    });
}"""


@pytest.mark.parametrize("task_page", task_pages(), ids=page_id)
def test_a_task_page_gives_its_numbered_steps_before_any_diagram(task_page, tab, page_url):
    """In each section with a diagram, the numbered steps come first: the reader acts on them, and the drawing below
    only shows the same path (issue 24: on reset-problems the checks began below a 1,400 px flowchart)."""
    language, path = task_page
    page = tab(**phone(PHONE))
    page.goto(page_url(language, path), wait_until="load")
    late = [
        f"diagram {number} ({d['key']}) in «{d['section']}»"
        for number, d in enumerate(page.evaluate(_ORDER_JS), 1)
        if not d["steps"]
    ]
    assert not late, (
        f"{language}/{path}: {', '.join(late)} comes before the numbered steps of its section (fix: put the numbered "
        "steps first and the diagram, if it still adds anything, after them)"
    )
