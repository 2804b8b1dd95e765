"""`make bench`'s search figures (scripts/bench/search.py): the tuned and the held-out set are reported apart, and a
result that lists the solving page but opens it elsewhere than the named section is counted and named."""

from __future__ import annotations

from scripts.bench import search as search_bench


def _row(query, rank, anchor=None, opens=None):
    return {
        "language": "ja",
        "query": query,
        "page": "reset/",
        "rank": rank,
        "ms": 10,
        "results": 3 if rank else 0,
        "anchor": anchor,
        "opens": opens,
        "top": ["reset/"],
    }


def test_held_out_figures_are_reported_apart_from_the_tuned_ones():
    tuned = [_row("a", 1), _row("b", 1)]
    held = [_row("c", 1, "steps", "steps"), _row("d", 2, "steps", ""), _row("e", None, "steps", None)]
    report = {
        "languages": {"ja": search_bench.summarise(tuned)},
        "queries": tuned,
        "heldout": {"languages": {"ja": search_bench.summarise(held)}, "queries": held},
        "index": {"ja": {"raw_bytes": 1024, "gzip_bytes": 1024}},
    }
    s = report["heldout"]["languages"]["ja"]
    assert (s["top1"], s["top3"], s["none"], s["sections"], s["at_section"]) == (1, 2, 1, 3, 1)
    rows = search_bench.table(report, report["index"]).splitlines()[2:]
    assert [row.split(" | ")[:3] for row in rows] == [["| tuned", "ja", "2"], ["| held-out", "ja", "3"]]
    assert "| 1 of 3 |" in rows[1] and "| - |" in rows[0]
    lines = search_bench.budget_lines(report)
    assert lines[0].startswith("- ja (tuned): top-3 100 %") and lines[1].startswith("- ja (held-out): top-3 67 %")
    assert search_bench.misses(report) == [
        "held-out ja: 'd' -> reset/ rank 2, top ['reset/']",
        "held-out ja: 'e' -> reset/ rank None, top ['reset/']",
    ]
    assert search_bench.section_misses(report) == ["held-out ja: 'd' -> reset/#steps opens at the top"]


def test_a_result_opening_inside_the_named_section_counts_as_at_it():
    rows = [_row("a", 1, "code-not-arriving", "spam-folder"), _row("b", 1, "code-not-arriving", "internal-error")]
    for row in rows:
        row["section"] = ["code-not-arriving", "spam-folder"]
    assert search_bench.summarise(rows)["at_section"] == 1
    report = {"languages": {}, "queries": rows}
    assert search_bench.section_misses(report) == ["tuned ja: 'b' -> reset/#code-not-arriving opens at #internal-error"]


def test_a_report_without_a_held_out_set_shows_the_tuned_one_only():
    tuned = [_row("a", 1)]
    report = {
        "languages": {"ja": search_bench.summarise(tuned)},
        "queries": tuned,
        "heldout": {"languages": {}, "queries": []},
    }
    assert list(search_bench.sets(report)) == ["tuned"]


def test_the_second_held_out_set_is_reported_as_its_own_set():
    tuned, held_2 = [_row("a", 1)], [_row("b", 2), _row("c", 1)]
    report = {
        "languages": {"ja": search_bench.summarise(tuned)},
        "queries": tuned,
        "heldout": {"languages": {}, "queries": []},
        "heldout_2": {"languages": {"ja": search_bench.summarise(held_2)}, "queries": held_2},
        "index": {"ja": {"raw_bytes": 1024, "gzip_bytes": 1024}},
    }
    assert list(search_bench.sets(report)) == ["tuned", "held-out 2"]
    assert search_bench.budget_lines(report)[1].startswith(
        "- ja (held-out 2): top-3 100 % (goal ≥ 95%); top-1 50 % (goal ≥ 80%) MISSED"
    )
    assert search_bench.misses(report) == ["held-out 2 ja: 'b' -> reset/ rank 2, top ['reset/']"]
