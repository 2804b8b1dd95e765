"""Results of a slow step (textlint's findings), kept per input: in memory for the life of the process (the tests
validate dozens of trees that share most pages) and in a JSON file under the ignored build/ folder between runs, so
that a run redoes only what changed. A key must name everything the result depends on; the same key then always has
the same result, so a stored result is the result."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from pathlib import Path


class StoredResults(dict):
    def __init__(self, file: Path, to_json: Callable, from_json: Callable, limit: int = 400) -> None:
        super().__init__()
        self.file, self.limit, self._to_json = file, limit, to_json  # limit: the real pages, edits, the fixtures
        # None stored yet, or stored by another version: computed again.
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError, AttributeError):
            self.update({key: from_json(value) for key, value in json.loads(file.read_text("utf-8")).items()})

    def save(self) -> None:
        with contextlib.suppress(OSError):  # a read-only checkout still validates, only more slowly
            self.file.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.file.with_suffix(f".{os.getpid()}.tmp")  # replaced whole: no reader sees half a file
            temporary.write_text(
                json.dumps(
                    {key: self._to_json(value) for key, value in list(self.items())[-self.limit :]}, ensure_ascii=False
                ),
                encoding="utf-8",
            )
            temporary.replace(self.file)
