"""The same sources build with Zensical, Material's successor (Material reaches end of life on 2027-05-05).

Runs scripts/zensical_check.py with the Zensical of .venv-zensical (installed from .github/zensical/requirements.txt
by `make zensical-check`, which `make test` runs before pytest). A missing venv is an error, never a skip. That the
real sources build with Zensical is that `make zensical-check` step itself (and CI's zensical job); these tests show
that the check fails when it should, naming the cause.

Fixtures (tests/fixtures/zensical/): inputs MkDocs accepts and Zensical cannot build, to show that the check fails
naming the template or the configuration key: broken-override/ is the language switcher as it was before it was made
engine-neutral (minijinja strings have no .count()); bad-config.yml sets extra.polyfills, which Zensical requires to
be a list.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import mergedeep
import pytest
import yaml

from scripts import zensical_check
from scripts.project import ROOT

ZENSICAL_PYTHON = ROOT / ".venv-zensical" / "bin" / "python"
FIXTURES = ROOT / "tests" / "fixtures" / "zensical"


class _Loader(yaml.SafeLoader):
    """Plain values only: !!python tags become their tag name, so two texts can be compared."""


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: f"<{suffix}>")


@pytest.fixture(scope="module")
def zensical_python() -> str:
    if not ZENSICAL_PYTHON.exists():
        pytest.fail(f"no Zensical venv at {ZENSICAL_PYTHON}: run `make zensical-check` first", pytrace=False)
    return os.path.abspath(ZENSICAL_PYTHON)


def check(site_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scripts.zensical_check", "--python", str(ZENSICAL_PYTHON), "--reference",
         str(site_dir), *args], cwd=ROOT, capture_output=True, text=True)


def test_the_english_config_is_read_as_mkdocs_reads_it():
    """Zensical's INHERIT appends lists (the English site would get both navs); the check hands it the English
    config merged as MkDocs merges it."""
    ja = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    en = (ROOT / "mkdocs.en.yml").read_text(encoding="utf-8")
    flat = yaml.load(zensical_check.flatten_inherit(ja, en), Loader=_Loader)
    child = yaml.load(en, Loader=_Loader)
    child.pop("INHERIT")
    assert flat == mergedeep.merge(yaml.load(ja, Loader=_Loader), child)
    assert flat["nav"] == child["nav"], "the English nav alone, not appended to the Japanese one"


def test_a_broken_override_fails_naming_the_template(site_dir, zensical_python):
    result = check(site_dir, "--overrides", str(FIXTURES / "broken-override"))
    assert result.returncode == 1
    assert "error: Zensical cannot build ja (mkdocs.yml): template partials/alternate.html:20 = " \
           "overrides/partials/alternate.html, ours: unknown method: string has no method named count" in result.stderr
    assert "**The Zensical build failed**" in result.stdout


def test_a_config_zensical_refuses_fails_naming_the_key(site_dir, zensical_python):
    result = check(site_dir, "--config-patch", str(FIXTURES / "bad-config.yml"))
    assert result.returncode == 1
    assert "error: Zensical cannot build ja (mkdocs.yml): configuration: " \
           "The 'extra.polyfills' setting must be a list." in result.stderr


def test_the_ci_job_is_a_gate_that_writes_its_report_to_the_summary():
    job = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))["jobs"]["zensical"]
    assert "continue-on-error" not in job
    script = "\n".join(step.get("run", "") for step in job["steps"])
    assert 'make zensical-check REPORT="$GITHUB_STEP_SUMMARY"' in script
    requirements = (ROOT / ".github" / "zensical" / "requirements.txt").read_text(encoding="utf-8")
    assert re.search(r"^zensical==\S+ \\$", requirements, re.M) and "--hash=sha256:" in requirements


def _page(root: Path, rel: str, body: str, lang: str = "ja", switch: tuple[str, str] = ("./", "en/"),
          head: str = "") -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    links = "".join(f'<a class="md-select__link" hreflang="{code}" href="{href}">{code}</a>'
                    for code, href in zip(("ja", "en"), switch))
    path.write_text(f'<html lang="{lang}"><head>{head}</head><body><nav>{links}</nav><article>{body}</article>'
                    "</body></html>", encoding="utf-8")


def test_the_comparison_tells_gates_from_differences(tmp_path):
    mkdocs, zensical = tmp_path / "mkdocs", tmp_path / "zensical"
    dated = '<aside class="md-source-file"><span>2026年11月25日</span></aside>'
    drawn = '<div class="mermaid" data-diagram="abc"><svg></svg></div>'
    _page(mkdocs, "index.html", f"<h1>ホーム</h1><p>同じ文です。</p>{dated}")
    _page(zensical, "index.html", "<h1>ホーム</h1><p>同じ文です。</p>")
    _page(mkdocs, "reset/index.html", f"<p>最初の文です。<br>次の文です。</p>{drawn}", switch=("./", "../en/reset/"))
    _page(zensical, "reset/index.html", '<p>最初の文です。次の文も変わりました。</p><pre class="mermaid">A</pre>',
          switch=("./", "../en/"), head='<link rel="stylesheet" href="https://fonts.googleapis.com/css">')
    _page(mkdocs, "faq/index.html", "<p>よくある質問</p>")
    _page(zensical, "start/index.html", "<p>Start</p>", lang="en", switch=("./", "../en/start/"))
    _page(mkdocs, "en/index.html", "<p>Only in the nested language</p>")
    gates, diffs = zensical_check.check_language("ja", mkdocs, zensical, other_pages={"index.html", "reset/index.html"})
    assert gates["Pages MkDocs builds but Zensical does not"] == ["faq/index.html"]
    assert gates["Pages without their counterpart in the other language"] == ["start/index.html"]
    assert gates["Pages whose `lang` is wrong"] == ["`start/index.html`: lang='en'"]
    assert gates["Language control not leading to the same page"] == [
        "`reset/index.html` -> en: '../en/' leads to '/en/', not '/en/reset/'"]
    assert gates["Requests to another host"] == ["`reset/index.html`: https://fonts.googleapis.com/css"]
    assert [item.split(":")[0] for item in gates[
        "Diagrams not drawn (a ```mermaid block left for the browser, or fewer drawings than MkDocs)"]] == [
        "`reset/index.html`"]
    assert diffs["Pages only Zensical builds"] == ["start/index.html"]
    assert diffs["Pages whose text differs (first difference)"] == ["`reset/index.html`: -次の文です。"]
    assert diffs["Pages without their last-updated date (Zensical runs no MkDocs plugins)"] == ["`index.html`"]


def test_zensical_shows_the_stale_translation_notice(tmp_path, zensical_python):
    """The notice comes from a Markdown extension, so Zensical (which runs no MkDocs hooks) shows it too."""
    from tests.validate_helpers import copy_good

    tree = copy_good(tmp_path)
    guide = tree / "docs/ja/guide/index.md"
    guide.write_text(guide.read_text(encoding="utf-8").replace("詳しくは", "最新の情報は"), encoding="utf-8")
    ja = (tree / "mkdocs.yml").read_text(encoding="utf-8")
    ja = ja.replace("theme:\n  name: mkdocs\n", "theme:\n  name: material\n")
    ja = ja.replace("markdown_extensions:\n", "markdown_extensions:\n  - scripts.extensions.translation_notice\n")
    (tree / "mkdocs.yml").write_text(ja, encoding="utf-8")
    english = zensical_check.flatten_inherit(ja, (tree / "mkdocs.en.yml").read_text(encoding="utf-8"))
    (tree / "mkdocs.en.yml").write_text(english, encoding="utf-8")
    result = subprocess.run([zensical_python, "-m", "zensical", "build", "-f", "mkdocs.en.yml"], cwd=tree,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    stale = (tree / "site/en/guide/index.html").read_text(encoding="utf-8")
    assert 'class="admonition note translation-notice"' in stale and '<a href="../../guide/" hreflang="ja">' in stale
    assert "translation-notice" not in (tree / "site/en/index.html").read_text(encoding="utf-8")
