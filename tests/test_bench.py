"""`make bench` asserts nothing about the site, but its own arithmetic must be right: which pages it reports as
missing a budget, which Lighthouse run it reports, and where it counts the bytes. No browser: Lighthouse runs and
page weights are stand-ins with known values."""

from __future__ import annotations

import pytest

from scripts.bench.__main__ import (
    BUDGETS,
    CONFIRM_RUNS,
    KB,
    budget_misses,
    collected,
    kind,
    lighthouse_scores,
    median_run,
    page_ids,
    site_path,
    summary,
)
from tests.helpers import nav_files


def lighthouse_report(performance: int, **scores: int) -> dict:
    return {
        "performance": performance,
        "accessibility": scores.get("accessibility", 100),
        "best-practices": scores.get("best_practices", 100),
        "seo": scores.get("seo", 100),
        "lcp_ms": 1500,
        "tbt_ms": 50,
        "cls": 0.001,
        "fcp_ms": 1200,
        "failing_audits": [],
    }


def page_entry(gzip_kb: float, diagrams: int = 0, performance: int = 99, **scores: int) -> dict:
    return {
        "diagrams": diagrams,
        "weight": {
            "url": "http://127.0.0.1/x/",
            "requests": 10,
            "raw_bytes": int(gzip_kb * 4 * KB),
            "gzip_bytes": int(gzip_kb * KB),
            "by_kind": {},
        },
        "lighthouse": {**lighthouse_report(performance, **scores), "performance_runs": [performance]},
    }


class ScriptedLighthouse:
    """Returns the given performance scores in order, one per run, and counts the runs."""

    def __init__(self, scores: list[int]):
        self.scores = list(scores)
        self.calls = 0

    def __call__(self) -> dict:
        self.calls += 1
        return lighthouse_report(self.scores.pop(0))


def test_one_noisy_run_below_budget_is_measured_again_and_not_reported_as_a_miss():
    run = ScriptedLighthouse([88, 97, 98, 99, 99])
    result = lighthouse_scores(run, runs=1, confirm_misses=True)
    assert run.calls == 3  # [88] -> [88, 97] (lower median 88) -> [88, 97, 98] (median 97): stop
    assert result["performance"] == 97
    assert result["performance_runs"] == [88, 97, 98]


def test_a_page_that_really_misses_is_measured_at_most_confirm_runs_and_reported():
    notes = []
    run = ScriptedLighthouse([80] * 10)
    result = lighthouse_scores(run, runs=1, confirm_misses=True, note=notes.append)
    assert run.calls == CONFIRM_RUNS
    assert result["performance"] == 80 < BUDGETS["performance"]
    assert notes == [80] * (CONFIRM_RUNS - 1)


@pytest.mark.parametrize(
    ("scores", "confirm", "calls"),
    [
        ([99, 50], True, 1),  # meets the budget: one run is enough
        ([50, 99], False, 1),  # the comparison design (mermaid) is not measured again
        ([90, 99, 99], True, 3),
    ],
)
def test_number_of_lighthouse_runs(scores, confirm, calls):
    run = ScriptedLighthouse(scores)
    lighthouse_scores(run, runs=1, confirm_misses=confirm)
    assert run.calls == calls


def test_median_run_takes_the_lower_middle_for_an_even_count():
    reports = [lighthouse_report(score) for score in (99, 90, 97, 92)]
    assert median_run(reports)["performance"] == 92
    assert median_run(reports[:3])["performance"] == 97


def test_budget_misses_name_each_missed_score_and_the_weight_of_a_text_page():
    assert budget_misses("ja/reset/", page_entry(80)) == []
    assert budget_misses("ja/reset/", page_entry(101, performance=94, accessibility=98)) == [
        "performance 94 < 95",
        "accessibility 98 < 100",
        "101 KB gzip > 100 KB",
    ]


def test_the_weight_budget_is_for_text_pages_only():
    # A diagram page's weight is reported and compared between designs, not held to the text-page budget.
    assert budget_misses("ja/phishing/", page_entry(150, diagrams=2)) == []
    assert budget_misses("ja/phishing/", page_entry(150, diagrams=2, seo=92)) == ["seo 92 < 100"]


def minimal_report(pages: dict[str, dict]) -> dict:
    return {
        "date": "2026-11-27T00:00:00+00:00",
        "lighthouse_version": "12.2.3",
        "chromium": "Chromium 156",
        "lighthouse_runs": 1,
        "load_average": [0.5, 0.6],
        "build_seconds": {"ja": 0.7, "en": 0.7},
        "test_run": None,
        "mermaid_variant": {"seconds": 1.0},
        "pages": pages,
        "mermaid_pages": {},
        "budget_misses": {pid: budget_misses(pid, entry) for pid, entry in pages.items()},
    }


def test_summary_lists_the_pages_that_miss_a_budget():
    text = summary(minimal_report({"ja/": page_entry(80), "en/faq/": page_entry(130)}))
    assert "Pages that miss a budget:" in text
    assert "- en/faq/: 130 KB gzip > 100 KB" in text
    assert "- ja/:" not in text


def test_summary_says_so_when_every_page_meets_every_budget():
    text = summary(minimal_report({"ja/": page_entry(80), "en/": page_entry(79)}))
    assert "Every page meets every budget." in text
    assert "| ja/ | - | 10 | 320 | 80 |" in text


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://h/amazon-password-guide/assets/javascripts/vendor/mermaid.min.js", "mermaid"),
        ("http://h/amazon-password-guide/search/search_index.json", "search"),
        ("http://h/amazon-password-guide/en/search/search_index.json", "search"),
        ("http://h/amazon-password-guide/assets/javascripts/workers/search.a7633da7.min.js", "search"),
        ("http://h/amazon-password-guide/assets/javascripts/lunr/tinyseg.js", "search"),
        ("http://h/amazon-password-guide/assets/javascripts/bundle.1234.min.js", "js"),
        ("http://h/amazon-password-guide/assets/stylesheets/main.css", "css"),
        ("http://h/amazon-password-guide/en/reset/", "html"),
        ("http://h/amazon-password-guide/assets/images/favicon.png", "images"),
    ],
)
def test_page_weight_puts_each_request_in_its_bucket(url, expected):
    assert kind(url) == expected


def test_bench_measures_every_page_of_both_languages():
    """Against the nav written by hand in each config, not against the listing the bench itself uses."""
    ids = page_ids()
    expected = [f"{language}/{file.removesuffix('index.md')}" for language, file in nav_files()]
    assert sorted(ids) == sorted(expected)
    assert len(ids) == len(set(ids))
    assert site_path("ja/reset/") == "reset/"
    assert site_path("en/reset/") == "en/reset/"
    assert site_path("ja/") == ""


@pytest.mark.parametrize(
    ("output", "counts"),
    [
        (
            "tests/test_a.py::test_x\n\n750/1514 tests collected (764 deselected) in 7.08s\n",
            {"browser": 750, "without_browser": 764},
        ),
        ("3 tests collected in 0.10s\n", {"browser": 3, "without_browser": 0}),
        ("ERROR collecting tests/test_a.py\n", None),
    ],
)
def test_test_counts_are_read_from_pytest_collect_line(output, counts):
    assert collected(output) == counts


def test_summary_prints_test_counts_project_size_and_where_the_bytes_go():
    entry = page_entry(80)
    entry["weight"]["by_kind"] = {
        "html": {"requests": 1, "raw_bytes": 0, "gzip_bytes": 15 * KB},
        "js": {"requests": 3, "raw_bytes": 0, "gzip_bytes": 39 * KB},
    }
    report = {
        **minimal_report({"ja/": entry}),
        "tests": {"browser": 7, "without_browser": 5},
        "project_size": {"pages": {"ja": {"readers": 18, "contributors": 6}}, "lines": {"Python in scripts/": 4321}},
    }
    text = summary(report)
    assert "- tests: 5 without a browser, 7 in a browser" in text
    assert "- pages per language: ja 18 for readers + 6 for contributors" in text
    assert "- Python in scripts/: 4,321 lines" in text
    assert "| page | html | js | total |" in text
    assert "| ja/ | 15.0 | 39.0 | 80.0 |" in text
