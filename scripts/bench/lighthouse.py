"""One Lighthouse run (mobile preset, its default) against the local server, with this machine's Chromium."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

from scripts.project import ROOT

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# The same flags as the browser tests: no sandbox (containers run as root), no GPU, no background traffic.
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
METRICS = {
    "lcp_ms": "largest-contentful-paint",
    "tbt_ms": "total-blocking-time",
    "cls": "cumulative-layout-shift",
    "fcp_ms": "first-contentful-paint",
}


def run(url: str, chrome: str) -> dict:
    """Scores (0-100), LCP/TBT/CLS/FCP and the failing audits of one page."""
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run `npm ci` (make bench does)")
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--output=json",
                f"--output-path={report}",
                "--quiet",
                f"--only-categories={','.join(CATEGORIES)}",
                f"--chrome-flags={CHROME_FLAGS}",
            ],
            env={**os.environ, "CHROME_PATH": chrome},
            check=True,
            timeout=300,
        )
        data = json.loads(report.read_text(encoding="utf-8"))
    result = {name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES}
    for key, audit in METRICS.items():
        value = data["audits"][audit]["numericValue"]
        result[key] = round(value, 3) if key == "cls" else round(value)
    # What cost points, so a miss can be acted on without opening the report.
    failing = set()
    for category in data["categories"].values():
        for ref in category["auditRefs"]:
            audit = data["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit["score"] is not None and audit["score"] < 1:
                failing.add(f"{category['id']}: {ref['id']} ({audit.get('displayValue') or audit['score']})")
    result["failing_audits"] = sorted(failing)
    return result
