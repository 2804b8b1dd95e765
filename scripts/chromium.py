"""The Chromium that Playwright drives and Lighthouse uses (`make browser` runs `python -m scripts.chromium --ensure`).

$CHROMIUM_PATH if set ("playwright": Playwright's own download, which some networks block); else a Chromium or Chrome
on PATH that runs (Ubuntu's `chromium-browser` is a stub asking for the snap, which containers do not have); else,
with --ensure as root on Debian, Debian's `chromium` and Japanese fonts (pages render as readers see them).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

OS_RELEASE = Path("/etc/os-release")
PACKAGES = ("chromium", "fonts-noto-cjk")
HOW = (
    "run `make browser` (as root on Debian it installs chromium and fonts-noto-cjk); elsewhere run "
    "`.venv/bin/playwright install --with-deps chromium` and set CHROMIUM_PATH=playwright, or point CHROMIUM_PATH "
    "at a Chrome/Chromium executable"
)


class NoChromium(RuntimeError):
    pass


def runs(executable: str) -> bool:
    """A browser that answers --version (a snap stub or a broken install does not)."""
    try:
        result = subprocess.run([executable, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0 and ("Chromium" in result.stdout or "Chrome" in result.stdout)


def find_chromium() -> str:
    """The executable's path; NoChromium, saying what to do, when there is none."""
    chosen = path = os.environ.get("CHROMIUM_PATH", "")
    if chosen == "playwright":
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            path = playwright.chromium.executable_path
    if path:
        if not os.access(path, os.X_OK):
            raise NoChromium(f"CHROMIUM_PATH={chosen}: {path} is not an executable: {HOW}")
        return path
    for name in ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome"):
        if (found := shutil.which(name)) and runs(found):
            return found
    raise NoChromium(f"no usable Chromium found: {HOW}")


def main(argv: list[str]) -> int:
    if argv not in ([], ["--ensure"]):
        sys.exit("usage: python -m scripts.chromium [--ensure]")
    # As root on Debian only: Ubuntu's chromium package is the snap stub, Debian's a real browser.
    debian_root = os.geteuid() == 0 and OS_RELEASE.is_file() and "\nID=debian" in "\n" + OS_RELEASE.read_text()
    ensure = argv and debian_root and not os.environ.get("CHROMIUM_PATH")
    if ensure and subprocess.run(["dpkg", "-s", *PACKAGES], capture_output=True).returncode:
        print(f"browser: installing Debian's {' and '.join(PACKAGES)} (one time)", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *PACKAGES], env=env)
    try:
        print(f"browser: {find_chromium()}")
    except NoChromium as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
