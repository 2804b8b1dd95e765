"""The bad inputs the validation suite exists for, each applied to a copy of the good fixture tree: `make validate`
must fail and name the file (and, for a stale translation, both files)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from scripts.validate.__main__ import main, run
from tests.validate_helpers import copy_good

JA_GUIDE, EN_GUIDE = "docs/ja/guide/index.md", "docs/en/guide/index.md"
EN_HOME = "docs/en/index.md"


def edit(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(tree: Path) -> None:
        page = tree / rel
        text = page.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {rel}: the fixture changed"
        page.write_text(text.replace(old, new, 1), encoding="utf-8")
    return apply


def delete(rel: str) -> Callable[[Path], None]:
    return lambda tree: (tree / rel).unlink()


MUTATIONS = {
    "broken link": (edit(EN_HOME, "(guide/index.md#steps)", "(guide/nowhere.md)"), EN_HOME, "LINK001"),
    "missing anchor": (edit(EN_HOME, "guide/index.md#steps", "guide/index.md#nowhere"), EN_HOME, "LINK002"),
    "deleted translation": (delete(EN_GUIDE), JA_GUIDE, "PAIR001"),
    "malformed front matter": (edit(EN_HOME, "title: Fixture home", "title: [Fixture home"), EN_HOME, "FM002"),
    "missing title": (edit(EN_HOME, "title: Fixture home\n", ""), EN_HOME, "FM004"),
    "image without alt text": (edit(EN_GUIDE, "![The entry screen]", "![]"), EN_GUIDE, "LINK004"),
    "script tag": (edit(EN_GUIDE, "The table lists", "<script>alert(1)</script>\n\nThe table lists"), EN_GUIDE,
                   "HTML001"),
    "javascript link": (edit(EN_GUIDE, "(https://www.example.com/help)", "(javascript:alert(1))"), EN_GUIDE,
                        "LINK006"),
    "http link": (edit(EN_GUIDE, "https://www.example.com/help", "http://www.example.com/help"), EN_GUIDE,
                  "LINK005"),
    "misspelled admonition type": (edit(EN_GUIDE, '!!! tip "Tip"', '!!! tpi "Tip"'), EN_GUIDE, "ADM001"),
    "skipped heading level": (edit(EN_GUIDE, "### Example screen", "#### Example screen"), EN_GUIDE, "HEAD004"),
    "section dropped from one language": (edit(EN_GUIDE, "## More { #more }\n", ""), EN_GUIDE, "PAR001"),
    "Japanese page edited without its translation": (
        edit(JA_GUIDE, "詳しくは", "最新の情報は"), EN_GUIDE, "TR002"),
    "broken mermaid block": (edit(EN_GUIDE, 'A["Open the screen"] -->', 'A["Open the screen" -->'), EN_GUIDE,
                             "DIAG004"),
    "navigation entry to a missing file": (
        lambda tree: (tree / "mkdocs.yml").write_text(
            (tree / "mkdocs.yml").read_text(encoding="utf-8") + "  - gone/index.md\n", encoding="utf-8"),
        "mkdocs.yml", "NAV002"),
}


@pytest.mark.parametrize("name", MUTATIONS)
def test_bad_input_fails_validation_naming_the_file(name: str, tmp_path: Path, capsys) -> None:
    mutate, path, code = MUTATIONS[name]
    tree = copy_good(tmp_path)
    mutate(tree)
    assert main(["--root", str(tree)]) == 1
    printed = capsys.readouterr().out.splitlines()
    assert any(line.startswith(f"{path}:") and f": {code} " in line for line in printed), printed


def test_stale_translation_names_both_files(tmp_path: Path) -> None:
    tree = copy_good(tmp_path)
    edit(JA_GUIDE, "詳しくは", "最新の情報は")(tree)
    [problem] = [p for p in run(tree) if p.code == "TR002"]
    assert problem.path == (tree / EN_GUIDE).resolve()
    assert JA_GUIDE in problem.message


def test_deleted_japanese_original_is_reported_too(tmp_path: Path) -> None:
    tree = copy_good(tmp_path)
    shutil.move(tree / JA_GUIDE, tmp_path / "moved.md")
    assert any(p.code == "PAIR002" and p.path == (tree / EN_GUIDE).resolve() for p in run(tree))
