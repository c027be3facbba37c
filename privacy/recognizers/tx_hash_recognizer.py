"""TX_HASH: transaction ids of EVM chains, Bitcoin, TRON and Solana."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import regex as re
from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult

from privacy.context import ContextWords
from privacy.validators.base58 import b58decode

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

__all__ = ["BeaconTxHashRecognizer"]

# Identifiers end where ASCII letters and digits end; Chinese characters are fine neighbours.
_START = r"(?<![0-9A-Za-z])"
_END = r"(?![0-9A-Za-z])"


class BeaconTxHashRecognizer(PatternRecognizer):
    """Recognize transaction hashes: 0x + 64 hex (EVM), 64 hex (BTC, TRON), base58 (Solana).

    A bare 64-hex string is also the shape of a private key, so it scores moderately (0.5) and
    only transaction words nearby (txid, 交易哈希, ...) raise it; the PRIVATE_KEY recognizer wins
    when 私钥/private key is nearby instead.
    """

    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("EVM tx hash (0x + 64 hex)", _START + r"0[xX][0-9a-fA-F]{64}" + _END, 0.5),
        Pattern("tx hash (64 hex)", _START + r"[0-9a-fA-F]{64}" + _END, 0.5),
        # A Solana signature is 64 bytes, i.e. 87 or 88 base58 characters.
        Pattern(
            "Solana signature (base58)",
            _START + r"[1-9A-HJ-NP-Za-km-z]{87,88}" + _END,
            0.5,
        ),
    ]

    CONTEXT: ClassVar[list[str]] = [
        "txid",
        "tx",
        "txhash",
        "tx hash",
        "tx id",
        "hash",
        "transaction",
        "transaction hash",
        "transaction id",
        "signature",
        "etherscan",
        "bscscan",
        "tronscan",
        "solscan",
        "mempool",
        "交易哈希",
        "哈希",
        "哈希值",
        "交易ID",
        "交易id",
        "交易号",
        "交易编号",
        "交易签名",
        "转账记录",
        "区块浏览器",
    ]

    # A 64-hex string next to these words is a private key (the PRIVATE_KEY recognizer's job),
    # unless a transaction word is nearby too.
    KEY_CONTEXT: ClassVar[list[str]] = [
        "private key",
        "private_key",
        "privatekey",
        "privkey",
        "pk",
        "priv key",
        "key",
        "secret",
        "私钥",
        "密钥",
        "秘钥",
    ]

    # A hex digest next to these words is a file checksum or fingerprint ("sha256 of the
    # release apk: ..."), unless a transaction word is nearby too. "hash" alone names both.
    CHECKSUM_CONTEXT: ClassVar[list[str]] = [
        "sha256",
        "sha-256",
        "sha 256",
        "sha3",
        "sha512",
        "sha-512",
        "checksum",
        "checksums",
        "digest",
        "fingerprint",
        "md5",
        "sha256sum",
        "校验",
        "校验和",
        "校验值",
        "校验码",
        "指纹",
    ]
    # Words that name a transaction outright (not just "hash").
    TRANSACTION_CONTEXT: ClassVar[list[str]] = [
        "txid",
        "tx",
        "txhash",
        "transaction",
        "etherscan",
        "bscscan",
        "tronscan",
        "solscan",
        "mempool",
        "交易",
        "转账",
        "充值",
        "提现",
        "提币",
        "到账",
    ]

    CONTEXT_SCORE = 0.85

    def __init__(
        self,
        supported_language: str = "en",
        supported_entity: str = "TX_HASH",
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
    ) -> None:
        context = context if context is not None else list(self.CONTEXT)
        self._context_words = ContextWords(context)
        self._key_words = ContextWords(self.KEY_CONTEXT)
        self._checksum_words = ContextWords(self.CHECKSUM_CONTEXT)
        self._transaction_words = ContextWords(self.TRANSACTION_CONTEXT)
        super().__init__(
            supported_entity=supported_entity,
            patterns=patterns if patterns is not None else list(self.PATTERNS),
            context=context,
            supported_language=supported_language,
            # Case matters for base58, so no IGNORECASE.
            global_regex_flags=re.DOTALL | re.MULTILINE,
        )

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Find hashes; drop those named as keys or file checksums, raise those with a
        transaction word nearby."""
        results: list[RecognizerResult] = super().analyze(
            text, entities, nlp_artifacts, regex_flags
        )
        results = [
            result
            for result in results
            if (
                self._context_words.near(text, result.start, result.end)
                or not self._key_words.near(text, result.start, result.end)
            )
            and (
                self._transaction_words.near(text, result.start, result.end)
                or not self._checksum_words.near(text, result.start, result.end)
            )
        ]
        self._context_words.boost(text, results, self.CONTEXT_SCORE)
        return results

    def invalidate_result(self, pattern_text: str) -> bool:
        """Reject what only looks like a transaction hash.

        Hex: too few distinct digits or decimal only (10^-13 odds for a real hash), or eight
        leading zeros, the proof-of-work mark of a public Bitcoin block hash (2^-32 for a txid).
        Base58: not exactly 64 bytes.
        """
        if len(pattern_text) in (64, 66):
            digits = pattern_text[2:] if pattern_text[:2] in ("0x", "0X") else pattern_text
            return len(set(digits.lower())) < 6 or digits.isdigit() or digits.startswith("00000000")
        decoded = b58decode(pattern_text)
        return decoded is None or len(decoded) != 64
