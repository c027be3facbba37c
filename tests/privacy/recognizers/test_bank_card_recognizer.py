from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from privacy.recognizers.bank_card_recognizer import BeaconBankCardRecognizer
from privacy.validators.luhn import luhn_check_digit
from tests.privacy.timing import RECOGNIZER_CPU_BOUND_SECONDS, best_cpu_seconds

ENTITY = "BANK_CARD"
RECOGNIZERS = {lang: BeaconBankCardRecognizer(supported_language=lang) for lang in ("en", "zh")}

UNIONPAY = "6222021234567890128"  # 19 digits, Luhn-valid
VISA = "4111111111111111"
MASTERCARD = "5555555555554444"
# A 16-digit order number made Luhn-valid on purpose: no card network starts with 2024.
ORDER_LUHN_VALID = "202405011234567" + str(luhn_check_digit("202405011234567"))
# A valid resident ID (GB 11643) that also passes Luhn with a card prefix: an ID unless a card
# word, and no ID word, is nearby.
ID_AND_LUHN = "450103196307138692"


def found(lang: str, text: str) -> list[tuple[int, int, float]]:
    results = RECOGNIZERS[lang].analyze(text, entities=[ENTITY], nlp_artifacts=None)
    assert all(result.entity_type == ENTITY for result in results)
    return sorted((result.start, result.end, round(result.score, 2)) for result in results)


def spans(text: str, *values: str) -> list[tuple[int, int, float]]:
    return sorted((text.index(v), text.index(v) + len(v), 1.0) for v in values)


def grouped(number: str, separator: str = " ") -> str:
    return separator.join(number[i : i + 4] for i in range(0, len(number), 4))


CASES = [
    pytest.param("zh", f"卡号{UNIONPAY}谢谢", [UNIONPAY], id="zh-unionpay-touching"),
    pytest.param(
        "zh", f"银行卡：{grouped(UNIONPAY)}，付款失败", [grouped(UNIONPAY)], id="zh-unionpay-spaces"
    ),
    pytest.param(
        "zh", f"{grouped(VISA, '-')}是我的信用卡", [grouped(VISA, "-")], id="zh-visa-dashes"
    ),
    pytest.param("en", f"my card {VISA} got declined", [VISA], id="en-visa"),
    pytest.param("en", f"card: {grouped(MASTERCARD)}", [grouped(MASTERCARD)], id="en-mastercard"),
    pytest.param("en", f"{VISA} and {MASTERCARD}", [VISA, MASTERCARD], id="en-two-cards"),
    pytest.param(
        "en", f"order {VISA} but the bank card is the same", [VISA], id="en-card-word-wins"
    ),
    pytest.param("en", "amex 3782 822463 10005", ["3782 822463 10005"], id="en-amex-4-6-5"),
    pytest.param("en", "amex 378282246310005", ["378282246310005"], id="en-amex-bare"),
    pytest.param(
        "zh", f"银行卡 {ID_AND_LUHN} 提现", [ID_AND_LUHN], id="zh-id-shaped-card-with-card-word"
    ),
    # Not card numbers.
    pytest.param("en", "amex 3782 822463 10006", [], id="en-amex-luhn-fails"),
    pytest.param("en", "card 4111111111111112", [], id="en-luhn-fails"),
    pytest.param("zh", "卡号6222 0212 3456 7890 123", [], id="zh-unionpay-shape-luhn-fails"),
    pytest.param("en", f"order {ORDER_LUHN_VALID}", [], id="en-order-no-iin"),
    pytest.param("zh", f"订单号{VISA}", [], id="zh-order-word"),
    pytest.param("en", "ts 1714521600000", [], id="en-ms-timestamp"),
    pytest.param("en", "411111111111111", [], id="en-15-digits"),
    pytest.param("en", "41111111111111111111", [], id="en-20-digits"),
    pytest.param("en", f"0.{VISA}", [], id="en-decimal"),
    pytest.param("en", f"{VISA}.5 USDT", [], id="en-amount"),
    pytest.param("en", f"ref{VISA}", [], id="en-inside-a-word"),
    pytest.param("en", "1,234,567,890,123,456", [], id="en-thousands"),
    pytest.param("zh", f"身份证号{ID_AND_LUHN}", [], id="zh-resident-id-passing-luhn"),
    pytest.param("en", f"my ID number {ID_AND_LUHN}", [], id="en-resident-id-passing-luhn"),
    pytest.param("en", f"{ID_AND_LUHN} kyc", [], id="en-bare-resident-id"),
    pytest.param("zh", f"身份证{ID_AND_LUHN} 银行卡{UNIONPAY}", [UNIONPAY], id="zh-id-then-card"),
]


@pytest.mark.parametrize(("lang", "text", "values"), CASES)
def test_cases(lang: str, text: str, values: list[str]) -> None:
    assert found(lang, text) == spans(text, *values)


# Issuer prefixes of real networks: Visa, Mastercard (both ranges), UnionPay, JCB, Discover.
IINS = ["4", "51", "55", "2221", "2720", "62", "3528", "6011", "65"]


@st.composite
def card_numbers(draw: st.DrawFn) -> str:
    iin = draw(st.sampled_from(IINS))
    length = draw(st.integers(16, 19))
    body = draw(
        st.text(
            alphabet="0123456789", min_size=length - len(iin) - 1, max_size=length - len(iin) - 1
        )
    )
    partial = iin + body
    return partial + str(luhn_check_digit(partial))


@given(card_numbers(), st.data())
def test_valid_cards_are_found_and_any_single_digit_change_is_not(
    number: str, data: st.DataObject
) -> None:
    for text, value in [
        (f"卡号{number}谢谢", number),
        (f"card {grouped(number)}", grouped(number)),
    ]:
        assert found("zh", text) == spans(text, value)
    position = data.draw(st.integers(0, len(number) - 1))
    digit = data.draw(st.sampled_from([d for d in "0123456789" if d != number[position]]))
    corrupted = number[:position] + digit + number[position + 1 :]
    assert found("zh", f"卡号{corrupted}谢谢") == []


CRAFTED = [
    "1" * 4096,
    "4111 1111 1111 1111 " * 205,
    "4111-" * 820,
    "0.4111111111111111 " * 216,
    "1234 " * 820,
]


@pytest.mark.parametrize("text", CRAFTED, ids=range(len(CRAFTED)))
def test_crafted_4096_char_message_scans_fast(text: str) -> None:
    text = text[:4096]
    best = best_cpu_seconds(
        lambda: RECOGNIZERS["en"].analyze(text, entities=[ENTITY], nlp_artifacts=None)
    )
    assert best < RECOGNIZER_CPU_BOUND_SECONDS, f"{best * 1000:.1f} ms CPU"
