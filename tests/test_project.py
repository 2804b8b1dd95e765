"""scripts/project.py, the one model of the project: languages from extra.languages, configs through MkDocs'
load_config, pages and URLs through MkDocs' file collection; clear errors for bad input; and adding a language is a
config change plus its pages and its search words (a throw-away third language is built here)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from scripts.project import PROJECT, ROOT, Project, ProjectError
from tests.helpers import mkdocs_build, nav_files
from tests.validate_helpers import copy_good, validate_command

ORIGINAL_URL = "https://pw-recovery-guide.github.io/amazon-password-guide/"


def test_languages_come_from_extra_languages() -> None:
    assert PROJECT.codes == ("ja", "en")
    assert [(lang.path, lang.config_file.name) for lang in PROJECT.languages] == [
        ("", "mkdocs.yml"),
        ("en/", "mkdocs.en.yml"),
    ]
    assert PROJECT.published_path == "/amazon-password-guide/"
    assert PROJECT.site_dir("en") == ROOT / "site" / "en"


def test_inherit_is_merged_as_mkdocs_merges_it() -> None:
    """mkdocs.en.yml sets only theme.language: the nested keys of mkdocs.yml's theme stay."""
    theme = PROJECT.config("en").theme
    assert (theme.name, theme["language"]) == ("material", "en")
    assert Path(theme.custom_dir) == ROOT / "overrides"
    assert "navigation.sections" in theme["features"]
    assert theme["palette"]["primary"] == "indigo"


def test_pages_and_urls_are_mkdocs_own() -> None:
    reset = PROJECT.page("en", "reset/index.md")
    assert (reset.url, reset.site_path, reset.dest) == ("reset/", "en/reset/", "reset/index.html")
    assert reset.source == ROOT / "docs" / "en" / "reset" / "index.md"
    assert PROJECT.page("ja", "index.md").url == ""
    # The nav, written by hand, is an independent account of the same pages (besides those left out of it).
    assert sorted((p.language, p.src) for code in PROJECT.codes for p in PROJECT.pages(code)) == sorted(nav_files())
    # not_in_nav is read by MkDocs' own matching: the contributor pages are built but not in the readers' menu.
    left_out = {page.src for page in PROJECT.pages("ja") if page.not_in_nav}
    assert left_out and all(src.startswith("contributing/") for src in left_out)


def test_a_missing_language_names_the_config_and_the_key() -> None:
    with pytest.raises(ProjectError, match=r"mkdocs\.yml: extra\.languages has no language 'fr' \(it lists ja, en\)"):
        PROJECT.language("fr")


def test_an_unknown_page_names_the_config_and_the_key() -> None:
    with pytest.raises(ProjectError, match=r"mkdocs\.en\.yml: docs_dir has no page 'nope/index\.md'"):
        PROJECT.page("en", "nope/index.md")


def test_a_config_that_does_not_load_says_which_and_why(tmp_path: Path) -> None:
    tree = copy_good(tmp_path)
    config = tree / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("theme:\n  name: mkdocs", "theme:\n  name: nope"), encoding="utf-8"
    )
    with pytest.raises(ProjectError, match=r"mkdocs\.yml: the config does not load: .*theme"):
        Project(tree).config()


def test_a_config_without_languages_names_the_key(tmp_path: Path) -> None:
    tree = copy_good(tmp_path)
    config = tree / "mkdocs.yml"
    config.write_text(
        re.sub(r"extra:\n  languages:\n(    - .*\n)+", "", config.read_text(encoding="utf-8")), encoding="utf-8"
    )
    with pytest.raises(ProjectError, match=r"mkdocs\.yml: extra\.languages is missing or empty"):
        _ = Project(tree).codes


def test_a_language_without_its_config_names_the_file(tmp_path: Path) -> None:
    tree = copy_good(tmp_path)
    (tree / "mkdocs.en.yml").unlink()
    with pytest.raises(
        ProjectError,
        match=r"extra\.languages\[2\] names language 'en', but its config "
        r"mkdocs\.en\.yml does not exist",
    ):
        _ = Project(tree).codes


@pytest.mark.parametrize(("old", "new"), [('path: ""', 'path: "ja/"'), ('path: "en/"', 'path: "en"')])
def test_a_language_path_that_breaks_the_site_layout_names_the_key(tmp_path: Path, old: str, new: str) -> None:
    """The original is published at the site root (an empty path), each other language in a folder (ending in /)."""
    tree = copy_good(tmp_path)
    config = tree / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(
        ProjectError, match=r"extra\.languages\[\d\] \((ja|en)\): `path` must be empty for the original"
    ):
        _ = Project(tree).codes


# ----------------------------------------------------------------------------------------------------------------
# A third language is a config change plus its pages
# ----------------------------------------------------------------------------------------------------------------
FRENCH_CONFIG = """INHERIT: mkdocs.yml
site_name: Guide (fr)
site_url: {url}fr/
docs_dir: docs/fr
site_dir: site/fr
edit_uri: edit/main/docs/fr/
theme:
  language: fr
"""
LANGUAGES = [("ja", "日本語", ""), ("en", "English", "en/"), ("fr", "Français", "fr/")]


@pytest.fixture(scope="module")
def three_languages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of this project with French added: an entry in extra.languages, mkdocs.fr.yml and docs/fr/."""
    tree = tmp_path_factory.mktemp("three-languages")
    for name in ("mkdocs.yml", "mkdocs.en.yml", "package.json"):
        shutil.copy2(ROOT / name, tree / name)
    for name in ("overrides", "scripts", "docs"):
        shutil.copytree(ROOT / name, tree / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(tree / "docs" / "en", tree / "docs" / "fr")  # the pages (English text stands in for French)
    # The language's words for the search's no-result panel (docs/search.yml, read by scripts/hooks/search_readers.py).
    search = yaml.safe_load((tree / "docs" / "search.yml").read_text(encoding="utf-8"))
    search["panel"]["fr"] = dict(search["panel"]["en"])
    (tree / "docs" / "search.yml").write_text(yaml.safe_dump(search, allow_unicode=True), encoding="utf-8")
    # Its key terms for each entry of the source map (the English ones, as the pages are the English text).
    source_map = tree / "docs" / "source-map.yml"
    source_map.write_text(
        re.sub(r"(en: (\[[^\]]*\]))\}", r"\1, fr: \2}", source_map.read_text(encoding="utf-8")), encoding="utf-8"
    )
    # Written once, in mkdocs.yml: the other configs inherit it, and the templates work out their relative paths.
    entries = "\n".join(
        f'    - {{lang: {code}, name: {name}, path: "{path}", url: "{ORIGINAL_URL}{path}"}}'
        for code, name, path in LANGUAGES
    )
    config = tree / "mkdocs.yml"
    text, count = re.subn(
        r"(?m)^  languages:\n(    .*\n)+", f"  languages:\n{entries}\n", config.read_text(encoding="utf-8")
    )
    assert count == 1, "mkdocs.yml: extra.languages not found"
    config.write_text(text, encoding="utf-8")
    (tree / "mkdocs.fr.yml").write_text(FRENCH_CONFIG.format(url=ORIGINAL_URL), encoding="utf-8")
    return tree


def test_a_third_language_is_config_and_pages(three_languages: Path) -> None:
    project = Project(three_languages)
    assert project.codes == ("ja", "en", "fr")
    assert project.page("fr", "reset/index.md").site_path == "fr/reset/"
    site = three_languages / "built"
    for language in project.languages:
        result = mkdocs_build(language.config_file, site / language.path)
        assert result.returncode == 0, f"{language.config_file.name}:\n{result.stderr}"
    # Every page of every language offers the same page in the three languages.
    for language in project.languages:
        for page in project.pages(language.code):
            html = BeautifulSoup((site / language.path / page.dest).read_text(encoding="utf-8"), "html.parser")
            links = {a["hreflang"]: a["href"] for a in html.select("a.md-select__link[hreflang]")}
            assert set(links) == {"ja", "en", "fr"}, f"{language.code}/{page.src}"
            here = f"/{language.path}{page.url}"
            for code, href in links.items():
                target = Path(here + ("" if here.endswith("/") else "/"), href).as_posix()
                assert _normalise(target) == _normalise(f"/{project.language(code).path}{page.url}"), (
                    f"{language.code}/{page.src} -> {code}: {href}"
                )
    assert (site / "fr" / "sitemap.xml").read_text(encoding="utf-8").count('hreflang="fr"') == len(project.pages("fr"))


def test_a_third_language_passes_the_zensical_check(three_languages: Path) -> None:
    """`make zensical-check`'s gate, over the model's three languages (after the MkDocs build above)."""
    project = Project(three_languages)
    site = three_languages / "built"
    if not (site / "fr" / "index.html").is_file():
        for language in project.languages:
            assert mkdocs_build(language.config_file, site / language.path).returncode == 0
    result = subprocess.run(
        [sys.executable, "-m", "scripts.zensical_check", "--root", str(three_languages), "--reference", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "Zensical check: passed (ja, en, fr:" in result.stderr


def test_a_third_language_passes_make_validate(three_languages: Path) -> None:
    """`make validate`'s checks loop over the model: the French pages (copies of the English ones) pass them."""
    result = validate_command(three_languages)
    assert (result.returncode, result.stdout) == (0, ""), result.stdout + result.stderr[-3000:]


def _normalise(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/" + "/".join(parts)
