"""The traps issue 26 found on a contributor's path, each closed with a fixture: TERM rules that read words (not
letters inside longer words) and accept a per-occurrence exemption; docs/search.yml checked by one schema for
`make validate` and the build alike; an unclosed quote in front matter reported on its own line; markdownlint's
findings in `make validate`; and a third language handled by every language-dependent check."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from scripts.doctree import load_site
from scripts.hooks import search_readers
from scripts.validate import front_matter, terms
from tests.validate_helpers import BAD, copy_good, locations


def _append(tree: Path, rel: str, text: str) -> int:
    """Add a paragraph at the end of a page; return its line."""
    page = tree / rel
    lines = page.read_text(encoding="utf-8").rstrip("\n").split("\n") + ["", text]
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def _terms(tree: Path) -> list[str]:
    return locations(list(terms.check(load_site(tree))), tree.resolve())


# -- TERM: words, not letters ------------------------------------------------------------------------------------
def test_a_variant_inside_a_longer_word_is_not_reported(tmp_path: Path) -> None:
    tree = copy_good(tmp_path)
    _append(tree, "docs/ja/guide/index.md", "自分から連絡します。部分から見ます。")  # 自分 + から, 部分 + から
    _append(tree, "docs/en/guide/index.md", "The don'ts of the page are listed.")  # not the contraction don't
    assert _terms(tree) == []


def test_a_real_variant_is_reported_with_the_exemption_in_its_fix(tmp_path: Path) -> None:
    tree = copy_good(tmp_path)
    line = _append(tree, "docs/ja/guide/index.md", "意味が分からないときは、自分から聞きます。")
    site = load_site(tree)
    [problem] = list(terms.check(site))
    assert (problem.path.name, problem.line, problem.code) == ("index.md", line, "TERM002")
    assert problem.path.parent.name == "guide" and "`分から` is a variant of `わから`" in problem.message
    assert "<!-- term-ok: 分から -->" in problem.fix


def test_an_exempted_occurrence_passes_and_only_on_its_line(tmp_path: Path) -> None:
    tree = copy_good(tmp_path)
    _append(tree, "docs/ja/guide/index.md", "画面の文言「」の説明では分からないと書きます。<!-- term-ok: 分から -->")
    line = _append(tree, "docs/ja/guide/index.md", "次の行は分からないと書きます。")
    assert _terms(tree) == [f"docs/ja/guide/index.md:{line}: TERM002"]


def test_an_exemption_that_names_no_variant_on_its_line_is_reported(tmp_path: Path) -> None:
    tree = copy_good(tmp_path)
    wrong = _append(tree, "docs/ja/guide/index.md", "ここには何もありません。<!-- term-ok: 分から -->")
    unknown = _append(tree, "docs/en/guide/index.md", "We do not stop. <!-- term-ok: dont -->")
    assert _terms(tree) == [f"docs/en/guide/index.md:{unknown}: TERM006", f"docs/ja/guide/index.md:{wrong}: TERM006"]


# -- FM002 -------------------------------------------------------------------------------------------------------
def test_an_unclosed_quote_in_front_matter_is_reported_on_its_line(tmp_path: Path) -> None:
    tree = copy_good(tmp_path)
    page = tree / "docs/ja/guide/index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("title: 案内", 'title: "案内'), encoding="utf-8")
    problems = list(front_matter.check(load_site(tree)))
    assert locations(problems, tree.resolve()) == ["docs/ja/guide/index.md:2: FM002"]


# -- docs/search.yml: the build says what `make validate` says -----------------------------------------------------
SEARCH_CASES = sorted(path.name for path in BAD.iterdir() if path.name.startswith("SEARCH"))


def test_every_search_code_has_a_bad_fixture() -> None:
    assert SEARCH_CASES == ["SEARCH001", "SEARCH002", "SEARCH003", "SEARCH004", "SEARCH005"]


@pytest.mark.parametrize("case", SEARCH_CASES)
def test_the_build_hook_stops_with_the_same_line_as_validate(case: str, tmp_path: Path) -> None:
    tree = copy_good(tmp_path)
    shutil.copytree(BAD / case / "tree", tree, dirs_exist_ok=True)
    [expected] = (BAD / case / "expected.txt").read_text(encoding="utf-8").split("\n")[:-1]
    with pytest.raises(PluginError) as error:
        search_readers.load("en", tree, ("ja", "en"))
    message = str(error.value)
    assert message.startswith(expected + " ") and "(fix: " in message and "Traceback" not in message
