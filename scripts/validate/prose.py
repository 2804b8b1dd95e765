"""PROSE: Japanese text with textlint (.textlintrc.yml: preset-ja-technical-writing tuned to the conventions) and
English text with codespell (pinned in the lock, project words in scripts/validate/codespell-words.txt).

textlint reads CommonMark, where an admonition's 4-space indented body is a code block and would never be checked.
So it is given a "prose view" of each Japanese page built from the page model: admonition bodies de-indented and
marker lines blanked, every other line unchanged, so the line numbers it reports are the page's own.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from scripts.pagemodel import Page
from scripts.validate import Problem
from scripts.doctree import Site
from scripts.project import ROOT

TOOLS = ROOT  # the repository: textlint, its config and the word list live there
TEXTLINT = TOOLS / "node_modules" / "textlint" / "bin" / "textlint.js"
TEXTLINT_CONFIG = TOOLS / ".textlintrc.yml"
WORKERS = max(1, min(4, os.cpu_count() or 1))
WORDS = Path(__file__).resolve().parent / "codespell-words.txt"


def prose_view(page: Page) -> str:
    lines = page.lines[:]
    done: list[tuple[int, int]] = []
    for admonition in sorted(page.admonitions, key=lambda a: a.line):
        enclosing = sum(1 for start, end in done if start < admonition.line <= end)
        indent = admonition.indent - 4 * enclosing
        lines[admonition.line - 1] = ""
        for number in range(admonition.line + 1, admonition.end_line + 1):
            text = lines[number - 1]
            if text[indent : indent + 4] == "    ":
                lines[number - 1] = text[:indent] + text[indent + 4 :]
        done.append((admonition.line, admonition.end_line))
    return "\n".join(lines)


def _tool_failure(path: Path, what: str, detail: str) -> Problem:
    return Problem(path, 1, "PROSE000", f"{what} could not run: {' '.join(detail.split())[:300]}",
                   "run `make setup` (Node 20+ and the pinned packages are needed)")


# textlint needs about a second to start and a third of a second per page (kuromoji), the bulk of `make validate`.
# Its findings are kept per page text, textlint configuration and installed Node packages, so a run re-lints only
# the pages that changed: in memory for the tests, which validate dozens of trees sharing most pages, and on disk
# (under the ignored build/ folder) between runs. The same text with the same rules and versions gives the same
# findings, so a cached result is the result.
CACHE_FILE = TOOLS / "build" / "validate" / "textlint-cache.json"
CACHE_LIMIT = 400  # entries: the real pages, a few edits of each, the test fixtures
_FINDINGS: dict[str, list[tuple[int, str, str]]] = {}
_LOADED: set[Path] = set()


def _key(text: str, setup: str) -> str:
    return hashlib.sha256(f"{setup}\0{text}".encode("utf-8")).hexdigest()


def _setup() -> str:
    """What besides the text decides textlint's findings: its configuration and the installed package versions."""
    parts = [TEXTLINT_CONFIG, TOOLS / "package-lock.json", Path(__file__)]
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.read_bytes() if part.exists() else b"")
        digest.update(b"\0")
    return digest.hexdigest()


def _load_cache() -> None:
    if CACHE_FILE in _LOADED:
        return
    _LOADED.add(CACHE_FILE)
    try:
        stored = json.loads(CACHE_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    for key, findings in stored.items():
        _FINDINGS.setdefault(key, [tuple(f) for f in findings])


def _save_cache() -> None:
    entries = list(_FINDINGS.items())[-CACHE_LIMIT:]
    try:
        CACHE_FILE.parent.mkdir(parents=True, exist_ok=True)
        temporary = CACHE_FILE.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(dict(entries), ensure_ascii=False), encoding="utf-8")
        temporary.replace(CACHE_FILE)
    except OSError:
        pass  # a read-only checkout still validates, only more slowly


def _lint(texts: list[str]) -> list[list[tuple[int, str, str]]] | Problem:
    """textlint findings (line, rule, message) for each text, or the Problem saying why textlint did not run."""
    with tempfile.TemporaryDirectory(prefix="textlint-") as tmp:
        names = []
        for index, text in enumerate(texts):
            view = Path(tmp) / str(index) / "page.md"
            view.parent.mkdir()
            view.write_text(text, encoding="utf-8")
            names.append(str(view.resolve()))
        # One textlint per CPU: each file takes about 0.3 s, and one process would make this the slowest check.
        chunks = [names[i::WORKERS] for i in range(min(WORKERS, len(names)))]
        processes = []
        try:
            for chunk in chunks:
                command = ["node", str(TEXTLINT), "--config", str(TEXTLINT_CONFIG), "--format", "json", *chunk]
                processes.append(subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                                  text=True, cwd=TOOLS))
            outputs = [process.communicate(timeout=120) for process in processes]
        except (OSError, subprocess.TimeoutExpired) as error:
            for process in processes:
                process.kill()
            return _tool_failure(TEXTLINT_CONFIG, "textlint", str(error))
    found: dict[str, list[tuple[int, str, str]]] = {name: [] for name in names}
    for stdout, stderr in outputs:
        try:
            report = json.loads(stdout)
        except json.JSONDecodeError:
            return _tool_failure(TEXTLINT_CONFIG, "textlint", stderr or stdout)
        for entry in report:
            for message in entry["messages"]:
                rule = str(message.get("ruleId", "")).removeprefix("ja-technical-writing/")
                text = " ".join(str(message.get("message", "")).split("\n")[0].split())
                found[str(Path(entry["filePath"]).resolve())].append((int(message.get("line", 1)), rule, text))
    return [found[name] for name in names]


def check_japanese(site: Site) -> Iterator[Problem]:
    _load_cache()
    setup = _setup()
    views = {page.path: prose_view(page) for page in site.pages["ja"].values()}
    keys = {path: _key(text, setup) for path, text in views.items()}
    todo = sorted({text for path, text in views.items() if keys[path] not in _FINDINGS})
    if todo:
        result = _lint(todo)
        if isinstance(result, Problem):
            yield result
            return
        for text, findings in zip(todo, result):
            _FINDINGS[_key(text, setup)] = findings
        _save_cache()
    for path in views:
        for line, rule, message in _FINDINGS[keys[path]]:
            yield Problem(path, line, "PROSE001", f"{message} [textlint: {rule}]",
                          "reword it; the rules are in .textlintrc.yml")


def check_english(site: Site) -> Iterator[Problem]:
    pages = {str(page.path): page for page in site.pages["en"].values()}
    if not pages:
        return
    command = [sys.executable, "-m", "codespell_lib", "--ignore-words", str(WORDS), *pages]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as error:
        yield _tool_failure(WORDS, "codespell", str(error))
        return
    if result.returncode not in (0, 65):  # 65: misspellings found
        yield _tool_failure(WORDS, "codespell", result.stderr or result.stdout)
        return
    for row in result.stdout.splitlines():
        # codespell prints `path:line: word ==> suggestion(s)`
        path, _, rest = row.partition(":")
        number, _, finding = rest.partition(":")
        if path not in pages or not number.strip().isdigit():
            yield _tool_failure(WORDS, "codespell", f"unexpected output: {row}")
            continue
        word, _, suggestion = finding.strip().partition(" ==> ")
        yield Problem(pages[path].path, int(number), "PROSE002", f"`{word}` looks misspelled",
                      f"write `{suggestion}`, or add the word to scripts/validate/codespell-words.txt")


def check(site: Site) -> Iterator[Problem]:
    yield from check_japanese(site)
    yield from check_english(site)
