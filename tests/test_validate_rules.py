"""Every rule of `make validate` against a fixture: the good tree passes, and each bad fixture (the good tree with
the files of tests/fixtures/validate/bad/<CODE>/tree/ laid over it) produces exactly the errors its expected.txt
lists, with the right file and line."""

from __future__ import annotations

import re
import shutil
import tokenize
from pathlib import Path

import pytest

from scripts.project import ROOT
from scripts.validate.__main__ import run
from tests.validate_helpers import BAD, GOOD, copy_good, validate, validate_command

CASES = sorted(path.name for path in BAD.iterdir() if path.is_dir())
BUILD_CODES = {path.name.split("-")[0] for path in (ROOT / "tests" / "fixtures" / "build").iterdir()}
LINKCHECK_CODES = ("LC001", "LC003")


def documented_codes(language: str) -> set[str]:
    """The codes in the first column of the tables of the contributor pages on checks (the checks page and its
    child pages, one per group of checks)."""
    pages = sorted((ROOT / "docs" / language / "contributing" / "checks").rglob("index.md"))
    assert len(pages) > 1, "the checks page and its child pages"
    return {
        match[1]
        for page in pages
        for match in re.finditer(r"^\| ([A-Z]+\d{3}) \|", page.read_text(encoding="utf-8"), re.M)
    }


def test_every_code_is_documented_and_has_a_bad_fixture() -> None:
    documented = documented_codes("en")
    assert documented == documented_codes("ja")
    # Not from `make validate`: PROSE000 needs a broken installation (test_validate_prose.py), LC… come from
    # `make linkcheck` (test_linkcheck.py), the other LINK codes from the strict build (test_build_strict.py).
    assert documented - {"PROSE000", *LINKCHECK_CODES} == set(CASES) | set(BUILD_CODES)


def test_every_code_the_checks_and_the_build_can_print_is_in_the_error_index_of_both_languages() -> None:
    """The codes are grepped from every script (checks, build hooks, link check), the index is read from the pages:
    a new code without its row, or a row left behind by a removed code, fails."""
    emitted = set()
    for module in (ROOT / "scripts").rglob("*.py"):
        with module.open("rb") as source:  # string literals only: a linter's code in a comment is not printed
            strings = [t.string for t in tokenize.tokenize(source.readline) if t.type == tokenize.STRING]
        emitted |= {code for text in strings for code in re.findall(r"\b([A-Z]{2,}\d{3})\b", text)}
    assert {"SEARCH001", "TRIAGE001", "LC001", "MD056"} <= emitted, "the grep finds the codes"
    # MDnnn: markdownlint's rules, passed on as they come; its own list of rules is linked from the MD section.
    ours = {code for code in emitted if not code.startswith("MD")}
    for language in ("en", "ja"):
        assert ours == {code for code in documented_codes(language) if not code.startswith("MD")}, language
        page = ROOT / "docs" / language / "contributing" / "checks" / "links-and-markup" / "index.md"
        assert "https://github.com/DavidAnson/markdownlint/blob/main/doc/Rules.md" in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES)
def test_bad_fixture_reports_exactly_its_error(case: str, tmp_path: Path) -> None:
    tree = copy_good(tmp_path)
    shutil.copytree(BAD / case / "tree", tree, dirs_exist_ok=True)
    expected = sorted((BAD / case / "expected.txt").read_text(encoding="utf-8").split("\n")[:-1])
    assert all(line.split(": ")[-1] == case for line in expected), "expected.txt names another code"
    assert validate(tree) == expected


def test_a_stale_translation_names_the_japanese_original(tmp_path: Path) -> None:
    """TR002 is reported on the English page; its message names the Japanese file to update it from."""
    tree = copy_good(tmp_path)
    shutil.copytree(BAD / "TR002" / "tree", tree, dirs_exist_ok=True)
    [problem] = run(tree)
    assert (problem.code, problem.path) == ("TR002", (tree / "docs/en/guide/index.md").resolve())
    assert "docs/ja/guide/index.md" in problem.message + problem.fix


def test_several_bad_pages_are_all_reported_in_one_run(tmp_path: Path) -> None:
    tree = copy_good(tmp_path)
    chosen = ("LINK006", "HTML002", "NAV001", "NAV003", "MAP003")  # each changes files none of the others touch
    touched: list[Path] = []
    expected: list[str] = []
    for case in chosen:
        files = [p.relative_to(BAD / case / "tree") for p in (BAD / case / "tree").rglob("*") if p.is_file()]
        assert not set(files) & set(touched), f"{case} overlaps another case"
        touched += files
        expected += (BAD / case / "expected.txt").read_text(encoding="utf-8").split("\n")[:-1]
        shutil.copytree(BAD / case / "tree", tree, dirs_exist_ok=True)
    assert len({f.as_posix() for f in touched if f.suffix == ".md"}) >= 3
    assert validate(tree) == sorted(expected)


def test_runner_prints_problems_and_fails(tmp_path: Path) -> None:
    tree = copy_good(tmp_path)
    shutil.copytree(BAD / "LINK006" / "tree", tree, dirs_exist_ok=True)
    result = validate_command(tree)
    assert result.returncode == 1
    assert result.stdout.startswith("docs/en/index.md:9: LINK006 `javascript:` URL `javascript:alert(1)`")
    assert "(fix: " in result.stdout


def test_runner_passes_the_good_tree() -> None:
    """The good fixture passes every rule, through the command `make validate` runs (exit 0, nothing printed)."""
    result = validate_command(GOOD)
    assert (result.returncode, result.stdout) == (0, "")
