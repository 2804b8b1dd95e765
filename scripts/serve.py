"""Live preview of both languages at http://127.0.0.1:8000/ (`make serve`).

`mkdocs serve` previews one config at a time, and the English site lives under /en/ of the Japanese one. This builds
both configs into one folder and serves it with MkDocs' own live-reload server, rebuilding and reloading the browser
whenever a page, the configuration or an override changes.
"""

from __future__ import annotations

import argparse
import logging
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer

ROOT = Path(__file__).resolve().parent.parent
CONFIGS = ("mkdocs.yml", "mkdocs.en.yml")
WATCHED = ("docs", "overrides", *CONFIGS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")

    with tempfile.TemporaryDirectory(prefix="guide-preview-") as site_dir:
        mount_path = urlsplit(load_config(str(ROOT / CONFIGS[0])).site_url or "/").path

        def build_both() -> None:
            for name in CONFIGS:
                config = load_config(str(ROOT / name))
                # The English config builds into <site_dir>/en, beside the Japanese root.
                relative = Path(config.site_dir).relative_to(ROOT / "site")
                config.site_dir = str(Path(site_dir) / relative)
                # Preview leniently: a half-written page should show, not stop the server. `make build` is strict.
                config.strict = False
                build(config, serve_url=None, dirty=False)

        server = LiveReloadServer(
            builder=build_both, host="127.0.0.1", port=args.port, root=site_dir, mount_path=mount_path
        )
        for path in WATCHED:
            server.watch(str(ROOT / path))
        build_both()
        server.serve()


if __name__ == "__main__":
    main()
