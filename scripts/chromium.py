"""The Chromium that Playwright drives and Lighthouse uses: the one implementation, for Python (find_chromium) and for
the Makefile (`make browser` runs `python -m scripts.chromium --ensure`).

Order: $CHROMIUM_PATH if set ("playwright" for Playwright's own download); else a system Chromium or Chrome on PATH
that actually runs (Ubuntu's `chromium-browser` is a stub that asks for the snap, which containers do not have);
else, with --ensure on Debian as root, Debian's `chromium` (and Japanese fonts, so pages render as readers see
them); else a message that says what to run. Playwright's own browser download is not the default because some
networks (this project's CI machines among them) block it; where it works it is fine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

NAMES = ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome")
OS_RELEASE = Path("/etc/os-release")


class NoChromium(RuntimeError):
    pass


def runs(executable: str) -> bool:
    """A browser that answers --version (a snap stub, a broken install or a wrapper script does not)."""
    try:
        result = subprocess.run([executable, "--version"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0 and any(name in result.stdout for name in ("Chromium", "Chrome"))


def distribution() -> str:
    """ "debian", "ubuntu", … from /etc/os-release ("" when unknown)."""
    try:
        lines = OS_RELEASE.read_text(encoding="utf-8").splitlines()
    except OSError:
        return ""
    values = dict(line.split("=", 1) for line in lines if "=" in line)
    return values.get("ID", "").strip('"').lower()


def advice() -> str:
    """What to run on this machine to get a browser."""
    playwright = ".venv/bin/playwright install --with-deps chromium   then run with CHROMIUM_PATH=playwright"
    if distribution() == "ubuntu":
        return (
            "Ubuntu ships Chromium only as a snap, which does not run here. Run:\n"
            f"  {playwright}\n  or point CHROMIUM_PATH at a Chrome/Chromium executable."
        )
    return (
        "Debian:       sudo apt-get install chromium fonts-noto-cjk   (make browser does it when run as root)\n"
        f"  elsewhere:    {playwright}\n  or point CHROMIUM_PATH at a Chrome/Chromium executable."
    )


def find_chromium() -> str:
    """The executable's path. Raises NoChromium, saying what to do, when there is none."""
    chosen = os.environ.get("CHROMIUM_PATH", "")
    if chosen == "playwright":
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            path = playwright.chromium.executable_path
        if not os.access(path, os.X_OK):
            raise NoChromium(
                "CHROMIUM_PATH=playwright, but Playwright's Chromium is not installed: run "
                "`.venv/bin/playwright install --with-deps chromium`"
            )
        return path
    if chosen:
        if not os.access(chosen, os.X_OK):
            raise NoChromium(f"CHROMIUM_PATH={chosen} is not an executable")
        return chosen
    for name in NAMES:
        found = shutil.which(name)
        if found and runs(found):
            return found
    raise NoChromium("no usable Chromium found (run `make browser`).\n  " + advice())


def _apt_install(*packages: str) -> bool:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    command = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages]
    if subprocess.run(command, env=env, capture_output=True, check=False).returncode == 0:
        return True
    subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True, check=False)
    return subprocess.run(command, env=env, capture_output=True, check=False).returncode == 0


def _can_install() -> bool:
    # Debian's chromium package is a real browser; Ubuntu's is a stub that installs the snap.
    return os.geteuid() == 0 and shutil.which("apt-get") is not None and distribution() == "debian"


def _has_japanese_fonts() -> bool:
    if not shutil.which("fc-list"):
        return False
    result = subprocess.run(["fc-list", ":lang=ja"], capture_output=True, text=True, check=False)
    return bool(result.stdout.strip())


def ensure() -> str:
    """find_chromium(), installing Debian's chromium (and Japanese fonts) first where this machine allows it."""
    try:
        path = find_chromium()
    except NoChromium:
        if not _can_install():
            raise
        print("browser: installing Debian's chromium and fonts-noto-cjk (one time)", flush=True)
        _apt_install("chromium", "fonts-noto-cjk")
        path = find_chromium()
    if (
        not os.environ.get("CHROMIUM_PATH")
        and not _has_japanese_fonts()
        and os.geteuid() == 0
        and shutil.which("apt-get")
    ):
        print("browser: installing Japanese fonts (fonts-noto-cjk)", flush=True)
        _apt_install("fonts-noto-cjk")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Find (with --ensure: install where possible) the browser for tests.")
    parser.add_argument("--ensure", action="store_true", help="install Debian's chromium when run as root on Debian")
    args = parser.parse_args(argv)
    try:
        path = ensure() if args.ensure else find_chromium()
    except NoChromium as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"browser: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
