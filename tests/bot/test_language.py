"""One language detector: the inbound message, the matcher and the privacy scanner agree."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.answers.tokenize import Analyzer
from bot.answers.tokenize import detect_language as matcher_language
from bot.language import detect_language, normalise_language_code
from privacy.language import detect_language as privacy_language

CASES = [
    ("where is my uid", "en"),
    ("我的UID在哪里", "zh"),
    ("提幣", "zh"),
    # Mixed: a few Chinese characters make it Chinese (Chinese readers are the ones who mix).
    ("how to withdraw my USDT to 钱包", "zh"),
    ("充值 USDT not arrived", "zh"),
    ("how to 提币", "zh"),
    ("UID是", "zh"),
    # One character among many English words is a loan word, not a Chinese message.
    ("thanks for the help with my withdrawal 谢", "en"),
    # Full-width Latin letters are Latin letters.
    ("ｗｈｅｒｅ ｉｓ ｍｙ ｄｅｐｏｓｉｔ", "en"),
    ("𠮷野家 收款", "zh"),  # a character outside the basic CJK block
]


@pytest.mark.parametrize(("text", "lang"), CASES)
def test_every_caller_gets_the_same_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang
    assert matcher_language(text) == lang
    assert privacy_language(text) == lang


def test_the_analyzer_uses_the_same_language() -> None:
    assert Analyzer().analyze("how to withdraw my USDT to 钱包").lang == "zh"


@pytest.mark.parametrize(
    ("text", "hint", "lang"),
    [
        ("482913", "zh-hans", "zh"),  # no letters at all: the user's Telegram language
        ("🚀🚀🚀", "en-GB", "en"),
        ("", None, "en"),
        ("where is my uid", "zh-TW", "en"),  # the text decides when it has letters
        ("提现", "en", "zh"),
    ],
)
def test_the_hint_decides_only_text_without_letters(text: str, hint: str | None, lang: str) -> None:
    assert detect_language(text, hint) == lang


@pytest.mark.parametrize(
    ("code", "lang"),
    [("zh-hans", "zh"), ("zh-TW", "zh"), ("ZH", "zh"), ("en-GB", "en"), (None, "en"), ("ru", "en")],
)
def test_telegram_language_codes(code: str | None, lang: str) -> None:
    assert normalise_language_code(code) == lang


@given(st.text(alphabet=st.sampled_from("ab Z1!钱包提現𠮷ｗ🚀\u3000"), max_size=40))
def test_the_three_never_disagree(text: str) -> None:
    lang = detect_language(text)
    assert lang in ("zh", "en")
    assert matcher_language(text) == lang == privacy_language(text)
