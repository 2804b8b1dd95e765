"""The same sources build with Zensical, Material's successor (Material reaches end of life on 2027-05-05).

Runs scripts/zensical_check.py with the Zensical of .venv-zensical (installed from .github/zensical/requirements.txt
by `make zensical-check`, which `make test` runs before pytest). A missing venv is an error, never a skip. That the
real sources build with Zensical is that `make zensical-check` step itself (and CI's zensical job); these tests show
that the check fails when it should, naming the cause.

Inputs MkDocs accepts and Zensical cannot build, laid over a copy of the project, show that the check fails naming
the template or the configuration key: tests/fixtures/zensical/broken-override/ is the language switcher as it was
before it was made engine-neutral (minijinja strings have no .count()); extra.polyfills, which Zensical requires to be
a list, is set to a string.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scripts import zensical_check
from scripts.project import PROJECT, ROOT
from tests.helpers import copy_project

ZENSICAL_PYTHON = ROOT / ".venv-zensical" / "bin" / "python"
FIXTURES = ROOT / "tests" / "fixtures" / "zensical"


@pytest.fixture(scope="module")
def zensical_python() -> str:
    if not ZENSICAL_PYTHON.exists():
        pytest.fail(f"no Zensical venv at {ZENSICAL_PYTHON}: run `make zensical-check` first", pytrace=False)
    return os.path.abspath(ZENSICAL_PYTHON)


def check(site_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "scripts.zensical_check",
            "--python",
            str(ZENSICAL_PYTHON),
            "--reference",
            str(site_dir),
            *args,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def test_each_config_is_handed_over_as_mkdocs_merges_it():
    """Zensical's INHERIT appends lists (the English site would get both navs): the check hands it each language's
    config merged as MkDocs merges it, its `!!python` tags kept as written."""
    english = zensical_check.merged_config(ROOT / "mkdocs.en.yml")
    assert PROJECT.config("en").nav == english["nav"], "the English nav alone, not appended to the Japanese one"
    assert english["theme"]["language"] == "en" and english["theme"]["custom_dir"] == "overrides"
    assert english["extra"]["languages"] == PROJECT.config("ja").extra["languages"]
    dumped = yaml.dump(english, Dumper=zensical_check._Dumper, allow_unicode=True)
    assert "!!python/name:scripts.extensions.prerendered_diagrams.fence_format" in dumped
    assert "!!python/object/apply:pymdownx.slugs.slugify" in dumped


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


def test_a_broken_override_fails_naming_the_template(site_dir, zensical_python, project_copy):
    shutil.copytree(FIXTURES / "broken-override", project_copy / "overrides", dirs_exist_ok=True)
    result = check(site_dir, "--root", str(project_copy))
    assert result.returncode == 1
    assert "error: Zensical ja (mkdocs.yml): cannot build: " in result.stderr
    assert "partials/alternate.html" in result.stderr and "count" in result.stderr


def test_a_config_zensical_refuses_fails_naming_the_key(site_dir, zensical_python, project_copy):
    # Fine for MkDocs (it passes `extra` to the templates unread), refused by Zensical: extra.polyfills is a list.
    config = project_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("\nextra:\n", "\nextra:\n  polyfills: not-a-list\n", 1), encoding="utf-8")
    result = check(site_dir, "--root", str(project_copy))
    assert result.returncode == 1
    assert "error: Zensical ja (mkdocs.yml): cannot build: " in result.stderr
    assert "The 'extra.polyfills' setting must be a list." in result.stderr


def test_the_ci_job_is_a_gate_that_writes_its_report_to_the_summary():
    job = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))["jobs"]["zensical"]
    assert "continue-on-error" not in job
    script = "\n".join(step.get("run", "") for step in job["steps"])
    assert 'make zensical-check REPORT="$GITHUB_STEP_SUMMARY"' in script
    requirements = (ROOT / ".github" / "zensical" / "requirements.txt").read_text(encoding="utf-8")
    assert re.search(r"^zensical==\S+ \\$", requirements, re.M) and "--hash=sha256:" in requirements


def _page(
    root: Path, rel: str, body: str, lang: str = "ja", switch: tuple[str, str] = ("./", "en/"), head: str = ""
) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    links = "".join(
        f'<a class="md-select__link" hreflang="{code}" href="{href}">{code}</a>'
        for code, href in zip(("ja", "en"), switch, strict=True)
    )
    path.write_text(
        f'<html lang="{lang}"><head>{head}</head><body><nav>{links}</nav><article>{body}</article></body></html>',
        encoding="utf-8",
    )


def test_the_gate_names_each_loss(tmp_path):
    mkdocs, zensical = tmp_path / "mkdocs", tmp_path / "zensical"
    drawn = '<div class="mermaid" data-diagram="abc"><svg></svg></div>'
    _page(mkdocs, "index.html", "<h1>ホーム</h1>")
    _page(zensical, "index.html", "<h1>ホーム</h1><p>違う文でも構いません。</p>")
    _page(mkdocs, "reset/index.html", f"<p>文です。</p>{drawn}", switch=("./", "../en/reset/"))
    _page(
        zensical,
        "reset/index.html",
        '<p>文です。</p><pre class="mermaid">A</pre>',
        switch=("./", "../en/"),
        head='<link rel="stylesheet" href="https://fonts.googleapis.com/css">',
    )
    _page(mkdocs, "faq/index.html", "<p>よくある質問</p>", switch=("./", "../en/faq/"))
    _page(mkdocs, "start/index.html", "<p>Start</p>", switch=("./", "../en/start/"))
    _page(zensical, "start/index.html", "<p>Start</p>", lang="en", switch=("./", "../en/start/"))
    _page(zensical, "en/index.html", "<p>Only in the nested language: not the Japanese site's page</p>")
    problems = zensical_check.check_language(PROJECT, PROJECT.language("ja"), mkdocs, zensical)
    mount = PROJECT.published_path
    assert problems == [
        "faq/index.html: MkDocs builds it, Zensical does not",
        f"reset/index.html: the language control to en is '../en/', leading to '{mount}en/', not {mount}en/reset/",
        "reset/index.html: loads https://fonts.googleapis.com/css (another host)",
        "reset/index.html: 0 diagrams drawn and 1 left to the browser; MkDocs drew 1",
        "start/index.html: lang='en', not 'ja'",
    ]


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
    english = zensical_check.merged_config(tree / "mkdocs.en.yml")
    (tree / "mkdocs.en.yml").write_text(
        yaml.dump(english, Dumper=zensical_check._Dumper, allow_unicode=True), encoding="utf-8"
    )
    result = subprocess.run(
        [zensical_python, "-m", "zensical", "build", "-f", "mkdocs.en.yml"],
        cwd=tree,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    stale = (tree / "site/en/guide/index.html").read_text(encoding="utf-8")
    assert 'class="admonition note translation-notice"' in stale and '<a href="../../guide/" hreflang="ja">' in stale
    assert "translation-notice" not in (tree / "site/en/index.html").read_text(encoding="utf-8")
