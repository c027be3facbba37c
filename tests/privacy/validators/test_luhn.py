from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from privacy.validators.luhn import has_card_iin, is_luhn_valid, luhn_check_digit


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        pytest.param("79927398713", True, id="wikipedia-example"),
        pytest.param("4111111111111111", True, id="visa-test-card"),
        pytest.param("5555555555554444", True, id="mastercard-test-card"),
        pytest.param("6222021234567890128", True, id="unionpay-19"),
        pytest.param("4111111111111112", False, id="visa-last-digit-wrong"),
        pytest.param("6222021234567890123", False, id="unionpay-example-fails-luhn"),
        pytest.param("41111111111111x1", False, id="not-digits"),
        pytest.param("４１１１１１１１１１１１１１１１", False, id="full-width-digits"),
    ],
)
def test_is_luhn_valid(number: str, valid: bool) -> None:
    assert is_luhn_valid(number) is valid


@pytest.mark.parametrize(
    ("number", "card"),
    [
        pytest.param("4111111111111111", True, id="visa"),
        pytest.param("5105105105105100", True, id="mastercard-51"),
        pytest.param("2221000000000009", True, id="mastercard-2-series"),
        pytest.param("6222021234567890128", True, id="unionpay"),
        pytest.param("3530111333300000", True, id="jcb"),
        pytest.param("2024050112345678", False, id="date-like-order-number"),
        pytest.param("1714521600000000", False, id="timestamp-like"),
        pytest.param("9999999999999999", False, id="no-network-starts-with-9"),
    ],
)
def test_has_card_iin(number: str, card: bool) -> None:
    assert has_card_iin(number) is card


@given(st.text(alphabet="0123456789", min_size=1, max_size=24))
def test_check_digit_makes_number_valid_and_others_invalid(partial: str) -> None:
    digit = luhn_check_digit(partial)
    assert is_luhn_valid(partial + str(digit))
    for other in set(range(10)) - {digit}:
        assert not is_luhn_valid(partial + str(other))
