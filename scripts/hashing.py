"""The fingerprint of a Japanese page that its English translation records as `translation_of`. Free of
third-party imports: the Markdown extension that shows the "may be out of date" notice imports it too, and must work
under MkDocs and Zensical alike."""

from __future__ import annotations

import hashlib
import unicodedata

# 16 hex digits (64 bits): enough to tell two versions of one page apart, short enough to read in front matter.
DIGITS = 16


def normalise(text: str) -> str:
    """The page's text with differences no reader sees removed, so re-wrapping blank lines or trailing spaces,
    CRLF line ends or NFD characters from a Mac editor do not mark every translation stale."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines: list[str] = []
    for line in text.split("\n"):
        line = line.rstrip()
        if line or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines).strip("\n") + "\n"


def source_hash(text: str) -> str:
    """The value an English page stores in `translation_of` for a Japanese page with this text."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:DIGITS]
