"""Results of a slow step (textlint's findings, a page's conversion to HTML), kept per input: in memory for the life
of the process (the tests validate dozens of trees that share most pages) and in a JSON file under the ignored
build/ folder between runs, so that a run redoes only what changed. A key must name everything the result depends
on; the same key then always has the same result, so a stored result is the result."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

Result = TypeVar("Result")


class StoredResults(Generic[Result]):
    def __init__(self, file: Path, to_json: Callable[[Result], object], from_json: Callable[[object], Result],
                 limit: int = 400) -> None:
        self.file = file
        self.limit = limit  # entries kept on disk: the real pages, a few edits of each, the test fixtures
        self._to_json, self._from_json = to_json, from_json
        self._results: dict[str, Result] = {}
        self._loaded = False

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        try:
            stored = json.loads(self.file.read_text(encoding="utf-8"))
            for key, value in stored.items():
                self._results.setdefault(key, self._from_json(value))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return  # none stored yet, or stored by another version: computed again

    def get(self, key: str) -> Result | None:
        self._load()
        return self._results.get(key)

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    def __getitem__(self, key: str) -> Result:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __setitem__(self, key: str, result: Result) -> None:
        self._load()
        self._results[key] = result

    def save(self) -> None:
        entries = list(self._results.items())[-self.limit:]
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.file.with_suffix(f".{os.getpid()}.tmp")  # replaced whole: no reader sees half a file
            temporary.write_text(json.dumps({key: self._to_json(value) for key, value in entries},
                                            ensure_ascii=False), encoding="utf-8")
            temporary.replace(self.file)
        except OSError:
            pass  # a read-only checkout still validates, only more slowly
