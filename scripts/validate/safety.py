"""SAFE: no example passwords, not even bad ones, and nothing asks the reader to pass on a code or password (the codes:
docs/*/contributing/checks/writing/#safety). A rare legitimate case is excused by `<!-- safety-reviewed: why -->` on
the line before its block or at the end of the reported line; `make validate` lists every marker on each run.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from scripts.doctree import Site
from scripts.pagemodel import Page, TextBlock
from scripts.validate import Problem
from scripts.validate.text import INLINE_CODE, JAPANESE, excerpt

MARKER = re.compile(r"<!--\s*safety-reviewed:?(?P<reason>.*?)-->")

# SAFE001: a token of up to 64 characters without spaces in code, quotes, or right after an example word.
QUOTES = re.compile(r"「[^」]*」|『[^』]*』|\"[^\"\n]*\"|“[^”]*”")
EXAMPLE = re.compile(  # an example word, and the word after it (in code or not)
    r"(?i)(?:たとえば|例えば|例[：:]|\be\.g\.|\bfor example\b|\bfor instance\b|\bsuch as\b)[\s,、，:：]*"
    r"[「『\"“`(（]*(?P<word>[^\s「」『』\"“”`、。，,()（）]+)"
)
# Paths, addresses, file names, anchors and error codes (`LINK002`) are not passwords.
NOT_A_PASSWORD = re.compile(
    r"(?i)^(?:[a-z]+:|[#{./~]|.*/|.*\.(?:md|ya?ml|html?|svg|png|jpe?g|json|py|txt|js|css|toml|lock|sh)$"
    r"|.*@[\w-]+\.[\w.-]+$|(?-i:[A-Z]+\d{3})$)"
)
AFTER_EXAMPLE = "after an example word"


def _trimmed(token: str) -> str:
    return token.strip().lstrip("(（[「『\"“'").rstrip("。、，,.;；:：)）]」』\"”'")


def password_like(token: str, example: bool = False) -> bool:
    token = _trimmed(token)
    if not (6 if example else 8) <= len(token) <= 64 or not token.isascii() or NOT_A_PASSWORD.match(token):
        return False  # a token is a word: split at white space
    upper, lower, digit, symbol = (
        any(test(c) for c in token) for test in (str.isupper, str.islower, str.isdigit, string.punctuation.__contains__)
    )
    letter = upper or lower
    if example:  # the example word says what it is: three kinds of character are enough
        return letter and digit and sum((upper, lower, digit, symbol)) >= 3
    # Without a symbol, 10 characters at least: product names (iPhone15, Windows11) are shorter.
    # A strong symbol is one passwords use and identifiers rarely do (not - _ . / :).
    strong, mixed = any(c in "!#$%&*+=?@^~" for c in token), upper and lower and digit
    return (mixed and len(token) >= 10) or (letter and digit and symbol and strong) or (mixed and symbol)


def _text_and_lines(block: TextBlock, code: str | None = None) -> tuple[str, list[int]]:
    """A block's text (code spans as `code` when given) and the line of each of its characters."""
    text, lines = "", []
    for span in block.spans:
        piece = span.text if code is None or span.kind == "text" else code
        text += piece
        lines += [span.line] * len(piece)
    return text, lines


def _candidates(page: Page) -> Iterator[tuple[int, str, str]]:
    """(line, token, where) of each word that might be an example password."""
    for block in page.blocks:
        for span in block.spans:
            if span.kind == "code":
                yield from ((span.line, token, "in code") for token in span.text.split())
            for match in QUOTES.finditer(span.text) if span.kind == "text" else ():
                yield from ((span.line, token, "in quotes") for token in match.group(0)[1:-1].split())
        text, lines = _text_and_lines(block)
        for match in EXAMPLE.finditer(text):
            yield lines[match.start("word")], match["word"], AFTER_EXAMPLE
    for fence in page.fences:
        for offset, row in enumerate(fence.content.split("\n") if fence.lang != "mermaid" else (), start=1):
            yield from ((fence.line + offset, token, "in a code block") for token in row.split())


# SAFE002: an imperative, "you should/must/can/need to …" or "please …" (English); 〜てください, 〜ましょう, 〜ること,
# 〜ても大丈夫 (Japanese). Negated warnings and reports of what a scammer asks pass.
EN_SECRET = re.compile(r"(?i)\b(?:codes?|passcodes?|passwords?|OTPs?|PINs?|one-time passwords?)\b")
EN_VERB = (
    r"(?:send|tell|forward|share|give|email|e-mail|text|dictate|read(?:\s+\w+){0,3}\s+out|read\s+out|"
    r"say|reveal|disclose|pass\s+on|hand\s+over|reply\s+with)"
)
EN_LEAD = (
    r"(?:^|[;:]\s*|,\s*(?:and|then|so)?\s*|\b(?:please|then|now|first|next|just|simply|also|immediately|"
    r"quickly)\s+)"
)
EN_INSTRUCTION = re.compile(
    rf"(?i)(?:{EN_LEAD}|\byou\s+(?:should|must|can|could|may|need\s+to|have\s+to|will\s+need\s+to|are\s+asked\s+to|"
    rf"ought\s+to)\s+(?:\w+\s+)?)(?P<verb>{EN_VERB})\b(?P<object>(?:\W+\w+){{0,6}})"
)
# Between the verb and the code: another action (tell readers *to enter* the code) or a code per service (*give each
# one its own* password): not a code passed on.
EN_NOT_PASSED = re.compile(
    r"(?i)\bto\s+(?:enter|type|use|change|create|check|sign|keep|make|set|choose|pick|reset)\b|"
    r"\b(?:each|every|own)\b"
)
EN_NEGATION = re.compile(
    r"(?i)\b(?:never|not|no|don't|doesn't|won't|isn't|aren't|cannot|can't|nobody|no\s+one|neither|nor|without|"
    r"refuse|decline|ignore|avoid|stop)\b|n't\b"
)
EN_REPORTED = re.compile(
    r"(?i)\b(?:asks?|asked|asking|tells?|told|telling|wants?|wanted|urges?|urged|pressures?|pressured|tricks?|"
    r"tricked|tries|tried|trying|requests?|requested|demands?|demanded|instructs?|instructed|persuades?)\s+"
    r"(?:you|people|victims|users|customers|the\s+reader|someone|them|him|her)\b"
)
JA_SECRET = re.compile(r"コード|パスワード|パスコード|暗証番号|OTP|PIN")
JA_VERB = r"(?:送っ|送信し|送付し|教え|伝え|転送し|読み上げ|共有し|知らせ|渡し|返信し|答え|言っ|告げ|話し|入力し)"
JA_INSTRUCTION = re.compile(
    rf"(?:{JA_SECRET.pattern})(?:を|は|も|だけ|など)[^。]{{0,25}}?"
    rf"{JA_VERB}(?:て(?:ください|下さい|ね|あげて)|ましょう|ること|るように|"
    rf"ても(?:大丈夫|問題(?:あり|な)|構いません|かまいません|よい|いい|平気))"
)
JA_REPORTED = re.compile(r"^\s*(?:と|っ?て(?:言|いう|いい|き|く|求|頼))|^\s*など(?:と|っ?て)")
SENTENCE = re.compile(r"(?<=[。！？!?])|(?<=[.;])\s+(?=[A-Z\"“(])|\n")


def _sentences(block: TextBlock) -> Iterator[tuple[int, str]]:
    """(line, sentence) of a block's prose, with code spans kept as a placeholder word."""
    text, lines = _text_and_lines(block, code="\u2026")
    bounds = [0, *(end for match in SENTENCE.finditer(text) for end in match.span()), len(text)]
    for start, end in zip(bounds[::2], bounds[1::2], strict=True):  # the text between the sentence ends
        sentence = text[start:end]
        if sentence.strip():
            yield lines[start + len(sentence) - len(sentence.lstrip())], sentence.strip()


def sharing_instruction(sentence: str) -> bool:
    """Whether the sentence tells the reader to pass on a code or password; the rule is its script's language's."""
    unquoted = QUOTES.sub(" ", sentence)
    if JAPANESE.search(unquoted):
        for match in JA_INSTRUCTION.finditer(unquoted):
            # Typing the code in is what the reader must do, on Amazon's page.
            if "入力し" not in match.group(0)[-12:] and not JA_REPORTED.match(unquoted[match.end() :]):
                return True
        return False
    if not EN_SECRET.search(unquoted) or EN_NEGATION.search(unquoted) or EN_REPORTED.search(unquoted):
        return False
    for match in EN_INSTRUCTION.finditer(unquoted):
        passed = match.group("verb") + match.group("object")
        secret = EN_SECRET.search(passed)
        if secret and not EN_NOT_PASSED.search(passed[: secret.start()]):
            return True
    return False


def _findings(page: Page) -> Iterator[tuple[int, str, str, str]]:
    seen = set()
    for line, token, where in _candidates(page):
        token = _trimmed(token)
        if (line, token) not in seen and password_like(token, example=where == AFTER_EXAMPLE):
            seen.add((line, token))
            message = f"`{token}` looks like an example password ({where})"
            fix = "remove it: the guide gives no example passwords, not even bad ones; describe the rule instead"
            yield line, "SAFE001", message, fix
    for block in page.blocks:
        for line, sentence in _sentences(block) if block.kind != "heading" else ():
            if sharing_instruction(sentence):
                message = f"this sentence tells the reader to pass on a code or password: `{excerpt(sentence, 60)}`"
                fix = "say the opposite: nobody legitimate asks for it; it is typed only on Amazon's own sign-in page"
                yield line, "SAFE002", message, fix


class Reviewed(NamedTuple):
    path: Path
    line: int
    reason: str


def _markers(page: Page) -> dict[int, Reviewed]:
    """The markers of a page by line: HTML comments, not a marker shown in inline code or a code block."""
    in_code = {fence.line + offset for fence in page.fences for offset in range(fence.content.count("\n") + 2)}
    return {
        number: Reviewed(page.path, number, " ".join(match.group("reason").split()))
        for number, text in enumerate(page.lines, start=1)
        if number not in in_code
        for match in MARKER.finditer(INLINE_CODE.sub("", text))
    }


def _excused_by(page: Page, line: int, markers: dict[int, Reviewed]) -> Reviewed | None:
    """The marker ending the reported line, or on a line of its own before its block (blank lines may stand between)."""
    if line in markers:
        return markers[line]
    lines, number = page.lines, line - 1
    while number >= 1 and lines[number - 1].strip() and number not in markers:
        number -= 1
    while number >= 1 and not lines[number - 1].strip():
        number -= 1
    marker = markers.get(number)
    return marker if marker and lines[number - 1].lstrip().startswith("<!--") else None


def check(site: Site) -> Iterator[Problem]:
    for page in site.all_pages():
        markers, used = _markers(page), set()
        for line, code, message, fix in _findings(page):
            marker = _excused_by(page, line, markers)
            if marker is not None and marker.reason:
                used.add(marker.line)
            else:
                yield Problem(page.path, line, code, message, fix)
        for marker in markers.values():
            if not marker.reason:
                fix = "write why it is safe: `<!-- safety-reviewed: … -->`"
                yield Problem(page.path, marker.line, "SAFE003", "the safety-reviewed marker gives no reason", fix)
            elif marker.line not in used:
                message = "the safety-reviewed marker excuses nothing: no SAFE001 or SAFE002 finding follows it"
                yield Problem(page.path, marker.line, "SAFE004", message, "remove the marker")


def reviewed(site: Site) -> list[Reviewed]:
    """Every safety-reviewed marker of the site: `make validate` lists them on each run."""
    return [marker for page in site.all_pages() for marker in _markers(page).values()]
