"""The page model (scripts/pagemodel.py) and the translation hash: what every check relies on."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from mkdocs.utils.meta import get_data

from scripts.hashing import normalise, source_hash
from scripts.pagemodel import parse_page, read_front_matter
from scripts.project import PROJECT, ROOT, Project
from scripts.validate.prose import prose_view
from tests.validate_helpers import GOOD

PROJECTS = {ROOT: PROJECT, GOOD: Project(GOOD)}
PAGES = [page.source for project in PROJECTS.values() for code in project.codes for page in project.pages(code)]

SAMPLE = """\
---
title: 見本
description: 行番号の確認に使う見本のページです。
---

# 見本

最初の行に[リンク](a/index.md#x)、
二行目に![画像](b.png)と<kbd>Enter</kbd>、
三行目に[二つ目](c/index.md)。

!!! note "補足"
    外側の本文です。

    ??? tip
        内側の本文で[内側のリンク](d/index.md)です。

## 表 { #table }

| A | B | C |
| --- | --- | --- |
| 1 | 2 | [表のリンク](e/index.md) |

```mermaid
flowchart TD
    A --> B
```

<div markdown>
<span id="custom-anchor">x</span>
</div>

### 同じ見出し

### 同じ見出し

## 参考 `code` と & { .wide }
"""


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory):
    docs = tmp_path_factory.mktemp("docs")
    (docs / "sample.md").write_text(SAMPLE, encoding="utf-8")
    return parse_page(docs / "sample.md", docs, "ja")


def test_front_matter_keys_and_lines(sample) -> None:
    fm = sample.front_matter
    assert fm.data == {"title": "見本", "description": "行番号の確認に使う見本のページです。"}
    assert fm.key_lines == {"title": 2, "description": 3}
    assert (fm.start_line, fm.end_line) == (1, 4)


@pytest.mark.parametrize("text", ["---\ntitle: a\n---\nbody\n", "---\ntitle: a\n...\nbody\n", "---\n\ntitle: a\n---\n"])
def test_front_matter_is_what_mkdocs_reads(text: str) -> None:
    assert read_front_matter(text).data == get_data(text)[1] == {"title": "a"}


def test_front_matter_errors_name_their_line() -> None:
    assert read_front_matter("---\ntitle: a\n# body\n").error == "front matter is not closed with a --- line"
    assert read_front_matter('---\n\ntitle: "a\n---\n').error_line == 3  # the quote opens on line 3


def test_links_images_and_html_carry_their_own_line(sample) -> None:
    assert [(link.url, link.line) for link in sample.links] == [
        ("a/index.md#x", 8),
        ("c/index.md", 10),
        ("d/index.md", 16),
        ("e/index.md", 22),
    ]
    assert [(image.src, image.alt, image.line) for image in sample.images] == [("b.png", "画像", 9)]
    assert [(tag.name, tag.line) for tag in sample.html] == [("kbd", 9), ("div", 29), ("span", 30)]


def test_admonitions_tables_fences(sample) -> None:
    assert [(a.kind, a.title, a.collapsible, a.line, a.indent) for a in sample.admonitions] == [
        ("note", "補足", False, 12, 0),
        ("tip", None, True, 15, 4),
    ]
    assert [(t.columns, t.line) for t in sample.tables] == [(3, 20)]
    assert [(f.lang, f.line) for f in sample.fences] == [("mermaid", 24)]


def test_heading_ids_explicit_slugified_and_unique(sample) -> None:
    assert [(h.level, h.id, h.explicit, h.line) for h in sample.headings] == [
        (1, "見本", False, 6),
        (2, "table", True, 18),
        (3, "同じ見出し", False, 33),
        (3, "同じ見出し_1", False, 35),
        (2, "参考-code-と-", False, 37),  # toc keeps the separator left where "&" was removed
    ]


def _built_ids(page: Path) -> list[tuple[int, str]]:
    """Heading ids as the build computes them: Python-Markdown with the extensions and options of mkdocs.yml."""
    root = page.parents[page.parts[::-1].index("docs")]
    config = (PROJECTS.get(root) or Project(root)).config()
    md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    md.convert(get_data(page.read_text(encoding="utf-8"))[0])

    def walk(tokens):
        for token in tokens:
            yield token["level"], token["id"]
            yield from walk(token["children"])

    return list(walk(md.toc_tokens))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_heading_ids_match_the_build(page: Path) -> None:
    language = "ja" if "/ja/" in page.as_posix() else "en"
    model = parse_page(page, page.parent, language)
    assert [(h.level, h.id) for h in model.headings] == _built_ids(page)


def test_sample_ids_match_the_build(tmp_path: Path) -> None:
    config = (GOOD / "mkdocs.yml").read_text(encoding="utf-8").replace("docs_dir: docs/ja", "docs_dir: docs")
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    page = tmp_path / "docs" / "sample.md"
    page.write_text(SAMPLE, encoding="utf-8")
    assert [(h.level, h.id) for h in parse_page(page, page.parent, "ja").headings] == _built_ids(page)


def test_prose_view_unindents_admonition_bodies_and_keeps_lines(sample) -> None:
    view = prose_view(sample).split("\n")
    assert len(view) == len(sample.lines)
    assert view[11] == ""  # the !!! marker line
    assert view[12] == "外側の本文です。"
    assert view[14] == ""  # the nested ??? marker
    assert view[15] == "内側の本文で[内側のリンク](d/index.md)です。"
    assert view[7] == sample.lines[7]


def test_hash_is_sha256_of_the_normalised_text() -> None:
    # printf 'a\n\nb\n' | sha256sum | cut -c1-16
    assert source_hash("a\n\nb\n") == "770423513bd0765c"


def test_hash_ignores_what_readers_do_not_see() -> None:
    base = "# 見出し\n\n本文です。\n"
    variants = ["# 見出し  \r\n\r\n\r\n本文です。\r\n", "\n\n# 見出し\n\n本文です。", "# 見出し\t\n\n本文です。   \n\n"]
    assert {source_hash(v) for v in variants} == {source_hash(base)}
    assert normalise("か\u3099") == normalise("が")  # NFD from a Mac editor


def test_hash_changes_with_the_text() -> None:
    assert source_hash("本文です。\n") != source_hash("本文でした。\n")
    assert source_hash("a\nb\n") != source_hash("a\n\nb\n")
