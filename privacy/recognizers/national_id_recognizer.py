"""ID_NUMBER: national identity numbers beyond China's: India's Aadhaar, Singapore's NRIC/FIN,
South Korea's resident registration number."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern, PatternRecognizer

from privacy.entities import ID_NUMBER
from privacy.recognizers.base import NUMBER_END, NUMBER_START
from privacy.validators.national_ids import is_valid_aadhaar, is_valid_kr_rrn, is_valid_sg_nric

_AADHAAR = "Aadhaar (12 digits, Verhoeff)"
_NRIC = "Singapore NRIC/FIN"
_RRN = "Korean resident registration number"


class BeaconNationalIdRecognizer(PatternRecognizer):
    """Recognize identity numbers members from India, Singapore and Korea post in KYC talk.

    - NRIC/FIN (S/T/F/G/M, 7 digits, check letter): the check letter passes one number in
      eleven and the shape is rare in chat, so a valid one counts on its own.
    - Aadhaar (12 digits, first 2-9, Verhoeff check digit; "2345 6789 0123"): one random
      12-digit number in ten passes, so it needs an Aadhaar word nearby.
    - RRN (YYMMDD-NNNNNNN): a valid birth date and, for numbers issued before late 2020, a
      check digit; a valid check digit counts on its own, otherwise it needs an RRN word.
    """

    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(_NRIC, r"(?<![A-Za-z0-9])[STFGMstfgm][0-9]{7}[A-Za-z](?![A-Za-z0-9])", 0.4),
        Pattern(
            _AADHAAR, NUMBER_START + r"[2-9][0-9]{3}([ \-]?)[0-9]{4}\1[0-9]{4}" + NUMBER_END, 0.3
        ),
        Pattern(
            _RRN,
            NUMBER_START
            + r"[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[ \-]?[1-8][0-9]{6}"
            + NUMBER_END,
            0.3,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = [
        "aadhaar",
        "aadhar",
        "आधार",
        "nric",
        "fin",
        "rrn",
        "resident registration",
        "주민등록번호",
        "주민번호",
        "national id",
        "id number",
        "identity",
        "ic number",
        "kyc",
        "身份证",
        "证件号",
    ]

    def __init__(
        self,
        supported_language: str = "en",
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        supported_entity: str = ID_NUMBER,
    ) -> None:
        super().__init__(
            supported_entity=supported_entity,
            supported_language=supported_language,
            patterns=list(patterns if patterns is not None else self.PATTERNS),
            context=list(context if context is not None else self.CONTEXT),
            global_regex_flags=0,
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        """Check digits: NRIC and pre-2020 RRN certain when valid; Aadhaar stays low."""
        compact = pattern_text.replace(" ", "").replace("-", "")
        if compact[0].isalpha():
            return is_valid_sg_nric(compact)
        if len(compact) == 12:
            return None if is_valid_aadhaar(compact) else False
        return True if is_valid_kr_rrn(compact) else None


__all__ = ["BeaconNationalIdRecognizer"]
