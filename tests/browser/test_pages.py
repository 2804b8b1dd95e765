"""Every page of both languages, as a reader's browser shows it: no errors, nothing fetched from elsewhere, diagrams
rendered (drawn at build time, in the colours of each scheme), no axe-core violation in either colour scheme, and no
sideways scrolling on a phone, for the page or for any of its tables.

The page visits behind these tests are shared (conftest.visits): each page is loaded once, on a phone, and shown in
the light scheme and then in the dark one. The representative pages are also visited on a desktop
(conftest.desktop_visits). The diagram checks run on the pages whose source has a diagram (and fail if there are
none: a list that came out empty would otherwise pass them all).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from tests.browser.settings import diagram_pages


def _local_host(site_url: str) -> str:
    return urlsplit(site_url).netloc


def _axe_summary(violations: list[dict]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} -> " + ", ".join(str(n["target"]) for n in v["nodes"][:5])
        for v in violations
    )


def test_no_console_error(site_page, visits):
    assert visits(*site_page).console_errors == []


def test_no_failed_request(site_page, visits):
    assert visits(*site_page).failed_requests == []


def test_no_request_to_another_host(site_page, visits, site_url):
    # data: and blob: URLs are made by the page itself (icons, the search worker); they reach no host.
    assert visits(*site_page).hosts - {"data", "blob"} == {_local_host(site_url)}


def test_there_are_diagram_pages():
    assert diagram_pages(), "no page has a ```mermaid block: the diagram checks below would check nothing"


def test_diagrams_render_as_svg(diagram_page, page_scheme, visits):
    visit = visits(*diagram_page)
    view = visit.schemes[page_scheme]
    assert view.shows_scheme, f"the page does not show the emulated {view.scheme} scheme"
    assert visit.expected_diagrams > 0, "the page's source has a diagram, but the served page has none"
    assert len(view.diagrams) == visit.expected_diagrams
    for number, diagram in enumerate(view.diagrams, 1):
        assert diagram.svg_count == 1, f"diagram {number}: {diagram.svg_count} SVGs"
        assert not diagram.error_svg, f"diagram {number} is mermaid's error graphic: {diagram.text}"
        assert diagram.height > 20, f"diagram {number} is {diagram.height}px tall"
        assert diagram.text, f"diagram {number} has no label text"


def test_diagrams_follow_the_colour_scheme(diagram_page, visits):
    light, dark = visits(*diagram_page).schemes["light"], visits(*diagram_page).schemes["dark"]
    assert all(d.label_color for d in light.diagrams), "a diagram has no labelled box"
    for number, (day, night) in enumerate(zip(light.diagrams, dark.diagrams, strict=True), 1):
        assert day.label_color != night.label_color, f"diagram {number}: labels are {day.label_color} in both schemes"


def test_no_axe_violation(site_page, page_scheme, visits):
    view = visits(*site_page).schemes[page_scheme]
    assert view.shows_scheme, f"the page does not show the emulated {view.scheme} scheme"
    assert not view.axe_violations, _axe_summary(view.axe_violations)


def test_phone_has_no_sideways_scroll(site_page, visits):
    visit = visits(*site_page)
    assert visit.screenshot is not None and visit.screenshot.stat().st_size > 0
    assert visit.scroll_width <= visit.client_width, (
        f"page is {visit.scroll_width}px wide on a {visit.client_width}px screen; widest: {visit.wide_elements}"
    )


def test_tables_fit_a_phone_screen(site_page, visits):
    """A table is read whole on a phone, not cut at the screen's edge with the rest to be found by scrolling it."""
    visit = visits(*site_page)
    assert visit.client_width <= 360, "the phone visit is no longer a small phone"
    assert not visit.wide_tables, visit.wide_tables


def test_english_table_cells_keep_words_whole_on_a_phone(english_page, visits):
    """At 360 px an English cell breaks between words, never inside one ("Met / hod"). Japanese cells may break
    between any two characters, as Japanese text does, so only the English pages are held to it."""
    visit = visits(*english_page)
    assert not visit.split_words, f"words broken across two lines in a table cell: {visit.split_words}"


def test_the_desktop_layout_has_no_error_and_no_axe_violation(header_page, desktop_visits, site_url):
    visit = desktop_visits(*header_page)
    view = visit.schemes["dark"]
    assert view.shows_scheme, f"the page does not show the emulated {view.scheme} scheme"
    assert visit.console_errors == [] and visit.failed_requests == []
    assert visit.hosts - {"data", "blob"} == {_local_host(site_url)}
    assert not view.axe_violations, _axe_summary(view.axe_violations)
