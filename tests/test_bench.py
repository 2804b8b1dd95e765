"""`make bench` asserts nothing about the site, but its own arithmetic must be right: what it reads from a Lighthouse
report, which pages it reports as missing a budget, which pages it measures. No browser: the Lighthouse report and
the figures are stand-ins with known values."""

from __future__ import annotations

from scripts.bench import table
from scripts.bench.__main__ import KB, budget_misses, figures, pages, summary
from tests.helpers import nav_files


def lighthouse_report(performance: float = 0.98) -> dict:
    """The parts of a Lighthouse 12 JSON report the bench reads."""
    category = {"performance": performance, "accessibility": 1, "best-practices": 0.92, "seo": 1}
    requests = [
        ("http://h/guide/reset/", "Document", 11_000),
        ("http://h/guide/assets/main.css", "Stylesheet", 23_000),
        ("http://h/guide/assets/bundle.js", "Script", 35_000),
        ("http://h/guide/assets/site.js", "Script", 3_000),
        ("data:image/svg+xml;charset=utf-8,<svg/>", "Image", 0),
    ]
    return {
        "categories": {name: {"score": score} for name, score in category.items()},
        "audits": {
            "network-requests": {
                "details": {"items": [{"url": u, "resourceType": t, "transferSize": n} for u, t, n in requests]}
            }
        },
    }


def test_figures_read_the_scores_and_the_bytes_of_each_request_but_data_urls():
    assert figures(lighthouse_report()) == {
        "performance": 98,
        "accessibility": 100,
        "best-practices": 92,
        "seo": 100,
        "requests": 4,
        "bytes": 72_000,
        "by_kind": {"Script": 38_000, "Stylesheet": 23_000, "Document": 11_000},
    }


def page_entry(kb: float, diagrams: int = 0, **scores: int) -> dict:
    base = {"performance": 99, "accessibility": 100, "best-practices": 100, "seo": 100}
    return {**base, **scores, "requests": 10, "bytes": int(kb * KB), "by_kind": {}, "diagrams": diagrams}


def test_budget_misses_name_each_missed_score_and_the_weight_of_a_text_page():
    assert budget_misses(page_entry(100)) == []
    assert budget_misses(page_entry(101, performance=94, accessibility=98)) == [
        "performance 94 < 95",
        "accessibility 98 < 100",
        "101 KB gzip > 100 KB",
    ]


def test_the_weight_budget_is_for_text_pages_only():
    assert budget_misses(page_entry(150, diagrams=2)) == []
    assert budget_misses(page_entry(150, diagrams=2, seo=92)) == ["seo 92 < 100"]


def report(entries: dict[str, dict]) -> dict:
    return {
        "date": "2026-12-05T12:00:00+00:00",
        "lighthouse": "12.2.3",
        "chromium": "Chromium 156",
        "build_seconds": {"ja": 4.6, "en": 3.1},
        "last_make_test": "313 s, finished 2026-12-05 11:00 UTC",
        "search": {"index": {}, "queries": []},
        "pages": {page_id: {**e, "misses": budget_misses(e)} for page_id, e in entries.items()},
    }


def test_summary_lists_the_pages_that_miss_a_budget_and_each_page_s_figures():
    entry = page_entry(80, performance=93)
    entry["by_kind"] = {"Script": 40 * KB, "Document": 15 * KB}
    text = summary(report({"ja/": entry, "en/faq/": page_entry(130)}))
    assert "- build: ja 4.6 s, en 3.1 s\n- last `make test`: 313 s, finished 2026-12-05 11:00 UTC\n" in text
    assert "\n- ja/: performance 93 < 95\n- en/faq/: 130 KB gzip > 100 KB\n" in text
    assert "| ja/ | - | 10 | 80 | 93 | 100 | 100 | 100 | Script 40, Document 15 |" in text
    assert "Every page meets every budget." not in text


def test_summary_says_so_when_every_page_meets_every_budget():
    text = summary(report({"ja/": page_entry(80), "en/": page_entry(79)}))
    assert "Every page meets every budget." in text
    assert "| en/ | - | 10 | 79 | 99 | 100 | 100 | 100 |  |" in text


def test_table():
    assert table(["a", "b"], [[1, "x"]]) == ["| a | b |", "| --- | --- |", "| 1 | x |"]


def test_bench_measures_every_page_of_both_languages():
    """Against the nav written by hand in each config, not against the listing the bench itself uses."""
    every = pages(["*"])
    assert sorted(every) == sorted(f"{language}/{file.removesuffix('index.md')}" for language, file in nav_files())
    assert every["ja/reset/"].site_path == "reset/"
    assert every["en/reset/"].site_path == "en/reset/"
    assert every["ja/"].site_path == ""


def test_pages_limits_the_run_to_the_pages_that_match():
    assert list(pages(["ja/reset/"])) == ["ja/reset/"]
    english = pages(["en/*"])
    assert "en/" in english and "en/reset/" in english
    assert {page.language for page in english.values()} == {"en"}
