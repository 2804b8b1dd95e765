"""SAFE: the advice is safe, in both languages (content guide: no example passwords, not even as bad examples; nothing
asks the reader to send, tell or type a code or password anywhere but Amazon's own sign-in page).

- SAFE001  a password-like example: a token of up to 64 characters without spaces that mixes upper- and lower-case
           letters and digits (10 characters or more: `Password123`), or letters, digits and one of the symbols
           ! # $ % & * + = ? @ ^ ~ (8 or more: `Sakura#2026!Amzn`), written in inline code, a code block, quotes
           (「」『』"" “”), or in plain text right after an example word (たとえば, 例えば, 例：, e.g., for example,
           such as). After an example word 6 characters and any three of upper case, lower case, digits and symbols
           are enough. Paths, addresses, file names, anchors and error codes (`LINK002`) are not passwords.
- SAFE002  a sentence that tells the reader to send, tell, forward, read out, share or give a security code or a
           password: an English sentence whose verb is an instruction to the reader (an imperative, or after
           "you should/must/can/need to" or "please"), a Japanese one whose verb ends in 〜てください, 〜ましょう,
           〜ること or 〜ても大丈夫. Negated warnings pass ("never share your code", 「コードを教えないでください」,
           「誰にも伝えない」), and so do reports of what a scammer asks ("if someone asks you to read out the code",
           「コードを教えてと言われたら」) and quoted speech.
- SAFE003  a reviewed-exception marker without a reason; SAFE004 a marker with nothing to excuse.

The rare legitimate case is excused by a reviewed marker, `<!-- safety-reviewed: why this is safe -->`, on the line
before the block (blank lines between are allowed) or at the end of the reported line. `make validate` lists every
marker in use, with its reason, each time it runs (reviewed()).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from scripts.doctree import Site
from scripts.pagemodel import Page, TextBlock
from scripts.validate import Problem

MARKER = re.compile(r"<!--\s*safety-reviewed:?(?P<reason>.*?)-->")
INLINE_CODE = re.compile(r"(`+).*?\1")

# ---- SAFE001 ----------------------------------------------------------------------------------------------------
QUOTES = re.compile(r"「([^」]*)」|『([^』]*)』|\"([^\"\n]*)\"|“([^”]*)”")
EXAMPLE = re.compile(
    r"(?:たとえば|例えば|例[：:]|\be\.g\.|\bfor example\b|\bfor instance\b|\bsuch as\b)[\s,、，:：]*", re.I
)
SYMBOLS = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
NOT_A_PASSWORD = re.compile(
    r"^(?:[a-z]+:|[#{./~]|.*/|.*\.(?:md|ya?ml|html?|svg|png|jpe?g|json|py|txt|js|css|toml|lock|sh)$"
    r"|.*@[\w-]+\.[\w.-]+$|(?-i:[A-Z]+\d{3})$)",
    re.I,
)
TRIM = "。、，,.;；:：)）]」』\"”'"


def _trimmed(token: str) -> str:
    return token.strip().lstrip("(（[「『\"“'").rstrip(TRIM)


def password_like(token: str, example: bool = False) -> bool:
    token = _trimmed(token)
    if not token or any(c.isspace() for c in token) or not token.isascii() or len(token) > 64:
        return False
    if len(token) < (6 if example else 8) or NOT_A_PASSWORD.match(token):
        return False
    upper, lower, digit, symbol = (
        any(test(c) for c in token) for test in (str.isupper, str.islower, str.isdigit, SYMBOLS.__contains__)
    )
    letter = upper or lower
    if example:
        return letter and digit and sum((upper, lower, digit, symbol)) >= 3
    # Without a symbol, 10 characters at least: product names (iPhone15, Windows11) are shorter.
    # A strong symbol is one passwords use and identifiers rarely do (not - _ . / :).
    strong = any(c in "!#$%&*+=?@^~" for c in token)
    return (
        (upper and lower and digit and len(token) >= 10)
        or (letter and digit and symbol and strong)
        or (upper and lower and digit and symbol)
    )


def _text_and_lines(block: TextBlock, code: str | None = None) -> tuple[str, list[int]]:
    """A block's text (code spans as `code` when given) and the line of each of its characters."""
    text, lines = "", []
    for span in block.spans:
        piece = span.text if code is None or span.kind == "text" else code
        text += piece
        lines += [span.line] * len(piece)
    return text, lines


def _tokens_in_block(block: TextBlock) -> Iterator[tuple[int, str, str]]:
    """(line, token, where) for each candidate of a block: code spans, quoted text, words after an example word."""
    for span in block.spans:
        if span.kind == "code":
            yield from ((span.line, token, "in code") for token in span.text.split())
    for span in block.spans:
        for match in QUOTES.finditer(span.text) if span.kind == "text" else ():
            quoted = next(group for group in match.groups() if group is not None)
            yield from ((span.line, token, "in quotes") for token in quoted.split())
    # After an example word, the next word (in code or not) is an example.
    text, lines = _text_and_lines(block)
    for match in EXAMPLE.finditer(text):
        rest = text[match.end() :]
        word = re.match(r"[「『\"“`(（]*([^\s「」『』\"“”`、。，,()（）]+)", rest)
        if word:
            line = lines[min(match.end(), len(lines) - 1)] if lines else block.line
            yield line, word.group(1), "after an example word"


def _passwords(page: Page) -> Iterator[tuple[int, str, str, str]]:
    seen = set()
    for block in page.blocks:
        for line, raw, where in _tokens_in_block(block):
            token = _trimmed(raw)
            if password_like(token, example=where == "after an example word") and (line, token) not in seen:
                seen.add((line, token))
                yield (
                    line,
                    "SAFE001",
                    f"`{token}` looks like an example password ({where})",
                    "remove it: the guide gives no example passwords, not even bad ones; describe the "
                    "rule instead (long, unique, made by a password manager)",
                )
    for fence in page.fences:
        if fence.lang == "mermaid":
            continue
        for offset, row in enumerate(fence.content.split("\n"), start=1):
            for token in row.split():
                if password_like(token) and (fence.line + offset, token) not in seen:
                    seen.add((fence.line + offset, token))
                    yield (
                        fence.line + offset,
                        "SAFE001",
                        f"`{token}` looks like an example password (in a code block)",
                        "remove it: the guide gives no example passwords, not even bad ones",
                    )


# ---- SAFE002 ----------------------------------------------------------------------------------------------------
EN_SECRET = re.compile(r"\b(?:codes?|passcodes?|passwords?|OTPs?|PINs?|one-time passwords?)\b", re.I)
EN_VERB = (
    r"(?:send|tell|forward|share|give|email|e-mail|text|dictate|read(?:\s+\w+){0,3}\s+out|read\s+out|"
    r"say|reveal|disclose|pass\s+on|hand\s+over|reply\s+with)"
)
EN_LEAD = (
    r"(?:^|[;:]\s*|,\s*(?:and|then|so)?\s*|\b(?:please|then|now|first|next|just|simply|also|immediately|"
    r"quickly)\s+)"
)
EN_INSTRUCTION = re.compile(
    rf"(?:{EN_LEAD}|\byou\s+(?:should|must|can|could|may|need\s+to|have\s+to|will\s+need\s+to|are\s+asked\s+to|"
    rf"ought\s+to)\s+(?:\w+\s+)?)(?P<verb>{EN_VERB})\b(?P<object>(?:\W+\w+){{0,6}})",
    re.I,
)
# Between the verb and the code: another action (tell readers *to enter* the code) or a code per service (*give each
# one its own* password): not a code passed on.
EN_NOT_PASSED = re.compile(
    r"\bto\s+(?:enter|type|use|change|create|check|sign|keep|make|set|choose|pick|reset)\b|"
    r"\b(?:each|every|own)\b",
    re.I,
)
EN_NEGATION = re.compile(
    r"\b(?:never|not|no|don't|doesn't|won't|isn't|aren't|cannot|can't|nobody|no\s+one|neither|nor|without|"
    r"refuse|decline|ignore|avoid|stop)\b|n't\b",
    re.I,
)
EN_REPORTED = re.compile(
    r"\b(?:asks?|asked|asking|tells?|told|telling|wants?|wanted|urges?|urged|pressures?|pressured|tricks?|"
    r"tricked|tries|tried|trying|requests?|requested|demands?|demanded|instructs?|instructed|persuades?)\s+"
    r"(?:you|people|victims|users|customers|the\s+reader|someone|them|him|her)\b",
    re.I,
)
JA_SECRET = re.compile(r"コード|パスワード|パスコード|暗証番号|OTP|PIN")
JA_VERB = r"(?:送っ|送信し|送付し|教え|伝え|転送し|読み上げ|共有し|知らせ|渡し|返信し|答え|言っ|告げ|話し|入力し)"
JA_INSTRUCTION = re.compile(
    rf"(?:{JA_SECRET.pattern})(?:を|は|も|だけ|など)[^。]{{0,25}}?"
    rf"{JA_VERB}(?:て(?:ください|下さい|ね|あげて)|ましょう|ること|るように|"
    rf"ても(?:大丈夫|問題(?:あり|な)|構いません|かまいません|よい|いい|平気))"
)
JA_REPORTED = re.compile(r"^\s*(?:と|っ?て(?:言|いう|いい|き|く|求|頼))|^\s*など(?:と|っ?て)")
SPEECH = re.compile(r"「[^」]*」|『[^』]*』|\"[^\"\n]*\"|“[^”]*”")
SENTENCE = re.compile(r"(?<=[。！？!?])|(?<=[.;])\s+(?=[A-Z\"“(])|\n")


def _sentences(block: TextBlock) -> Iterator[tuple[int, str]]:
    """(line, sentence) of a block's prose, with code spans kept as a placeholder word."""
    text, lines = _text_and_lines(block, code="\u2026")
    start = 0
    for match in list(SENTENCE.finditer(text)) + [None]:
        end = match.start() if match else len(text)
        sentence = text[start:end]
        if sentence.strip():
            offset = start + len(sentence) - len(sentence.lstrip())
            yield (lines[offset] if offset < len(lines) else block.line), sentence.strip()
        start = match.end() if match else len(text)


def sharing_instruction(sentence: str, language: str) -> bool:
    """Whether the sentence tells the reader to pass on a code or password (see the module's docstring)."""
    unquoted = SPEECH.sub(" ", sentence)
    if JAPANESE_TEXT.search(unquoted) or (language == "ja" and not EN_SECRET.search(unquoted)):
        if not JA_SECRET.search(unquoted):
            return False
        for match in JA_INSTRUCTION.finditer(unquoted):
            if "入力し" in match.group(0)[-12:]:
                continue  # typing the code in is what the reader must do, on Amazon's page
            if not JA_REPORTED.match(unquoted[match.end() :]):
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


JAPANESE_TEXT = re.compile(r"[\u3041-\u309f\u30a0-\u30ff\u4e00-\u9fff]")


def _sharing(page: Page) -> Iterator[tuple[int, str, str, str]]:
    for block in page.blocks:
        if block.kind == "heading":
            continue
        for line, sentence in _sentences(block):
            if sharing_instruction(sentence, page.language):
                shown = sentence if len(sentence) <= 60 else sentence[:59] + "…"
                yield (
                    line,
                    "SAFE002",
                    f"this sentence tells the reader to pass on a code or password: `{shown}`",
                    "say the opposite: nobody legitimate asks for it; the code is typed only on Amazon's "
                    "own sign-in page",
                )


# ---- markers ----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Reviewed:
    path: Path
    line: int
    reason: str


def _markers(page: Page) -> list[Reviewed]:
    """The markers of a page: HTML comments, not a marker shown in inline code or a code block."""
    in_code = {fence.line + offset for fence in page.fences for offset in range(fence.content.count("\n") + 2)}
    return [
        Reviewed(page.path, number, " ".join(match.group("reason").split()))
        for number, text in enumerate(page.lines, start=1)
        if number not in in_code
        for match in MARKER.finditer(INLINE_CODE.sub("", text))
    ]


def _block_start(page: Page, line: int) -> int:
    """The first line of the block (paragraph, list item, table row…) that contains this line: the line after the
    previous blank line."""
    lines, number = page.lines, line
    while number > 1 and lines[number - 2].strip() and not MARKER.search(lines[number - 2]):
        number -= 1
    return number


def _excused_by(page: Page, line: int, markers: dict[int, Reviewed]) -> Reviewed | None:
    """The marker on the reported line itself, or the nearest one before the line's block (blank lines between)."""
    if line in markers:
        return markers[line]
    number = _block_start(page, line) - 1
    while number >= 1 and not page.lines[number - 1].strip():
        number -= 1
    return markers.get(number) if number >= 1 and page.lines[number - 1].strip().startswith("<!--") else None


def _page(page: Page) -> Iterator[Problem]:
    markers = {marker.line: marker for marker in _markers(page)}
    used: set[int] = set()
    for line, code, message, fix in [*_passwords(page), *_sharing(page)]:
        marker = _excused_by(page, line, markers)
        if marker is not None and marker.reason:
            used.add(marker.line)
            continue
        yield Problem(page.path, line, code, message, fix)
    for marker in markers.values():
        if not marker.reason:
            yield Problem(
                page.path,
                marker.line,
                "SAFE003",
                "the safety-reviewed marker gives no reason",
                "write why it is safe: `<!-- safety-reviewed: … -->`",
            )
        elif marker.line not in used:
            yield Problem(
                page.path,
                marker.line,
                "SAFE004",
                "the safety-reviewed marker excuses nothing: no SAFE001 or SAFE002 finding follows it",
                "remove the marker",
            )


def check(site: Site) -> Iterator[Problem]:
    for page in site.all_pages():
        yield from _page(page)


def reviewed(site: Site) -> list[Reviewed]:
    """Every safety-reviewed marker of the site: `make validate` lists them on each run."""
    return [marker for page in site.all_pages() for marker in _markers(page)]
