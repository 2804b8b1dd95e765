"""Kanji words typed in hiragana (decision 0016): a phone's keyboard leaves にんしょう as typed until the reader
converts it, and the pages write 認証. The build reads every kanji word of the Japanese index with Janome's dictionary
and hands the search worker one more synonym per reading (にんしょう -> 認証), so a query left unconverted still finds
the page. So do the readers' own kanji words of docs/search.yml (ぎふとけん -> ギフト券, which leads to ギフトカード).
Katakana left in hiragana is the worker's own job (search.readers.js, `katakana`)."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

LANGUAGE = "ja"  # the language Janome reads
_KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff々]")
_KANA = re.compile(r"[\u3041-\u3096\u30fc]+")
_TAG = re.compile(r"<[^>]+>")
# A reading of one or two kana (とき, ほか, かた) is inside too many words a reader types; from three on (でんわ,
# せってい) it names the word.
MIN_KANA = 3


@cache
def _tokenizer():
    from janome.tokenizer import Tokenizer  # a 20 MB dictionary: loaded once, and only for a Japanese build

    return Tokenizer()


def _hiragana(katakana: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "\u30a1" <= c <= "\u30f6" else c for c in katakana)


def readings(docs: list[dict], taken: set[str]) -> list[dict]:
    """Synonym groups {"to": kanji word, "from": [its readings]} for the kanji words of the index entries `docs`.
    A word of one character (所: ところ) is left out, and so is a word or reading that is already a word of `taken`
    (the project's own synonyms win) or a reading the pages write in hiragana themselves (the reader means that).
    A reading of two words goes to the one the pages use most."""
    texts = [_TAG.sub(" ", f"{doc.get('title', '')} {doc.get('text', '')}") for doc in docs]
    counts: Counter[tuple[str, str]] = Counter()
    for text in texts:
        for token in _tokenizer().tokenize(text):
            word, reading = token.surface, _hiragana(token.reading)
            if len(word) > 1 and _KANJI.search(word) and len(reading) >= MIN_KANA and _KANA.fullmatch(reading):
                counts[(reading, word)] += 1
    written = " ".join(texts)
    best: dict[str, str] = {}
    for (reading, word), _ in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        if reading not in best and reading not in taken and word not in taken and reading not in written:
            best[reading] = word
    groups: dict[str, list[str]] = {}
    for reading, word in best.items():
        groups.setdefault(word, []).append(reading)
    return [{"to": word, "from": sorted(found, key=lambda r: (-len(r), r))} for word, found in sorted(groups.items())]


def _noun_reading(word: str) -> str:
    """The whole word's reading in hiragana when every part of it is a noun (Janome reads ギフト券 as two nouns, ギフト
    and 券), else "": the reading of a verb's ending is inside too many other words (来ません: きません, in
    できません)."""
    tokens = list(_tokenizer().tokenize(word))
    if not tokens or any(not t.part_of_speech.startswith("名詞") or t.reading == "*" for t in tokens):
        return ""
    return _hiragana("".join(token.reading for token in tokens))


def reader_readings(groups: list[dict], taken: set[str]) -> list[dict]:
    """Synonym groups {"to": the group's site word, "from": readings} for the readers' kanji words of docs/search.yml
    (the `from` of each group in `groups`): a reader who leaves ぎふとけん unconverted means ギフト券. Nouns only, and
    the same limits as `readings`: three kana or more, and never a word of `taken`."""
    found: dict[str, list[str]] = {}
    seen = set(taken)
    for group in groups:
        for word in group["from"]:
            if not _KANJI.search(word):
                continue
            reading = _noun_reading(word)
            if len(reading) >= MIN_KANA and _KANA.fullmatch(reading) and reading not in seen:
                seen.add(reading)
                found.setdefault(group["to"], []).append(reading)
    return [{"to": to, "from": sorted(words, key=lambda r: (-len(r), r))} for to, words in found.items()]
