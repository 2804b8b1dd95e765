"""Prose checks: the textlint settings follow the conventions, and a tool that cannot run fails loudly."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.validate import prose
from scripts.validate.__main__ import run
from tests.validate_helpers import copy_good

JA_HOME = "docs/ja/index.md"


def textlint_rules_for(tmp_path: Path, sentence: str) -> list[str]:
    tree = copy_good(tmp_path)
    page = tree / JA_HOME
    page.write_text(page.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
    last_line = len(page.read_text(encoding="utf-8").split("\n")) - 1
    return [
        p.message.rsplit("[textlint: ", 1)[1].rstrip("]")
        for p in run(tree)
        if p.code == "PROSE001" and p.line == last_line
    ]


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("Amazon の SMS で届きます。", "jtf-style/3.1.1.全角文字と半角文字の間"),
        ("コードは SMSで届きます。", "jtf-style/3.1.1.全角文字と半角文字の間"),
        ("これは確認の手順である。", "no-mix-dearu-desumasu"),
        ("コードが届きません!", "no-exclamation-question-mark"),
        ("コードを確認します(迷惑メールも見ます)。", "jtf-style/4.3.1.丸かっこ（）"),
    ],
)
def test_conventions_are_enforced(tmp_path: Path, sentence: str, rule: str) -> None:
    assert rule in textlint_rules_for(tmp_path, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "AmazonのSMSでセキュリティコードが届きます。",
        "コードは届きましたか？",
        "1. 手順は、です・ます調の文で書きます。",
        "米国国立標準技術研究所（NIST）の指針を参照します（[出典: N1](guide/index.md#more)）。",
    ],
)
def test_house_style_passes(tmp_path: Path, sentence: str) -> None:
    assert textlint_rules_for(tmp_path, sentence) == []


def test_admonition_bodies_are_checked(tmp_path: Path) -> None:
    """Indented 4 spaces, an admonition body is a code block to textlint unless prose.py de-indents it."""
    assert "jtf-style/3.1.1.全角文字と半角文字の間" in textlint_rules_for(
        tmp_path, '!!! note "補足"\n    Amazon の SMS で届きます。'
    )


@pytest.fixture
def empty_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache" / "textlint-cache.json"
    monkeypatch.setattr(prose, "_TEXTLINT", prose.StoredFindings(cache))
    monkeypatch.setattr(prose, "_MARKDOWNLINT", prose.StoredFindings(cache.with_name("markdownlint.json")))
    return cache


def no_textlint(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """textlint and markdownlint cannot start: their worker script is missing and none is running yet."""
    monkeypatch.setattr(prose, "WORKER", tmp_path / "no-such-textlint-worker.mjs")
    monkeypatch.setattr(prose, "_WORKERS", {})


def test_missing_textlint_fails_loudly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, empty_cache: Path) -> None:
    no_textlint(monkeypatch, tmp_path)
    problems = sorted(p.message.split(" could not run")[0] for p in run(copy_good(tmp_path)) if p.code == "PROSE000")
    assert problems == ["markdownlint", "textlint"]


def test_unchanged_pages_reuse_stored_findings_and_changed_ones_are_linted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, empty_cache: Path
) -> None:
    tree = copy_good(tmp_path)
    page = tree / JA_HOME
    page.write_text(page.read_text(encoding="utf-8") + "\nAmazon の SMS で届きます。\n", encoding="utf-8")
    first = [p for p in run(tree) if p.code.startswith("PROSE")]
    assert empty_cache.is_file() and first
    # A new process: nothing in memory, the stored findings on disk, and no textlint to run.
    monkeypatch.setattr(prose, "_TEXTLINT", prose.StoredFindings(empty_cache))
    stored = prose.StoredFindings(empty_cache.with_name("markdownlint.json"))
    monkeypatch.setattr(prose, "_MARKDOWNLINT", stored)
    no_textlint(monkeypatch, tmp_path)
    assert [p for p in run(tree) if p.code.startswith("PROSE")] == first
    page.write_text(page.read_text(encoding="utf-8") + "\n追記します。\n", encoding="utf-8")
    # Only the changed page is linted again, and neither linter can run now.
    assert [p.code for p in run(tree) if p.code.startswith("PROSE")] == ["PROSE000", "PROSE000"]


def test_broken_codespell_fails_loudly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prose, "WORDS", tmp_path / "no-such-word-list.txt")
    problems = [p for p in run(copy_good(tmp_path)) if p.code == "PROSE000"]
    assert len(problems) == 1 and "codespell could not run" in problems[0].message
