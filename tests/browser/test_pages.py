"""Every page of both languages, as a reader's browser shows it: no errors, nothing fetched from elsewhere, diagrams
rendered (drawn at build time, in the colours of each scheme), no axe-core violation in either colour scheme, and no sideways scrolling on a phone.

The page visits behind these tests are shared (conftest.visits): each page is loaded once per visit name. The diagram
checks run on the pages whose source has a diagram (and fail if there are none: a list that came out empty would
otherwise pass them all).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from tests.browser.settings import diagram_pages


def _local_host(site_url: str) -> str:
    return urlsplit(site_url).netloc


def test_no_console_error(site_page, visits, visit_names):
    errors = [f"[{name}] {e}" for name in visit_names for e in visits(*site_page, name).console_errors]
    assert errors == []


def test_no_failed_request(site_page, visits, visit_names):
    failed = [f"[{name}] {r}" for name in visit_names for r in visits(*site_page, name).failed_requests]
    assert failed == []


def test_no_request_to_another_host(site_page, visits, visit_names, site_url):
    # data: and blob: URLs are made by the page itself (icons, the search worker); they reach no host.
    hosts = set().union(*(visits(*site_page, name).hosts for name in visit_names)) - {"data", "blob"}
    assert hosts == {_local_host(site_url)}


def test_there_are_diagram_pages():
    assert diagram_pages(), "no page has a ```mermaid block: the diagram checks below would check nothing"


def test_diagrams_render_as_svg(diagram_page, visit_name, visits):
    visit = visits(*diagram_page, visit_name)
    assert visit.scheme_attr == visit.expected_scheme_attr, "the emulated colour scheme was not applied"
    assert visit.expected_diagrams > 0, "the page's source has a diagram, but the served page has none"
    assert len(visit.diagrams) == visit.expected_diagrams
    for number, diagram in enumerate(visit.diagrams, 1):
        assert diagram.svg_count == 1, f"diagram {number}: {diagram.svg_count} SVGs"
        assert not diagram.error_svg, f"diagram {number} is mermaid's error graphic: {diagram.text}"
        assert diagram.height > 20, f"diagram {number} is {diagram.height}px tall"
        assert diagram.text, f"diagram {number} has no label text"


def test_diagrams_follow_the_colour_scheme(diagram_page, visits):
    light, dark = visits(*diagram_page, "light-phone"), visits(*diagram_page, "dark-desktop")
    assert all(d.label_color for d in light.diagrams), "a diagram has no labelled box"
    for number, (day, night) in enumerate(zip(light.diagrams, dark.diagrams, strict=True), 1):
        assert day.label_color != night.label_color, f"diagram {number}: labels are {day.label_color} in both schemes"


def test_no_axe_violation(site_page, visit_name, visits):
    visit = visits(*site_page, visit_name)
    assert visit.scheme_attr == visit.expected_scheme_attr, "the emulated colour scheme was not applied"
    summary = [
        f"{v['id']} ({v['impact']}): {v['help']} -> " + ", ".join(str(n["target"]) for n in v["nodes"][:5])
        for v in visit.axe_violations
    ]
    assert not summary, "\n".join(summary)


def test_phone_has_no_sideways_scroll(site_page, visits):
    visit = visits(*site_page, "light-phone")
    assert visit.screenshot is not None and visit.screenshot.stat().st_size > 0
    assert visit.scroll_width <= visit.client_width, (
        f"page is {visit.scroll_width}px wide on a {visit.client_width}px screen; widest: {visit.wide_elements}"
    )
