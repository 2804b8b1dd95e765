"""Translation staleness: `make translations` (status and marking) and the notice on stale English pages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scripts.project import ROOT
from scripts.translations import main as translations
from tests.validate_helpers import copy_good, validate

EXTENSION = "scripts.extensions.translation_notice"
JA_GUIDE, EN_GUIDE = "docs/ja/guide/index.md", "docs/en/guide/index.md"


def edit_japanese(tree: Path) -> None:
    page = tree / JA_GUIDE
    page.write_text(page.read_text(encoding="utf-8").replace("詳しくは", "最新の情報は"), encoding="utf-8")


def status(tree: Path, capsys) -> dict[str, str]:
    assert translations(["--root", str(tree)]) == 0
    table = capsys.readouterr().out.split("\n\n")[0]  # the diffs of stale pages follow the table
    rows = table.splitlines()[1:]
    return {row.split()[0]: row.split(maxsplit=1)[1] for row in rows}


def test_status_table_lists_every_pair(tmp_path: Path, capsys) -> None:
    tree = copy_good(tmp_path)
    fixed = {"docs/en/glossary/index.md": "up to date", "docs/en/contributing/style-guide/index.md": "up to date"}
    assert status(tree, capsys) == {"docs/en/guide/index.md": "up to date", "docs/en/index.md": "up to date", **fixed}
    edit_japanese(tree)
    (tree / "docs/ja/new").mkdir()
    (tree / "docs/ja/new/index.md").write_text("---\ntitle: 新しいページ\n---\n\n# 新しいページ\n", encoding="utf-8")
    (tree / "docs/en/old").mkdir()
    (tree / "docs/en/old/index.md").write_text("---\ntitle: Old page\n---\n\n# Old page\n", encoding="utf-8")
    assert status(tree, capsys) == {
        "docs/en/guide/index.md": "stale",
        "docs/en/index.md": "up to date",
        "docs/en/new/index.md": "missing",
        "docs/en/old/index.md": "no original",
        **fixed,
    }


def test_mark_makes_a_stale_page_current_without_touching_the_rest(tmp_path: Path, capsys) -> None:
    tree = copy_good(tmp_path)
    before = (tree / EN_GUIDE).read_text(encoding="utf-8")
    edit_japanese(tree)
    assert [line.split(": ")[-1] for line in validate(tree)] == ["TR002"]
    assert translations(["--root", str(tree), "--mark", "guide/index.md"]) == 0
    assert validate(tree) == []
    after = (tree / EN_GUIDE).read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.split("\n"), after.split("\n"), strict=True) if a != b]
    assert len(changed) == 1 and changed[0][1].startswith("translation_of: ")
    assert len(before.split("\n")) == len(after.split("\n"))


def test_mark_accepts_a_docs_path_and_adds_the_key_when_missing(tmp_path: Path, capsys) -> None:
    tree = copy_good(tmp_path)
    page = tree / EN_GUIDE
    text = page.read_text(encoding="utf-8")
    kept = (line for line in text.split("\n") if not line.startswith("translation_of:"))
    page.write_text("\n".join(kept), encoding="utf-8")
    assert [line.split(": ")[-1] for line in validate(tree)] == ["TR001"]
    assert translations(["--root", str(tree), "--mark", str(tree / EN_GUIDE)]) == 0
    assert validate(tree) == []
    assert page.read_text(encoding="utf-8").split("\n")[3].startswith("translation_of: ")


def test_mark_all_marks_every_pair(tmp_path: Path, capsys) -> None:
    tree = copy_good(tmp_path)
    edit_japanese(tree)
    for page in ("docs/en/index.md", EN_GUIDE):
        path = tree / page
        path.write_text(
            path.read_text(encoding="utf-8").replace("translation_of: ", "translation_of: 0"), encoding="utf-8"
        )
    assert {line.split(": ")[-1] for line in validate(tree)} == {"FM005", "TR002"}
    assert translations(["--root", str(tree), "--mark-all"]) == 0
    assert validate(tree) == []


def test_mark_refuses_a_page_without_a_pair(tmp_path: Path) -> None:
    tree = copy_good(tmp_path)
    with pytest.raises(SystemExit, match=r"there is no docs/ja/missing/index\.md"):
        translations(["--root", str(tree), "--mark", "missing/index.md"])


def build_english(tree: Path) -> Path:
    # The fixture's shared config gains the notice extension, as the real mkdocs.yml has it (both languages).
    config = tree / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "markdown_extensions:\n", f"markdown_extensions:\n  - {EXTENSION}\n"
        ),
        encoding="utf-8",
    )
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tree / "mkdocs.en.yml")],
        cwd=tree,
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)},
    )
    return tree / "site" / "en"


def test_stale_page_shows_a_notice_linking_to_the_japanese_page(tmp_path: Path) -> None:
    tree = copy_good(tmp_path)
    edit_japanese(tree)
    site = build_english(tree)
    stale = (site / "guide" / "index.html").read_text(encoding="utf-8")
    current = (site / "index.html").read_text(encoding="utf-8")
    assert 'class="admonition note translation-notice"' in stale
    assert '<a href="../../guide/" hreflang="ja">' in stale
    assert "has changed since this translation" in stale
    assert "translation-notice" not in current


def test_real_config_registers_the_extension_for_both_builders() -> None:
    """A Markdown extension, not an MkDocs hook, so that Zensical shows the notice too. It is listed once, in the
    shared mkdocs.yml (MkDocs replaces an inherited list, Zensical appends to it), and acts on English pages only."""

    def config(name: str) -> dict:
        loader = type("Loader", (yaml.SafeLoader,), {})
        loader.add_multi_constructor("", lambda *args: None)  # MkDocs' !!python/… tags
        return yaml.load((ROOT / name).read_text(encoding="utf-8"), Loader=loader)

    assert EXTENSION in config("mkdocs.yml")["markdown_extensions"]
    assert "markdown_extensions" not in config("mkdocs.en.yml")
    assert not any(
        "translation_notice" in hook
        for name in ("mkdocs.yml", "mkdocs.en.yml")
        for hook in config(name).get("hooks") or []
    )


def test_japanese_pages_get_no_notice(tmp_path: Path) -> None:
    tree = copy_good(tmp_path)
    (tree / "docs/en/index.md").write_text(
        "---\ntitle: Home\n---\n\n# Home\n\n## Overview { #overview }\n", encoding="utf-8"
    )
    site = build_english(tree)
    assert "translation-notice" in (site / "index.html").read_text(encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tree / "mkdocs.yml")],
        cwd=tree,
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)},
    )
    assert "translation-notice" not in (tree / "site" / "index.html").read_text(encoding="utf-8")


def _git(tree: Path, *args: str) -> str:
    command = ["git", "-C", str(tree), "-c", "user.name=Test", "-c", "user.email=test@example.com", *args]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()


def _commit_all(tree: Path, message: str) -> str:
    _git(tree, "add", "-A")
    _git(tree, "commit", "-q", "-m", message)
    return _git(tree, "rev-parse", "HEAD")


def test_stale_page_shows_the_japanese_diff_since_the_translated_version(tmp_path: Path, capsys) -> None:
    tree = copy_good(tmp_path)
    _git(tree, "init", "-q")
    translated = _commit_all(tree, "pages and their translations")
    edit_japanese(tree)
    _commit_all(tree, "Japanese edit")
    (tree / JA_GUIDE).write_text((tree / JA_GUIDE).read_text(encoding="utf-8") + "\n追記です。\n", encoding="utf-8")
    assert translations(["--root", str(tree)]) == 0
    out = capsys.readouterr().out
    table, _, diffs = out.partition("\n\n")
    assert "guide/index.md" in table and table.count("stale") == 1
    assert f"--- {JA_GUIDE} @ {translated[:12]} (the version {EN_GUIDE} translates)" in diffs
    assert f"+++ {JA_GUIDE} (now)" in diffs
    removed = [line for line in diffs.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line for line in diffs.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert len(removed) == 1 and "詳しくは" in removed[0]
    assert added[0].startswith("+最新の情報は") and added[-1] == "+追記です。"
    assert diffs.count("\n== ") + diffs.startswith("== ") == 1  # only the stale page is shown


def test_stale_page_whose_version_is_not_in_the_history_says_so(tmp_path: Path, capsys) -> None:
    tree = copy_good(tmp_path)
    en = tree / EN_GUIDE
    text = en.read_text(encoding="utf-8")
    en.write_text(
        text.replace(yaml.safe_load(text.split("---")[1])["translation_of"], "0123456789abcdef"), encoding="utf-8"
    )
    assert translations(["--root", str(tree)]) == 0
    no_git = capsys.readouterr().out
    assert "cannot be found: git history is not available" in no_git
    _git(tree, "init", "-q")
    _commit_all(tree, "a translation that records a version that never existed")
    assert translations(["--root", str(tree)]) == 0
    out = capsys.readouterr().out
    assert (
        f"{EN_GUIDE} records translation_of: 0123456789abcdef, but that version of {JA_GUIDE} cannot be found: "
        "no committed version of the Japanese page has that hash. "
        "Compare the whole Japanese page with the English one."
    ) in out
