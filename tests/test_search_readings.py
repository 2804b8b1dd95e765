"""Kanji words typed in hiragana (scripts/search_readings.py): one synonym per reading of the pages' kanji words."""

from __future__ import annotations

from scripts.search_readings import reader_readings, readings


def test_each_kanji_word_of_the_pages_gets_its_hiragana_reading():
    docs = [{"title": "2段階認証を設定する", "text": "<p>電話番号を<b>確認</b>します。</p>"}]
    groups = {group["to"]: group["from"] for group in readings(docs, taken=set())}
    assert groups["認証"] == ["にんしょう"]
    assert groups["設定"] == ["せってい"]
    assert groups["確認"] == ["かくにん"]


def test_short_taken_and_written_readings_are_left_to_the_reader():
    docs = [{"title": "所と時", "text": "<p>電話を確認します。せっかくなので、かくにんと書くこともあります。</p>"}]
    groups = {group["to"]: group["from"] for group in readings(docs, taken={"でんわ"})}
    assert "所" not in groups  # one character: ところ is inside too many words a reader types
    assert "電話" not in groups  # the project's own synonyms win
    assert "確認" not in groups  # the pages write かくにん themselves: the reader may mean that


def test_the_readers_own_kanji_nouns_get_their_readings_too():
    groups = [
        {"to": "ギフトカード", "from": ["ギフト券"]},
        {"to": "届かない", "from": ["来ません", "こない"]},
        {"to": "本人確認書類", "from": ["身分証", "免許証"]},
    ]
    found = {group["to"]: group["from"] for group in reader_readings(groups, taken={"めんきょしょう"})}
    assert found["ギフトカード"] == ["ぎふとけん"]  # two nouns, read as one word
    assert found["本人確認書類"] == ["みぶんしょう"]  # めんきょしょう is taken: the project's own words win
    assert "届かない" not in found  # a verb's ending (きません) is inside too many words (できません); kana needs none
