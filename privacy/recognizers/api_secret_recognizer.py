"""API_SECRET: exchange API keys, secret keys and passphrases given after their keyword."""

from __future__ import annotations

from typing import ClassVar

import regex
from presidio_analyzer import Pattern

from privacy.entities import API_SECRET
from privacy.recognizers.base import NOT_AFTER_ALNUM, AnchoredSecretRecognizer, has_mixed_classes

# Every match contains one of these (case-insensitive substrings); the fast path relies on it.
REQUIRED_KEYWORDS: tuple[str, ...] = (
    "api",
    "secret",
    "access",
    "pass",
    "hmac",
    "token",
    "密钥",
    "秘钥",
)
_KEY_KEYWORDS = (
    r"(?i:api[ _-]?(?:key|secret|token)|secret(?:[ _-]?key)?|access[ _-]?key(?:[ _-]?id)?"
    r"|hmac(?:[ _-]?(?:key|secret))?|(?:access|auth|bearer|refresh)[ _-]?token)"
    r"|(?i:api)?[ \t]?(?:密钥|秘钥|私钥串)"
)
# A short qualifier between the keyword and an explicit separator: "passphrase for my okx
# api is ...", "secret key of the bot: ...", "API key (binance) = ...". Without a separator
# after it the words are just talk ("api key for trading is enabled" has no value anyway).
_EXPLICIT_SEPARATOR_AHEAD = r"(?=[ \t]{0,3}(?:[:=]|(?i:is)[ \t]|[是为為]))"
_QUALIFIER = (
    r"(?:[ \t]+(?i:for|of|on|from|in)[ \t]+[^\n:=是为為\"'`]{1,30}?"
    + _EXPLICIT_SEPARATOR_AHEAD
    + r"|[ \t]*[(（][^()（）\n]{1,30}[)）]"
    + _EXPLICIT_SEPARATOR_AHEAD
    + r")?"
)
# Also code and config: api_key="...", "apiKey": '...', BINANCE_SECRET=...
# The value may sit in quotes or brackets: "secret (951AFD3C...)", "api key【...】".
_SEPARATOR = r"[\"']?[ \t]{0,3}(?P<sep>[:=]|(?i:is)(?=[ \t])|[是为為])?[ \t]{0,3}[\"'`(（【]?"
# Exchange keys are long base64/hex/UUID-like strings.
_KEY_VALUE = r"(?P<secret>[A-Za-z0-9_+/=.\-]{16,200}+)"
_PASSPHRASE_VALUE = r"(?P<secret>[!-~]{6,128}+)"


class BeaconApiSecretRecognizer(AnchoredSecretRecognizer):
    """Recognize API keys, API secrets and API passphrases written after their keyword.

    Key and secret values must be long (16+) and contain both letters and digits, as
    exchange-issued keys do; a passphrase is user-chosen, so it is graded like a password.
    """

    ENTITY = API_SECRET
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "api key or secret keyword, value",
            NOT_AFTER_ALNUM + rf"(?:{_KEY_KEYWORDS}){_QUALIFIER}{_SEPARATOR}{_KEY_VALUE}",
            0.85,
        ),
        Pattern(
            "passphrase keyword, value",
            NOT_AFTER_ALNUM
            + r"(?i:(?:api[ _-]?)?pass[ _-]?phrase)"
            + _QUALIFIER
            + r"[ \t]{0,3}(?P<sep>[:=]|(?i:is)(?=[ \t])|[是为])?"
            + r"[ \t]{0,3}"
            + _PASSPHRASE_VALUE,
            0.85,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = [
        "api key",
        "apikey",
        "api secret",
        "secret key",
        "secretkey",
        "access key",
        "passphrase",
        "hmac",
        "access token",
        "密钥",
        "秘钥",
        "API密钥",
    ]

    def score_match(self, secret: str, match: regex.Match[str], pattern: Pattern) -> float:
        """Keys need letters and digits; passphrases are graded like passwords."""
        separator = match.groupdict().get("sep")
        if not pattern.name.startswith("passphrase"):
            has_digit = any(c.isdigit() for c in secret)
            has_letter = any(c.isalpha() for c in secret)
            return pattern.score if has_digit and has_letter else 0.2
        if has_mixed_classes(secret):
            return pattern.score
        return 0.6 if separator in (":", "=") else 0.2


__all__ = ["REQUIRED_KEYWORDS", "BeaconApiSecretRecognizer"]
