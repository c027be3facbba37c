"""Check digits of Aadhaar, NRIC/FIN and Korean RRN: published examples and near misses."""

from __future__ import annotations

import pytest

from privacy.validators.national_ids import is_valid_aadhaar, is_valid_kr_rrn, is_valid_sg_nric

CASES = [
    ("aadhaar valid", is_valid_aadhaar, "234123412346", True),
    ("aadhaar one digit off", is_valid_aadhaar, "234123412345", False),
    ("aadhaar starting with 1", is_valid_aadhaar, "123456789012", False),
    ("aadhaar too short", is_valid_aadhaar, "23412341234", False),
    ("nric S valid", is_valid_sg_nric, "S1234567D", True),
    ("nric S wrong letter", is_valid_sg_nric, "S1234567A", False),
    ("fin G valid", is_valid_sg_nric, "G1234567X", True),
    ("nric lower case", is_valid_sg_nric, "s1234567d", True),
    ("nric wrong prefix", is_valid_sg_nric, "A1234567D", False),
    ("rrn valid", is_valid_kr_rrn, "9601211021413", True),
    ("rrn check digit off", is_valid_kr_rrn, "9601211021414", False),
    ("rrn month 13", is_valid_kr_rrn, "9613211021413", False),
]


@pytest.mark.parametrize(("name", "check", "value", "valid"), CASES, ids=[c[0] for c in CASES])
def test_check_digit(name: str, check: object, value: str, valid: bool) -> None:
    assert callable(check)
    assert check(value) is valid
