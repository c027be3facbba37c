"""BANK_CARD: payment card numbers (UnionPay, Visa, Mastercard, ...), Luhn-validated."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult

from privacy.context import ContextWords
from privacy.recognizers.base import DECIMAL_OR_GROUP_AFTER
from privacy.recognizers.id_number_recognizer import BeaconIdNumberRecognizer
from privacy.validators.cn_id import is_valid_cn_resident_id
from privacy.validators.luhn import has_card_iin, is_luhn_valid

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

__all__ = ["BeaconBankCardRecognizer"]

# Not inside a longer number or a decimal ("0.6222..."), not followed by more digits.
_START = r"(?<![0-9A-Za-z.,])"
_END = rf"(?![0-9A-Za-z]|{DECIMAL_OR_GROUP_AFTER})"


class BeaconBankCardRecognizer(PatternRecognizer):
    """Recognize 16-19 digit card numbers (15 for Amex), bare or grouped with spaces or dashes.

    Only numbers with a card network's issuer prefix that pass the Luhn check are reported,
    so order numbers and millisecond timestamps are not; a Luhn-valid number right after an
    order word ("订单号") is dropped unless a card word is also nearby. An 18-digit number that
    is also a valid resident ID (one in ten IDs passes Luhn) is left to ID_NUMBER unless a card
    word, and no ID word, is nearby.
    """

    PATTERNS: ClassVar[list[Pattern]] = [
        # Four groups of exactly four digits, then up to three more: each digit run splits
        # one way only, so a failed match backtracks at most three steps.
        Pattern(
            "card number (16-19 digits)",
            _START + r"[0-9]{4}(?:[ \-]?[0-9]{4}){3}(?:[ \-]?[0-9]{1,3})?" + _END,
            0.3,
        ),
        # American Express: 15 digits, written 4-6-5 (or 4-4-4-3).
        Pattern(
            "Amex card number (15 digits)",
            _START
            + r"3[47][0-9]{2}(?:[ \-]?[0-9]{6}[ \-]?[0-9]{5}|(?:[ \-][0-9]{4}){2}[ \-][0-9]{3})"
            + _END,
            0.3,
        ),
    ]

    CONTEXT: ClassVar[list[str]] = [
        "card",
        "bank",
        "debit",
        "credit",
        "visa",
        "mastercard",
        "unionpay",
        "amex",
        "american express",
        "account",
        "银行卡",
        "银行",
        "卡号",
        "储蓄卡",
        "信用卡",
        "借记卡",
        "银联",
        "开户行",
        "收款账户",
    ]

    NOT_CARD_CONTEXT: ClassVar[list[str]] = ["order", "订单", "单号", "流水号", "txid"]

    def __init__(
        self,
        supported_language: str = "en",
        supported_entity: str = "BANK_CARD",
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
    ) -> None:
        context = context if context is not None else list(self.CONTEXT)
        self._card_words = ContextWords(context)
        self._not_card_words = ContextWords(self.NOT_CARD_CONTEXT, before=16, after=0)
        self._id_words = ContextWords(BeaconIdNumberRecognizer.CONTEXT)
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
        """Find card numbers; drop those named as order numbers, and resident IDs."""
        results: list[RecognizerResult] = super().analyze(
            text, entities, nlp_artifacts, regex_flags
        )
        return [
            result
            for result in results
            if (
                self._card_words.near(text, result.start, result.end)
                or not self._not_card_words.near(text, result.start, result.end)
            )
            and not self._is_resident_id(text, result)
        ]

    def _is_resident_id(self, text: str, result: RecognizerResult) -> bool:
        digits = text[result.start : result.end].replace(" ", "").replace("-", "")
        if not is_valid_cn_resident_id(digits):
            return False
        return self._id_words.near(text, result.start, result.end) or not self._card_words.near(
            text, result.start, result.end
        )

    def validate_result(self, pattern_text: str) -> bool:
        """Luhn check and issuer prefix on the digits (separators removed)."""
        digits = pattern_text.replace(" ", "").replace("-", "")
        if len(digits) == 15:
            return digits[:2] in ("34", "37") and is_luhn_valid(digits)
        return 16 <= len(digits) <= 19 and has_card_iin(digits) and is_luhn_valid(digits)
