"""The content rules of `make validate` beyond their bad fixtures (test_validate_rules.py runs those): citation dates
against an injected "today" (REF001 and the due-soon notes), what counts as the same sentence (DUP), reviewed
repeats, and near misses that must pass (DANGER). Fixture dates are fixed; "today" comes from GUIDE_TODAY."""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from scripts.doctree import load_site
from scripts.hashing import source_hash
from scripts.validate import citations
from scripts.validate.__main__ import run
from tests.helpers import copy_project
from tests.validate_helpers import BAD, copy_good, validate_command

JA_R, EN_R = "docs/ja/references/index.md", "docs/en/references/index.md"
JA_I, EN_I = "docs/ja/index.md", "docs/en/index.md"
JA_G, EN_G = "docs/ja/guide/index.md", "docs/en/guide/index.md"
LIST = "docs/repeated-sentences.yml"


def edit(tree: Path, rel: str, old: str, new: str) -> None:
    path = tree / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def remark(tree: Path, ja: str, en: str) -> None:
    """The English page records the edited Japanese page as translated (no TR002 in these trees)."""
    text = (tree / en).read_text(encoding="utf-8")
    (tree / en).write_text(
        re.sub(
            r"translation_of: \w+",
            "translation_of: " + source_hash((tree / ja).read_text(encoding="utf-8")),
            text,
            count=1,
        ),
        encoding="utf-8",
    )


def shown(problems, tree: Path) -> list[str]:
    return sorted(problem.format(tree.resolve()) for problem in problems)


@pytest.fixture
def dated_tree(tmp_path: Path) -> Path:
    """The good tree with a references page (A1 checked 2098-01-10, review by 2098-07-10) that the guide cites."""
    tree = copy_good(tmp_path)
    shutil.copytree(BAD / "REF003" / "tree", tree, dirs_exist_ok=True)
    edit(tree, EN_R, "2098-07-11", "2098-07-10")
    edit(tree, JA_G, "次の表は手順の一覧です。", "次の表は手順の一覧です（[出典: A1](../references/index.md#a1)）。")
    edit(
        tree, EN_G, "The table lists the steps.", "The table lists the steps ([source: A1](../references/index.md#a1))."
    )
    remark(tree, JA_G, EN_G)
    remark(tree, JA_R, EN_R)
    return tree


def test_the_dated_tree_passes_before_its_review_by_date(dated_tree: Path, monkeypatch) -> None:
    monkeypatch.setenv("GUIDE_TODAY", "2098-07-10")
    assert shown(run(dated_tree), dated_tree) == []


def test_a_review_by_date_fails_the_day_after_naming_the_citing_pages(dated_tree: Path, monkeypatch) -> None:
    monkeypatch.setenv("GUIDE_TODAY", "2098-07-11")
    fix = "(fix: re-check the source, then update the dates in both languages)"
    assert shown(run(dated_tree), dated_tree) == [
        f"{EN_R}:17: REF001 citation A1 review-by 2098-07-10 has passed; used on: guide {fix}",
        f"{JA_R}:16: REF001 citation A1 review-by 2098-07-10 has passed; used on: guide {fix}",
    ]


def test_due_soon_lists_citations_due_within_30_days_only(dated_tree: Path) -> None:
    site = load_site(dated_tree)
    assert citations.due_soon(site, datetime.date(2098, 6, 9)) == []  # 31 days before
    assert citations.due_soon(site, datetime.date(2098, 6, 10)) == [
        f"{JA_R}:16: note: citation A1 review-by 2098-07-10 is due in 30 day(s); used on: guide"
    ]
    assert citations.due_soon(site, datetime.date(2098, 7, 11)) == []  # passed: REF001, not a note


def validate_on(tree: Path, today: str) -> subprocess.CompletedProcess:
    """`make validate`'s command on `tree`, as of `today` (GUIDE_TODAY)."""
    return validate_command(tree, GUIDE_TODAY=today)


def test_the_runner_prints_due_notes_without_failing(dated_tree: Path) -> None:
    result = validate_on(dated_tree, "2098-07-01")
    assert (result.returncode, result.stdout) == (0, "")
    assert (
        f"validate: {JA_R}:16: note: citation A1 review-by 2098-07-10 is due in 9 day(s); used on: guide"
        in result.stderr.splitlines()
    )


def test_a_malformed_today_stops_the_runner(dated_tree: Path) -> None:
    result = validate_on(dated_tree, "5 December")
    assert result.returncode == 1
    assert "GUIDE_TODAY='5 December' is not a date" in result.stderr


def test_the_about_page_passes_with_the_newest_check_date(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("GUIDE_TODAY", "2098-02-01")
    tree = copy_good(tmp_path)
    shutil.copytree(BAD / "REF005" / "tree", tree, dirs_exist_ok=True)
    edit(tree, "docs/ja/about/index.md", "2098年1月9日", "2098年1月10日")
    edit(tree, "docs/en/about/index.md", "January 9, 2098", "January 10, 2098")
    remark(tree, "docs/ja/about/index.md", "docs/en/about/index.md")
    assert shown(run(tree), tree) == []


# ---- DUP ---------------------------------------------------------------------------------------------------------
JA_SENTENCE = "コードが届かないときは、迷惑メールのフォルダと登録したメールアドレスを確かめます。"


def repeat(tree: Path, home: str, other: str) -> None:
    """Put `home` on the home page and `other` on the guide page (Japanese)."""
    edit(
        tree,
        JA_I,
        "案内のページには、表と図と画像があります。",
        f"案内のページには、表と図と画像があります。\n\n{home}",
    )
    edit(tree, JA_G, "次の表は手順の一覧です。", f"{other}\n\n次の表は手順の一覧です。")


def dup(tree: Path) -> list[str]:
    return shown([p for p in run(tree) if p.code.startswith("DUP")], tree)


def test_a_repeat_names_both_places_and_the_fix(tmp_path: Path) -> None:
    tree = copy_good(tmp_path)
    repeat(tree, JA_SENTENCE, JA_SENTENCE)
    [message] = dup(tree)
    assert message.startswith(f"{JA_G}:15: DUP001 “{JA_SENTENCE[:-1]}” also stands on {JA_I}:14 (hash ")
    assert message.endswith("(fix: link to the home, or list the repeat in docs/repeated-sentences.yml with a reason)")


def test_width_spacing_markup_and_citations_do_not_hide_a_repeat(tmp_path: Path) -> None:
    tree = copy_good(tmp_path)
    disguised = (
        "コードが届かないときは、**迷惑メール**の[フォルダ](../index.md)と登録した\nメールアドレスを確かめます"
        "（[出典: A1](https://www.example.com/help)）。"
    )
    repeat(tree, JA_SENTENCE.replace("、", "､"), disguised)  # a half-width comma (NFKC folds it)
    assert [line.split(" “")[0] for line in dup(tree)] == [f"{JA_G}:15: DUP001"]


def test_a_short_japanese_sentence_may_repeat_but_twenty_characters_may_not(tmp_path: Path) -> None:
    tree = copy_good(tmp_path)
    short, long = (
        "迷惑メールのフォルダを確かめてください。",
        "迷惑メールのフォルダを今確かめてください。",
    )  # 19 and 20 characters
    repeat(tree, f"{short}{long}", f"{short}{long}")
    assert [line.split(" also")[0] for line in dup(tree)] == [f"{JA_G}:15: DUP001 “{long[:-1]}”"]


def test_a_short_english_sentence_may_repeat_but_eight_words_may_not(tmp_path: Path) -> None:
    tree = copy_good(tmp_path)
    seven, eight = "Check the spam folder of your mailbox.", "Check the spam folder of your mailbox first."
    edit(
        tree,
        EN_I,
        "The guide page has a table, a diagram and a picture.",
        f"The guide page has a table, a diagram and a picture. {seven} {eight}",
    )
    edit(tree, EN_G, "The table lists the steps.", f"{seven} {eight}\n\nThe table lists the steps.")
    assert [line.split(" also")[0] for line in dup(tree)] == [f"{EN_G}:16: DUP001 “{eight[:-1]}”"]


def test_a_link_label_may_repeat_as_the_name_of_a_place(tmp_path: Path) -> None:
    """A route on the home page and a row on another page name the same place: a name, like a heading."""
    tree = copy_good(tmp_path)
    label = "[I clicked a link in a message and typed my password there](guide/index.md#steps)"
    edit(
        tree,
        EN_I,
        "The guide page has a table, a diagram and a picture.",
        f"The guide page has a table, a diagram and a picture.\n\n- {label}",
    )
    edit(
        tree,
        EN_G,
        "The table lists the steps.",
        f"- {label.replace('guide/index.md', '')}\n\nThe table lists the steps.",
    )
    assert dup(tree) == []


def test_a_quoted_japanese_label_counts_as_one_english_word(tmp_path: Path) -> None:
    tree = copy_good(tmp_path)
    gloss = 'Select 「パスワードを忘れた方」 ("Forgot your password?") there.'  # 7 words on an English page
    edit(
        tree,
        EN_I,
        "The guide page has a table, a diagram and a picture.",
        f"The guide page has a table, a diagram and a picture. {gloss}",
    )
    edit(tree, EN_G, "The table lists the steps.", f"{gloss}\n\nThe table lists the steps.")
    assert dup(tree) == []


def test_the_references_page_is_not_a_reader_page(tmp_path: Path) -> None:
    tree = copy_good(tmp_path)
    shutil.copytree(BAD / "REF003" / "tree", tree, dirs_exist_ok=True)
    edit(
        tree,
        JA_I,
        "案内のページには、表と図と画像があります。",
        f"案内のページには、表と図と画像があります。\n\n{JA_SENTENCE}",
    )
    edit(tree, JA_R, "このページは検証のテストに使います。", JA_SENTENCE)
    assert dup(tree) == []


@pytest.mark.parametrize("key", ["sentence: " + JA_SENTENCE, "hash: {digest}"])
def test_a_reviewed_repeat_passes_by_sentence_or_hash(tmp_path: Path, key: str) -> None:
    tree = copy_good(tmp_path)
    repeat(tree, JA_SENTENCE, JA_SENTENCE)
    digest = re.search(r"\(hash ([0-9a-f]{8})\)", dup(tree)[0])[1]
    (tree / LIST).write_text(
        f"- {key.format(digest=digest)}\n  pages: [{JA_I}, {JA_G}]\n  reason: テスト\n", encoding="utf-8"
    )
    assert dup(tree) == []


def test_a_reviewed_repeat_excuses_only_the_pages_it_lists(tmp_path: Path) -> None:
    tree = copy_good(tmp_path)
    repeat(tree, JA_SENTENCE, JA_SENTENCE)
    edit(tree, "docs/ja/glossary/index.md", "\n## ", f"\n{JA_SENTENCE}\n\n## ")
    (tree / LIST).write_text(
        f"- sentence: {JA_SENTENCE}\n  pages: [{JA_I}, {JA_G}]\n  reason: テスト\n", encoding="utf-8"
    )
    assert [line.split(":")[0] for line in dup(tree)] == ["docs/ja/glossary/index.md"]


def test_a_listed_page_that_lost_the_sentence_is_reported(tmp_path: Path) -> None:
    tree = copy_good(tmp_path)
    repeat(tree, JA_SENTENCE, JA_SENTENCE)
    (tree / LIST).write_text(
        f"- sentence: {JA_SENTENCE}\n  pages: [{JA_I}, {JA_G}, docs/ja/glossary/index.md]\n  reason: テスト\n",
        encoding="utf-8",
    )
    assert dup(tree) == [
        f"{LIST}:1: DUP002 this reviewed repeat no longer matches a sentence on "
        "docs/ja/glossary/index.md (fix: remove the page from the entry (or the entry, when fewer "
        "than two pages are left))"
    ]


# ---- DANGER ------------------------------------------------------------------------------------------------------
def test_one_danger_box_with_a_title_that_names_the_danger_passes(tmp_path: Path) -> None:
    tree = copy_good(tmp_path)
    edit(tree, JA_G, '!!! tip "ヒント"', '!!! danger "コードは誰にも教えない"')
    edit(tree, EN_G, '!!! tip "Tip"', '!!! danger "Never give anyone your code"')
    remark(tree, JA_G, EN_G)
    assert [p for p in run(tree) if p.code.startswith("DANGER")] == []


# ---- The real pages -----------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def real_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project's committed and new files (no tests, no installed tools), loaded by the checks."""
    return copy_project(tmp_path_factory.mktemp("real") / "project")


def test_a_sentence_copied_from_a_real_page_names_both_places(real_tree: Path, tmp_path: Path) -> None:
    """A contributor copies the first long sentence of the reset page onto the FAQ page (issue 24, bad input)."""
    from scripts.validate import repeats

    tree = tmp_path / "project"
    shutil.copytree(real_tree, tree)
    reset = (tree / "docs/ja/reset/index.md").read_text(encoding="utf-8").split("\n")
    title = reset.index(next(text for text in reset if text.startswith("# ")))  # after the front matter and title
    number, line = next(
        (n, text)
        for n, text in enumerate(reset, 1)
        if n > title
        and text
        and text[0] not in "#-|!<`> 0123456789"
        and "。" in text
        and len(text.split("。")[0]) >= 25
        and "[" not in text.split("。")[0]
    )
    sentence = line.split("。")[0] + "。"
    faq = tree / "docs/ja/faq/index.md"
    text = faq.read_text(encoding="utf-8").rstrip("\n")
    faq.write_text(f"{text}\n\n{sentence}\n", encoding="utf-8")
    copied_at = len(text.split("\n")) + 2
    found = [
        p.format(tree.resolve())
        for p in repeats.check(load_site(tree))
        if p.path.name == "index.md" and p.path.parent.name == "faq" and p.line == copied_at
    ]
    assert len(found) == 1, found
    assert found[0].startswith(f"docs/ja/faq/index.md:{copied_at}: DUP001 ")
    assert f"also stands on docs/ja/reset/index.md:{number} " in found[0]


def test_a_real_citation_past_its_review_by_date_names_the_pages_that_cite_it(real_tree: Path) -> None:
    site = load_site(real_tree)
    references = (real_tree / JA_R).read_text(encoding="utf-8").split("\n")
    heading = next(n for n, text in enumerate(references, 1) if text.startswith("### A16 "))
    number, line = next(
        (n, text) for n, text in enumerate(references, 1) if n > heading and text.startswith("- 確認日：")
    )
    review_by = datetime.date.fromisoformat(line.split("次回確認：")[1].strip())
    citing = sorted(
        p.parent.name
        for p in (real_tree / "docs/ja").rglob("index.md")
        if "references/index.md#a16)" in p.read_text(encoding="utf-8") and p.parent.name != "references"
    )
    assert citing, "no page cites A16: pick another citation"
    problems = [
        p.format(real_tree.resolve())
        for p in citations.check(site, review_by + datetime.timedelta(days=1))
        if p.code == "REF001" and p.path.parent.parent.name == "ja"
    ]
    assert (
        f"{JA_R}:{number}: REF001 citation A16 review-by {review_by} has passed; used on: {', '.join(citing)} "
        "(fix: re-check the source, then update the dates in both languages)" in problems
    )
    assert not [p for p in citations.check(site, review_by) if p.code == "REF001" and "A16 " in p.message]
