"""PrivacyScanner: fast path, overlaps, offsets into the original text, language, policy."""

from __future__ import annotations

from typing import Any

import pytest
from presidio_analyzer import RecognizerResult

from privacy import PrivacyScanner, Severity, redact
from privacy.language import detect_language
from privacy.prefilter import Prefilter
from privacy.scanner import resolve_overlaps

HEX = "e9873d79c6d87dc0fb6a5778633389f4453213303da61f20bd67fc233aa33262"
GROUPED = " ".join(HEX[i : i + 8] for i in range(0, 64, 8))


class ExplodingAnalyzer:
    """Stands in for Presidio where the fast path must not reach it."""

    def analyze(self, **kwargs: Any) -> list[RecognizerResult]:
        raise AssertionError(f"full analysis ran for {kwargs.get('text')!r}")


CLEAN_CHAT = [
    "gm everyone",
    "when listing?",
    "lol this market is crazy today",
    "thanks admin, it arrived",
    "anyone else having trouble logging in on the app?",
    "大家好",
    "提现审核要多久啊",
    "谢谢客服，已经到账了",
    "今天 BTC 好猛",
    "KYC 通过了 thanks",
    "ETH 又涨了",
]


@pytest.mark.parametrize("text", CLEAN_CHAT)
def test_clean_chat_takes_the_fast_path(text: str) -> None:
    scanner = PrivacyScanner(ExplodingAnalyzer(), prefilter=Prefilter())  # type: ignore[arg-type]
    result = scanner.scan(text)
    assert result.findings == [] and not result.private


def test_scan_full_skips_the_fast_path() -> None:
    scanner = PrivacyScanner(ExplodingAnalyzer(), prefilter=Prefilter())  # type: ignore[arg-type]
    with pytest.raises(AssertionError, match="full analysis ran"):
        scanner.scan_full("gm everyone")


FOUND = [
    ("password", "password: hunter2!", [("PASSWORD", "hunter2!")]),
    ("private key beats tx hash", f"my private key is {HEX}", [("PRIVATE_KEY", HEX)]),
    ("bare hash is a tx hash", f"{HEX}", [("TX_HASH", HEX)]),
    (
        "uid and code",
        "UID 61401355, 验证码 482913",
        [("ACCOUNT_ID", "61401355"), ("VERIFICATION_CODE", "482913")],
    ),
    ("mixed zh/en", "my 验证码 is 482913 thanks", [("VERIFICATION_CODE", "482913")]),
    ("seed", "seed: " + "abandon " * 11 + "about", [("SEED_PHRASE", "abandon " * 11 + "about")]),
    (
        "api secret",
        "secretKey=NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjIn",
        [("API_SECRET", "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjIn")],
    ),
    # Secrets split by spaces or dashes are matched whole by the recognizers' patterns.
    ("card in groups", "卡号 6222 0212 3456 7890 128", [("BANK_CARD", "6222 0212 3456 7890 128")]),
    (
        "card with dashes",
        "card 6222-0212-3456-7890-128",
        [("BANK_CARD", "6222-0212-3456-7890-128")],
    ),
    ("otp in two groups", "OTP 123 456", [("VERIFICATION_CODE", "123 456")]),
    ("hex key in groups of 8", f"my private key: {GROUPED}", [("PRIVATE_KEY", GROUPED)]),
]


@pytest.mark.parametrize(("name", "text", "expected"), FOUND, ids=[f[0] for f in FOUND])
def test_findings(
    privacy_scanner: PrivacyScanner, name: str, text: str, expected: list[tuple[str, str]]
) -> None:
    result = privacy_scanner.scan(text)
    assert [(f.type, text[f.start : f.end]) for f in result.findings] == expected
    assert result.private


@pytest.mark.parametrize(
    "text",
    [
        "api key 0xdAC17F958D2ee523a2206206994597C13D831ec7",
        "my deposit address 0x6982508145454Ce325dDbE47a25d4ec3d2311933",
        "password: TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
        "我的地址 0x000000000000000000000000000000000000dEaD",
    ],
)
def test_a_listed_public_address_is_never_private(
    privacy_scanner: PrivacyScanner, text: str
) -> None:
    assert privacy_scanner.scan(text).findings == []


def test_offsets_index_the_original_full_width_text(privacy_scanner: PrivacyScanner) -> None:
    text = "密码：Ａｂｃ１２３４５，谢谢"
    [finding] = privacy_scanner.scan(text).findings
    assert text[finding.start : finding.end] == "Ａｂｃ１２３４５"
    assert redact(text, [finding]) == "密码：[PASSWORD]，谢谢"


def test_offsets_index_the_original_zero_width_text(privacy_scanner: PrivacyScanner) -> None:
    text = "2FA code 48\u200b29\u200b13 pls"
    [finding] = privacy_scanner.scan(text).findings
    assert (finding.type, text[finding.start : finding.end]) == (
        "VERIFICATION_CODE",
        "48\u200b29\u200b13",
    )
    assert redact(text, [finding]) == "2FA code [VERIFICATION_CODE] pls"


def test_zero_width_characters_do_not_hide_a_seed(privacy_scanner: PrivacyScanner) -> None:
    words = ("abandon " * 11 + "about").split()
    text = "recovery words " + " ".join(w[:2] + "\u2060" + w[2:] for w in words)
    [finding] = privacy_scanner.scan(text).findings
    assert finding.type == "SEED_PHRASE"
    assert text[finding.start : finding.end] == text[len("recovery words ") :]


@pytest.mark.parametrize("joiner", ["\u200b", "\u200c", "\u2060", "\ufeff\u200b"])
def test_seed_words_joined_only_by_zero_width_characters(
    privacy_scanner: PrivacyScanner, joiner: str
) -> None:
    phrase = joiner.join(("abandon " * 11 + "about").split())
    text = f"my seed {phrase} thanks"
    [finding] = privacy_scanner.scan(text).findings
    assert (finding.type, text[finding.start : finding.end]) == ("SEED_PHRASE", phrase)
    assert privacy_scanner.scan_full(text).findings == [finding]


def test_severity_and_policy(privacy_scanner: PrivacyScanner) -> None:
    result = privacy_scanner.scan("UID 61401355")
    assert [(f.type, f.severity) for f in result.findings] == [("ACCOUNT_ID", Severity.SENSITIVE)]
    assert result.private and not result.critical
    assert privacy_scanner.scan("password: hunter2!").critical


def test_thresholds_are_injected() -> None:
    from privacy import DEFAULT_THRESHOLDS, build_scanner

    strict = build_scanner(thresholds={"VERIFICATION_CODE": 0.9})
    assert strict.threshold("VERIFICATION_CODE") == 0.9
    assert strict.threshold("ACCOUNT_ID") == DEFAULT_THRESHOLDS["ACCOUNT_ID"]
    assert not strict.scan("验证码 482913").private
    assert strict.scan("password: hunter2!").private
    assert strict.scan("UID 61401355").private  # other types keep the default line


def test_official_email_domains_are_not_private() -> None:
    from privacy import build_scanner

    scanner = build_scanner(official_email_domains=["example-exchange.com"])
    assert not scanner.scan("email support@example-exchange.com for appeals").private
    assert scanner.scan("my email is alice.chen@protonmail.com").private


@pytest.mark.parametrize("text", ["", "   ", "\u200b\u200b", "\n"])
def test_empty_messages(privacy_scanner: PrivacyScanner, text: str) -> None:
    assert privacy_scanner.scan(text).findings == []
    assert privacy_scanner.scan_full(text).findings == []


LANGUAGES = [
    ("english", "where is my UID?", "en"),
    ("chinese", "提现审核要多久啊", "zh"),
    ("mixed, chinese words", "充值 USDT not arrived", "zh"),
    ("one hanzi among few letters", "UID是", "zh"),
    ("one hanzi among many letters", "thanks for the help with my withdrawal 谢", "en"),
    ("digits only", "482913", "en"),
]


@pytest.mark.parametrize(("name", "text", "language"), LANGUAGES, ids=[x[0] for x in LANGUAGES])
def test_language(name: str, text: str, language: str) -> None:
    assert detect_language(text) == language


def _result(entity: str, start: int, end: int, score: float) -> RecognizerResult:
    return RecognizerResult(entity_type=entity, start=start, end=end, score=score)


OVERLAPS = [
    (
        "disjoint kept, text order",
        [_result("PASSWORD", 10, 18, 0.85), _result("ACCOUNT_ID", 0, 8, 0.55)],
        [("ACCOUNT_ID", 0, 8), ("PASSWORD", 10, 18)],
    ),
    (
        "higher score wins",
        [_result("TX_HASH", 0, 64, 0.5), _result("PRIVATE_KEY", 0, 64, 0.95)],
        [("PRIVATE_KEY", 0, 64)],
    ),
    (
        "tie: more specific wins",
        [_result("ACCOUNT_ID", 5, 13, 0.55), _result("VERIFICATION_CODE", 5, 13, 0.55)],
        [("VERIFICATION_CODE", 5, 13)],
    ),
    (
        "tie, same type: longer wins",
        [_result("PASSWORD", 0, 4, 0.85), _result("PASSWORD", 0, 8, 0.85)],
        [("PASSWORD", 0, 8)],
    ),
    (
        "partial overlap: loser dropped, neighbours kept",
        [
            _result("EMAIL_ADDRESS", 5, 20, 1.0),
            _result("ACCOUNT_ID", 0, 9, 0.55),
            _result("PHONE_NUMBER", 20, 31, 0.5),
        ],
        [("EMAIL_ADDRESS", 5, 20), ("PHONE_NUMBER", 20, 31)],
    ),
]


@pytest.mark.parametrize(("name", "results", "expected"), OVERLAPS, ids=[o[0] for o in OVERLAPS])
def test_resolve_overlaps(
    name: str, results: list[RecognizerResult], expected: list[tuple[str, int, int]]
) -> None:
    assert [(r.entity_type, r.start, r.end) for r in resolve_overlaps(results)] == expected
