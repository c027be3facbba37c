from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given
from hypothesis import strategies as st

from privacy.recognizers.phone_recognizer import BeaconPhoneRecognizer
from tests.privacy.timing import RECOGNIZER_CPU_BOUND_SECONDS, best_cpu_seconds

ENTITY = "PHONE_NUMBER"
RECOGNIZERS = {lang: BeaconPhoneRecognizer(supported_language=lang) for lang in ("en", "zh")}


def found(lang: str, text: str) -> list[tuple[int, int, float]]:
    results = RECOGNIZERS[lang].analyze(text, entities=[ENTITY], nlp_artifacts=None)
    assert all(result.entity_type == ENTITY for result in results)
    return sorted((result.start, result.end, round(result.score, 2)) for result in results)


def spans(text: str, *expected: tuple[str, float]) -> list[tuple[int, int, float]]:
    return sorted((text.index(v), text.index(v) + len(v), score) for v, score in expected)


CASES = [
    pytest.param("zh", "我的手机号13812345678谢谢", [("13812345678", 0.85)], id="zh-touching"),
    pytest.param("zh", "电话：138 1234 5678", [("138 1234 5678", 0.85)], id="zh-spaces"),
    pytest.param("zh", "联系我138-1234-5678", [("138-1234-5678", 0.85)], id="zh-dashes"),
    pytest.param("zh", "+86 138 1234 5678 张三", [("+86 138 1234 5678", 1.0)], id="zh-plus86"),
    pytest.param("zh", "0086 13912345678", [("0086 13912345678", 1.0)], id="zh-0086"),
    pytest.param("zh", "加我19912345678", [("19912345678", 0.5)], id="zh-bare-mobile"),
    pytest.param("zh", "微信id是15912345678", [("15912345678", 0.85)], id="zh-wechat-beats-id"),
    pytest.param("en", "call me +44 20 7946 0958", [("+44 20 7946 0958", 1.0)], id="en-uk"),
    pytest.param("en", "+1 415 555 2671 anytime", [("+1 415 555 2671", 1.0)], id="en-us-spaces"),
    pytest.param("en", "US: +1 (415) 555-2671", [("+1 (415) 555-2671", 1.0)], id="en-us-parens"),
    pytest.param("en", "whatsapp +6591234567", [("+6591234567", 1.0)], id="en-sg-e164"),
    pytest.param("en", "my phone 13812345678", [("13812345678", 0.85)], id="en-cn-mobile"),
    pytest.param(
        "en",
        "+44 20 7946 0958 or +1 415 555 2671",
        [("+44 20 7946 0958", 1.0), ("+1 415 555 2671", 1.0)],
        id="en-two-numbers",
    ),
    pytest.param("en", "call me 415-555-2671", [("415-555-2671", 0.85)], id="en-us-national"),
    pytest.param(
        "en", "my phone number is (415) 555-2671", [("(415) 555-2671", 0.85)], id="en-us-area"
    ),
    pytest.param("zh", "手机13812345678，10点后打", [("13812345678", 0.85)], id="zh-comma-number"),
    # Not phone numbers.
    pytest.param("en", "415-555-2671", [("415-555-2671", 0.4)], id="en-us-national-bare"),
    pytest.param("en", "I have 15000000000 pepe tokens", [], id="en-round-amount"),
    pytest.param("zh", "我有 13512345678 个 SHIB", [], id="zh-amount-with-unit"),
    pytest.param("en", "17176163651 shib in my wallet", [], id="en-amount-with-ticker"),
    pytest.param("en", "sold 13912345678 PEPE", [], id="en-amount-with-upper-ticker"),
    pytest.param("zh", "订单号13812345678", [], id="zh-order-number"),
    pytest.param("en", "uid 13812345678", [], id="en-uid"),
    pytest.param("zh", "区块高度13812345678", [], id="zh-block-height"),
    pytest.param("zh", "14012345678", [], id="zh-invalid-prefix-140"),
    pytest.param("en", "price 12,345.67 USDT", [], id="en-amount"),
    pytest.param("en", "listed on 2024-05-01 12:30:45", [], id="en-date-time"),
    pytest.param("en", "upgrade to v1.2.3 or 10.13.812.345", [], id="en-versions"),
    pytest.param("en", "ts 1714521600000", [], id="en-ms-timestamp"),
    pytest.param("en", "0.13812345678 BTC", [], id="en-decimal"),
    pytest.param("en", "13812345678.5 USDT", [], id="en-amount-decimals"),
    pytest.param("en", "-13812345678", [], id="en-negative-number"),
    pytest.param("en", "138123456789", [], id="en-12-digits"),
    pytest.param("en", "+1 +1 +1 agreed", [], id="en-votes"),
    pytest.param("en", "+12.5% today", [], id="en-percent-change"),
    pytest.param("en", "+1234567890", [], id="en-too-short-for-us"),
    pytest.param("zh", "涨了+2024-05-01", [], id="zh-plus-date"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_cases(lang: str, text: str, expected: list[tuple[str, float]]) -> None:
    assert found(lang, text) == spans(text, *expected)


REGIONS = ["GB", "US", "DE", "FR", "JP", "KR", "HK", "SG", "RU", "BR", "IN", "AU", "AE", "TR"]


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize(
    "number_format",
    [phonenumbers.PhoneNumberFormat.INTERNATIONAL, phonenumbers.PhoneNumberFormat.E164],
    ids=["international", "e164"],
)
def test_libphonenumber_example_mobiles_are_found(region: str, number_format: int) -> None:
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    assert example is not None
    number = phonenumbers.format_number(example, number_format)
    text = f"手机 {number}，谢谢"
    assert found("zh", text) == spans(text, (number, 1.0))


@given(
    st.sampled_from(["13", "14", "15", "16", "17", "18", "19"]),
    st.text(alphabet="0123456789", min_size=9, max_size=9),
    st.sampled_from(["{}{}{}", "{} {} {}", "{}-{}-{}"]),
)
def test_cn_mobiles_are_found_exactly_when_libphonenumber_says_valid(
    prefix: str, rest: str, layout: str
) -> None:
    digits = prefix + rest
    number = layout.format(digits[:3], digits[3:7], digits[7:])
    valid = phonenumbers.is_valid_number(phonenumbers.parse(digits, "CN"))
    text = f"手机号{number}谢谢"
    assert found("zh", text) == (spans(text, (number, 0.85)) if valid else [])


@given(st.integers(10**15, 10**19))
def test_long_numbers_are_never_mobiles(number: int) -> None:
    assert found("zh", f"手机号{number}") == []


CRAFTED = [
    "+1 " * 1366,
    ("+1" + " 1" * 7 + "x") * 256,
    "1" * 4096,
    "138 1234 5678" * 316,
    ("2024-05-01 12:30:45 " * 205),
    "0086" * 1024,
]


@pytest.mark.parametrize("text", CRAFTED, ids=range(len(CRAFTED)))
def test_crafted_4096_char_message_scans_fast(text: str) -> None:
    text = text[:4096]
    best = best_cpu_seconds(
        lambda: RECOGNIZERS["en"].analyze(text, entities=[ENTITY], nlp_artifacts=None)
    )
    assert best < RECOGNIZER_CPU_BOUND_SECONDS, f"{best * 1000:.1f} ms CPU"
