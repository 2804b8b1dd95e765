#!/usr/bin/env bash
# Make sure a Chromium exists for the browser tests (Playwright drives it) and for Lighthouse.
#
# Order: $CHROMIUM_PATH if set; a system Chromium on PATH; else, on Debian/Ubuntu as root, install the distribution's
# `chromium` (with Japanese fonts, so pages render as readers see them); else stop with what to do. Playwright's own
# browser download is not used by default because some networks (including this project's CI machines) block it;
# where it works, `playwright install chromium` and CHROMIUM_PATH=playwright are fine too.
set -euo pipefail

if [[ -n "${CHROMIUM_PATH:-}" ]]; then
  [[ "$CHROMIUM_PATH" == playwright || -x "$CHROMIUM_PATH" ]] && { echo "browser: $CHROMIUM_PATH"; exit 0; }
  echo "error: CHROMIUM_PATH=$CHROMIUM_PATH is not an executable" >&2; exit 1
fi

for name in chromium chromium-browser google-chrome-stable google-chrome; do
  if path=$(command -v "$name"); then
    if ! fc-list :lang=ja 2>/dev/null | grep -q . && [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
      echo "browser: installing Japanese fonts (fonts-noto-cjk)"
      apt-get install -y -qq fonts-noto-cjk >/dev/null || { apt-get update -qq && apt-get install -y -qq fonts-noto-cjk >/dev/null; }
    fi
    echo "browser: $path"; exit 0
  fi
done

if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "browser: installing Debian's chromium and fonts-noto-cjk (one time)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
  command -v chromium >/dev/null && { echo "browser: $(command -v chromium)"; exit 0; }
fi

cat >&2 <<'MSG'
error: no Chromium found for the browser tests.
  Debian/Ubuntu:  sudo apt-get install chromium fonts-noto-cjk
  macOS/other:    .venv/bin/playwright install chromium   then run with CHROMIUM_PATH=playwright
  or point CHROMIUM_PATH at any Chromium/Chrome executable.
MSG
exit 1
