"""PHONE_NUMBER: mainland China mobiles and international numbers, checked with phonenumbers."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, ClassVar

import phonenumbers
import regex
from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult

from privacy.context import ContextWords
from privacy.recognizers.base import DECIMAL_OR_GROUP_AFTER, is_amount

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

__all__ = ["BeaconPhoneRecognizer", "is_cn_mobile"]

# Not after a letter, digit, sign, decimal point or path ("-13812345678", "0.13812345678"),
# and not followed by more digits or a decimal part ("13812345678.5").
_START = r"(?<![0-9A-Za-z+\-.,_/])"
_END = rf"(?![0-9A-Za-z]|{DECIMAL_OR_GROUP_AFTER})"


class BeaconPhoneRecognizer(PatternRecognizer):
    """Recognize phone numbers people post in chat groups.

    Mainland mobiles (1[3-9] + 9 digits, optional +86/0086, "138 1234 5678", "138-1234-5678"),
    international numbers written with "+" or "00" ("+44 20 7946 0958") and North American
    numbers written with their area code ("(415) 555-2671", which needs a phone word). Every
    candidate must be a valid number for libphonenumber. A bare 11-digit mobile keeps a
    moderate score, rises with phone words nearby and is dropped after order/ID words
    ("订单号13812345678").
    """

    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "CN mobile",
            _START + r"(?:(?:\+|00)86[ \-]?)?1[3-9][0-9](?:[ \-]?[0-9]{4}){2}" + _END,
            0.5,
        ),
        # Groups after the first must start with a separator or "(", so the digits of a run
        # split only one way and a failed match cannot backtrack through many splits. The
        # lookahead wants 7 digits, so a lone "+1" (a vote, a price change) is skipped cheaply.
        Pattern(
            "international (+ or 00)",
            _START
            + r"(?:\+|00)(?=(?:[ .\-()]{0,2}[0-9]){7})[1-9][0-9]{0,14}"
            + r"(?:[ .\-]\(?[0-9]{1,8}\)?|\([0-9]{1,6}\)){0,6}"
            + _END,
            0.4,
        ),
        # North American numbers without "+1": "(415) 555-2671", "415-555-2671". Without a
        # phone word nearby they stay below the line (many ids are written 3-3-4).
        Pattern(
            "North American (area code, 3-3-4)",
            _START
            + r"(?:\([2-9][0-9]{2}\)[ \-]?|[2-9][0-9]{2}[ .\-])[2-9][0-9]{2}[ .\-][0-9]{4}"
            + _END,
            0.4,
        ),
    ]

    CONTEXT: ClassVar[list[str]] = [
        "phone",
        "mobile",
        "cell",
        "tel",
        "call",
        "whatsapp",
        "wechat",
        "signal",
        "contact",
        "number",
        "电话",
        "手机",
        "手机号",
        "号码",
        "联系",
        "联系方式",
        "致电",
        "打给",
        "微信",
        "短信",
    ]

    # Words after which an 11-digit number is an order, account or block number.
    NOT_PHONE_CONTEXT: ClassVar[list[str]] = [
        "order",
        "uid",
        "id",
        "txid",
        "block",
        "height",
        "订单",
        "单号",
        "编号",
        "流水号",
        "区块",
        "高度",
    ]

    CONTEXT_SCORE = 0.85

    def __init__(
        self,
        supported_language: str = "en",
        supported_entity: str = "PHONE_NUMBER",
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
    ) -> None:
        context = context if context is not None else list(self.CONTEXT)
        self._context_words = ContextWords(context)
        self._not_phone_words = ContextWords(self.NOT_PHONE_CONTEXT, before=16, after=0)
        super().__init__(
            supported_entity=supported_entity,
            patterns=patterns if patterns is not None else list(self.PATTERNS),
            context=context,
            supported_language=supported_language,
        )

    def load(self) -> None:
        """Load libphonenumber's metadata for every region now (~50 ms, once per process), and
        compile the patterns of the regions behind national numbers (the 25 regions sharing
        +1, and China), so the first message with such numbers does not pay for it."""
        for region in phonenumbers.SUPPORTED_REGIONS:
            phonenumbers.PhoneMetadata.metadata_for_region(region)
        for region in (*phonenumbers.region_codes_for_country_code(1), "CN"):
            example = phonenumbers.example_number(region)
            if example is not None:
                phonenumbers.is_valid_number(example)

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Find numbers; drop bare ones carrying a unit ("13500000000 sats"), and, without a
        phone word nearby, round ones or ones named as orders or IDs; raise those near phone
        words."""
        results: list[RecognizerResult] = super().analyze(
            text, entities, nlp_artifacts, regex_flags
        )
        results = [
            result
            for result in results
            if _has_country_code(text[result.start : result.end])
            or (
                not is_amount(text, result.start, result.end)
                and (
                    self._context_words.near(text, result.start, result.end)
                    or not (
                        _is_round(text[result.start : result.end])
                        or self._not_phone_words.near(text, result.start, result.end)
                    )
                )
            )
        ]
        self._context_words.boost(text, results, self.CONTEXT_SCORE)
        return results

    def validate_result(self, pattern_text: str) -> bool | None:
        """Valid with a country code: certain. Bare mobile: plausible (None keeps the score)."""
        digits = "".join(char for char in pattern_text if char.isdigit())
        if _has_country_code(pattern_text):
            if pattern_text.startswith("00"):
                digits = digits[2:]
            # E.164 numbers have at most 15 digits; the shortest (Niue, St Helena) have 7.
            return 7 <= len(digits) <= 15 and _is_valid_international(digits)
        if len(digits) == 10:
            return None if _is_valid_national(digits, 1) else False
        return None if _is_valid_national(digits, 86) else False


def _is_round(pattern_text: str) -> bool:
    # "15000000000 tokens": without a phone word, a round number is an amount.
    return pattern_text.endswith("0000")


def _has_country_code(pattern_text: str) -> bool:
    return pattern_text.startswith(("+", "00"))


# Numbers are checked by libphonenumber. A crafted message holds hundreds of candidates, so
# the costs matter: a number without its country code is built directly (parsing a string
# is most of the cost), a Chinese mobile is first matched against libphonenumber's own mobile
# pattern (a match is valid by definition), and results are cached (a repeated number is
# checked once).
def _cn_mobile_pattern() -> regex.Pattern[str]:
    metadata = phonenumbers.PhoneMetadata.metadata_for_region("CN")
    mobile = metadata.mobile if metadata is not None else None
    pattern = mobile.national_number_pattern if mobile is not None else None
    # Without the metadata nothing matches and every number goes to libphonenumber.
    return regex.compile(pattern or r"(?!)")


_CN_MOBILE = _cn_mobile_pattern()


@lru_cache(maxsize=4096)
def _is_valid_national(digits: str, country_code: int) -> bool:
    if country_code == 86 and _CN_MOBILE.fullmatch(digits):
        return True
    number = phonenumbers.PhoneNumber(country_code=country_code, national_number=int(digits))
    return bool(phonenumbers.is_valid_number(number))


@lru_cache(maxsize=4096)
def _is_valid_international(digits: str) -> bool:
    try:
        parsed = phonenumbers.parse("+" + digits, None)
    except phonenumbers.NumberParseException:
        return False
    return bool(phonenumbers.is_valid_number(parsed))


def is_cn_mobile(digits: str) -> bool:
    """True if ``digits`` (digits only, no country code) is a valid mainland mobile number."""
    return len(digits) == 11 and digits.isdigit() and _is_valid_national(digits, 86)
