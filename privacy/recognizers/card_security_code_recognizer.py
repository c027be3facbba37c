"""BANK_CARD: a card's security code (CVV/CVC, 安全码) given right after its name."""

from __future__ import annotations

from typing import ClassVar

import regex
from presidio_analyzer import Pattern

from privacy.entities import BANK_CARD
from privacy.recognizers.base import NOT_AFTER_ALNUM, AnchoredSecretRecognizer

# The names of the code. In Chinese "安全码" also names an exchange's own security code, which
# is four or more digits (a VERIFICATION_CODE); a card's is three.
_NAME_EN = (
    r"(?i:cvv2?|cvc2?|cvn2?|csc|(?:card[ \t]+)?security[ \t]+code"
    r"|card[ \t]+verification[ \t]+(?:value|code))"
)
_NAME_ZH = r"(?:卡)?安全码|(?:卡片?)?(?:背面|背后)(?:的)?(?:后)?(?:三|3)位(?:数字?|数|码)?"
# Between the name and the digits: separators and a filler word or two ("cvv is 318",
# "CVV code: 318", "安全码是318", "cvv2 no. 318"). Anything longer is talk, not a value.
_FILLER = r"(?i:is|was|number|num|no\.?|code|码|是|为|為)"
_BETWEEN = rf"[ \t:：=#\-]*+(?:{_FILLER}[ \t:：=#\-]*+){{0,2}}"
# Not part of a longer number or a decimal.
_NUMBER_END = r"(?![0-9]|\.[0-9])"

# Three digits, four on American Express.
SECURITY_CODE_EN = (
    NOT_AFTER_ALNUM + rf"(?:{_NAME_EN}){_BETWEEN}(?P<secret>[0-9]{{3,4}}){_NUMBER_END}"
)
SECURITY_CODE_ZH = rf"(?:{_NAME_ZH}){_BETWEEN}(?P<secret>[0-9]{{3}}){_NUMBER_END}"


class BeaconCardSecurityCodeRecognizer(AnchoredSecretRecognizer):
    """Recognize the 3-4 digit security code on the back of a payment card.

    With the card number it is all a thief needs to pay online, and three digits are
    everywhere in chat, so only digits written right after the code's name count. Reported
    as BANK_CARD: to the member it is part of their card details.
    """

    ENTITY = BANK_CARD
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("CVV/CVC, 3-4 digits", SECURITY_CODE_EN, 0.85),
        Pattern("安全码, 3 digits", SECURITY_CODE_ZH, 0.85),
    ]
    CONTEXT: ClassVar[list[str]] = ["cvv", "cvc", "security code", "安全码"]

    def invalidate_result(self, pattern_text: str) -> bool | None:
        """ "000"/"123"-style examples and masked values are not a real code."""
        return len(set(pattern_text)) == 1 or pattern_text in _EXAMPLES


# What people type when they explain where the code is, not what it is.
_EXAMPLES = frozenset({"123", "1234"})

# Every match of a pattern above matches this: the fast path relies on it.
SECURITY_CODE_REGEX = regex.compile(f"{SECURITY_CODE_EN}|{SECURITY_CODE_ZH}")

__all__ = ["SECURITY_CODE_REGEX", "BeaconCardSecurityCodeRecognizer"]
