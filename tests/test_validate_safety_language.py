"""The judgements behind SAFE001, SAFE002 and LANG, sentence by sentence (fast: no tree is validated). The fixtures
(bad/ and near/) show the same rules at work through `make validate`."""

from __future__ import annotations

import pytest

from scripts.validate.language import ENGLISH_PAGE, FUNCTION_WORDS, JAPANESE_PAGE, function_words, letters
from scripts.validate.safety import password_like, sharing_instruction

SHARING = [
    "Send the security code you received to Customer Service by email.",
    "Please tell the caller your password.",
    "Read the code out to the agent.",
    "Then forward the email with the code to Amazon.",
    "You should share your password with support.",
    "If asked, give them the one-time password.",
    "届いたセキュリティコードを、メールでカスタマーサービスに送ってください。",
    "パスワードを家族と共有しましょう。",
    "確認コードは電話で読み上げてください。",
    "コードをサポート担当者に伝えても大丈夫です。",
]
WARNINGS = [
    "Never share your code.",
    "Do not send the code to anyone.",
    "If someone asks you to read out the code, hang up.",
    "Amazon sends a security code to your email.",
    "Enter the code on Amazon's sign-in page.",
    "Nobody legitimate will ask you to tell them your password.",
    "Tell readers to enter a code or password only on Amazon's own page.",
    "If you use several services, give each one its own password.",
    "コードを教えないでください。",
    "コードは誰にも伝えない。",
    "「コードを教えてください」と言われたら詐欺です。",
    "コードを教えてと言われたら、電話を切ります。",
    "届いたコードを入力してください。",
    "受け付けられなければ、新しいコードを送ってもらいます。",
    "Amazonはコードを電話で聞きません。",
]


@pytest.mark.parametrize("sentence", SHARING)
def test_an_instruction_to_pass_on_a_code_is_found(sentence: str) -> None:
    assert sharing_instruction(sentence)


@pytest.mark.parametrize("sentence", WARNINGS)
def test_warnings_reports_and_sign_in_steps_pass(sentence: str) -> None:
    assert not sharing_instruction(sentence)


@pytest.mark.parametrize(
    ("token", "example"),
    [
        ("Sakura#2026!Amzn", False),
        ("P@ssw0rd", False),
        ("Password123", False),
        ("abc123!", True),
        ("Sakura2026", True),
        ("`Sakura#2026!Amzn`.", False),
    ],
)
def test_password_like_tokens(token: str, example: bool) -> None:
    assert password_like(token, example)


@pytest.mark.parametrize(
    ("token", "example"),
    [
        ("800-63B-4", False),
        ("LINK002", True),
        ("docs/en/reset/index.md:12:", False),
        ("mkdocs.en.yml", False),
        ("MARK=reset/index.md", False),
        ("iPhone15", False),
        ("SP800-63B", False),
        ("#enter-code", False),
        ("123456", True),
        ("password123", False),
        ("https://www.amazon.co.jp/", True),
    ],
)
def test_identifiers_codes_and_addresses_are_not_passwords(token: str, example: bool) -> None:
    assert not password_like(token, example)


def test_quoted_labels_addresses_and_dotted_names_are_not_counted() -> None:
    assert letters("「パスワードを忘れた場合」 (Forgot password) on amazon.co.jp, https://例.jp/") == (0, 16)
    assert letters("迷惑メールおまかせブロック (auto spam block)") == (13, 13)


def test_english_sentences_have_function_words_and_lists_of_names_do_not() -> None:
    assert function_words("The guide page has a table, a diagram and a picture.") >= FUNCTION_WORDS
    assert function_words("発行元：News 12 Westchester、Euro Weekly News") == 0
    assert function_words("Recover Your Account（A4、A17）") == 1  # "A4" is a citation, not the article


def test_thresholds_are_those_the_checks_page_states() -> None:
    assert ENGLISH_PAGE == (8, 0.7)
    assert JAPANESE_PAGE == (24, 0.9)
    assert FUNCTION_WORDS == 3
