"""Live preview of every language at http://127.0.0.1:8000/amazon-password-guide/ (`make serve`; the path is the
published one, from site_url).

`mkdocs serve` previews one config at a time, and the English site lives under /en/ of the Japanese one. This builds
both configs into one folder and serves it with MkDocs' own live-reload server, rebuilding and reloading the browser
whenever a page, the configuration or an override changes.
"""

from __future__ import annotations

import argparse
import logging
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.livereload import LiveReloadServer

from scripts import diagram_preview
from scripts.project import ROOT, Project

WATCHED = ("docs", "overrides", "scripts/hooks", "scripts/extensions")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")

    with tempfile.TemporaryDirectory(prefix="guide-preview-") as site_dir:
        mount_path = Project().published_path

        def build_both() -> None:
            project = Project()  # read again on every rebuild: the configs may have changed
            for language in project.languages:
                config = project.config(language.code)
                # Each language builds into its folder below the root (the English one into <site_dir>/en).
                config.site_dir = str(Path(site_dir) / language.path)
                # Preview leniently: a half-written page should show, not stop the server. `make build` is strict.
                config.strict = False
                build(config, serve_url=None, dirty=False)
            # A diagram not drawn yet (`make diagrams`) is drawn in the browser meanwhile.
            diagram_preview.add_to(Path(site_dir))

        server = LiveReloadServer(
            builder=build_both, host="127.0.0.1", port=args.port, root=site_dir, mount_path=mount_path
        )
        for path in (*WATCHED, *(language.config_file for language in Project().languages)):
            server.watch(str(ROOT / path))
        build_both()
        server.serve()


if __name__ == "__main__":
    main()
