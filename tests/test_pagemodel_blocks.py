"""The page model below the section level (scripts/pagemodel.py): tables, lists and their items, and the text
blocks (paragraphs, list items, table cells) with inline code kept apart, each with its own line."""

from __future__ import annotations

import pytest

from scripts.pagemodel import parse_page

SAMPLE = """\
---
title: Sample
description: A page for the model's tests.
---

# Sample

First paragraph with `code`
and a second line.

1. One
2. Two
   - nested a
   - nested b
3. Three

| A | B |
| --- | --- |
| 1 | 「ラベル」 |
| 2 | x |

!!! note "Note"
    Inside the box.
"""


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory):
    docs = tmp_path_factory.mktemp("docs")
    (docs / "sample.md").write_text(SAMPLE, encoding="utf-8")
    return parse_page(docs / "sample.md", docs, "en")


def test_tables_count_columns_and_body_rows(page) -> None:
    [table] = page.tables
    assert (table.columns, table.line, table.rows) == (2, 17, 2)


def test_lists_in_document_order_with_items_depth_and_start(page) -> None:
    assert [(lst.ordered, lst.items, lst.line, lst.depth, lst.start) for lst in page.lists] == [
        (True, 3, 11, 0, 1),
        (False, 2, 13, 1, None),
    ]


def test_text_blocks_keep_code_apart_and_know_their_lines(page) -> None:
    kinds = [(block.kind, block.line) for block in page.blocks]
    assert kinds == [
        ("heading", 6),
        ("paragraph", 8),
        ("item", 11),
        ("item", 12),
        ("item", 13),
        ("item", 14),
        ("item", 15),
        ("cell", 17),
        ("cell", 17),
        ("cell", 19),
        ("cell", 19),
        ("cell", 20),
        ("cell", 20),
        ("paragraph", 23),
    ]
    first = page.blocks[1]
    assert first.prose == "First paragraph with \nand a second line."
    assert [(span.kind, span.line) for span in first.spans] == [("text", 8), ("code", 8), ("text", 8), ("text", 9)]
    cells = [block for block in page.blocks if block.kind == "cell"]
    assert [(cell.column, cell.header) for cell in cells[:3]] == [(0, True), (1, True), (0, False)]
