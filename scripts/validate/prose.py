"""PROSE: Japanese text with textlint (.textlintrc.yml: preset-ja-technical-writing tuned to the conventions) and
English text with codespell (pinned in the lock, project words in scripts/validate/codespell-words.txt).

Which tool reads which language is per-language data (TOOLS, keyed by the codes of extra.languages). A language
without an entry gets no prose check (neither tool knows another language: codespell would flag every French
word); its pages still get every other check. docs/*/contributing/checks/ says so.

textlint reads CommonMark, where an admonition's 4-space indented body is a code block and would never be checked.
So it is given a "prose view" of each Japanese page built from the page model: admonition bodies de-indented and
marker lines blanked, every other line unchanged, so the line numbers it reports are the page's own.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import io
import json
import os
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import codespell_lib
import yaml

from scripts.doctree import Site
from scripts.pagemodel import Page
from scripts.project import ROOT
from scripts.validate import Problem
from scripts.validate.stored_results import StoredResults

TOOLS = {"ja": "textlint", "en": "codespell"}
WORKER = Path(__file__).resolve().parent / "textlint_worker.mjs"  # textlint's own API, kept running
TEXTLINT_CONFIG = ROOT / ".textlintrc.yml"
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
    return Problem(
        path,
        1,
        "PROSE000",
        f"{what} could not run: {' '.join(detail.split())[:300]}",
        "run `make setup` (Node 20+ and the pinned packages are needed)",
    )


# textlint needs about a second to start (kuromoji's dictionary) and a fraction of a second per page, markdownlint
# about a tenth of a second per page: they are started once per process and kept (textlint_worker.mjs). Their
# findings are kept per page text, configuration and installed Node packages, so a run re-lints only the pages that
# changed (scripts/validate/stored_results.py).
CACHE_FILE = ROOT / "build" / "validate" / "textlint-cache.json"
MARKDOWNLINT_CACHE_FILE = ROOT / "build" / "validate" / "markdownlint-cache.json"


def stored_findings(file: Path = CACHE_FILE) -> StoredResults[list[tuple[int, str, str]]]:
    return StoredResults(file, to_json=list, from_json=lambda findings: [tuple(f) for f in findings])


_FINDINGS = stored_findings()
_MARKDOWNLINT_FINDINGS = stored_findings(MARKDOWNLINT_CACHE_FILE)


def _cached(store: StoredResults, texts: list[str], setup: str, lint) -> list[list[tuple[int, str, str]]]:
    """Each text's findings, from the store, linting (lint(texts) -> findings per text) only what it does not hold."""
    keys = [_key(text, setup) for text in texts]
    todo = sorted({text for text, key in zip(texts, keys, strict=True) if key not in store})
    if todo:
        for text, findings in zip(todo, lint(todo), strict=True):
            store[_key(text, setup)] = [tuple(finding) for finding in findings]
        store.save()
    return [store[key] for key in keys]


def _key(text: str, setup: str) -> str:
    return hashlib.sha256(f"{setup}\0{text}".encode()).hexdigest()


def _setup(config: Path = TEXTLINT_CONFIG) -> str:
    """What besides the text decides a linter's findings: its configuration, the installed package versions and the
    code that runs it and reads its answer."""
    digest = hashlib.sha256()
    for part in (config, ROOT / "package-lock.json", Path(__file__).with_name("textlint_worker.mjs"), Path(__file__)):
        digest.update(part.read_bytes() if part.exists() else b"")
        digest.update(b"\0")
    return digest.hexdigest()


class _TextlintWorker:
    """One `node textlint_worker.mjs` kept running for the life of this process (see that file for why): textlint
    and markdownlint. One request at a time (the lock): the checks ask from two threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        # Its warnings go to a file, read only when it fails: a pipe nobody reads would fill up and stop it.
        self.errors = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115 - open while it runs
        self.process = subprocess.Popen(
            ["node", str(WORKER), str(TEXTLINT_CONFIG)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.errors,
            text=True,
            encoding="utf-8",
            cwd=ROOT,
        )

    def _stderr(self) -> str:
        self.errors.seek(0)
        return self.errors.read()[-2000:]

    def ask(self, request: dict) -> list:
        with self.lock:
            self.process.stdin.write(json.dumps(request, ensure_ascii=False) + "\n")
            self.process.stdin.flush()
            line = self.process.stdout.readline()
        if not line:
            self.process.kill()
            self.process.wait(timeout=10)
            raise OSError(self._stderr() or "textlint stopped without an answer")
        answer = json.loads(line)
        if isinstance(answer, dict):
            raise OSError(answer.get("error", "textlint failed"))
        return answer

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.close()
            self.process.wait(timeout=10)
        self.errors.close()


_WORKERS: list[_TextlintWorker] = []
_WORKERS_LOCK = threading.Lock()
_CODESPELL_LOCK = threading.Lock()  # it prints its findings: one run at a time owns stdout


def _workers(wanted: int) -> list[_TextlintWorker]:
    """Up to `wanted` running textlints (one per CPU at most), started on first use and reused."""
    with _WORKERS_LOCK:
        _WORKERS[:] = [worker for worker in _WORKERS if worker.process.poll() is None]
        while len(_WORKERS) < min(wanted, WORKERS):
            _WORKERS.append(_TextlintWorker())
        return _WORKERS[: max(1, min(wanted, WORKERS))]


@atexit.register
def _stop_workers() -> None:
    for worker in _WORKERS:
        try:
            worker.close()
        except (OSError, subprocess.SubprocessError):
            worker.process.kill()


def markdownlint(texts: list[str], config_file: Path) -> list[list[tuple[int, str, str]]]:
    """markdownlint's findings (line, rule, message) for each text, with the `config` of config_file (a
    markdownlint-cli2 file); OSError, ValueError or KeyError when it cannot run."""
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))["config"]
    return _cached(
        _MARKDOWNLINT_FINDINGS,
        texts,
        _setup(config_file),
        lambda todo: _workers(1)[0].ask({"markdown": todo, "config": config}),
    )


def _lint(texts: list[str]) -> list[list[tuple[int, str, str]]]:
    """textlint findings (line, rule, message) for each text; OSError or ValueError when textlint cannot run."""
    workers = _workers(len(texts))
    chunks = [texts[i :: len(workers)] for i in range(len(workers))]
    with ThreadPoolExecutor(max_workers=len(workers)) as pool:
        answers = list(pool.map(lambda pair: pair[0].ask({"texts": pair[1]}), zip(workers, chunks, strict=True)))
    found: dict[int, list[tuple[int, str, str]]] = {}
    for offset, answer in enumerate(answers):
        for position, messages in enumerate(answer):
            found[offset + position * len(workers)] = [
                (int(line), rule.removeprefix("ja-technical-writing/"), " ".join(message.split("\n")[0].split()))
                for line, rule, message in messages
            ]
    return [found[index] for index in range(len(texts))]


def _pages(site: Site, tool: str) -> list[Page]:
    return [page for page in site.all_pages() if TOOLS.get(page.language) == tool]


def check_textlint(site: Site) -> Iterator[Problem]:
    pages = _pages(site, "textlint")
    try:
        found = _cached(_FINDINGS, [prose_view(page) for page in pages], _setup(), _lint)
    except (OSError, ValueError, subprocess.SubprocessError) as error:
        yield _tool_failure(TEXTLINT_CONFIG, "textlint", str(error))
        return
    for page, findings in zip(pages, found, strict=True):
        for line, rule, message in findings:
            yield Problem(
                page.path,
                line,
                "PROSE001",
                f"{message} [textlint: {rule}]",
                "reword it; the rules are in .textlintrc.yml",
            )


def check_codespell(site: Site) -> Iterator[Problem]:
    pages = {str(page.path): page for page in _pages(site, "codespell")}
    if not pages:
        return
    # In this process (codespell's own main), not a new Python per validation: the tests validate dozens of trees.
    stdout, stderr = io.StringIO(), io.StringIO()
    try:
        with _CODESPELL_LOCK, contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            returncode = codespell_lib.main("--ignore-words", str(WORDS), *pages)
    except (OSError, ValueError, SystemExit) as error:
        yield _tool_failure(WORDS, "codespell", f"{error} {stderr.getvalue()}")
        return
    if returncode not in (0, 65):  # 65: misspellings found
        yield _tool_failure(WORDS, "codespell", stderr.getvalue() or stdout.getvalue())
        return
    for row in stdout.getvalue().splitlines():
        # codespell prints `path:line: word ==> suggestion(s)`
        path, _, rest = row.partition(":")
        number, _, finding = rest.partition(":")
        if path not in pages or not number.strip().isdigit():
            yield _tool_failure(WORDS, "codespell", f"unexpected output: {row}")
            continue
        word, _, suggestion = finding.strip().partition(" ==> ")
        yield Problem(
            pages[path].path,
            int(number),
            "PROSE002",
            f"`{word}` looks misspelled",
            f"write `{suggestion}`, or add the word to scripts/validate/codespell-words.txt",
        )


def check(site: Site) -> Iterator[Problem]:
    yield from check_textlint(site)
    yield from check_codespell(site)
