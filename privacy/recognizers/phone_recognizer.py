"""PHONE_NUMBER: mainland China mobiles and international numbers, checked with phonenumbers."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import phonenumbers
from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult

from privacy.validators.context import ContextWords

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

__all__ = ["PhoneRecognizer"]

# Not after a letter, digit, sign, decimal point or path ("-13812345678", "0.13812345678"),
# and not followed by more digits or a decimal part ("13812345678.5").
_START = r"(?<![0-9A-Za-z+\-.,_/])"
_END = r"(?![0-9A-Za-z]|[.,][0-9])"


class PhoneRecognizer(PatternRecognizer):
    """Recognize phone numbers people post in chat groups.

    Mainland mobiles (1[3-9] + 9 digits, optional +86/0086, "138 1234 5678", "138-1234-5678")
    and international numbers written with "+" or "00" ("+44 20 7946 0958"). Every candidate
    must be a valid number for libphonenumber. A bare 11-digit mobile keeps a moderate score,
    rises with phone words nearby and is dropped after order/ID words ("订单号13812345678").
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

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Find numbers, drop bare ones named as orders or IDs, raise those near phone words."""
        results: list[RecognizerResult] = super().analyze(
            text, entities, nlp_artifacts, regex_flags
        )
        results = [
            result
            for result in results
            if _has_country_code(text[result.start : result.end])
            or self._context_words.near(text, result.start, result.end)
            or not self._not_phone_words.near(text, result.start, result.end)
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
            return 7 <= len(digits) <= 15 and _is_valid("+" + digits, None)
        return None if _is_valid(digits, "CN") else False


def _has_country_code(pattern_text: str) -> bool:
    return pattern_text.startswith(("+", "00"))


def _is_valid(number: str, region: str | None) -> bool:
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return False
    return bool(phonenumbers.is_valid_number(parsed))
