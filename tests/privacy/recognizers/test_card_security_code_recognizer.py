"""A card's security code (reported as BANK_CARD): named matches and non-matches."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privacy import build_scanner
from privacy.prefilter import Prefilter
from privacy.recognizers.card_security_code_recognizer import BeaconCardSecurityCodeRecognizer
from privacy.redact import redact
from tests.privacy.recognizers._context import found

RECOGNIZER = BeaconCardSecurityCodeRecognizer(supported_language="en")

POSITIVES = [
    ("after the card", "card 4111 1111 1111 1111 exp 11/26 cvv 318", "318"),
    ("cvv is", "my card cvv is 318, why is the payment declined", "318"),
    ("CVC colon", "CVC: 905", "905"),
    ("cvv2 no.", "cvv2 no. 771", "771"),
    ("amex four digits", "amex security code 5521", "5521"),
    ("card verification value", "card verification value = 640", "640"),
    ("glued", "cvv318 exp 0927", "318"),
    ("cvv code", "CVV code - 482", "482"),
    ("credit card security code", "credit card security code 640, expires 09/27", "640"),
    ("zh 安全码 beside the card number", "安全码 318，卡号后四位1111", "318"),
    ("zh 安全码是", "卡安全码是582 为什么绑不上", "582"),
    ("zh cvv码", "cvv码：906", "906"),
    ("zh 背面三位", "卡背面三位数是 582", "582"),
    ("zh 背后的后三位", "卡片背后的后三位 417 要填吗", "417"),
]

NEGATIVES = [
    ("what is it", "what is cvv? the 3 digit code on the back"),
    ("words between", "where do I find the cvv on card 2024 model"),
    ("an example", "cvc 123 expiry 09/27"),
    ("repeated digits", "cvv 000"),
    ("masked", "cvv ***"),
    ("part of a longer number", "cvv 31855"),
    ("a decimal", "cvv 3.18"),
    ("inside a word", "xcvv 318"),
    ("no name", "i paid 318 usdt with my card"),
    ("zh exchange security code", "资金安全码 4821"),
    ("zh 安全码 with no card word", "安全码 318 发你了"),
    # A site's own "security code" is a one-time code (VERIFICATION_CODE), not a card's.
    ("bare security code", "security code 4821"),
    ("an error number", "security code 404 error"),
    ("a duration", "cvv is 120 seconds valid?"),
    ("glued unit", "cvv 300s too short"),
    ("zh days", "卡安全码为 365 天有效"),
    ("zh seconds", "卡安全码 120 秒就过期了"),
    ("zh times", "卡安全码 100 次"),
    ("csc is not a card word", "CSC 2023 annual report"),
    ("zh question", "安全码在卡的哪里？"),
    ("last four digits", "卡号后四位1111"),
]


@pytest.mark.parametrize(("name", "text", "value"), POSITIVES, ids=[p[0] for p in POSITIVES])
def test_finds_the_security_code(name: str, text: str, value: str) -> None:
    assert found(RECOGNIZER, text) == [value]


@pytest.mark.parametrize(("name", "text"), NEGATIVES, ids=[n[0] for n in NEGATIVES])
def test_ignores_what_is_not_a_code(name: str, text: str) -> None:
    assert found(RECOGNIZER, text) == []


def test_the_scanner_removes_the_code_and_names_it_card_details() -> None:
    text = "card 4111 1111 1111 1111 exp 11/26 cvv 318"
    result = build_scanner().scan(text)
    assert [f.type for f in result.findings] == ["BANK_CARD", "BANK_CARD"]
    assert redact(text, result.findings) == "card [BANK_CARD] exp 11/26 cvv [BANK_CARD]"


codes = (
    st.integers(100, 9999).map(str).filter(lambda c: len(set(c)) > 1 and c not in {"123", "1234"})
)
names = st.sampled_from(
    ["cvv ", "CVV: ", "cvc2 is ", "visa security code ", "Card Security Code = "]
)


@settings(max_examples=80, deadline=None)
@given(name=names, code=codes, before=st.sampled_from(["", "my ", "ok, "]))
def test_any_code_after_its_name_is_found_and_passes_the_fast_path(
    name: str, code: str, before: str
) -> None:
    text = f"{before}{name}{code}"
    assert found(RECOGNIZER, text) == [code]
    assert "BANK_CARD" in Prefilter().candidates(text)
