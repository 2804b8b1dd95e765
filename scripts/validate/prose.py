"""PROSE: Japanese text with textlint (.textlintrc.yml), English text with codespell (codespell-words.txt); neither
knows another language. textlint reads an admonition's indented body as a code block, so it reads a "prose view" of
each page, with admonition bodies de-indented and every line where it was."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import codespell_lib
import yaml

from scripts.doctree import Site
from scripts.pagemodel import Page
from scripts.project import ROOT
from scripts.validate import Problem

TOOLS = {"ja": "textlint", "en": "codespell"}
WORKER = Path(__file__).with_name("textlint_worker.mjs")  # textlint's and markdownlint's own APIs, kept running
TEXTLINT_CONFIG = ROOT / ".textlintrc.yml"
WORDS = Path(__file__).with_name("codespell-words.txt")
STORED = 400  # findings kept per linter: the real pages, edits, the fixtures
Findings = list[tuple[int, str, str]]  # (line, rule, message) for one text


class StoredFindings(dict):
    """A linter's findings per key, in memory (the tests validate dozens of trees that share most pages) and in a file
    under build/ between runs (a cold `make validate` takes 16 s, a warm one 2 s). A key names all they depend on."""

    def __init__(self, file: Path) -> None:
        self.file = file
        with contextlib.suppress(OSError, ValueError, TypeError):  # none stored yet, or by another version
            super().__init__(json.loads(file.read_text("utf-8")))

    def save(self) -> None:
        with contextlib.suppress(OSError):  # a read-only checkout still validates, only more slowly
            self.file.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.file.with_suffix(f".{os.getpid()}.tmp")  # replaced whole: no reader sees half a file
            temporary.write_text(json.dumps(dict(list(self.items())[-STORED:]), ensure_ascii=False), "utf-8")
            temporary.replace(self.file)


def prose_view(page: Page) -> str:
    lines = page.lines
    for box in page.admonitions:  # in document order: a box is de-indented after the boxes around it
        indent = box.indent - 4 * sum(1 for outer in page.admonitions if outer.line < box.line <= outer.end_line)
        lines[box.line - 1] = ""
        for number in range(box.line + 1, box.end_line + 1):
            text = lines[number - 1]
            if text[indent : indent + 4] == "    ":
                lines[number - 1] = text[:indent] + text[indent + 4 :]
    return "\n".join(lines)


def tool_failure(path: Path, what: str, detail: str) -> Problem:
    message = f"{what} could not run: {' '.join(detail.split())[:300]}"
    return Problem(path, 1, "PROSE000", message, "run `make setup` (Node 20+ and the pinned packages are needed)")


_TEXTLINT = StoredFindings(ROOT / "build" / "validate" / "textlint-cache.json")
_MARKDOWNLINT = StoredFindings(ROOT / "build" / "validate" / "markdownlint-cache.json")


def _cached(store: StoredFindings, texts: list[str], config: Path, lint: Callable) -> list[Findings]:
    """Each text's findings from the store, linting (lint(texts) -> findings per text) only what it does not hold."""
    setup = hashlib.sha256()
    # What besides the text decides them: the linter's settings, the packages' versions, the code that runs it.
    for part in (config, ROOT / "package-lock.json", Path(__file__).with_name("textlint_worker.mjs"), Path(__file__)):
        setup.update((part.read_bytes() if part.exists() else b"") + b"\0")
    keys = [hashlib.sha256(f"{setup.hexdigest()}\0{text}".encode()).hexdigest() for text in texts]
    todo = {key: text for key, text in zip(keys, texts, strict=True) if key not in store}
    if todo:
        store.update(zip(todo, lint(list(todo.values())), strict=True))
        store.save()
    return [[tuple(finding) for finding in store[key]] for key in keys]


_WORKERS: dict[str, tuple] = {}  # linter -> (its process, its warnings file): they run side by side,
_LOCKS = {"textlint": threading.Lock(), "markdownlint": threading.Lock()}  # each answering one request at a time
_CODESPELL_LOCK = threading.Lock()  # it prints its findings: one run at a time owns stdout


def _ask(linter: str, request: dict) -> list:
    """The answer of this linter's `node textlint_worker.mjs`, kept running until this process ends (see that file)."""
    with _LOCKS[linter]:
        if linter not in _WORKERS or _WORKERS[linter][0].poll() is not None:
            # Its warnings go to a file, read only when it fails: a pipe nobody reads would fill up and stop it.
            errors = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115 - open while it runs
            command = ["node", str(WORKER), str(TEXTLINT_CONFIG)]
            pipes = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE, "stderr": errors}
            process = subprocess.Popen(command, **pipes, text=True, encoding="utf-8", cwd=ROOT)
            _WORKERS[linter] = (process, errors)
        process, errors = _WORKERS[linter]
        process.stdin.write(json.dumps(request, ensure_ascii=False) + "\n")
        process.stdin.flush()
        line = process.stdout.readline()
    if not line:
        process.kill()
        process.wait(timeout=10)
        errors.seek(0)
        raise OSError(errors.read()[-2000:] or "the Node linter stopped without an answer")
    answer = json.loads(line)
    if isinstance(answer, dict):
        raise OSError(answer.get("error", "the Node linter failed"))
    return answer


def markdownlint(texts: list[str], config_file: Path) -> list[Findings]:
    """Each text's findings under the `config` of a markdownlint-cli2 file; OSError, ValueError or KeyError if none."""
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))["config"]
    return _cached(
        _MARKDOWNLINT, texts, config_file, lambda todo: _ask("markdownlint", {"markdown": todo, "config": config})
    )


def check_textlint(site: Site) -> Iterator[Problem]:
    pages = [page for page in site.all_pages() if TOOLS.get(page.language) == "textlint"]
    try:
        texts = [prose_view(page) for page in pages]
        found = _cached(_TEXTLINT, texts, TEXTLINT_CONFIG, lambda todo: _ask("textlint", {"texts": todo}))
    except (OSError, ValueError, subprocess.SubprocessError) as error:
        yield tool_failure(TEXTLINT_CONFIG, "textlint", str(error))
        return
    for page, findings in zip(pages, found, strict=True):
        for line, rule, message in findings:
            fix = "reword it; the rules are in .textlintrc.yml"
            yield Problem(page.path, line, "PROSE001", f"{message} [textlint: {rule}]", fix)


def check_codespell(site: Site) -> Iterator[Problem]:
    pages = {str(page.path): page for page in site.all_pages() if TOOLS.get(page.language) == "codespell"}
    if not pages:
        return
    # In this process (codespell's own main), not a new Python per validation: the tests validate dozens of trees.
    stdout, stderr = io.StringIO(), io.StringIO()
    try:
        with _CODESPELL_LOCK, contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            returncode = codespell_lib.main("--ignore-words", str(WORDS), *pages)
    except (OSError, ValueError, SystemExit) as error:
        returncode, stderr = -1, io.StringIO(f"{error} {stderr.getvalue()}")
    if returncode not in (0, 65):  # 65: misspellings found
        yield tool_failure(WORDS, "codespell", stderr.getvalue() or stdout.getvalue())
        return
    for row in stdout.getvalue().splitlines():
        path, _, rest = row.partition(":")  # codespell prints `path:line: word ==> suggestion(s)`
        number, _, finding = rest.partition(":")
        if path not in pages or not number.strip().isdigit():
            yield tool_failure(WORDS, "codespell", f"unexpected output: {row}")
            continue
        word, _, suggestion = finding.strip().partition(" ==> ")
        fix = f"write `{suggestion}`, or add the word to scripts/validate/codespell-words.txt"
        yield Problem(pages[path].path, int(number), "PROSE002", f"`{word}` looks misspelled", fix)
