"""PRIVATE_KEY: raw 64-hex keys (with context), WIF keys, extended private keys, PEM blocks."""

from __future__ import annotations

from hashlib import sha256
from typing import ClassVar

import regex
from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from privacy.context import ContextMatcher, window_tokens
from privacy.entities import PRIVATE_KEY
from privacy.recognizers.base import NOT_AFTER_ALNUM, NOT_BEFORE_ALNUM
from privacy.validators.context import ContextWords

_BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BASE58_INDEX = {char: value for value, char in enumerate(_BASE58_ALPHABET)}
_BASE58 = "[1-9A-HJ-NP-Za-km-z]"
# secp256k1 group order: a private key is an integer in [1, n).
_SECP256K1_ORDER = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141
_WIF_VERSIONS = (0x80, 0xEF)  # mainnet, testnet
_HEX_SCORE = 0.3
_HEX_WITH_CONTEXT_SCORE = 0.95


def base58check_decode(value: str) -> bytes | None:
    """Return the payload of a Base58Check string, or None if the checksum is wrong."""
    number = 0
    for char in value:
        digit = _BASE58_INDEX.get(char)
        if digit is None:
            return None
        number = number * 58 + digit
    leading_zeros = len(value) - len(value.lstrip("1"))
    raw = b"\x00" * leading_zeros + number.to_bytes((number.bit_length() + 7) // 8, "big")
    if len(raw) < 5:
        return None
    payload, checksum = raw[:-4], raw[-4:]
    if sha256(sha256(payload).digest()).digest()[:4] != checksum:
        return None
    return payload


_PEM_ARMOR = regex.compile(r"-----(?:BEGIN|END)[^-]*-----")
_PEM_HEADER_LINE = regex.compile(r"^[A-Za-z\-]+:.*$", regex.MULTILINE)
_BASE64_CHARACTER = regex.compile(r"[A-Za-z0-9+/]")
# A key's base64 body: even an Ed25519 key in PKCS#8 is 64 characters.
_MIN_PEM_BODY = 40


def _pem_has_key_body(block: str) -> bool:
    """True if the block holds base64 key material, not a placeholder ("anything") or
    nothing at all."""
    body = _PEM_HEADER_LINE.sub("", _PEM_ARMOR.sub("", block))
    compact = "".join(body.split())
    encoded = len(_BASE64_CHARACTER.findall(compact))
    return encoded >= _MIN_PEM_BODY and encoded >= 0.9 * len(compact)


class BeaconPrivateKeyRecognizer(PatternRecognizer):
    """Recognize private keys.

    Self-describing formats are certain once validated: WIF (Base58Check, version 0x80/0xEF,
    32-byte key), extended keys (xprv/tprv/yprv/zprv..., Base58Check, 78 bytes) and PEM
    "BEGIN ... PRIVATE KEY" blocks with a base64 body. A bare 64-hex string is just as likely
    a transaction hash, so it scores low unless private-key context (私钥, private key,
    privkey) is near; then it scores above any transaction-hash reading. 64-hex keys written
    in groups ("abcd 1234 ...") match too, as do keys broken into two to four long pieces
    where they were copied; the separators are stripped before validation.
    """

    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "PEM private key block",
            r"-----BEGIN(?: [A-Z0-9]+){0,3} PRIVATE KEY(?: BLOCK)?-----"
            r"[\s\S]{0,8192}?(?:-----END(?: [A-Z0-9]+){0,3} PRIVATE KEY(?: BLOCK)?-----|\Z)",
            1.0,
        ),
        Pattern(
            "WIF private key",
            NOT_AFTER_ALNUM + r"[5KLc9]" + _BASE58 + r"{50,51}+" + NOT_BEFORE_ALNUM,
            0.5,
        ),
        Pattern(
            "extended private key",
            NOT_AFTER_ALNUM + r"[xtyzuvYZUV]prv" + _BASE58 + r"{100,112}+" + NOT_BEFORE_ALNUM,
            0.5,
        ),
        Pattern(
            "64 hex",
            NOT_AFTER_ALNUM + r"(?:0x)?[0-9a-fA-F]{64}+" + NOT_BEFORE_ALNUM,
            _HEX_SCORE,
        ),
        Pattern(
            "64 hex in groups",
            NOT_AFTER_ALNUM
            + r"[0-9a-fA-F]{4,16}+"
            + NOT_BEFORE_ALNUM
            + r"(?:[ \-][0-9a-fA-F]{4,16}+"
            + NOT_BEFORE_ALNUM
            + r"){3,15}+",
            _HEX_SCORE,
        ),
        # Two to four long pieces: a key broken where it was copied or wrapped ("私钥：8ab5...
        # 1d10 f02d...15e9"). Only a 64-digit total validates.
        Pattern(
            "64 hex in pieces",
            NOT_AFTER_ALNUM
            + r"(?:0x)?[0-9a-fA-F]{16,48}+"
            + NOT_BEFORE_ALNUM
            + r"(?:(?:[ \-]|[ \t]*\n[ \t]*)[0-9a-fA-F]{16,48}+"
            + NOT_BEFORE_ALNUM
            + r"){1,3}+",
            _HEX_SCORE,
        ),
    ]
    # A superset of BeaconTxHashRecognizer.KEY_CONTEXT: where that recognizer steps back for a key,
    # this one must step up.
    CONTEXT: ClassVar[list[str]] = [
        "private key",
        "privatekey",
        "private_key",
        "privkey",
        "priv key",
        "prv key",
        "pk",
        "key",
        "secret",
        "wif",
        "secret key",
        "私钥",
        "私匙",
        "私鑰",
        "密钥",
        "秘钥",
    ]

    def __init__(
        self,
        supported_language: str = "en",
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        supported_entity: str = PRIVATE_KEY,
        name: str | None = None,
    ) -> None:
        super().__init__(
            supported_entity=supported_entity,
            name=name or type(self).__name__,
            supported_language=supported_language,
            patterns=list(patterns if patterns is not None else self.PATTERNS),
            context=list(context if context is not None else self.CONTEXT),
            global_regex_flags=0,  # Base58 is case-sensitive
        )
        self._context = ContextMatcher(self.context)
        # The same character window BeaconTxHashRecognizer uses to step back for a key.
        self._nearby = ContextWords(self.context)

    def validate_result(self, pattern_text: str) -> bool | None:
        """Check what can be checked: Base58Check payloads and the secp256k1 key range."""
        if pattern_text.startswith("-----BEGIN"):
            return _pem_has_key_body(pattern_text)
        if pattern_text[1:4] == "prv" and len(pattern_text) > 100:
            payload = base58check_decode(pattern_text)
            return payload is not None and len(payload) == 78
        compact = "".join(pattern_text.split()).replace("-", "")
        if compact[:2].lower() == "0x":
            compact = compact[2:]
        if len(compact) == 64 and all(c in "0123456789abcdefABCDEF" for c in compact):
            # Any 256-bit number in range is a valid key, so this only rules out junk;
            # returning None keeps the low base score.
            return None if 0 < int(compact, 16) < _SECP256K1_ORDER else False
        if len(pattern_text) in (51, 52):
            payload = base58check_decode(pattern_text)
            return (
                payload is not None
                and payload[0] in _WIF_VERSIONS
                and (len(payload) == 33 or (len(payload) == 34 and payload[-1] == 0x01))
            )
        return False

    def enhance_using_context(
        self,
        text: str,
        raw_recognizer_results: list[RecognizerResult],
        other_raw_recognizer_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        """With private-key context, a hex key outranks any transaction-hash reading."""
        for result in raw_recognizer_results:
            if result.score >= _HEX_WITH_CONTEXT_SCORE:
                continue
            window = window_tokens(nlp_artifacts, result.start, result.end, 6, 3)
            word = self._context.find(window + [w.lower() for w in context or ()])
            if not word and self._nearby.near(text, result.start, result.end):
                word = "nearby key word"
            if word:
                result.score = _HEX_WITH_CONTEXT_SCORE
                result.recognition_metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = (
                    True
                )
                if result.analysis_explanation is not None:
                    result.analysis_explanation.set_supportive_context_word(word)
                    result.analysis_explanation.set_improved_score(result.score)
        return raw_recognizer_results


__all__ = ["BeaconPrivateKeyRecognizer", "base58check_decode"]
