from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.answers.tokenize import Analyzer, Vocabulary, detect_language, normalize
from content import CONTENT_DIR


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(CONTENT_DIR / "jieba_dict.txt")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("提幣三個小時了還沒到帳", "提币三个小时了还没到账"),  # traditional -> simplified, 帐 -> 账
        ("谷歌驗證器", "谷歌验证器"),
        ("ＵＩＤ在哪裡", "uid在哪里"),  # full-width letters
        ("２ＦＡ　ＲＥＳＥＴ", "2fa reset"),  # full-width digits and ideographic space
        ("Withdrawal PENDING", "withdrawal pending"),
        ("ｗｈｅｒｅ ｉｓ ｍｙ ｄｅｐｏｓｉｔ？", "where is my deposit?"),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("where is my uid", "en"),
        ("我的UID在哪里", "zh"),
        ("how to 提币", "zh"),  # two Chinese characters make a mixed message Chinese
        ("what does 韭菜 mean in crypto slang", "zh"),  # the same rule as bot.language
        ("充值没到账 deposit", "zh"),
        ("", "en"),
        ("🚀🚀🚀", "en"),
        ("提幣", "zh"),
    ],
)
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_english_terms_are_stemmed_without_stop_words(analyzer: Analyzer) -> None:
    assert analyzer.analyze("How do I withdraw my deposits?").terms == ("withdraw", "deposit")


def test_short_forms_stem_as_the_full_word(analyzer: Analyzer) -> None:
    assert analyzer.analyze("close my acct, forgot pw, wd to my addy").terms == (
        analyzer.analyze("close my account, forgot password, withdraw to my address").terms
    )


def test_domain_dictionary_keeps_exchange_terms_whole(analyzer: Analyzer) -> None:
    terms = analyzer.analyze("资金费率是什么").terms
    assert "资金费率" in terms
    assert "谷歌验证器" in analyzer.analyze("谷歌验证器丢了").terms


@pytest.mark.parametrize(
    ("text", "bigrams"),
    [
        # 挂|错单: the bigram across jieba's cut still catches "挂错" (placed wrongly).
        ("挂错单", {"挂错", "错单"}),
        # Stop words split the runs: no bigram spans 了 or 还.
        ("提币了还没到", {"提币", "没到"}),
    ],
)
def test_chinese_character_bigrams(analyzer: Analyzer, text: str, bigrams: set[str]) -> None:
    terms = set(analyzer.analyze(text).terms)
    assert bigrams <= terms
    assert not {"币了", "了还", "还没"} & terms


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # 充值|到|账户: "到账" (arrived) would take the first character of 账户 (account).
        ("usdt怎么充值到账户", "到账"),
        ("提币失败", "币失"),
    ],
)
def test_no_bigram_straddles_a_dictionary_word(analyzer: Analyzer, text: str, absent: str) -> None:
    assert absent not in analyzer.analyze(text).terms


def test_short_words_keep_their_spelling(analyzer: Analyzer) -> None:
    # Snowball would stem "apy" (yield) to "api"; a plural s still comes off.
    assert "apy" in analyzer.analyze("what's the apy").terms
    assert "id" in analyzer.analyze("ids").terms


def test_mixed_message_gets_both_scripts(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze("USDT提幣卡住")
    assert "usdt" in analysis.terms
    assert "提币" in analysis.terms
    assert analysis.lang == "zh"


@pytest.mark.parametrize(
    ("typo", "corrected"),
    [
        ("withdrawl", "withdraw"),
        ("depost", "deposit"),
        ("liqudation", "liquid"),
        ("pasword", "password"),
        ("verfication", "verif"),
    ],
)
def test_typos_map_to_known_words(analyzer: Analyzer, typo: str, corrected: str) -> None:
    known = ["withdraw", "deposit", "liquidation", "password", "verification", "funding"]
    vocabulary = Vocabulary(known, [analyzer.stem(w) for w in known])
    assert analyzer.analyze(f"my {typo} problem", vocabulary).terms[0] == corrected


@pytest.mark.parametrize("word", ["gm", "moon", "lambo", "hodl", "xyzzyplugh"])
def test_unrelated_words_are_not_corrected(analyzer: Analyzer, word: str) -> None:
    known = ["withdraw", "deposit", "liquidation", "password", "month", "money"]
    vocabulary = Vocabulary(known, [analyzer.stem(w) for w in known])
    assert analyzer.analyze(word, vocabulary).words == (word,)


def test_without_vocabulary_typos_stay(analyzer: Analyzer) -> None:
    assert analyzer.analyze("withdrawl").words == ("withdrawl",)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_analyses_deterministically(analyzer: Analyzer, text: str) -> None:
    first = analyzer.analyze(text)
    second = analyzer.analyze(text)
    assert first == second
    assert first.lang in {"en", "zh"}
    assert all(term and not any(c.isspace() for c in term) for term in first.terms)
    assert len(first.words) == len(first.stems)


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.one_of(
            st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),  # unified ideographs
            st.characters(min_codepoint=0x3400, max_codepoint=0x4DBF),  # extension A
        ),
        max_size=60,
    )
)
def test_any_cjk_text_is_chinese(analyzer: Analyzer, text: str) -> None:
    analysis = analyzer.analyze(text)
    assert analysis.lang == ("zh" if text else "en")


def test_bigrams_that_are_not_words_are_marked(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze("提币三个小时")
    assert "个小" in analysis.bigram_terms  # crosses a word boundary: fallback only
    assert "提币" not in analysis.bigram_terms  # also a jieba word
    assert analysis.bigram_terms <= set(analysis.terms)
    assert analyzer.analyze("withdraw").bigram_terms == frozenset()
