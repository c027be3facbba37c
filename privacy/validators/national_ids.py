"""Check digits of national identity numbers: India's Aadhaar (Verhoeff), Singapore's
NRIC/FIN (weighted letter), South Korea's resident registration number (weighted MOD 11)."""

from __future__ import annotations

__all__ = ["is_valid_aadhaar", "is_valid_kr_rrn", "is_valid_sg_nric"]

# Verhoeff's dihedral-group tables (multiplication, permutation).
_D = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 2, 3, 4, 0, 6, 7, 8, 9, 5),
    (2, 3, 4, 0, 1, 7, 8, 9, 5, 6),
    (3, 4, 0, 1, 2, 8, 9, 5, 6, 7),
    (4, 0, 1, 2, 3, 9, 5, 6, 7, 8),
    (5, 9, 8, 7, 6, 0, 4, 3, 2, 1),
    (6, 5, 9, 8, 7, 1, 0, 4, 3, 2),
    (7, 6, 5, 9, 8, 2, 1, 0, 4, 3),
    (8, 7, 6, 5, 9, 3, 2, 1, 0, 4),
    (9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
)
_P = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 5, 7, 6, 2, 8, 3, 0, 9, 4),
    (5, 8, 0, 3, 7, 9, 6, 1, 4, 2),
    (8, 9, 1, 6, 0, 4, 3, 5, 2, 7),
    (9, 4, 5, 3, 1, 2, 6, 8, 7, 0),
    (4, 2, 8, 6, 5, 7, 3, 9, 0, 1),
    (2, 7, 9, 3, 8, 0, 6, 4, 1, 5),
    (7, 0, 4, 6, 9, 1, 3, 2, 5, 8),
)


def is_valid_aadhaar(digits: str) -> bool:
    """12 digits, not starting with 0 or 1, with a valid Verhoeff check digit."""
    if len(digits) != 12 or not digits.isdigit() or digits[0] in "01":
        return False
    check = 0
    for position, digit in enumerate(reversed(digits)):
        check = _D[check][_P[position % 8][int(digit)]]
    return check == 0


_NRIC_WEIGHTS = (2, 7, 6, 5, 4, 3, 2)
_NRIC_LETTERS = {"S": "JZIHGFEDCBA", "T": "JZIHGFEDCBA", "F": "XWUTRQPNMLK", "G": "XWUTRQPNMLK"}
_FIN_M_LETTERS = "XWUTRQPNJLK"


def is_valid_sg_nric(value: str) -> bool:
    """S/T (citizens) or F/G/M (foreigners) + 7 digits + check letter."""
    value = value.upper()
    if len(value) != 9 or value[0] not in "STFGM" or not value[1:8].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(value[1:8], _NRIC_WEIGHTS, strict=True))
    if value[0] in "TG":
        total += 4
    elif value[0] == "M":
        total += 3
        return _FIN_M_LETTERS[10 - total % 11] == value[8]
    return _NRIC_LETTERS[value[0]][total % 11] == value[8]


_RRN_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)


def is_valid_kr_rrn(digits: str) -> bool:
    """YYMMDD + gender/century digit + 6 digits, with the MOD 11 check digit (numbers issued
    before October 2020 carry it)."""
    if len(digits) != 13 or not digits.isdigit():
        return False
    month, day = int(digits[2:4]), int(digits[4:6])
    if not (1 <= month <= 12 and 1 <= day <= 31) or digits[6] not in "1234567890":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:12], _RRN_WEIGHTS, strict=True))
    return (11 - total % 11) % 10 == int(digits[12])
