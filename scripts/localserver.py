"""The built site served on 127.0.0.1 under its published path, for the link check, the benchmark and the tests.

Why under the published path (/amazon-password-guide/): a link that only works at the server root would pass locally
and break once published.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import yaml


class _LocalHandler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        # LinkChecker waits 0.1-0.6 s between requests to one host (3 minutes for this site) unless the server
        # answers with a "LinkChecker" header; then `maxrequestspersecond` in scripts/linkcheckerrc applies.
        self.send_header("LinkChecker", "local test server")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass


@contextlib.contextmanager
def serve(site_dir: Path, mount_path: str) -> Iterator[str]:
    """The site served at http://127.0.0.1:<port><mount_path> (a folder whose mount path links to the build)."""
    with tempfile.TemporaryDirectory(prefix="linkcheck-") as tmp:
        mount = Path(tmp) / mount_path.strip("/")
        mount.parent.mkdir(parents=True, exist_ok=True)
        mount.symlink_to(site_dir.resolve(), target_is_directory=True)
        handler = functools.partial(_LocalHandler, directory=tmp)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}{mount_path}"
        finally:
            server.shutdown()
            server.server_close()


def published_path(config: Path) -> str:
    """The path part of site_url in mkdocs.yml ("/" when unset)."""
    loader = type("Loader", (yaml.SafeLoader,), {})
    loader.add_multi_constructor("", lambda *args: None)  # MkDocs' !!python/… tags are not needed here
    site_url = (yaml.load(config.read_text(encoding="utf-8"), Loader=loader) or {}).get("site_url") or "/"
    path = urlsplit(site_url).path or "/"
    return path if path.endswith("/") else path + "/"


