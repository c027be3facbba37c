"""Chinese resident identity numbers (GB 11643-1999): region, birth date, ISO 7064 MOD 11-2."""

from __future__ import annotations

from datetime import date

__all__ = ["PROVINCE_CODES", "cn_id_check_char", "is_valid_cn_resident_id"]

# First two digits: provinces, autonomous regions and municipalities (GB/T 2260), plus
# 81/82/83 for residence permits of Hong Kong, Macao and Taiwan residents.
PROVINCE_CODES = frozenset(
    {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46}
    | {50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83}
)
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"


def cn_id_check_char(first17: str) -> str:
    """The 18th character for the first 17 digits (ISO 7064 MOD 11-2)."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def is_valid_cn_resident_id(number: str, today: date | None = None) -> bool:
    """True if an 18-character ID has a known region, a real past birth date and its check digit."""
    if len(number) != 18 or not number[:17].isascii() or not number[:17].isdigit():
        return False
    if int(number[:2]) not in PROVINCE_CODES:
        return False
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    if born.year < 1900 or born > (today or date.today()):
        return False
    return cn_id_check_char(number[:17]) == number[17].upper()
