"""PRIVATE_KEY: Solana/Phantom secret keys, base58 or as the keypair file's JSON byte array."""

from __future__ import annotations

from typing import ClassVar

import regex
from presidio_analyzer import Pattern, PatternRecognizer

from privacy.entities import PRIVATE_KEY
from privacy.recognizers.base import NOT_AFTER_ALNUM, NOT_BEFORE_ALNUM
from privacy.validators.base58 import b58decode
from privacy.validators.ed25519 import is_ed25519_keypair

_BASE58 = "[1-9A-HJ-NP-Za-km-z]"
_BYTE = r"(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
_BYTE_ARRAY_PATTERN = "keypair JSON byte array (64 numbers)"
# Every byte-array match contains this; the fast path relies on it.
BYTE_ARRAY_START = regex.compile(r"\[\s*[0-9]{1,3}\s*,\s*[0-9]{1,3}\s*,")


class BeaconSolanaKeyRecognizer(PatternRecognizer):
    """Recognize a Solana secret key: 64 bytes, the 32-byte seed then its public key.

    Phantom exports it as 87-88 base58 characters, ``solana-keygen`` as a JSON array of 64
    numbers (``[12,34,...]``). Both are checked: the seed must derive the public key that
    follows it (a transaction signature, also 64 bytes of base58, never does), and then the
    key is certain. A byte array that does not check out is still 64 byte values in a row,
    which only context ("keypair", "private key", 私钥) makes a key.
    """

    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "base58 secret key (64 bytes)",
            NOT_AFTER_ALNUM + _BASE58 + r"{80,88}+" + NOT_BEFORE_ALNUM,
            0.3,
        ),
        Pattern(
            _BYTE_ARRAY_PATTERN,
            rf"\[\s*{_BYTE}(?:\s*,\s*{_BYTE}){{63}}\s*\]",
            0.4,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = [
        "private key",
        "secret key",
        "keypair",
        "key pair",
        "id.json",
        "phantom",
        "solflare",
        "私钥",
        "密钥",
    ]

    def __init__(
        self,
        supported_language: str = "en",
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        supported_entity: str = PRIVATE_KEY,
    ) -> None:
        super().__init__(
            supported_entity=supported_entity,
            supported_language=supported_language,
            patterns=list(patterns if patterns is not None else self.PATTERNS),
            context=list(context if context is not None else self.CONTEXT),
            global_regex_flags=0,  # base58 is case-sensitive
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        """A keypair that checks out is certain; a base58 string that does not is no key."""
        if pattern_text.startswith("["):
            values = bytes(int(v) for v in pattern_text.strip("[] \n\t").split(","))
            return True if is_ed25519_keypair(values) else None
        decoded = b58decode(pattern_text)
        return decoded is not None and is_ed25519_keypair(decoded)


__all__ = ["BYTE_ARRAY_START", "BeaconSolanaKeyRecognizer"]
