"""API_SECRET: secrets in code and config (``key="..."``, ``"access_token": "..."``), and
exchange API keys pasted alone."""

from __future__ import annotations

from typing import ClassVar

import regex
from presidio_analyzer import Pattern

from privacy.entities import API_SECRET
from privacy.recognizers.base import (
    NOT_AFTER_ALNUM,
    NOT_BEFORE_ALNUM,
    AnchoredSecretRecognizer,
    is_placeholder,
    shannon_entropy,
)
from privacy.recognizers.password_recognizer import CODE_REFERENCE, reads_as_words

# A name that says its value is a secret: api_key, access_token, client_secret, user_auth,
# credentials, HMAC_KEY, "key"...
SECRET_NAME_WORDS = (
    "key",
    "token",
    "secret",
    "auth",
    "credential",
    "creds",
    "hmac",
    "signature",
    "session",
    "cookie",
    "bearer",
    "private",
)
# Names that hold a secret's metadata, not the secret ("secret_length", "LLM_SECRET_NAME",
# "api_key_id", "MantleAPI_version").
_NOT_SECRET_NAME_PARTS = frozenset(
    {
        "length",
        "len",
        "size",
        "name",
        "names",
        "id",
        "ids",
        "type",
        "types",
        "url",
        "uri",
        "path",
        "file",
        "dir",
        "version",
        "ver",
        "rev",
        "hash",
        "sha",
        "format",
        "mode",
        "prefix",
        "suffix",
        "count",
        "max",
        "min",
        "chars",
        "header",
        "field",
        "env",
        "var",
        "label",
        "region",
        "endpoint",
        "host",
        "expiry",
        "expires",
        "ttl",
        "timeout",
    }
)  # fmt: skip
_NAME = r"[A-Za-z_][A-Za-z0-9_.\-]{0,63}"
_NAMED = rf"(?P<name>{_NAME})"
# key = 'v', key: "v", "key": "v", key="v", ("key", "v") (a getenv default)
_ASSIGN = r"[\"'`]?[ \t]{0,3}(?:[:=]|=>|,)[ \t]{0,3}"
_QUOTED_VALUE = r"(?P<q>[\"'`])(?P<secret>[A-Za-z0-9+/=_\-.~:]{8,200}+)(?P=q)"
_BARE_VALUE = r"(?P<secret>[A-Za-z0-9+/=_\-.~]{16,200}+)(?![A-Za-z0-9+/=_\-.~])"
_GENERIC_NAME = r"(?P<name>[A-Za-z_][A-Za-z0-9_\-]{0,63})"
_BASE64_VALUE = r"(?P<secret>[A-Za-z0-9+/]{20,200}+={0,2})(?![A-Za-z0-9+/=])"
_NAMED_PATTERN = "secret-named field, value"
_ASSIGNED_PATTERN = "field, random base64 value"
_KEY_SHAPE_PATTERN = "exchange API key shape (64 characters)"

# Every match of a pattern below matches this; the fast path relies on it.
ASSIGNMENT_SHAPE = regex.compile(
    r"[A-Za-z0-9_][\"'`]?[ \t]{0,3}[:=,][ \t]{0,3}[\"'`]?"
    r"(?=[A-Za-z0-9+/=_\-.~:]*[0-9])[A-Za-z0-9+/=_\-.~:]{8}"
)
# The parts of a name: "MantleAPI_version" -> Mantle, API, version.
_PIECES = regex.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")
_NON_BASE58 = regex.compile(r"[0OIl]")


class BeaconConfigSecretRecognizer(AnchoredSecretRecognizer):
    """Recognize secrets as code and config files hold them, the way secret scanners do.

    - A field whose name says secret (``api_token``, ``client_secret``, ``user_auth``,
      ``key``) assigned a random-looking value (gitleaks' generic rule);
    - any field assigned a long random base64 value (detect-secrets' high-entropy strings);
    - a 64-character mixed-case key pasted alone, the shape exchanges (Binance) issue.

    Placeholders and documented examples (``YOUR_API_KEY``, ``<api_key>``,
    ``AKIAIOSFODNN7EXAMPLE``), code references (``X25519.secret_length``), metadata fields
    (``secret_length``, ``SECRET_NAME``) and values made of words are not secrets.
    """

    ENTITY = API_SECRET
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            _NAMED_PATTERN,
            rf"(?<![A-Za-z0-9_]){_NAMED}{_ASSIGN}(?:{_QUOTED_VALUE}|{_BARE_VALUE})",
            0.85,
        ),
        Pattern(
            _ASSIGNED_PATTERN,
            rf"(?<![A-Za-z0-9_]){_GENERIC_NAME}[\"'`]?[ \t]{{0,3}}[:=][ \t]{{0,3}}[\"'`]?"
            + _BASE64_VALUE,
            0.7,
        ),
        Pattern(
            _KEY_SHAPE_PATTERN,
            NOT_AFTER_ALNUM + r"(?P<secret>[A-Za-z0-9]{64})" + NOT_BEFORE_ALNUM,
            0.6,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["api key", "secret", "token", "config", "密钥"]

    def score_match(self, secret: str, match: regex.Match[str], pattern: Pattern) -> float:
        """Grade the value as a secret scanner would: random-looking, not a reference."""
        if pattern.name == _KEY_SHAPE_PATTERN:
            return pattern.score if _looks_like_issued_key(secret) else 0.0
        name = match.group("name")
        name_parts = {piece.lower() for piece in _PIECES.findall(name)}
        if name_parts & _NOT_SECRET_NAME_PARTS or CODE_REFERENCE.fullmatch(secret):
            return 0.0
        if reads_as_words(secret):
            return 0.0
        if pattern.name == _NAMED_PATTERN:
            lowered = name.lower()
            if not any(word in lowered for word in SECRET_NAME_WORDS):
                return 0.0
            has_digit = any(c.isdigit() for c in secret)
            has_letter = any(c.isalpha() for c in secret)
            if not (has_digit and has_letter) or shannon_entropy(secret) < 3.0:
                return 0.0
            return pattern.score
        classes = (
            any(c.isupper() for c in secret)
            + any(c.islower() for c in secret)
            + any(c.isdigit() for c in secret)
        )
        if classes < 3 or shannon_entropy(secret) < 4.2:
            return 0.0
        return pattern.score

    def invalidate_result(self, pattern_text: str) -> bool | None:
        """Placeholders and examples are not secrets."""
        return is_placeholder(pattern_text)


def _looks_like_issued_key(value: str) -> bool:
    # Upper, lower and digits drawn at random; a base58 string (an address or signature has
    # no 0, O, I or l) is left to the chain recognizers.
    return (
        any(c.isupper() for c in value)
        and any(c.islower() for c in value)
        and any(c.isdigit() for c in value)
        and _NON_BASE58.search(value) is not None
        and shannon_entropy(value) >= 4.5
        and not reads_as_words(value)
    )


__all__ = ["ASSIGNMENT_SHAPE", "SECRET_NAME_WORDS", "BeaconConfigSecretRecognizer"]
