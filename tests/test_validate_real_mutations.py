"""The realistic contributor mistakes of issue 15, applied to copies of the real pages the way a careful contributor
works (a Japanese edit is followed by re-marking its translation, so staleness does not catch it): each must fail
`make validate` with `path:line: CODE message (fix: …)` naming the file that was edited, whether or not the other
language was changed too."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from scripts.hashing import source_hash
from scripts.validate.__main__ import main
from tests.helpers import copy_project

JA_RESET, EN_RESET = "docs/ja/reset/index.md", "docs/en/reset/index.md"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the project without its tests and installed tools; each test copies it again."""
    return copy_project(tmp_path_factory.mktemp("real") / "project")


def edit(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(tree: Path) -> None:
        page = tree / rel
        text = page.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {rel}: the page changed, pick another passage"
        page.write_text(text.replace(old, new, 1), encoding="utf-8")
        if rel.startswith("docs/ja/"):  # the careful contributor re-marks the translation after a Japanese edit
            english = tree / rel.replace("docs/ja/", "docs/en/", 1)
            mark = source_hash((tree / rel).read_text(encoding="utf-8"))
            english.write_text(
                re.sub(r"translation_of: \w+", f"translation_of: {mark}", english.read_text(encoding="utf-8"), count=1),
                encoding="utf-8",
            )

    return apply


def first_paragraph(tree: Path, rel: str) -> str:
    """The first line of prose after the page's H1 (not a list, table, admonition or HTML): the passage the edits
    below change, found afresh so that the tests follow the pages as they are rewritten."""
    lines = (tree / rel).read_text(encoding="utf-8").split("\n")
    after_title = lines.index(next(line for line in lines if line.startswith("# "))) + 1
    return next(
        line
        for line in lines[after_title:]
        if line.strip() and not line.startswith(("#", "!", "?", "|", "-", "<", " ", "`")) and not line[0].isdigit()
    )


def on_first_paragraph(rel: str, change: Callable[[str], str]) -> Callable[[Path], None]:
    def apply(tree: Path) -> None:
        paragraph = first_paragraph(tree, rel)
        edit(rel, paragraph, change(paragraph))(tree)

    return apply


def paragraph_from(source: str, target: str) -> Callable[[Path], None]:
    """The first paragraph of `target` replaced by that of `source`, its other language: a paragraph left
    untranslated."""

    def apply(tree: Path) -> None:
        edit(target, first_paragraph(tree, target), first_paragraph(tree, source))(tree)

    return apply


def both(*edits: Callable[[Path], None]) -> Callable[[Path], None]:
    def apply(tree: Path) -> None:
        for change in edits:
            change(tree)

    return apply


EN_ROW = "| Character types | Not verified | Length first |\n"
EN_STEP = "4. Enter the code ([Enter the code](#enter-code)).\n"
EN_BOX = "    Have your password manager ready and start"

MUTATIONS = {
    "row deleted from an English table": (edit(EN_RESET, EN_ROW, ""), EN_RESET, "PAR008"),
    "step removed from an English numbered list": (edit(EN_RESET, EN_STEP, ""), EN_RESET, "PAR009"),
    "step removed from a Japanese numbered list, translation re-marked": (
        edit(JA_RESET, "4. 届いたコードを", "届いたコードを"),
        JA_RESET,
        "PAR009",
    ),
    "extra cell in an English row": (
        edit(
            EN_RESET,
            "| Length | 6 or more (note) | 15 or more |",
            "| Length | 6 or more (note) | 15 or more | or a passkey |",
        ),
        EN_RESET,
        "MD056",
    ),
    "extra cell in both languages": (
        both(
            edit(
                JA_RESET,
                "| 長さ | 6文字以上（注） | 15文字以上 |",
                "| 長さ | 6文字以上（注） | 15文字以上 | またはパスキー |",
            ),
            edit(
                EN_RESET,
                "| Length | 6 or more (note) | 15 or more |",
                "| Length | 6 or more (note) | 15 or more | or a passkey |",
            ),
        ),
        JA_RESET,
        "MD056",
    ),
    "undefined footnote on a Japanese page": (
        on_first_paragraph(JA_RESET, lambda text: text + "[^zz9]"),
        JA_RESET,
        "REND002",
    ),
    "undefined footnote in both languages": (
        both(
            on_first_paragraph(JA_RESET, lambda text: text + "[^zz9]"),
            on_first_paragraph(EN_RESET, lambda text: text + "[^zz9]"),
        ),
        EN_RESET,
        "REND002",
    ),
    "unindented admonition body": (edit(EN_RESET, EN_BOX, EN_BOX.lstrip()), EN_RESET, "REND004"),
    "table without a blank line before it": (
        edit(EN_RESET, "\n\n| Item | Amazon | Advice |", "\n| Item | Amazon | Advice |"),
        EN_RESET,
        "REND005",
    ),
    "untranslated Japanese paragraph on an English page": (paragraph_from(JA_RESET, EN_RESET), EN_RESET, "LANG001"),
    "English paragraph left on a Japanese page": (paragraph_from(EN_RESET, JA_RESET), JA_RESET, "LANG002"),
    "example password on a Japanese page": (
        edit(
            "docs/ja/prevention/index.md",
            "\n## ",
            "\n新しいパスワードは、たとえば `Sakura#2026!Amzn` のように作ります。\n\n## ",
        ),
        "docs/ja/prevention/index.md",
        "SAFE001",
    ),
    "example password on an English page": (
        edit("docs/en/prevention/index.md", "\n## ", '\nA strong password looks like "Sakura#2026!Amzn".\n\n## '),
        "docs/en/prevention/index.md",
        "SAFE001",
    ),
    "send the security code to Customer Service by email": (
        on_first_paragraph(
            EN_RESET, lambda text: "Send the security code you received to Customer Service by email. " + text
        ),
        EN_RESET,
        "SAFE002",
    ),
    "the same advice in Japanese": (
        on_first_paragraph(
            JA_RESET, lambda text: "届いたセキュリティコードは、メールでカスタマーサービスに送ってください。" + text
        ),
        JA_RESET,
        "SAFE002",
    ),
}


@pytest.mark.parametrize("name", MUTATIONS)
def test_realistic_mistake_fails_validation_naming_the_edited_file(
    name: str, project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mutate, path, code = MUTATIONS[name]
    tree = tmp_path / "project"
    shutil.copytree(project, tree, symlinks=True)
    mutate(tree)
    assert main(["--root", str(tree)]) == 1
    printed = capsys.readouterr().out.splitlines()
    found = [line for line in printed if line.startswith(f"{path}:") and f": {code} " in line]
    assert found, printed
    assert all(re.match(r"^[^:]+:\d+: [A-Z]+\d{3} .+ \(fix: .+\)$", line) for line in printed), printed
