"""The built site served on 127.0.0.1 under its published path, for the link check, the benchmark and the tests: a
link that only works at the server root would pass locally and break once published."""

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

TEXT_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class _Handler(http.server.SimpleHTTPRequestHandler):
    compress = False  # gzip text responses as GitHub Pages does (the benchmark's weights and timings match it)

    def end_headers(self) -> None:
        # LinkChecker waits 0.1-0.6 s between requests to one host (3 minutes for this site) unless the server sends
        # a "LinkChecker" header; then `maxrequestspersecond` in scripts/linkcheckerrc applies.
        self.send_header("LinkChecker", "local test server")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):  # else the stdlib redirects to the URL with a /
            path /= "index.html"
        content_type = self.guess_type(str(path))
        gzipped = self.compress and "gzip" in self.headers.get("Accept-Encoding", "")
        if not (gzipped and path.is_file() and content_type.startswith(TEXT_TYPES)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")  # as GitHub Pages sends
        self.end_headers()
        return io.BytesIO(body)


class _Gzipping(_Handler):
    compress = True


@contextlib.contextmanager
def serve(site_dir: Path, mount_path: str, compress: bool = False) -> Iterator[str]:
    """The site at http://127.0.0.1:<port><mount_path>; `compress` gzips text responses as the published host does."""
    with tempfile.TemporaryDirectory(prefix="site-server-") as tmp:
        mount = Path(tmp) / mount_path.strip("/")  # a folder at the mount path, linking to the build
        mount.parent.mkdir(parents=True, exist_ok=True)
        mount.symlink_to(site_dir.resolve(), target_is_directory=True)
        handler = functools.partial(_Gzipping if compress else _Handler, directory=tmp)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}{mount_path}"
        finally:
            server.shutdown()
            server.server_close()
