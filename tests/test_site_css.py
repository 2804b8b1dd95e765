"""site.css is edited by several people at once; a lost closing brace after a merge silently nests every later rule
inside the previous one, and the browser drops them (the phone typography and no-JavaScript rules went that way once).
The braces outside comments and strings must balance and never go below zero."""

from __future__ import annotations

import re
from pathlib import Path

CSS = Path(__file__).resolve().parent.parent / "overrides" / "assets" / "stylesheets" / "site.css"


def test_site_css_braces_balance():
    text = re.sub(r"/\*.*?\*/", "", CSS.read_text(encoding="utf-8"), flags=re.DOTALL)
    text = re.sub(r'"(?:[^"\\]|\\.)*"', '""', text)
    depth = 0
    for number, line in enumerate(text.splitlines(), 1):
        depth += line.count("{") - line.count("}")
        assert depth >= 0, f"site.css:{number}: a closing brace without an opening one"
        if re.match(r"^[.\[:a-z@]", line) and line.rstrip().endswith("{") and not line.startswith("@"):
            # A top-level-looking selector line must not start inside another rule (unless in an @media block).
            assert depth - 1 <= 1, f"site.css:{number}: a rule starts inside another rule (a lost closing brace?)"
    assert depth == 0, "site.css: a rule is never closed"
