"""A local static server that behaves like GitHub Pages where it matters for page weight and Lighthouse: the site
sits under its published path, and text files are sent gzip-compressed. (Python's http.server sends everything
uncompressed, which would make every page look several times heavier than it is for readers.)"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import threading
from pathlib import Path
from typing import Iterator

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")


class _Handler(http.server.SimpleHTTPRequestHandler):
    mount = "/"
    cache: dict[Path, bytes] = {}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(self.mount):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(self.mount):])

    def send_head(self):  # noqa: ANN201 - the stdlib's signature
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        if path.is_file() and path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = self.cache.get(path)
            if body is None:
                # Level 6: what common web servers and CDNs use by default.
                body = self.cache[path] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=600")
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()


@contextlib.contextmanager
def serve(site: Path, mount: str) -> Iterator[str]:
    """Serve `site` at http://127.0.0.1:<free port><mount>; yields that URL."""
    handler = type("Handler", (_Handler,), {"mount": mount, "cache": {}})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{mount}"
    finally:
        server.shutdown()
        server.server_close()
