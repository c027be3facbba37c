"""Luhn (mod 10) check digits and card-number plausibility (issuer prefixes)."""

from __future__ import annotations

__all__ = ["has_card_iin", "is_luhn_valid", "luhn_check_digit"]

# Issuer identification number ranges of the networks people use in our groups:
# Visa, Mastercard (51-55 and 2221-2720), UnionPay (62), Discover (6011, 644-649, 65),
# JCB (3528-3589), Diners (36, 38, 300-305), Maestro (50, 56-58, 6x), Mir (2200-2204),
# American Express (34, 37).
_IIN_RANGES: tuple[tuple[int, int, int], ...] = (
    (1, 4, 4),
    (2, 50, 59),
    (2, 60, 69),
    (4, 2221, 2720),
    (4, 2200, 2204),
    (4, 3528, 3589),
    (2, 36, 36),
    (2, 38, 38),
    (2, 34, 34),
    (2, 37, 37),
    (3, 300, 305),
)


def luhn_check_digit(partial: str) -> int:
    """The digit that makes ``partial + digit`` pass the Luhn check."""
    total = _luhn_sum(partial + "0")
    return (10 - total % 10) % 10


def is_luhn_valid(number: str) -> bool:
    """True if a string of digits passes the Luhn check."""
    return number.isascii() and number.isdigit() and _luhn_sum(number) % 10 == 0


def has_card_iin(number: str) -> bool:
    """True if the leading digits belong to a card network's issuer range."""
    return any(
        low <= int(number[:width]) <= high
        for width, low, high in _IIN_RANGES
        if len(number) >= width
    )


def _luhn_sum(number: str) -> int:
    total = 0
    for position, char in enumerate(reversed(number)):
        digit = int(char)
        if position % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total
