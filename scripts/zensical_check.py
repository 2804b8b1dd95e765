"""`make zensical-check`: a gate that builds every language with Zensical, Material's successor (Material reaches end
of life on 2027-05-05), and fails when Zensical cannot build one (its own error is shown) or its site loses what
MkDocs' has: a page, the right `lang`, a language control leading to the same page, a drawn diagram, or the rule that
no page loads anything from another host. Other differences are listed in decisions/0011-mkdocs-pin-and-zensical.md.

Zensical merges INHERIT by appending lists (the English site would get both navs), so it gets each config already
merged by MkDocs' own YAML loading, its `!!python/...` tags written back unresolved.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml
from bs4 import BeautifulSoup
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

from scripts.project import ROOT, Language, Project

EXTERNAL = re.compile(r"^(?:https?:)?//", re.IGNORECASE)
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])((?:https?:)?//[^'")\s]+)""", re.IGNORECASE)
# What a browser fetches by itself while loading a page (a link a reader follows is not a request).
FETCHING = {(tag, "src") for tag in ("script", "img", "iframe", "source", "video", "audio", "embed")}
FETCHING |= {("object", "data"), ("image", "href")}
FETCHING_RELS = {"stylesheet", "preconnect", "preload", "modulepreload", "prefetch", "dns-prefetch", "icon"}
FETCHING_RELS |= {"manifest", "apple-touch-icon"}


# `!!python/...` values are kept as the YAML nodes they were read as, and written back so: Zensical resolves them.
_Loader = get_yaml_loader(yaml.SafeLoader)  # a class of its own, with MkDocs' !ENV and !relative
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: node)


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_multi_representer(yaml.Node, lambda dumper, node: node)


def merged_config(config_file: Path) -> dict:
    with config_file.open("rb") as source:
        return yaml_load(source, _Loader)  # resolves INHERIT as MkDocs does: mappings merged, lists replaced


def pages(site: Path, language: Language, languages: tuple[Language, ...]) -> set[str]:
    """The HTML files of one language, relative to its root, without the other languages' folders inside it."""
    root = site / language.path
    nested = tuple(other.path for other in languages if other.path.startswith(language.path) and other != language)
    found = {path.relative_to(site).as_posix() for path in root.rglob("*.html")}
    return {path.removeprefix(language.path) for path in found if not path.startswith(nested)}


def requests(soup: BeautifulSoup) -> list[str]:
    """URLs on another host that loading the page fetches."""
    found = []
    for tag in soup.find_all(True):
        rels = set(tag.get("rel") or []) if tag.name == "link" else set()
        found += [
            url
            for attribute in ("src", "href", "data")
            if EXTERNAL.match(url := tag.get(attribute) or "")
            and ((tag.name, attribute) in FETCHING or (attribute == "href" and rels & FETCHING_RELS))
        ]
        found += CSS_URL.findall(tag.get("style") or "") + (CSS_URL.findall(tag.text) if tag.name == "style" else [])
    return found


def check_language(project: Project, language: Language, reference: Path, built: Path) -> list[str]:
    """What the Zensical build of one language lost, one line each (empty: it passes)."""
    ours, theirs = (pages(site, language, project.languages) for site in (reference, built))
    problems = [f"{page}: MkDocs builds it, Zensical does not" for page in sorted(ours - theirs)]
    mount = project.published_path
    for page in sorted(theirs & ours):
        soup = BeautifulSoup((built / language.path / page).read_text(encoding="utf-8"), "html.parser")
        address = page.removesuffix("index.html")
        if soup.html is None or soup.html.get("lang") != language.code:
            problems.append(f"{page}: lang={soup.html.get('lang') if soup.html else None!r}, not {language.code!r}")
        switch = {a["hreflang"]: a.get("href", "") for a in soup.select("a.md-select__link[hreflang]")}
        for other in project.languages:
            href = switch.get(other.code)
            # The 404 page is served at any address: its control leads to each language's home by an absolute path.
            expected = mount + other.path + ("" if page == "404.html" else address)
            target = urlsplit(urljoin(f"http://site{mount}{language.path}{address}", href)).path if href else None
            if target != expected or (page == "404.html" and not href.startswith("/")):
                problems.append(
                    f"{page}: the language control to {other.code} is {href!r}, leading to {target!r}, not {expected}"
                )
        problems += [f"{page}: loads {url} (another host)" for url in requests(soup)]
        before = BeautifulSoup((reference / language.path / page).read_text(encoding="utf-8"), "html.parser")
        expected = len(before.select("div.mermaid[data-diagram]"))
        drawn, undrawn = len(soup.select("div.mermaid[data-diagram]")), len(soup.select("pre.mermaid"))
        if undrawn or drawn < expected:
            problems.append(f"{page}: {drawn} diagrams drawn and {undrawn} left to the browser; MkDocs drew {expected}")
    return problems


def run(project: Project, python: str, reference: Path) -> list[str]:
    """Every error, as `error: Zensical <language> (<config>): …` lines (empty: the check passes)."""
    errors = []
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        for folder in ("docs", "overrides", "scripts"):  # with the configs and package.json: what a build reads
            shutil.copytree(project.root / folder, scratch / folder, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy2(project.root / "package.json", scratch)
        for language in project.languages:
            name = language.config_file.name
            # Zensical honours `strict: true` and would stop at the first warning, before the gates below say more.
            config = {**merged_config(language.config_file), "strict": False}
            (scratch / name).write_text(yaml.dump(config, Dumper=_Dumper, allow_unicode=True), encoding="utf-8")
            result = subprocess.run(
                [python, "-m", "zensical", "build", "-f", name],
                cwd=scratch,
                capture_output=True,
                env={**os.environ, "PYTHONPATH": str(scratch), "NO_COLOR": "1"},
                text=True,
                timeout=300,  # a build takes seconds
            )
            lines = [line.strip() for line in (result.stdout + result.stderr).splitlines() if line.strip()]
            shown = [line for line in lines if re.search(r"Error\b|error in ", line)] or lines or ["no output"]
            built = scratch / project.site_dir().relative_to(project.root)
            failed = [f"cannot build: {shown[-1]}"] if result.returncode else None
            problems = failed or check_language(project, language, reference, built)
            errors += [f"error: Zensical {language.code} ({name}): {problem}" for problem in problems]
    return errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=str(ROOT / ".venv-zensical/bin/python"), help="the Zensical venv's")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project (a fixture tree in the tests)")
    parser.add_argument("--reference", type=Path, help="the MkDocs build (default: the project's site_dir)")
    parser.add_argument("--report", type=Path, help="also append the outcome here (CI: the job summary)")
    args = parser.parse_args(argv)
    project = Project(args.root)
    reference = (args.reference or project.site_dir()).resolve()
    if not (reference / "index.html").is_file():
        sys.exit(f"error: no MkDocs build in {reference}: run `make build` first")
    if not Path(args.python).exists():
        sys.exit(f"error: no Zensical venv at {args.python}: run `make zensical-check` (it installs it)")
    # Absolute, but not resolved: the venv's python is a symlink, and resolving it would leave the venv.
    errors = run(project, os.path.abspath(args.python), reference)
    passed = f"passed ({', '.join(project.codes)}: pages, lang, language control, diagrams; no third-party request)"
    outcome = "Zensical check: " + (f"FAILED, {len(errors)} error(s)" if errors else passed)
    print(*errors, outcome, sep="\n", file=sys.stderr)
    if args.report:
        with args.report.open("a", encoding="utf-8") as out:
            out.write("\n".join(["## Zensical check", "", *[f"- {line}" for line in errors], "", outcome, ""]))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
