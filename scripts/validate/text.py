"""Text handling shared by the writing checks (TERM, LANG, SAFE): which letters are Japanese, what is quoted as
seen (screen labels, titles) and so not the author's own words, and short excerpts for messages."""

from __future__ import annotations

import re

JAPANESE = re.compile(r"[\u3041-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\u3005\uff66-\uff9f]")
KANJI = "\u3400-\u4dbf\u4e00-\u9fff々"
QUOTED = re.compile(r"「[^「」]*」|『[^『』]*』")
INLINE_CODE = re.compile(r"(`+).+?\1")


def blank(match: re.Match[str]) -> str:
    """The match as spaces: what is left out of a check keeps its length, so columns stay and nothing joins up."""
    return " " * len(match.group(0))


def unquoted(text: str, quoted: re.Pattern[str] = QUOTED) -> str:
    """The text with every quotation blanked, innermost first, so that nested ones go whole."""
    while quoted.search(text):
        text = quoted.sub(blank, text)
    return text


def excerpt(text: str, length: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"
