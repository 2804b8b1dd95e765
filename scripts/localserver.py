"""The built site served on 127.0.0.1 under its published path, for the link check, the benchmark and the tests.

Why under the published path (/amazon-password-guide/): a link that only works at the server root would pass locally
and break once published.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path


class _LocalHandler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        # LinkChecker waits 0.1-0.6 s between requests to one host (3 minutes for this site) unless the server
        # answers with a "LinkChecker" header; then `maxrequestspersecond` in scripts/linkcheckerrc applies.
        self.send_header("LinkChecker", "local test server")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


class _CompressingHandler(_LocalHandler):
    """Gzips text responses as GitHub Pages does, so the benchmark's page weights and timings match the published
    site (the plain handler sends every byte uncompressed)."""

    TEXT_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the stdlib's redirect to the URL with a trailing slash
            path = path / "index.html"
        content_type = self.guess_type(str(path))
        if not (
            path.is_file()
            and content_type.startswith(self.TEXT_TYPES)
            and "gzip" in self.headers.get("Accept-Encoding", "")
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")  # as GitHub Pages sends
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(site_dir: Path, mount_path: str, compress: bool = False) -> Iterator[str]:
    """The site served at http://127.0.0.1:<port><mount_path> (a folder whose mount path links to the build);
    `compress` gzips text responses as the published host does."""
    with tempfile.TemporaryDirectory(prefix="site-server-") as tmp:
        mount = Path(tmp) / mount_path.strip("/")
        mount.parent.mkdir(parents=True, exist_ok=True)
        mount.symlink_to(site_dir.resolve(), target_is_directory=True)
        handler = functools.partial(_CompressingHandler if compress else _LocalHandler, directory=tmp)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}{mount_path}"
        finally:
            server.shutdown()
            server.server_close()
