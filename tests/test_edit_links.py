"""Every page's edit button opens that page's own source file on main, so a first-time contributor lands on the
right file in GitHub's editor. Runs on the site built once per session by conftest.site_dir."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGES, ROOT, page_output, source_pages

# Written out rather than read from mkdocs.yml: a wrong repo_url or edit_uri there is what this test must catch.
REPOSITORY = "https://github.com/pw-recovery-guide/amazon-password-guide"
PAGES = [(language, page) for language in LANGUAGES for page in source_pages(language)]


def built_page(site_dir: Path, language: str, page: Path) -> Path:
    return (site_dir if language == "ja" else site_dir / "en") / page_output(page)


def test_there_are_pages_in_both_languages():
    assert {language for language, _ in PAGES} == set(LANGUAGES)


@pytest.mark.parametrize(("language", "page"), PAGES, ids=[f"{lang}/{page.as_posix()}" for lang, page in PAGES])
def test_edit_button_opens_this_pages_source_on_main(site_dir, language, page):
    html = built_page(site_dir, language, page)
    assert html.is_file(), f"{html} was not built"
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    buttons = [a["href"] for a in soup.select("a.md-content__button[href]") if "/edit/" in a["href"]]
    assert len(buttons) == 1, f"expected one edit button, found {buttons}"
    expected = f"{REPOSITORY}/edit/main/docs/{language}/{page.as_posix()}"
    assert buttons[0] == expected
    # The file the button opens is the one the page was built from.
    assert (ROOT / "docs" / language / page).is_file()
