"""scripts/render_diagrams.py's finishing step, run in the browser tests' Chromium (tests/browser/conftest.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from scripts.diagram_store import FORMAT
from scripts.render_diagrams import FINISH
from tests.test_prerendered_diagrams import FINISHED_BY_HAND


@pytest.mark.browser
def test_make_diagrams_finishes_each_drawing_once(browser: Browser):
    """scripts/render_diagrams.py's FINISH, run in Chromium on a drawing in mermaid's shape: its own id, only the
    rules that match something in it (the browser decides; :hover rules count by their element), coordinates
    rounded but not the label's digits, and an image named in the page's language with its natural width."""
    page = browser.new_page()  # the session's Chromium: a second sync Playwright in one process cannot start
    try:
        page.set_content("<div id='host'></div>")
        page.evaluate(
            "markup => document.getElementById('host').attachShadow({mode: 'open'}).innerHTML = markup",
            FINISHED_BY_HAND.removeprefix('<div class="mermaid">').removesuffix("</div>"),
        )
        svg = page.evaluate(FINISH, [page.query_selector("#host"), "abc", "Flow chart.", FORMAT])
    finally:
        page.close()
    assert svg.startswith(
        '<svg id="diagram-abc" style="max-width: 100.12px; --diagram-width: 100.12px;" '
        'viewBox="0 0 100.12 50" role="img" aria-label="Flow chart." data-finished-2="">'
    )
    assert "#diagram-abc .node rect" in svg and "#diagram-abc .edgeLabel:hover" in svg
    assert ".actor" not in svg and ":root" not in svg and "@keyframes" not in svg
    assert 'id="diagram-abc_flowchart-pointEnd"' in svg and 'id="__mermaid_10"' in svg
    assert 'x="1.23"' in svg and 'width="98.76"' in svg and "3.14159 or 2.71828" in svg
    assert "aria-roledescription" not in svg
