"""Browser settings shared by the browser tests and their conftest (a plain module: a conftest is never imported)."""

from __future__ import annotations

# The flags this project's machines need: no GPU, no sandbox (containers run as root), and none of Chromium's own
# background traffic, which would otherwise show up as requests to other hosts.
LAUNCH_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
