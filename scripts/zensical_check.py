"""`make zensical-check`: build every language with Zensical too, and fail when a switch would lose something.

Material for MkDocs reaches end of life on 2027-05-05; Zensical, its successor, reads mkdocs.yml. After `make build`,
this builds each language of the project's model with Zensical (pinned in .github/zensical/requirements.txt, in its
own venv) from a scratch copy of the sources, and fails (exit 1) when Zensical cannot build a language (its own error
is shown), or when its site loses what MkDocs' has: a page, the right `lang`, a language control that leads to the
same page, a drawn diagram, or the rule that no page loads anything from another host. Other differences (no
last-updated date: Zensical runs no MkDocs plugins or hooks) are listed in decisions/0011-mkdocs-pin-and-zensical.md,
not checked by this gate.

Zensical merges INHERIT by appending lists (the English site would get both navs), so each language's config is
handed to it already merged, by MkDocs' own YAML loading (mkdocs.utils.yaml.yaml_load: mappings merged key by key,
lists replaced); `!!python/...` tags are written back as they were, unresolved.
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

COPIED = ("docs", "overrides", "scripts", "package.json")  # besides the configs: what a build reads
ANSI = re.compile(r"\x1b\[[0-9;]*m")
EXTERNAL = re.compile(r"^(?:https?:)?//", re.IGNORECASE)
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])((?:https?:)?//[^'")\s]+)""", re.IGNORECASE)
# What a browser fetches by itself while loading a page (a link a reader follows is not a request).
FETCHING = {
    ("script", "src"),
    ("img", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("video", "src"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("image", "href"),
}
FETCHING_RELS = {
    "stylesheet",
    "preconnect",
    "preload",
    "modulepreload",
    "prefetch",
    "dns-prefetch",
    "icon",
    "manifest",
    "apple-touch-icon",
}
BUILD_TIMEOUT = 300  # seconds for one language (a build takes a few seconds)


class Tagged:
    """A `!!python/...` value, kept as written: Zensical resolves it itself."""

    def __init__(self, tag: str, value: object) -> None:
        self.tag, self.value = tag, value


class _Loader(get_yaml_loader(yaml.SafeLoader)):
    pass


class _Dumper(yaml.SafeDumper):
    pass


_Loader.add_multi_constructor(
    "tag:yaml.org,2002:python/",
    lambda loader, suffix, node: Tagged(
        node.tag,
        loader.construct_mapping(node, deep=True)
        if isinstance(node, yaml.MappingNode)
        else loader.construct_scalar(node),
    ),
)
_Dumper.add_representer(
    Tagged,
    lambda dumper, data: (
        dumper.represent_mapping(data.tag, data.value)
        if isinstance(data.value, dict)
        else dumper.represent_scalar(data.tag, data.value)
    ),
)


def merged_config(config_file: Path) -> dict:
    """The config as MkDocs reads it, INHERIT resolved by MkDocs itself."""
    with config_file.open("rb") as source:
        return yaml_load(source, _Loader)


def prepare(project: Project, scratch: Path, overrides: Path | None, config_patch: Path | None) -> None:
    for source in (project.root / name for name in COPIED):
        if source.is_dir():
            shutil.copytree(source, scratch / source.name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.is_file():
            shutil.copy2(source, scratch / source.name)
    if overrides:  # a fixture: files laid over overrides/ (the tests show how a broken override is reported)
        shutil.copytree(overrides, scratch / "overrides", dirs_exist_ok=True)
    patch = yaml.load(config_patch.read_text(encoding="utf-8"), _Loader) if config_patch else {}
    for language in project.languages:
        # Zensical honours `strict: true` and would stop at the first warning, before the gates below can say more.
        config = {**merged_config(language.config_file), **patch, "strict": False}
        (scratch / language.config_file.name).write_text(
            yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )


def zensical_build(python: str, scratch: Path, config: str) -> str | None:
    """None when the build worked, else Zensical's own last error line."""
    try:
        result = subprocess.run(
            [python, "-m", "zensical", "build", "-f", config],
            cwd=scratch,
            capture_output=True,
            env={**os.environ, "PYTHONPATH": str(scratch), "NO_COLOR": "1"},
            text=True,
            timeout=BUILD_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        return f"Zensical did not finish within {BUILD_TIMEOUT} s"
    if not result.returncode:
        return None
    lines = [line.strip() for line in ANSI.sub("", result.stdout + result.stderr).splitlines() if line.strip()]
    return next(
        (line for line in reversed(lines) if re.search(r"Error\b|error in ", line)),
        lines[-1] if lines else f"exit {result.returncode}, no output",
    )


def pages(site: Path, language: Language, languages: tuple[Language, ...]) -> set[str]:
    """The HTML files of one language, relative to its root, without the other languages' folders inside it."""
    root = site / language.path
    nested = [
        other.path[len(language.path) :]
        for other in languages
        if other.path.startswith(language.path) and other.path != language.path
    ]
    return {
        path
        for path in (p.relative_to(root).as_posix() for p in root.rglob("*.html"))
        if not any(path.startswith(folder) for folder in nested)
    }


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
        found += CSS_URL.findall(tag.get("style") or "") + (
            CSS_URL.findall(tag.get_text()) if tag.name == "style" else []
        )
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
        drawn, undrawn = len(soup.select("div.mermaid[data-diagram]")), len(soup.select("pre.mermaid"))
        before = BeautifulSoup((reference / language.path / page).read_text(encoding="utf-8"), "html.parser")
        if undrawn or drawn < len(before.select("div.mermaid[data-diagram]")):
            problems.append(
                f"{page}: {drawn} diagrams drawn and {undrawn} left to the browser; MkDocs drew "
                f"{len(before.select('div.mermaid[data-diagram]'))}"
            )
    return problems


def run(
    project: Project, python: str, reference: Path, overrides: Path | None = None, config_patch: Path | None = None
) -> list[str]:
    """Every error, as `error: Zensical <language> (<config>): …` lines (empty: the check passes)."""
    errors = []
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        prepare(project, scratch, overrides, config_patch)
        for language in project.languages:
            where = f"error: Zensical {language.code} ({language.config_file.name})"
            failure = zensical_build(python, scratch, language.config_file.name)
            if failure:
                errors.append(f"{where} cannot build: {failure}")
                continue
            built = scratch / project.site_dir().relative_to(project.root)
            errors += [f"{where}: {problem}" for problem in check_language(project, language, reference, built)]
    return errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--python",
        default=str(ROOT / ".venv-zensical" / "bin" / "python"),
        help="the Python of the Zensical venv (`make zensical-check` installs it)",
    )
    parser.add_argument("--root", type=Path, default=ROOT, help="the project (a fixture tree in the tests)")
    parser.add_argument("--reference", type=Path, help="the MkDocs build (default: the project's site_dir)")
    parser.add_argument("--report", type=Path, help="also append the outcome here, e.g. the CI job summary")
    parser.add_argument("--overrides", type=Path, help="lay these files over overrides/ first (test fixtures)")
    parser.add_argument("--config-patch", type=Path, help="top-level keys replacing the configs' (test fixtures)")
    args = parser.parse_args(argv)
    project = Project(args.root)
    reference = (args.reference or project.site_dir()).resolve()
    if not (reference / "index.html").is_file():
        sys.exit(f"error: no MkDocs build in {reference}: run `make build` first")
    if not Path(args.python).exists():
        sys.exit(f"error: no Zensical venv at {args.python}: run `make zensical-check` (it installs it)")
    # Absolute, but not resolved: the venv's python is a symlink, and resolving it would leave the venv.
    errors = run(project, os.path.abspath(args.python), reference, args.overrides, args.config_patch)
    outcome = (
        f"Zensical check: FAILED, {len(errors)} error(s)"
        if errors
        else f"Zensical check: passed ({', '.join(project.codes)}: every page, lang, language control, diagram; "
        "no request to another host)"
    )
    print(*errors, outcome, sep="\n", file=sys.stderr)
    if args.report:
        with args.report.open("a", encoding="utf-8") as out:
            out.write("\n".join(["## Zensical check", "", *[f"- {line}" for line in errors], "", outcome, ""]))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
