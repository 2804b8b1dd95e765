"""Every page's edit button opens that page's own source file on main, so a first-time contributor lands on the
right file in GitHub's editor. Runs on the strict build of every language (the site_dir fixture)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from scripts.project import ROOT
from tests.helpers import all_pages, built, page_id

# Written out rather than read from mkdocs.yml: a wrong repo_url or edit_uri there is what this test must catch.
REPOSITORY = "https://github.com/pw-recovery-guide/amazon-password-guide"
# From MkDocs' file collection; tests/test_project.py::test_pages_and_urls_are_mkdocs_own checks it against the
# nav written by hand, so no page goes unchecked here.
PAGES = all_pages()


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_edit_button_opens_this_pages_source_on_main(site_dir, page):
    html = built(site_dir, page)
    assert html.is_file(), f"{html} was not built"
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    buttons = [a["href"] for a in soup.select("a.md-content__button[href]") if "/edit/" in a["href"]]
    assert len(buttons) == 1, f"expected one edit button, found {buttons}"
    # The file the button opens is the one the page was built from, under its path in the repository.
    source = f"{REPOSITORY}/edit/main/{page.source.relative_to(ROOT).as_posix()}"
    assert buttons[0] == source
    # On a phone the title-line button is hidden and the same link shows at the end of the page
    # (overrides/partials/source-file.html); that it shows there is the browser's to check.
    assert [a["href"] for a in soup.select(".md-source-file__edit a[href]")] == [source]
