from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from privacy.validators.cn_id import PROVINCE_CODES, cn_id_check_char, is_valid_cn_resident_id

TODAY = date(2026, 1, 1)


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        pytest.param("11010519491231002X", True, id="gb11643-published-example"),
        pytest.param("11010519491231002x", True, id="lower-case-x"),
        pytest.param("110105194912310021", False, id="wrong-check-digit"),
        pytest.param("99010519491231002X", False, id="unknown-province-99"),
        pytest.param("110105194902300020", False, id="february-30"),
        pytest.param("110105180001010012", False, id="born-before-1900"),
        pytest.param("110105203001010014", False, id="born-in-the-future"),
        pytest.param("11010519491231002", False, id="17-characters"),
        pytest.param("1101051949123100XX", False, id="x-inside"),
    ],
)
def test_is_valid_cn_resident_id(number: str, valid: bool) -> None:
    assert is_valid_cn_resident_id(number, today=TODAY) is valid


def test_check_char_of_published_example() -> None:
    assert cn_id_check_char("11010519491231002") == "X"


@given(
    st.sampled_from(sorted(PROVINCE_CODES)),
    st.integers(0, 9999),
    st.dates(min_value=date(1900, 1, 1), max_value=TODAY),
    st.integers(0, 999),
)
def test_any_generated_id_is_valid_and_a_wrong_check_char_is_not(
    province: int, district: int, born: date, sequence: int
) -> None:
    first17 = f"{province:02d}{district:04d}{born:%Y%m%d}{sequence:03d}"
    check = cn_id_check_char(first17)
    assert is_valid_cn_resident_id(first17 + check, today=TODAY)
    for wrong in set("0123456789X") - {check}:
        assert not is_valid_cn_resident_id(first17 + wrong, today=TODAY)
