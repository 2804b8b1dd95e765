"""`make bench`'s search figures (scripts/bench/search.py): every query file is a set of its own, named from the
file; the arithmetic of each set's figures; a result opening inside the named section counts as opening at it; the
held-out sets' misses are never listed. Rows are written by hand, as the bench records them."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from scripts.bench import search as search_bench


def _row(
    query, rank, anchor=None, at_section=False, set_name="tuned", language="ja", ms=10, results=3, opens="", followed=0
):
    return {
        "set": set_name,
        "language": language,
        "query": query,
        "page": "reset/",
        "rank": rank,
        "followed": rank if followed == 0 else followed,
        "ms": ms,
        "results": results,
        "anchor": anchor,
        "opens": opens if rank else None,
        "at_section": at_section,
        "top": ["reset/"],
    }


def test_every_query_file_is_a_set_named_from_its_file(tmp_path, monkeypatch):
    for name in (
        "search_queries.yml",
        "search_dev.yml",
        "search_dev_2.yml",
        "search_heldout_10.yml",
        "search_heldout_2.yml",
    ):
        (tmp_path / name).write_text("{}\n", encoding="utf-8")
    (tmp_path / "search_heldout_3.yml").write_text("{}\n", encoding="utf-8")
    (tmp_path / "search_heldout.yml").write_text("{}\n", encoding="utf-8")
    (tmp_path / "other.yml").write_text("{}\n", encoding="utf-8")
    monkeypatch.setattr(search_bench, "QUERIES_DIR", tmp_path)
    assert {name: path.name for name, path in search_bench.query_sets().items()} == {
        "tuned": "search_queries.yml",
        "dev": "search_dev.yml",
        "dev 2": "search_dev_2.yml",
        "held-out": "search_heldout.yml",
        "held-out 2": "search_heldout_2.yml",
        "held-out 3": "search_heldout_3.yml",
        "held-out 10": "search_heldout_10.yml",
    }


def test_the_repository_s_query_files_are_all_measured():
    sets = search_bench.query_sets()
    development = ["dev", *(f"dev {n}" for n in range(2, 19))]
    held_out = ["held-out", *(f"held-out {n}" for n in range(2, 14))]
    assert list(sets) == ["tuned", *development, *held_out]
    assert all(path.is_file() for path in sets.values())


def test_summarise_counts_ranks_empty_results_and_sections():
    rows = [
        _row("a", 1, ms=10, anchor="steps", at_section=True),
        _row("b", 3, ms=30, anchor="steps", at_section=False, followed=1),
        _row("c", None, ms=20, results=0, anchor="steps", followed=2),
        _row("d", 2, ms=40, results=2),
    ]
    assert search_bench.summarise(rows) == {
        "queries": 4,
        "top1": 1,
        "top3": 3,
        "top1_followed": 2,  # b: its signpost's page came first
        "top3_followed": 4,  # c: its signpost's page came second
        "none": 1,
        "mrr": 0.458,  # (1 + 1/3 + 0 + 1/2) / 4
        "median_ms": 25,
        "sections": 3,
        "at_section": 1,
    }


def test_summary_reports_each_set_apart_and_marks_what_misses_its_goal():
    rows = [_row("a", 1), _row("b", 1, anchor="steps", at_section=True)]
    rows += [
        _row("c", 1, set_name="held-out"),
        _row("d", 2, set_name="held-out", followed=1),
        _row("e", None, "x", set_name="held-out", results=0),
    ]
    rows += [_row("f", 1, language="en", ms=60)]
    report = {"index": {"ja": 90 * 1024, "en": 40 * 1024}, "queries": rows}
    table = [line for line in search_bench.summary(report) if line.startswith("| ")]
    assert table[2:] == [
        "| tuned | ja | 2 | 100 % | 100 % | 100 % / 100 % | 1.00 | 0 | 1 of 1 | 10.0 | 90.0 ✗ |",
        "| held-out | ja | 3 | 33 % ✗ | 67 % ✗ | 67 % / 67 % | 0.50 | 1 ✗ | 0 of 1 | 10.0 | 90.0 ✗ |",
        "| tuned | en | 1 | 100 % | 100 % | 100 % / 100 % | 1.00 | 0 | 0 of 0 | 60.0 ✗ | 40.0 |",
    ]


SIGNPOSTS = """<html><body><article class="md-content__inner">
<h1>FAQ</h1>
<h2 id="reuse">Can I reuse a password?</h2>
<p>No: <a href="../reset/#password-requirements">Password requirements</a>.</p>
<h2 id="codes">Codes</h2>
<p>Wait a minute.</p>
<p>Then see <a href="../reset-problems/#code-not-arriving">Code not arriving</a>.</p>
<h2 id="sources">Where this comes from</h2>
<p>See <a href="../references/#a1">A1</a>.</p>
</article></body></html>"""


@pytest.mark.parametrize(
    ("anchor", "expected"),
    [
        ("reuse", "reset/"),  # one paragraph linking to another page's section: a signpost
        ("codes", None),  # two paragraphs: an answer of its own
        ("sources", None),  # a citation is no signpost
        (None, None),  # a query that names no section
    ],
)
def test_a_query_whose_section_is_a_signpost_is_also_found_at_the_page_it_points_to(tmp_path, anchor, expected):
    page = tmp_path / "faq" / "index.html"
    page.parent.mkdir()
    page.write_text(SIGNPOSTS, encoding="utf-8")
    assert search_bench.signpost_target(tmp_path, "ja", "faq/", anchor) == expected


def test_only_the_tuned_and_dev_sets_misses_are_listed():
    rows = [
        _row("first", 1),
        _row("second", 2, opens="steps"),
        _row("elsewhere", 1, anchor="steps", opens="after", at_section=False),
        _row("inside", 1, anchor="steps", opens="code", at_section=True),
        _row("held", 2, set_name="held-out"),
        _row("dev", 3, set_name="dev", language="en"),
    ]
    lines = search_bench.summary({"index": {"ja": 1024, "en": 1024}, "queries": rows})
    listed = lines[
        lines.index("Tuned and dev queries whose page is not first, or does not open at the section the query names:")
        + 1 :
    ]
    assert listed == [
        "- tuned ja: 'second' -> reset/: rank 2, opens at #steps, top ['reset/']",
        "- tuned ja: 'elsewhere' -> reset/#steps: rank 1, opens at #after, top ['reset/']",
        "- dev en: 'dev' -> reset/: rank 3, opens at the top, top ['reset/']",
    ]


MARKDOWN = """\
# Title

## Codes { #codes }

### Not arriving { #code-not-arriving }

### Spam folder { #spam-folder }

## Passwords { #passwords }

### Length { #minimum-length }
"""


@pytest.mark.parametrize(
    ("anchor", "ids"),
    [
        ("codes", ["codes", "code-not-arriving", "spam-folder"]),
        ("code-not-arriving", ["code-not-arriving"]),
        ("passwords", ["passwords", "minimum-length"]),
        ("missing", ["missing"]),
    ],
)
def test_a_section_holds_the_headings_below_it(anchor, ids, tmp_path, monkeypatch):
    (tmp_path / "faq").mkdir()
    (tmp_path / "faq" / "index.md").write_text(MARKDOWN, encoding="utf-8")
    page = SimpleNamespace(url="faq/", source=tmp_path / "faq" / "index.md")
    project = SimpleNamespace(pages=lambda language: [page], docs_dir=lambda language: tmp_path)
    monkeypatch.setattr(search_bench, "PROJECT", project)
    assert search_bench.section_ids("ja", "faq/", anchor) == ids


def test_typing_units():
    assert search_bench.typing_units("SMS 届かない") == ["S", "M", "S", " ", "届かない"]
    assert search_bench.typing_units("2段階認証 code") == ["2", "段階認証", " ", "c", "o", "d", "e"]
