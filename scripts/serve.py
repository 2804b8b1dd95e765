"""`make serve`: live preview of every language at http://127.0.0.1:8000/amazon-password-guide/ (the published path).

`mkdocs serve` previews one config at a time, and the English site lives under /en/ of the Japanese one: this builds
every language into one folder (scripts/diagram_preview) and serves it with MkDocs' own live-reload server.
"""

from __future__ import annotations

import argparse
import functools
import logging
import tempfile
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from scripts import diagram_preview
from scripts.project import PROJECT, ROOT

WATCHED = ("docs", "overrides", "scripts/hooks", "scripts/extensions")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    port = parser.parse_args().port
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    with tempfile.TemporaryDirectory(prefix="guide-preview-") as site_dir:
        build = functools.partial(diagram_preview.build, Path(site_dir))
        server = LiveReloadServer(build, host="127.0.0.1", port=port, root=site_dir, mount_path=PROJECT.published_path)
        for path in (*WATCHED, *(language.config_file for language in PROJECT.languages)):
            server.watch(str(ROOT / path))
        build()
        server.serve()


if __name__ == "__main__":
    main()
