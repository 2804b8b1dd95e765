"""MkDocs hook: the strict build's link warnings (`validation:` in mkdocs.yml) in the project's form,
`path:line: CODE message (fix: …)`. MkDocs names the file; this adds its docs path, the line of the link's first use,
a code (the error index of the contributor pages lists them) and the fix.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

MESSAGE = re.compile(
    r"^Doc file '(?P<src>[^']+)' contains (?:a|an absolute|an unrecognized relative) link '(?P<link>[^']+)'"
)
CODES = (  # (what MkDocs says, code, fix)
    ("does not contain an anchor", "LINK002", "use a heading id that exists on the target page"),
    ("no such anchor on this page", "LINK002", "use a heading id that exists on this page"),
    ("not found among documentation files", "LINK001", "fix the path to a file of the same language, or add it"),
    ("unrecognized relative link", "LINK008", "link to the page's .md file (folder/index.md), not to the folder"),
    ("absolute link", "LINK009", "use a relative link to the .md file: absolute paths break under the published path"),
)


class _Locate(logging.Filter):
    def __init__(self, config: Any) -> None:
        super().__init__()
        self.docs_dir, self.root = Path(config.docs_dir), Path(config.config_file_path).resolve().parent

    def filter(self, record: logging.LogRecord) -> bool:
        found = MESSAGE.match(str(record.msg))
        code = next((entry for entry in CODES if entry[0] in str(record.msg)), None)
        if not found or not code or record.args:
            return True
        source = self.docs_dir / found["src"]
        lines = source.read_text(encoding="utf-8").splitlines() if source.is_file() else []
        line = next((n for n, text in enumerate(lines, 1) if f"]({found['link']}" in text), None) or next(
            (n for n, text in enumerate(lines, 1) if found["link"] in text), 1
        )
        shown = source.relative_to(self.root).as_posix() if source.is_relative_to(self.root) else source
        record.msg = f"{shown}:{line}: {code[1]} {record.msg} (fix: {code[2]})"
        return True


def on_config(config: Any) -> Any:  # run again by each build: `make serve` builds every language in one process
    logger = logging.getLogger("mkdocs.structure.pages")
    for old in [f for f in logger.filters if isinstance(f, _Locate)]:
        logger.removeFilter(old)
    logger.addFilter(_Locate(config))
    return config
