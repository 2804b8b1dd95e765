"""Build the site with Zensical and check it against the MkDocs build: the early warning for Material's end of life.

Material for MkDocs reaches end of life on 2027-05-05; Zensical, its successor, reads mkdocs.yml. `make
zensical-check` runs this after `make build`: it builds both languages with Zensical (pinned in
.github/zensical/requirements.txt, in its own venv) from a scratch copy of the same sources, then

- fails (exit 1) when Zensical cannot build a language, naming the template or the configuration key it stopped at,
  or when the Zensical site loses what a switch must keep: the same pages in both languages, the right `lang` on
  every page, a language control that leads to the same page, no request to another host, every diagram drawn;
- lists, per page and language, what else comes out differently (informational: README "Moving to Zensical"
  explains each known difference).

The report is Markdown (printed, and appended to --report, e.g. the CI job summary).
"""

from __future__ import annotations

import argparse
import difflib
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from scripts.project import PROJECT, ROOT

# What a build reads. Copied, so that Zensical's output never touches the MkDocs site/ it is compared with.
SOURCES = ("mkdocs.yml", "mkdocs.en.yml", "docs", "overrides", "scripts", "package.json")
# language -> (its config file, its folder below the site root), from the project's model.
LANGUAGES = {language.code: (language.config_file.name, language.path) for language in PROJECT.languages}
ANSI = re.compile(r"\x1b\[[0-9;]*m")
SHOWN = 30  # findings listed per section; the rest are counted
BUILD_TIMEOUT = 300  # seconds for one language (a build takes a few seconds)
# Elements whose URL the browser fetches by itself while loading a page (links a reader follows are not requests).
FETCHING = {("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("video", "src"),
            ("audio", "src"), ("embed", "src"), ("object", "data"), ("image", "href")}
FETCHING_LINK_RELS = {"stylesheet", "preconnect", "preload", "modulepreload", "prefetch", "dns-prefetch", "icon",
                      "manifest", "apple-touch-icon"}
EXTERNAL = re.compile(r"^(?:https?:)?//", re.IGNORECASE)
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])((?:https?:)?//[^'")\s]+)""", re.IGNORECASE)
DATE_BLOCK = "md-source-file"
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


# ---------------------------------------------------------------------------------------------------------------
# The English configuration, as MkDocs reads it
# ---------------------------------------------------------------------------------------------------------------
def _blocks(text: str, indent: int) -> list[tuple[str | None, list[str]]]:
    """Splits YAML text into its mapping entries at one indentation: (key, lines); comments and blank lines before
    the first entry come as (None, lines)."""
    key_line = re.compile(r"^" + " " * indent + r"([A-Za-z_][\w-]*):(?:\s|$)")
    blocks: list[tuple[str | None, list[str]]] = [(None, [])]
    for line in text.splitlines(keepends=True):
        match = key_line.match(line)
        if match:
            blocks.append((match.group(1), [line]))
        else:
            blocks[-1][1].append(line)
    return blocks


def _is_mapping(lines: list[str], indent: int) -> bool:
    """An entry whose value is a nested mapping (its first line ends at the colon and the next entries are keys)."""
    body = [line for line in lines[1:] if line.strip() and not line.lstrip().startswith("#")]
    return lines[0].rstrip().endswith(":") and bool(body) and \
        re.match(" " * (indent + 2) + r"[A-Za-z_][\w-]*:", body[0]) is not None


def flatten_inherit(parent: str, child: str) -> str:
    """The child config with its INHERIT resolved the way MkDocs does it: mappings merged key by key (two levels
    deep, enough for theme and extra), every other value, lists included, replaced whole.

    Zensical resolves INHERIT with a deep merge that *appends* lists, so mkdocs.en.yml read as it is would give the
    English site the Japanese nav, palette and search settings followed by the English ones. The text is merged,
    not parsed and dumped, so `!!python/...` tags reach Zensical untouched.
    """
    child = re.sub(r"(?m)^INHERIT:.*\n", "", child)
    own = {key: lines for key, lines in _blocks(child, 0) if key}
    out: list[str] = []
    for key, lines in _blocks(parent, 0):
        if key is None or key not in own:
            out += lines
            continue
        mine = own.pop(key)
        if _is_mapping(lines, 0) and _is_mapping(mine, 0):
            inner = {k: v for k, v in _blocks("".join(mine[1:]), 2) if k}
            out.append(lines[0])
            for sub, sub_lines in _blocks("".join(lines[1:]), 2):
                out += inner.pop(sub, sub_lines) if sub else sub_lines
            out += [line for lines_ in inner.values() for line in lines_]
        else:
            out += mine
    for lines in own.values():
        out += lines
    return "".join(out)


# ---------------------------------------------------------------------------------------------------------------
# Reading built pages
# ---------------------------------------------------------------------------------------------------------------
@dataclass
class PageFacts:
    lang: str | None = None
    switch: dict[str, str] = field(default_factory=dict)  # hreflang -> href of the language control
    requests: list[str] = field(default_factory=list)  # URLs on another host that loading the page fetches
    diagrams: int = 0  # drawings inlined (<div class="mermaid" data-diagram=...>)
    undrawn: int = 0  # ```mermaid blocks left for the browser to draw
    words: list[str] = field(default_factory=list)  # text inside <article>, without the revision date
    has_date: bool = False


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = PageFacts()
        self.depth = 0  # inside <article>
        self.skip = 0  # inside the revision-date block
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        facts = self.facts
        if tag == "html":
            facts.lang = a.get("lang")
        if tag == "a" and "md-select__link" in a.get("class", "").split() and a.get("hreflang"):
            facts.switch[a["hreflang"]] = a.get("href", "")
        for attr in ("src", "href", "data"):
            url = a.get(attr, "")
            if EXTERNAL.match(url) and ((tag, attr) in FETCHING or (tag == "link" and attr == "href" and set(
                    a.get("rel", "").lower().split()) & FETCHING_LINK_RELS)):
                facts.requests.append(url)
        facts.requests += CSS_URL.findall(a.get("style", ""))
        if tag == "style":
            self.in_style = True
        if tag == "div" and "mermaid" in a.get("class", "").split() and "data-diagram" in a:
            facts.diagrams += 1
        if tag == "pre" and "mermaid" in a.get("class", "").split():
            facts.undrawn += 1
        if tag in VOID_TAGS or not (tag == "article" or self.depth):
            return
        self.depth += 1
        if self.skip or DATE_BLOCK in a.get("class", "").split():
            self.skip += 1
            facts.has_date = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self.in_style = False
        if tag in VOID_TAGS or not self.depth:
            return
        self.depth -= 1
        self.skip = max(self.skip - 1, 0)

    def handle_data(self, data: str) -> None:
        if self.in_style:
            self.facts.requests += CSS_URL.findall(data)
        elif self.depth and not self.skip:
            self.facts.words.extend(data.split())


def read_page(path: Path) -> PageFacts:
    reader = _Reader()
    reader.feed(path.read_text(encoding="utf-8", errors="replace"))
    return reader.facts


def sentences(words: list[str]) -> list[str]:
    # One "line" per sentence-ish chunk keeps a diff readable for Japanese text, which has no spaces.
    return [part.strip() for part in re.split(r"(?<=[。.!?！？])\s*", " ".join(words)) if part.strip()]


def html_pages(site: Path, nested: str = "") -> set[str]:
    """Relative paths of every HTML page under site, leaving out a nested language folder (en/ in the ja site)."""
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")
            if not (nested and p.relative_to(site).as_posix().startswith(nested))}


def page_url(relative: str) -> str:
    """x/index.html -> x/ (the address a reader sees, relative to the language's root)."""
    return relative[: -len("index.html")] if relative.endswith("index.html") else relative


def follows(site_path: str, href: str) -> str:
    """Where a link leads, as a path from the site root: site_path is the page's own ("en/start/")."""
    if href.startswith("/"):
        return href
    base = "/" + (site_path if site_path.endswith("/") or not site_path else posixpath.dirname(site_path) + "/")
    target = posixpath.normpath(posixpath.join(base, href or "."))
    return target.rstrip("/") + "/" if (href.endswith("/") or href in ("", ".", "./") or
                                         not posixpath.splitext(target)[1]) else target


def css_and_script_hosts(site: Path) -> dict[str, list[str]]:
    """Hosts named in the site's CSS (fetched when the rule applies) and JavaScript (may be fetched at run time)."""
    found: dict[str, list[str]] = {}
    for path in sorted(site.rglob("*")):
        if path.suffix == ".css":
            urls = CSS_URL.findall(path.read_text(encoding="utf-8", errors="replace"))
        elif path.suffix == ".js":
            urls = re.findall(r"""["'`](https://[a-z0-9.-]+\.[a-z]{2,}/[^"'`\s]*)""",
                              path.read_text(encoding="utf-8", errors="replace"))
        else:
            continue
        if urls:
            found[path.relative_to(site).as_posix()] = sorted(set(urls))
    return found


# ---------------------------------------------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------------------------------------------
@dataclass
class Build:
    ok: bool
    error: str = ""  # what stopped it: the template and line, or the configuration key
    warnings: list[str] = field(default_factory=list)


TEMPLATE_CHAIN = re.compile(r'error in "([^"]+)" \(in ([^)]+)\)')
TEMPLATE_LEAF = re.compile(r"^(.*?)\s*\(in ([^()]+:\d+)\)\s*$")


def explain_failure(output: str, scratch: Path) -> str:
    """One line naming what stopped the build: the template (with the line) and, when it is one of ours, the file
    in overrides/; or Zensical's own configuration message, which names the key."""
    lines = [line for line in ANSI.sub("", output).splitlines() if line.strip()]
    last = next((line for line in reversed(lines) if re.match(r"^\w*(Error|Exception)\b|^Error:", line)),
                lines[-1] if lines else "no output")
    if "could not render" in last or "error in \"" in last:
        leaf = TEMPLATE_LEAF.match(last)
        reason, where = (leaf.group(1).rsplit(": ", 1)[-1] if ": " in leaf.group(1) else leaf.group(1),
                         leaf.group(2)) if leaf else (last, "?")
        template = where.rsplit(":", 1)[0]
        chain = " <- ".join(f"{inner} ({outer})" for inner, outer in TEMPLATE_CHAIN.findall(last))
        ours = f" = overrides/{template}, ours" if (scratch / "overrides" / template).is_file() else \
            " (Zensical's own template)"
        reason = re.sub(r"^.*?could not render include: ", "", last)
        reason = TEMPLATE_LEAF.sub(r"\1", reason.rsplit(": ", 1)[-1]) if ": " in reason else reason
        message = re.search(r"(unknown method[^(]*|invalid operation[^(]*|undefined value[^(]*|[a-z ]+: [^(]*)\(in "
                            + re.escape(where), last)
        return (f"template {where}{ours}: {(message.group(1) if message else reason).strip()}"
                + (f" [included by: {chain}]" if chain else ""))
    return "configuration: " + re.sub(r"^(?:\w*Error|Error):\s*", "", last)


def zensical_build(python: str, scratch: Path, config: str) -> Build:
    env = {**os.environ, "PYTHONPATH": str(scratch), "NO_COLOR": "1"}
    try:
        result = subprocess.run([python, "-m", "zensical", "build", "-f", config], cwd=scratch, env=env,
                                capture_output=True, text=True, timeout=BUILD_TIMEOUT)
    except subprocess.TimeoutExpired:
        return Build(False, f"Zensical did not finish within {BUILD_TIMEOUT} s")
    output = ANSI.sub("", result.stdout + result.stderr)
    warnings = [line.removeprefix("Warning:").strip() for line in output.splitlines() if line.startswith("Warning:")]
    if result.returncode:
        return Build(False, explain_failure(output, scratch), warnings)
    return Build(True, "", warnings)


def prepare(scratch: Path, overrides: Path | None, config_patch: Path | None) -> None:
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, scratch / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.is_file():
            shutil.copy2(source, scratch / name)
    if overrides:  # a fixture: files laid over overrides/ (tests use it to show how a broken override is reported)
        shutil.copytree(overrides, scratch / "overrides", dirs_exist_ok=True)
    ja = scratch / "mkdocs.yml"
    text = ja.read_text(encoding="utf-8")
    # Zensical honours `strict: true` and would stop at the first warning; every warning is wanted here.
    text = re.sub(r"(?m)^strict: true$", "strict: false", text)
    if config_patch:  # a fixture: top-level keys that replace the configuration's own
        patch = config_patch.read_text(encoding="utf-8")
        text = flatten_inherit(text, patch)
    ja.write_text(text, encoding="utf-8")
    en = scratch / "mkdocs.en.yml"
    en.write_text(flatten_inherit(text, en.read_text(encoding="utf-8")), encoding="utf-8")


# ---------------------------------------------------------------------------------------------------------------
# Comparing
# ---------------------------------------------------------------------------------------------------------------
def listing(title: str, items: list[str]) -> list[str]:
    if not items:
        return []
    out = [f"**{title}** ({len(items)})", ""]
    out += [f"- {item}" for item in items[:SHOWN]]
    if len(items) > SHOWN:
        out.append(f"- … and {len(items) - SHOWN} more")
    return out + [""]


def check_language(language: str, reference: Path, built: Path, other_pages: set[str]) -> tuple[dict, dict]:
    """Gates (must be empty) and differences (informational) of one language's Zensical build."""
    root = LANGUAGES[language][1]
    nested = "en/" if language == "ja" else ""
    ours, theirs = html_pages(reference / root, nested), html_pages(built / root, nested)
    gates: dict[str, list[str]] = {
        "Pages MkDocs builds but Zensical does not": sorted(ours - theirs),
        "Pages without their counterpart in the other language": sorted(
            p for p in theirs - other_pages if p != "404.html"),
        "Pages whose `lang` is wrong": [],
        "Language control not leading to the same page": [],
        "Requests to another host": [],
        "Diagrams not drawn (a ```mermaid block left for the browser, or fewer drawings than MkDocs)": [],
    }
    diffs: dict[str, list[str]] = {
        "Pages only Zensical builds": sorted(theirs - ours),
        "Pages whose text differs (first difference)": [],
        "Pages without their last-updated date (Zensical runs no MkDocs plugins)": [],
    }
    for page in sorted(theirs):
        facts = read_page(built / root / page)
        if facts.lang != language:
            gates["Pages whose `lang` is wrong"].append(f"`{page}`: lang={facts.lang!r}")
        here = root + page_url(page)
        for other, (_, other_root) in LANGUAGES.items():
            href = facts.switch.get(other)
            expected = "/" + other_root + ("" if page == "404.html" else page_url(page))
            # The 404 page is served at any address, so its control leads to the other language's home by an
            # absolute path under the published prefix.
            target = follows(here, href) if href is not None else None
            if target is None or not (target == expected or (page == "404.html" and target.endswith(expected)
                                                              and href.startswith("/"))):
                gates["Language control not leading to the same page"].append(
                    f"`{page}` -> {other}: {href!r} leads to {target!r}, not {expected!r}")
        for url in facts.requests:
            gates["Requests to another host"].append(f"`{page}`: {url}")
        if page in ours:
            before = read_page(reference / root / page)
            if facts.undrawn or facts.diagrams < before.diagrams:
                gates["Diagrams not drawn (a ```mermaid block left for the browser, or fewer drawings than MkDocs)"
                      ].append(f"`{page}`: {facts.diagrams} drawn, {facts.undrawn} undrawn; MkDocs drew "
                               f"{before.diagrams}")
            if before.has_date and not facts.has_date:
                diffs["Pages without their last-updated date (Zensical runs no MkDocs plugins)"].append(f"`{page}`")
            a, b = sentences(before.words), sentences(facts.words)
            if a != b:
                first = next(d for d in difflib.unified_diff(a, b, lineterm="", n=0)
                             if d[:1] in "+-" and not d.startswith(("+++", "---")))
                diffs["Pages whose text differs (first difference)"].append(f"`{page}`: {first[:200]}")
    return gates, diffs


def run(python: str, reference: Path, overrides: Path | None = None, config_patch: Path | None = None,
        keep: Path | None = None) -> tuple[bool, str]:
    """Builds and compares; returns (all gates passed, the Markdown report)."""
    report = ["## Zensical check", "",
              "Material for MkDocs reaches end of life on 2027-05-05. This builds the same sources with Zensical "
              f"({zensical_version(python)}): a language that does not build, or loses pages, `lang`, the "
              "language control, diagrams or its no-third-party-requests rule, fails the check. The other "
              "differences are listed for information; README \"Moving to Zensical\" explains each.", ""]
    passed = True
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(keep or tmp)
        prepare(scratch, overrides, config_patch)
        builds = {language: zensical_build(python, scratch, config) for language, (config, _) in LANGUAGES.items()}
        built = scratch / "site"
        summary = ["| language | build | pages | gates | differences |", "| --- | --- | --- | --- | --- |"]
        sections: list[str] = []
        for language, (config, root) in LANGUAGES.items():
            build = builds[language]
            sections += [f"### {language} ({config})", ""]
            if not build.ok:
                passed = False
                print(f"error: Zensical cannot build {language} ({config}): {build.error}", file=sys.stderr)
                summary.append(f"| {language} | **failed** | – | – | – |")
                sections += [f"**The Zensical build failed**: {build.error}", ""]
                sections += listing("Warnings", [f"`{w}`" for w in build.warnings])
                continue
            other = next(o for o in LANGUAGES if o != language)
            other_pages = html_pages(built / LANGUAGES[other][1], "en/" if other == "ja" else "") \
                if builds[other].ok else set()
            gates, diffs = check_language(language, reference, built, other_pages)
            if not builds[other].ok:
                gates.pop("Pages without their counterpart in the other language")
            failed = {title: items for title, items in gates.items() if items}
            for title, items in failed.items():
                passed = False
                print(f"error: Zensical {language}: {title}: {len(items)}", file=sys.stderr)
                for item in items[:5]:
                    print(f"  {item}", file=sys.stderr)
            n_pages = len(html_pages(built / root, "en/" if language == "ja" else ""))
            n_diffs = sum(len(v) for v in diffs.values()) + len(build.warnings)
            summary.append(f"| {language} | built | {n_pages} | "
                           f"{'**' + str(len(failed)) + ' failed**' if failed else 'all pass'} | {n_diffs} |")
            for title, items in failed.items():
                sections += listing("FAILED: " + title, items)
            sections += listing("Warnings", [f"`{w}`" for w in build.warnings])
            for title, items in diffs.items():
                sections += listing(title, items)
            if not failed and not n_diffs:
                sections += ["Same pages, same text.", ""]
        if built.is_dir():
            hosts = css_and_script_hosts(built)
            if hosts:
                sections += ["### Hosts named in the built CSS and JavaScript", "",
                             "Not requested when a page loads (that is checked above); listed so that a feature "
                             "that would fetch from them is noticed.", ""]
                sections += [f"- `{path}`: " + ", ".join(urls[:6]) + (" …" if len(urls) > 6 else "")
                             for path, urls in hosts.items()] + [""]
        report += summary + [""] + sections
    return passed, "\n".join(report) + "\n"


def zensical_version(python: str) -> str:
    result = subprocess.run([python, "-c", "import importlib.metadata as m; print(m.version('zensical'))"],
                            capture_output=True, text=True)
    return f"Zensical {result.stdout.strip()}" if result.returncode == 0 else "Zensical"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=str(ROOT / ".venv-zensical" / "bin" / "python"),
                        help="the Python of the Zensical venv (make zensical-setup)")
    parser.add_argument("--reference", type=Path, default=ROOT / "site", help="the MkDocs build (make build)")
    parser.add_argument("--report", type=Path, help="also append the Markdown report here")
    parser.add_argument("--overrides", type=Path, help="lay these files over overrides/ first (test fixtures)")
    parser.add_argument("--config-patch", type=Path, help="top-level keys replacing mkdocs.yml's (test fixtures)")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (to look at the Zensical site)")
    args = parser.parse_args(argv)
    reference = args.reference.resolve()
    if not (reference / "index.html").is_file():
        sys.exit(f"error: no MkDocs build in {reference}: run `make build` first")
    if not Path(args.python).exists():
        sys.exit(f"error: no Zensical venv at {args.python}: run `make zensical-check` (it installs it)")
    if args.keep:
        shutil.rmtree(args.keep, ignore_errors=True)
        args.keep.mkdir(parents=True)
    # Absolute, but not resolved: the venv's python is a symlink, and resolving it would leave the venv.
    passed, report = run(os.path.abspath(args.python), reference, args.overrides, args.config_patch, args.keep)
    if args.report:
        with args.report.open("a", encoding="utf-8") as out:
            out.write(report)
    print(report)
    print("Zensical check: " + ("passed" if passed else "FAILED (see the errors above)"), file=sys.stderr)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
