"""VERIFICATION_CODE: the setup key of an authenticator (TOTP/2FA secret), base32 or otpauth://."""

from __future__ import annotations

from typing import ClassVar

import regex
from presidio_analyzer import Pattern, PatternRecognizer

from privacy.entities import VERIFICATION_CODE
from privacy.recognizers.base import NOT_AFTER_ALNUM, NOT_BEFORE_ALNUM, is_placeholder

_GROUPS_PATTERN = "base32 in groups of four"
# Every match of a pattern below matches this; the fast path relies on it.
TOTP_KEY_SHAPE = regex.compile(
    r"otpauth://"
    r"|(?<![A-Za-z0-9])(?=[A-Z2-7 \-]{0,80}[2-7])(?:[A-Z2-7]{4}[ \-]){3}[A-Z2-7]{4}"
    r"|(?<![A-Za-z0-9])(?=[a-z2-7 \-]{0,80}[2-7])(?:[a-z2-7]{4}[ \-]){3}[a-z2-7]{4}"
    r"|(?<![A-Za-z0-9])(?=[A-Z2-7]{0,32}[2-7])[A-Z2-7]{16}"
)
_DIGIT = regex.compile(r"[2-7]")
_LETTER = regex.compile(r"[A-Za-z]")


class BeaconTotpKeyRecognizer(PatternRecognizer):
    """Recognize the secret behind a member's 2FA codes, as an authenticator shows it.

    Whoever holds it makes the member's codes forever, so it is critical, reported with the
    codes (VERIFICATION_CODE). Shapes: an ``otpauth://`` URI with its ``secret=``; base32 in
    groups of four as Google Authenticator shows it ("xl3m fzuz z5ia 56gq ..."); 16-32
    base32 characters in one piece as exchanges show it ("JBSWY3DPEHPK3PXP"). Groups holding
    digits 2-7 read as a key on their own; letters alone ("that with have from") or one
    piece need a 2FA word nearby; without a digit 2-7 it is not a key.
    """

    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("otpauth URI", r"otpauth://[th]otp/[^\s]{0,200}?[?&]secret=[A-Za-z2-7=]{16,}", 1.0),
        Pattern(
            _GROUPS_PATTERN,
            NOT_AFTER_ALNUM
            + r"(?:[A-Z2-7]{4}(?:[ \-][A-Z2-7]{4}){3,15}+|[a-z2-7]{4}(?:[ \-][a-z2-7]{4}){3,15}+)"
            + NOT_BEFORE_ALNUM,
            0.4,
        ),
        Pattern(
            "base32, one piece",
            NOT_AFTER_ALNUM + r"(?:[A-Z2-7]{32}|[A-Z2-7]{26}|[A-Z2-7]{16})=*" + NOT_BEFORE_ALNUM,
            0.3,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = [
        "2fa",
        "mfa",
        "totp",
        "otp",
        "authenticator",
        "google auth",
        "setup key",
        "secret key",
        "backup key",
        "recovery key",
        "16-digit key",
        "谷歌验证",
        "谷歌验证器",
        "身份验证器",
        "密钥",
        "备份密钥",
        "二次验证",
    ]

    def __init__(
        self,
        supported_language: str = "en",
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        supported_entity: str = VERIFICATION_CODE,
    ) -> None:
        super().__init__(
            supported_entity=supported_entity,
            supported_language=supported_language,
            patterns=list(patterns if patterns is not None else self.PATTERNS),
            context=list(context if context is not None else self.CONTEXT),
            global_regex_flags=0,
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        """Grouped base32 with digits and letters is a key; placeholders are not."""
        if pattern_text.startswith("otpauth"):
            return True
        compact = regex.sub(r"[ \-=]", "", pattern_text)
        # Base32 of random bytes without a single digit is rare (under 4% at 16 characters);
        # letters alone are words ("dead beef cafe babe", "THIS WILL HAVE BEEN").
        if is_placeholder(compact) or not _LETTER.search(compact) or not _DIGIT.search(compact):
            return False
        if " " in pattern_text or "-" in pattern_text:
            digits = len(_DIGIT.findall(compact))
            # Base32 of random bytes: about a fifth of the characters are digits.
            return True if digits >= 2 and len(compact) >= 16 else None
        return None


__all__ = ["TOTP_KEY_SHAPE", "BeaconTotpKeyRecognizer"]
