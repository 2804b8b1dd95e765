"""The Chromium that Playwright drives and Lighthouse uses, found the way scripts/ensure-chromium.sh (`make browser`)
looks for it: $CHROMIUM_PATH (or "playwright" for Playwright's own download), else a system Chromium or Chrome."""

from __future__ import annotations

import os
import shutil

from playwright.sync_api import sync_playwright

NAMES = ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome")


class NoChromium(RuntimeError):
    pass


def find_chromium() -> str:
    """The executable's path. Raises NoChromium, saying what to do, when there is none."""
    chosen = os.environ.get("CHROMIUM_PATH", "")
    if chosen == "playwright":
        with sync_playwright() as playwright:
            return playwright.chromium.executable_path
    if chosen:
        if not os.access(chosen, os.X_OK):
            raise NoChromium(f"CHROMIUM_PATH={chosen} is not an executable")
        return chosen
    for name in NAMES:
        if found := shutil.which(name):
            return found
    raise NoChromium("no Chromium found: run `make browser`, or set CHROMIUM_PATH (see scripts/ensure-chromium.sh)")
