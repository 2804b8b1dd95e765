"""The traps issue 26 found on a contributor's path, each closed with a fixture: TERM rules that read words (not
letters inside longer words) and accept a per-occurrence exemption; docs/search.yml checked by one schema for
`make validate` and the build alike; an unclosed quote in front matter reported on its own line; markdownlint's
findings in `make validate`; and a third language handled by every language-dependent check."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from scripts.doctree import load_site
from scripts.hashing import source_hash
from scripts.hooks import search_readers
from scripts.validate import front_matter, terms
from scripts.validate.__main__ import run
from tests.validate_helpers import BAD, copy_good, locations
from tests.validate_helpers import validate as validate_tree


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


def test_a_variant_listed_under_two_terms_is_reported_on_its_second_line(tmp_path: Path) -> None:
    tree = copy_good(tmp_path)
    _append(tree, "docs/en/glossary/index.md", "## Passcode { #passcode }")
    line = _append(tree, "docs/en/glossary/index.md", "Other names: PIN code.")
    [problem] = [p for p in terms.check(load_site(tree)) if p.code == "TERM004"]
    assert (problem.path.name, problem.line) == ("index.md", line)
    assert "`PIN code` is listed as a variant of both `code` and `passcode`" in problem.message


def test_a_style_guide_without_its_language_s_spelling_table_is_reported(tmp_path: Path) -> None:
    tree = copy_good(tmp_path)
    guide = tree / "docs/en/contributing/style-guide/index.md"
    text = guide.read_text(encoding="utf-8")
    guide.write_text(text.replace("{ #spelling-english }", "{ #english-pages }"), encoding="utf-8")
    section = text.split("\n").index("## Spelling and set phrases { #spelling }") + 1
    assert _terms(tree) == [f"docs/en/contributing/style-guide/index.md:{section}: TERM004"]


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


# -- a third language: every language-dependent rule comes from extra.languages and per-language data -------------
FRENCH_TABLE = "\n### Français { #spelling-fr }\n\n| write | not |\n| --- | --- |\n| ne pas | pas |\n"


@pytest.fixture
def three_languages(tmp_path: Path) -> Path:
    """The good tree with French: an entry in extra.languages, mkdocs.fr.yml, docs/fr/ (the English pages stand in
    for French ones), its search panel words and its spelling table (on every language's style guide, as the
    style guide keeps all tables on every page)."""
    tree = copy_good(tmp_path)
    english = (tree / "mkdocs.en.yml").read_text(encoding="utf-8")
    french = english.replace("docs/en", "docs/fr").replace("site/en", "site/fr").replace("(English)", "(Français)")
    french = french.replace("  language: en\n", "  language: fr\n")
    # extra.languages, wherever a config lists it, gains French (paths as seen from that config's language).
    paths = {"mkdocs.yml": ("fr/", None), "mkdocs.en.yml": ("../fr/", None), "mkdocs.fr.yml": ("", "../en/")}
    for name, text in (("mkdocs.yml", None), ("mkdocs.en.yml", english), ("mkdocs.fr.yml", french)):
        config = tree / name
        text = text if text is not None else config.read_text(encoding="utf-8")
        french_path, english_path = paths[name]
        if english_path is not None:
            text = re.sub(r'(\{lang: en, name: English, path: )"[^"]*"', rf'\1"{english_path}"', text)
        entry = f'    - {{lang: fr, name: Français, path: "{french_path}"}}\n'
        text = re.sub(r"(?m)^(  languages:\n(?:    - .*\n)+)", lambda m, entry=entry: m[1] + entry, text)
        config.write_text(text, encoding="utf-8")
    shutil.copytree(tree / "docs" / "en", tree / "docs" / "fr")
    for language in ("ja", "en", "fr"):
        guide = tree / "docs" / language / "contributing" / "style-guide" / "index.md"
        guide.write_text(guide.read_text(encoding="utf-8").rstrip("\n") + "\n" + FRENCH_TABLE, encoding="utf-8")
    original = (tree / "docs" / "ja" / "contributing" / "style-guide" / "index.md").read_text(encoding="utf-8")
    for language in ("en", "fr"):  # the translations record the edited original as translated
        guide = tree / "docs" / language / "contributing" / "style-guide" / "index.md"
        guide.write_text(
            re.sub(
                r"translation_of: \w+", f"translation_of: {source_hash(original)}", guide.read_text(encoding="utf-8")
            ),
            encoding="utf-8",
        )
    source_map = tree / "docs" / "source-map.yml"  # the key terms of each source section, in each language
    source_map.write_text(
        re.sub(r"en: (\[[^\]]*\])", r"en: \1, fr: \1", source_map.read_text(encoding="utf-8")), encoding="utf-8"
    )
    search = tree / "docs" / "search.yml"
    text = search.read_text(encoding="utf-8")
    search.write_text(
        text.replace(
            "ignore:",
            "  fr: {label: Votre situation, more: Commencer ici, empty: Rien., all: Autres situations}\nignore:",
        ),
        encoding="utf-8",
    )
    return tree


def test_a_third_language_passes_every_check(three_languages: Path) -> None:
    from scripts.project import Project

    assert Project(three_languages).codes == ("ja", "en", "fr")
    assert validate_tree(three_languages) == []


def test_a_third_language_missing_a_page_is_reported_with_path_and_line(three_languages: Path) -> None:
    (three_languages / "docs" / "fr" / "guide" / "index.md").unlink()
    found = validate_tree(three_languages)  # each `path:line: CODE`, or validate_tree fails on the format
    assert "docs/ja/guide/index.md:1: PAIR001" in found, found
    [pair] = [p for p in run(three_languages) if p.code == "PAIR001"]
    assert "docs/fr/guide/index.md" in pair.message + pair.fix and "(fix: " in pair.format(three_languages)
