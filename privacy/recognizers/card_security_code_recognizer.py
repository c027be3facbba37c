"""BANK_CARD: a card's security code (CVV/CVC, 安全码) given right after its name."""

from __future__ import annotations

from typing import ClassVar

import regex
from presidio_analyzer import Pattern

from privacy.entities import BANK_CARD
from privacy.recognizers.base import NOT_AFTER_ALNUM, NUMBER_END, AnchoredSecretRecognizer

# The names of the code. A bare "security code" or "安全码" also names a site's or an
# exchange's own one-time code (a VERIFICATION_CODE, critical), so English needs a card word in
# the name and Chinese a card word somewhere in the message (`score_match`).
_NAME_EN = (
    r"(?i:cvv2?|cvc2?|cvn2?"
    r"|(?:card|credit[ \t]+card|debit[ \t]+card|amex|visa|mastercard)[ \t]+security[ \t]+code"
    r"|card[ \t]+verification[ \t]+(?:value|code))"
)
_NAME_ZH = r"(?:卡)?安全码|(?:卡片?)?(?:背面|背后)(?:的)?(?:后)?(?:三|3)位(?:数字?|数|码)?"
_CARD_WORDS_ZH = regex.compile(r"卡|(?i:visa|master|amex|cvv|cvc)")
# Between the name and the digits: separators and a filler word or two ("cvv is 318",
# "CVV code: 318", "安全码是318", "cvv2 no. 318"). Anything longer is talk, not a value.
_FILLER = r"(?i:is|was|number|num|no\.?|code|码|是|为|為)"
_BETWEEN = rf"[ \t:：=#\-]*+(?:{_FILLER}[ \t:：=#\-]*+){{0,2}}"
# A number, not a count or a duration ("安全码 120 秒就过期", "cvv 300s", "cvv 404 error").
_UNIT_AFTER = (
    r"(?![ \t]*(?:秒|分钟|分|小时|天|次|位|个|年|元|块|错误|报错"
    r"|(?i:s|secs?|seconds?|mins?|minutes?|hours?|days?|times?|errors?|page)(?![a-z])))"
)
_CODE_END = NUMBER_END + _UNIT_AFTER

# Three digits, four on American Express.
SECURITY_CODE_EN = NOT_AFTER_ALNUM + rf"(?:{_NAME_EN}){_BETWEEN}(?P<secret>[0-9]{{3,4}}){_CODE_END}"
SECURITY_CODE_ZH = rf"(?:{_NAME_ZH}){_BETWEEN}(?P<secret>[0-9]{{3}}){_CODE_END}"


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

    def score_match(self, secret: str, match: regex.Match[str], pattern: Pattern) -> float:
        """In Chinese, "安全码 318" is a card's code only beside a card word."""
        if pattern.regex == SECURITY_CODE_ZH and not _CARD_WORDS_ZH.search(match.string):
            return 0.0
        return super().score_match(secret, match, pattern)

    def invalidate_result(self, pattern_text: str) -> bool | None:
        """ "000"/"123"-style examples and masked values are not a real code."""
        return len(set(pattern_text)) == 1 or pattern_text in _EXAMPLES


# What people type when they explain where the code is, not what it is.
_EXAMPLES = frozenset({"123", "1234"})

# Every match of a pattern above matches this: the fast path relies on it.
SECURITY_CODE_REGEX = regex.compile(f"{SECURITY_CODE_EN}|{SECURITY_CODE_ZH}")

__all__ = ["SECURITY_CODE_REGEX", "BeaconCardSecurityCodeRecognizer"]
