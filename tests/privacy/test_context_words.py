"""Context words really move scores, in English and in Chinese.

Each pair is the same value with and without a context word; if context boosting silently
stopped working (empty lemmas, a tokenizer that glues or splits the word), the pair would
score the same and these tests would fail.
"""

from __future__ import annotations

import pytest
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer

from privacy import PrivacyScanner
from privacy.nlp import ChineseSegmenter, OfflineNlpEngine
from privacy.recognizers.verification_code_recognizer import BeaconVerificationCodeRecognizer

HEX = "e9873d79c6d87dc0fb6a5778633389f4453213303da61f20bd67fc233aa33262"

PAIRS = [
    # (name, entity, with context, without context, value)
    ("en 2FA code", "VERIFICATION_CODE", "2FA code 482913", "room 482913", "482913"),
    ("en code is", "VERIFICATION_CODE", "the sms code is 482913", "the total is 482913", "482913"),
    ("en otp after", "VERIFICATION_CODE", "482913 is my otp", "482913 is my number", "482913"),
    ("en UID", "ACCOUNT_ID", "my UID is 61401355", "my lucky number is 61401355", "61401355"),
    ("en user id", "ACCOUNT_ID", "user id 61401355 here", "block 61401355 here", "61401355"),
    ("en private key", "PRIVATE_KEY", f"my private key {HEX}", f"look at this {HEX}", HEX),
    ("zh 验证码", "VERIFICATION_CODE", "验证码 482913", "房间 482913", "482913"),
    ("zh 谷歌验证码 glued", "VERIFICATION_CODE", "谷歌验证码482913", "房间号482913", "482913"),
    ("zh 用户ID", "ACCOUNT_ID", "我的用户ID是61401355", "我的幸运数字是61401355", "61401355"),
    ("zh 账户ID", "ACCOUNT_ID", "账户ID：61401355", "数量：61401355", "61401355"),
    ("zh 私钥", "PRIVATE_KEY", f"这是我的私钥{HEX}", f"这是我的{HEX}", HEX),
    (
        "zh 密码",
        "PASSWORD",
        "登录密码忘了，试了Master19896654也不行",
        "昨天看了Master19896654也不行",
        "Master19896654",
    ),
]


def _score(scanner: PrivacyScanner, text: str, entity: str, value: str) -> float:
    """Best raw score (before thresholds) for ``entity`` on ``value``."""
    results = scanner.analyzer.analyze(text=text, language=_language(text), score_threshold=0)
    return max(
        (r.score for r in results if r.entity_type == entity and text[r.start : r.end] == value),
        default=0.0,
    )


def _language(text: str) -> str:
    from privacy.language import detect_language

    return detect_language(text)


@pytest.mark.parametrize(
    ("name", "entity", "with_context", "without", "value"), PAIRS, ids=[p[0] for p in PAIRS]
)
def test_context_word_raises_the_score_over_the_line(
    privacy_scanner: PrivacyScanner,
    name: str,
    entity: str,
    with_context: str,
    without: str,
    value: str,
) -> None:
    boosted = _score(privacy_scanner, with_context, entity, value)
    plain = _score(privacy_scanner, without, entity, value)
    assert boosted > plain
    assert boosted >= privacy_scanner.threshold(entity) > plain
    assert any(f.type == entity for f in privacy_scanner.scan(with_context).findings)
    assert not any(f.type == entity for f in privacy_scanner.scan(without).findings)


def test_boost_is_presidios_factor(privacy_scanner: PrivacyScanner) -> None:
    assert _score(privacy_scanner, "2FA code 482913", "VERIFICATION_CODE", "482913") == 0.2 + 0.35
    assert _score(privacy_scanner, "验证码 482913", "VERIFICATION_CODE", "482913") == 0.2 + 0.35
    # After the value: slightly weaker, still over the line.
    assert _score(privacy_scanner, "482913 is my otp", "VERIFICATION_CODE", "482913") == 0.5


@pytest.fixture(scope="module")
def segmenter() -> ChineseSegmenter:
    return ChineseSegmenter()


@pytest.mark.parametrize(
    ("word", "tokens"),
    [
        ("密码", ["密码"]),
        ("私钥", ["私钥"]),
        ("助记词", ["助记词"]),
        ("验证码", ["验证码"]),
        ("谷歌验证码", ["谷歌验证码"]),
        ("用户ID", ["用户", "ID"]),  # the ASCII part is its own token; "用户id" still matches
        ("API密钥", ["API", "密钥"]),
    ],
)
def test_chinese_context_words_survive_segmentation(
    segmenter: ChineseSegmenter, word: str, tokens: list[str]
) -> None:
    text = f"请问我的{word}是什么"
    words = segmenter.segment(text)
    assert "".join(words) == text
    at = words.index(tokens[0])
    assert words[at : at + len(tokens)] == tokens


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "my otp is 482913"), ("zh", "您的验证码是482913")],
)
def test_blank_pipelines_now_have_lemmas_for_presidios_own_enhancer(
    language: str, text: str
) -> None:
    """Presidio's stock LemmaContextAwareEnhancer fires too, because lemmas are not empty."""
    engine = OfflineNlpEngine()
    registry = RecognizerRegistry(
        recognizers=[BeaconVerificationCodeRecognizer(supported_language=language)],
        supported_languages=[language],
    )
    analyzer = AnalyzerEngine(
        registry=registry,
        nlp_engine=engine,
        supported_languages=[language],
        context_aware_enhancer=LemmaContextAwareEnhancer(),
    )
    artifacts = engine.process_text(text, language)
    assert all(artifacts.lemmas)
    scores = [r.score for r in analyzer.analyze(text=text, language=language)]
    assert scores == [pytest.approx(0.55)]
