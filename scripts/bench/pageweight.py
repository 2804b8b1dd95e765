"""What a first-time reader's phone downloads for one page: bytes (raw and as sent, gzip) and requests, by kind."""

from __future__ import annotations

import gzip
from dataclasses import asdict, dataclass, field
from urllib.parse import urlsplit

from playwright.sync_api import Browser

PHONE = {
    "viewport": {"width": 360, "height": 740},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
    "locale": "ja-JP",
}


def kind(url: str) -> str:
    """A coarse bucket for a request, to say where the bytes go."""
    path = urlsplit(url).path
    if "/vendor/mermaid" in path:
        return "mermaid"
    if "/search/" in path or "/workers/" in path or "/lunr/" in path:
        return "search"
    for suffix, name in (
        (".css", "css"),
        (".js", "js"),
        (".png", "images"),
        (".svg", "images"),
        (".ico", "images"),
        (".xml", "sitemap"),
    ):
        if path.endswith(suffix):
            return name
    return "html" if path.endswith("/") or path.endswith(".html") else "other"


@dataclass
class Weight:
    url: str
    requests: int = 0
    raw_bytes: int = 0
    gzip_bytes: int = 0
    by_kind: dict[str, dict[str, int]] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


def measure(browser: Browser, url: str) -> Weight:
    """Load `url` in a fresh phone context (empty cache) and wait until every request it started has finished."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    responses = []
    in_flight: set = set()
    page.on("response", lambda response: responses.append(response))
    page.on("request", lambda request: in_flight.add(request))
    page.on("requestfinished", lambda request: in_flight.discard(request))
    page.on("requestfailed", lambda request: in_flight.discard(request))
    try:
        page.goto(url, wait_until="load")
        # What the page's scripts start after load (the search index is fetched on demand, so nothing by design):
        # wait for each request still under way to finish, by its own event, not for a quiet spell.
        while in_flight:
            request = in_flight.pop()
            response = request.response()  # None when the request failed
            if response is not None:
                response.finished()
        weight = Weight(url=url)
        for response in responses:
            if urlsplit(response.url).scheme not in ("http", "https"):
                continue
            try:
                body = response.body()
            except Exception:
                body = b""
            raw = len(body)
            # The bytes as sent, recomputed the way the server compresses them: Chromium reports 0 transferred
            # bytes for a worker's script (the search worker), which would hide it from the total.
            gzipped = response.headers.get("content-encoding") == "gzip"
            sent = len(gzip.compress(body, compresslevel=6, mtime=0)) if gzipped else raw
            bucket = weight.by_kind.setdefault(kind(response.url), {"requests": 0, "raw_bytes": 0, "gzip_bytes": 0})
            bucket["requests"] += 1
            bucket["raw_bytes"] += raw
            bucket["gzip_bytes"] += sent
            weight.requests += 1
            weight.raw_bytes += raw
            weight.gzip_bytes += sent
        return weight
    finally:
        context.close()
